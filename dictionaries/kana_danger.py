"""Danger signs in a message written all in kana (a child, an older person's spaced kana, a
phone without conversion, half-width katakana): the danger patterns are written with kanji
(遺書, 包丁, 倒れ), so each also gets a kana variant whose kanji runs may be read as kana
(いしょ, ほうちょう, たおれ), and a kana-only text is matched against those with its spaces
dropped (いきが できない).

The readings come from Sudachi once per pattern, the first time a kana-only text is seen.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from sudachipy import SplitMode

from dictionaries.lexicon import DANGER, Lexicon, Pattern
from dictionaries.patternset import PatternSet
from dictionaries.sudachi_dictionary import open_dictionary

_KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff々]")
_KANJI_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff々]+")
_KANA = re.compile("[\u3041-\u3096ー]")
_HIRAGANA = re.compile("[\u3041-\u3096ー]+")
_SPACES = re.compile("[ \u3000\t]+")
# A text counts as written in kana when at most this share of its kana and kanji are kanji.
_KANJI_SHARE = 0.1
_MIN_KANA = 4

Reading = Callable[[str], str]


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
