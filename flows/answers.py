"""Typed answers: which choice, command or yes/no a typed reply means. Words live in data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Final, Literal

from dictionaries.data_files import packaged_yaml
from flows.messages import Choice, Command
from flows.text import head, normalise, strip_endings

YesNo = Literal["yes", "no", "unknown"]


def _load() -> dict[str, Any]:
    data: dict[str, Any] = packaged_yaml("flows", "data/answers.yaml")
    return data


_DATA: Final = _load()
_ENDINGS: Final[tuple[str, ...]] = tuple(
    sorted((normalise(e) for e in _DATA["endings"]), key=len, reverse=True)
)


def _forms(text: str) -> set[str]:
    """The normal form of a reply, with and without its endings (「母です」 → 母です, 母)."""
    norm = normalise(text)
    return {norm, strip_endings(norm, _ENDINGS)}


def _words(items: Sequence[str]) -> frozenset[str]:
    return frozenset(form for item in items for form in _forms(str(item)))


_COMMANDS: Final = {Command(k): _words(v) for k, v in _DATA["commands"].items()}
_FINISH: Final = _words(_DATA["finish_concern"])
_YES_NO: Final[dict[YesNo, frozenset[str]]] = {
    "yes": _words(_DATA["yes"]), "no": _words(_DATA["no"]), "unknown": _words(_DATA["unknown"])
}
_YES_ANYWHERE: Final = tuple(normalise(w) for w in _DATA["yes_anywhere"])
_UNCLEAR: Final = _words(_DATA["unclear"])
_THANKS: Final = _words(_DATA["thanks"])
_GREETINGS: Final = _words(_DATA["greetings"])
_ALIASES: Final = {
    key: {str(choice): _words(words) for choice, words in table.items()}
    for key, table in _DATA["aliases"].items()
}
_YES_NO_CHOICES: Final[dict[str, dict[str, str]]] = _DATA["yes_no"]
_AGE_WORDS: Final = {age: _words(words) for age, words in _DATA["age_words"].items()}


def command(text: str) -> Command | None:
    forms = _forms(text)
    return next((c for c, words in _COMMANDS.items() if forms & words), None)


def finishes_concern(text: str) -> bool:
    return bool(_forms(text) & _FINISH)


def is_thanks(text: str) -> bool:
    return bool(_forms(text) & _THANKS)


def is_greeting(text: str) -> bool:
    return bool(_forms(text) & _GREETINGS)


def is_unclear(text: str) -> bool:
    return bool(_forms(text) & _UNCLEAR)


def yes_no(text: str) -> YesNo | None:
    norm = normalise(text)
    if any(word in norm for word in _YES_ANYWHERE):
        return "yes"
    if _forms(text) & _UNCLEAR:
        return None
    forms = _forms(text) | _forms(head(norm))
    return next((kind for kind, words in _YES_NO.items() if forms & words), None)


def nth_choice(text: str, choices: Sequence[Choice]) -> str | None:
    """「1」「２」「3番」: the nth offered choice."""
    match = _NTH.fullmatch(normalise(text))
    if match is None:
        return None
    index = int(match.group(1)) - 1
    return choices[index].id if 0 <= index < len(choices) else None


def match_choice(key: str, text: str, choices: Sequence[Choice]) -> str | None:
    """The id of the choice a typed reply to question `key` picks, or None."""
    offered = {c.id for c in choices}
    by_number = nth_choice(text, choices)
    if by_number is not None:
        return by_number
    forms = _forms(text)
    for choice in choices:
        if forms & _forms(choice.label):
            return choice.id
    for choice_id, words in _ALIASES.get(key, {}).items():
        if choice_id in offered and forms & words:
            return choice_id
    kind = yes_no(text)
    picked = _YES_NO_CHOICES.get(key, {}).get(kind) if kind else None
    return picked if picked in offered else None


def alias_match(key: str, text: str) -> str | None:
    """The choice id of question `key` whose aliases include `text` (for tagger slots)."""
    forms = _forms(text)
    return next((c for c, words in _ALIASES.get(key, {}).items() if forms & words), None)


_NUMBERS: Final[dict[str, Any]] = _DATA["numbers"]


def _either(words: list[str]) -> str:
    return "|".join(map(re.escape, words))


_NTH: Final = re.compile(r"(\d{1,2})(" + _either(_NUMBERS["nth_suffixes"]) + ")?")
_DIGITS: Final[str] = _NUMBERS["kanji_digits"]
_TEN: Final[str] = _NUMBERS["kanji_ten"]
_HUNDRED: Final[str] = _NUMBERS["kanji_hundred"]
_KANJI_NUMBER: Final = re.compile(f"{_HUNDRED}?[{_DIGITS}]?{_TEN}?[{_DIGITS}]?")
_AGE: Final = re.compile(
    r"(\d{1,3})(" + _either([_NUMBERS["decade_unit"], *_NUMBERS["age_units"]]) + ")"
)


def age_in_years(years: str) -> str | None:
    """An age group from a bare number of years (a tagger's `age` slot)."""
    return age_group(years + _NUMBERS["age_units"][0], ())


def _digit(kanji: str, default: int) -> int:
    return _DIGITS.index(kanji) + 1 if kanji and kanji in _DIGITS else default


def _kanji_value(kanji: str) -> int:
    """八十 → 80, 九十五 → 95, 百 → 100: enough for ages."""
    total = 0
    if kanji.startswith(_HUNDRED):
        total, kanji = 100, kanji[1:]
    if _TEN in kanji:
        tens, _, kanji = kanji.partition(_TEN)
        total += _digit(tens, 1) * 10
    return total + _digit(kanji, 0)


def _kanji_number(text: str) -> str:
    return _KANJI_NUMBER.sub(lambda m: str(_kanji_value(m[0])) if m[0] else "", text)


def age_group(text: str, ids: Sequence[str]) -> str | None:
    """「80代」「85歳」「八十代」「赤ちゃん」 → an age-group id, or an id given as is."""
    norm = normalise(text)
    if norm in ids:
        return norm
    forms = _forms(text)
    for group, words in _AGE_WORDS.items():
        if forms & words:
            return str(group)
    match = _AGE.search(_kanji_number(unicodedata.normalize("NFKC", norm)))
    if match is None:
        return None
    years = int(match.group(1))
    if years >= 90:
        return "90s_plus"
    if years < 10:
        return "under_10"
    return f"{years // 10 * 10}s"


def phone_number(text: str) -> str | None:
    """A Japanese phone number as digits (「090-1234-5678」「+81 90…」 → 09012345678), or None."""
    digits = re.sub(r"[\s\-‐－ー―−()（）]", "", unicodedata.normalize("NFKC", text))
    digits = re.sub(r"^\+?81", "0", digits) if re.match(r"^\+?81\d{9,10}$", digits) else digits
    # Mobile and IP numbers (070/080/090/050) have 11 digits, all others 10.
    return digits if re.fullmatch(r"0[5789]0\d{8}|0(?![5789]0)\d{9}", digits) else None


def format_phone(digits: str) -> str:
    """09012345678 → 090-1234-5678, 0764441234 → 076-444-1234, for reading back to a person."""
    if len(digits) == 11:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if len(digits) == 10 and digits.startswith("0120"):
        return f"{digits[:4]}-{digits[4:7]}-{digits[7:]}"
    if len(digits) == 10 and digits.startswith("076"):  # Toyama: 076-XXX-XXXX
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return digits


_DURATIONS: Final[dict[str, Any]] = _DATA["durations"]


def is_long(duration: str) -> bool:
    """Six months or more: 「3年」「半年」「8か月」 are, 「2週間」「3か月」 are not."""
    text = unicodedata.normalize("NFKC", duration)
    if any(text.endswith(unit) for unit in _DURATIONS["year_units"]):
        return True
    for unit in _DURATIONS["month_units"]:
        if text.endswith(unit):
            amount = _kanji_number(text[: -len(unit)])
            return amount.isdigit() and int(amount) >= int(_DURATIONS["long_months"])
    return False
