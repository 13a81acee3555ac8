"""Details in a concern: age and age group, relation, duration, 地区, household, pregnancy.

Word lists live in `data/slots.yaml`; numbers are read here. Everything runs on the folded text
(see textfold), so 85歳, ８５歳 and 八十五歳 read alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dictionaries.patternset import PatternSet, grams_of
from dictionaries.textfold import fold_pattern

SLOTS_FILE = Path(__file__).with_name("data") / "slots.yaml"

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                 "八": 8, "九": 9}
_NUM = r"[0-9]{1,3}|[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_AGE = re.compile(
    rf"(?P<age>{_NUM})\s*(?:歳|才|さい)"
    rf"|(?P<decade>{_NUM})\s*代"
    rf"|[(\[](?P<paren>[1-9][0-9])[)\]]"
    rf"|(?P<bare>[1-9]0)(?:の|歳代)(?=[^0-9])"
)
_DURATION = re.compile(
    rf"(?P<n>{_NUM}|何|数|十数|半)\s*(?P<unit>年|ヶ月|か月|ヵ月|かげつ|カ月|週間|日間|日)"
    r"(?P<tail>間|以上|も|近く|ほど|くらい|ぐらい|目|になる|になります|経つ|たつ)?"
)


_NUMBER_CHARS = frozenset("0123456789〇一二三四五六七八九十何数半")


def kanji_number(text: str) -> int | None:
    """0-99 written in ASCII digits or kanji numerals (八十五, 十, 三)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _KANJI_DIGITS.get(tens, 1) * 10 + _KANJI_DIGITS.get(ones, 0) if ones else (
            _KANJI_DIGITS.get(tens, 1) * 10)
    return _KANJI_DIGITS.get(text)


def age_group_of(age: int) -> str:
    return f"{age // 10 * 10}代" if age >= 10 else "10歳未満"


_Typed = tuple[re.Pattern[str], str, str]  # pattern on the text as typed, slot, value


@dataclass(frozen=True)
class SlotReader:
    # One set for all word slots, so a text is prefiltered once; payload (slot, value).
    words: PatternSet[tuple[str, str]]
    # Words only their katakana tells apart (ママ, まま), and one pattern on the folded text
    # that every match of theirs also matches: most texts need no second, unfolded look.
    as_typed: tuple[_Typed, ...] = ()
    as_typed_guard: re.Pattern[str] | None = None

    @classmethod
    def load(cls, path: Path = SLOTS_FILE) -> SlotReader:
        with path.open(encoding="utf-8") as fh:
            data: dict[str, Any] = yaml.safe_load(fh)
        districts = data["districts"]
        suffix = fold_pattern(districts["suffix"])
        words: PatternSet[tuple[str, str]] = PatternSet()
        for slot in ("relation", "household", "age_words"):
            for value, patterns in data[slot].items():
                for p in patterns:
                    words.add(fold_pattern(p), (slot, value))
        for p in data["pregnancy"]:
            words.add(fold_pattern(p), ("pregnancy", "yes"))
        # Longer names first, so that 水橋北 wins over 水橋 at the same position.
        for name in sorted(districts["distinctive"], key=len, reverse=True):
            words.add(re.escape(fold_pattern(name)), ("district", name))
        for name in sorted(districts["needs_suffix"], key=len, reverse=True):
            words.add(f"{re.escape(fold_pattern(name))}(?={suffix})", ("district", name))
        typed = [(p, slot, value) for slot, values in data.get("as_typed", {}).items()
                 for value, patterns in values.items() for p in patterns]
        guard = "|".join(f"(?:{fold_pattern(p)})" for p, _, _ in typed)
        return cls(words=words,
                   as_typed=tuple((re.compile(p), slot, value) for p, slot, value in typed),
                   as_typed_guard=re.compile(guard) if guard else None)

    def read(self, text: str, folded: str, grams: AbstractSet[str] | None = None
             ) -> dict[str, str]:
        """The slots of `text`, read on `folded`, its folded form (see textfold)."""
        grams = grams_of(folded) if grams is None else grams
        slots: dict[str, str] = {}
        firsts: dict[str, tuple[int, str]] = {}  # slot -> (position, value), leftmost wins
        for _, regex, (slot, value) in self.words.candidates(folded, grams):
            m = regex.search(folded)
            if m and (slot not in firsts or m.start() < firsts[slot][0]):
                firsts[slot] = (m.start(), value)
        if self.as_typed_guard is not None and self.as_typed_guard.search(folded):
            as_typed = unicodedata.normalize("NFKC", text)  # as long as `folded`, nearly always
            for regex, slot, value in self.as_typed:
                m = regex.search(as_typed)
                if m and (slot not in firsts or m.start() < firsts[slot][0]):
                    firsts[slot] = (m.start(), value)
        if not _NUMBER_CHARS.isdisjoint(folded):
            self._age(folded, slots)
            m = _DURATION.search(folded)
            if m:
                slots["duration"] = m.group("n") + m.group("unit")
        if "age" not in slots and "age_group" not in slots and "age_words" in firsts:
            slots["age_group"] = firsts["age_words"][1]
        for slot in ("relation", "household", "district", "pregnancy"):
            if slot in firsts:
                slots[slot] = firsts[slot][1]
        return slots

    def _age(self, folded: str, slots: dict[str, str]) -> None:
        for m in _AGE.finditer(folded):
            if m.group("age"):
                age = kanji_number(m.group("age"))
                if age is not None and age < 120:
                    slots["age"] = str(age)
                    slots["age_group"] = age_group_of(age)
                    return
            elif m.group("decade"):
                decade = kanji_number(m.group("decade"))
                if decade is not None and decade % 10 == 0 and 10 <= decade < 120:
                    slots["age_group"] = f"{decade}代"
                    return
            else:
                raw = m.group("paren") or m.group("bare")
                age = int(raw)
                if 10 <= age < 110:
                    if m.group("paren"):
                        slots["age"] = str(age)
                    slots["age_group"] = age_group_of(age)
                    return

