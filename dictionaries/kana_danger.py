"""Danger signs in writing the danger patterns do not expect.

A message written all in kana (a child, an older person, a phone without conversion, half-width
katakana): the danger patterns are written with kanji (遺書, 包丁, 倒れ), so each also gets a kana
variant whose kanji runs may be read as kana (いしょ, ほうちょう, たおれ); the readings come from
Sudachi once per pattern, the first time a kana-only text is seen. A message whose words are
spaced (母が　転んで　起き上がれない, いきが できない) is matched with its spaces dropped.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from sudachipy import SplitMode

from dictionaries.lexicon import DANGER, Lexicon, Pattern, Rule
from dictionaries.patternset import PatternSet
from dictionaries.sudachi_dictionary import open_dictionary
from dictionaries.telling import danger_as_told

_KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff々]")
_KANJI_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff々]+")
_KANA = re.compile("[\u3041-\u3096ー]")
_HIRAGANA = re.compile("[\u3041-\u3096ー]+")
_SPACES = re.compile("[ \u3000\t]+")
# A text counts as written in kana when at most this share of its kana and kanji are kanji.
_KANJI_SHARE = 0.1
_MIN_KANA = 4

Reading = Callable[[str], str]
Found = tuple[Rule, str, int, int]  # as matcher.PatternMatch: rule, words, start, end


def is_kana_only(folded: str) -> bool:
    """Whether a folded text is (nearly) all kana."""
    kanji = len(_KANJI.findall(folded))
    if kanji > _KANJI_SHARE * len(folded):
        return False  # most texts: kanji enough that the kana need not be counted
    kana = len(_KANA.findall(folded))
    return kana >= _MIN_KANA and kanji <= _KANJI_SHARE * kana


def _group_end(source: str, i: int) -> int:
    """The index after the group opening at `i` (patterns nest groups, never escape them)."""
    depth = 0
    k = i
    while k < len(source):
        c = source[k]
        if c == "\\":
            k += 2
            continue
        if c == "[":
            k = source.index("]", k + 2)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return k + 1
        k += 1
    return len(source)


def kana_variant(source: str, reading: Reading) -> str:
    """`source` with each kanji run outside character classes and lookbehinds written as
    `(?:run|reading)`; a run whose reading Sudachi does not give stays as it is."""
    out: list[str] = []
    i = 0
    n = len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif c == "[":
            end = source.index("]", i + 2) + 1  # a class never starts with ]
            out.append(source[i:end])
            i = end
        elif source.startswith(("(?<!", "(?<="), i):
            end = _group_end(source, i)  # a lookbehind must keep its width
            out.append(source[i:end])
            i = end
        elif (run := _KANJI_RUN.match(source, i)) is not None:
            kanji = run[0]
            okurigana = _HIRAGANA.match(source, run.end())
            tail = okurigana[0] if okurigana else ""
            kana = reading(kanji + tail)
            if tail and kana.endswith(tail):
                kana = kana[: -len(tail)]
            elif tail:
                kana = ""
            if len(kana) < 2 and not tail:
                kana = ""  # a lone kana (気: き) would match inside too many words
            out.append(f"(?:{kanji}|{kana})" if kana and not _KANJI.search(kana) else kanji)
            i = run.end()
        else:
            out.append(c)
            i += 1
    return "".join(out)


class KanaDanger:
    """The kana variants of a lexicon's danger patterns, built on first use."""

    def __init__(self, lex: Lexicon) -> None:
        self._lex = lex
        self._lock = threading.Lock()
        self._variants: PatternSet[Pattern] | None = None

    def _build(self) -> PatternSet[Pattern]:
        tokenizer = open_dictionary().tokenizer(mode=SplitMode.C)

        def reading(text: str) -> str:
            kata = "".join(m.reading_form() for m in tokenizer.tokenize(text))
            return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in kata)

        variants: PatternSet[Pattern] = PatternSet()
        for pattern in self._lex.patterns:
            if pattern.rule.category != DANGER or not _KANJI.search(pattern.regex):
                continue
            source = kana_variant(pattern.regex, reading)
            if source == pattern.regex:
                continue
            try:
                re.compile(source)
            except re.error:
                continue  # a variant that does not compile leaves the pattern as written
            variants.add(source, pattern)
        return variants

    def variants(self) -> PatternSet[Pattern]:
        if self._variants is None:
            with self._lock:
                if self._variants is None:
                    self._variants = self._build()
        return self._variants


def without_spaces(folded: str) -> tuple[str, list[int]]:
    """`folded` with its spaces dropped, and each offset of the result in `folded` (one past
    the end included)."""
    kept: list[str] = []
    index: list[int] = []
    last = 0
    for m in _SPACES.finditer(folded):
        kept.append(folded[last : m.start()])
        index.extend(range(last, m.start()))
        last = m.end()
    kept.append(folded[last:])
    index.extend(range(last, len(folded) + 1))
    return "".join(kept), index


def danger_in_spaced_or_kana(folded: str, index: list[int] | None,
                             lex: Lexicon) -> list[Found]:
    """Danger matches the patterns miss as written: in a kana-only text (read through the kana
    variants, spaces dropped) or in a text that spaces its words (spaces dropped)."""
    if is_kana_only(folded):
        return _match_kana_danger(folded, index, lex)
    if _SPACED.search(folded):
        return _match_danger_unspaced(folded, index, lex)
    return []


# A space between two Japanese characters: 「母が　転んで　起き上がれない」 spaces its words
# as some older people and phones do, and the danger patterns expect none.
_SPACED = re.compile("[^\x00-\x7f][ \u3000]+[^\x00-\x7f]")
_MIN_ACROSS = 4


def _match_danger_unspaced(folded: str, index: list[int] | None,
                           lex: Lexicon) -> list[Found]:
    """The danger patterns on the text with its spaces dropped."""
    text, back = without_spaces(folded)
    out: list[Found] = []
    for _, regex, pattern in lex.pattern_set.candidates(text):
        if pattern.rule.category != DANGER:
            continue
        for m in regex.finditer(text):
            found = _found(m, pattern, text, back, index)
            if found is not None:
                out.append(found)
    return out


def _found(m: re.Match[str], pattern: Pattern, text: str, back: list[int],
           index: list[int] | None) -> Found | None:
    """A danger match on the text without spaces, with offsets in the text as typed; None for
    an empty match, one that only a dropped space made, or words told as no sign."""
    start, end = m.span()
    if start == end:
        return None
    if end - start < _MIN_ACROSS and back[end - 1] - back[start] >= end - start:
        return None  # a short match across a space joins two words: ない ふつか is no ナイフ
    rule = danger_as_told(pattern.rule, text, start, end)
    if rule is None:
        return None
    start, end = back[start], back[end - 1] + 1
    if index is not None:
        start, end = index[start], index[end]
    return (rule, m[0], start, end)


_kana_danger: dict[int, tuple[Lexicon, KanaDanger]] = {}


def _match_kana_danger(folded: str, index: list[int] | None, lex: Lexicon) -> list[Found]:
    """Danger patterns read in kana, on a text written in kana with its spaces dropped."""
    kept = _kana_danger.get(id(lex))
    if kept is None or kept[0] is not lex:
        kept = _kana_danger[id(lex)] = (lex, KanaDanger(lex))
    text, back = without_spaces(folded)
    out = _match_danger_unspaced(folded, index, lex) if " " in folded or "\u3000" in folded else []
    for m, pattern in kept[1].variants().finditer(text):
        found = _found(m, pattern, text, back, index)
        if found is not None:
            out.append(found)
    return out
