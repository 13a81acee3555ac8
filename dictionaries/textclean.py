"""Text as Sudachi can take it: lone surrogates replaced, invisible characters dropped (with the
way back to the offsets as sent), long text cut into pieces under the byte limit, and the
test for text typed in katakana only."""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_BYTES = 49_149  # Sudachi refuses longer input
_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])")
_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
ODD = re.compile(f"{_SURROGATE.pattern}|{_INVISIBLE.pattern}")
_KATAKANA = re.compile("[\u30a1-\u30fa\uff66-\uff9d]")  # full and half width, no ー
_JAPANESE = re.compile("[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9d\u4e00-\u9fff]")
_MIN_KATAKANA = 4


def mostly_katakana(text: str) -> bool:
    """Typed in katakana only, as on old phones: more katakana than kanji and hiragana."""
    katakana = len(_KATAKANA.findall(text))
    return katakana >= _MIN_KATAKANA and katakana * 2 > len(_JAPANESE.findall(text))


def clean(text: str) -> str:
    """Lone surrogates cannot cross into Sudachi; U+FFFD keeps every offset in place."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def without_invisibles(text: str) -> tuple[str, list[int] | None]:
    """The text without zero-width and bidi controls (死\u200bにたい is still 死にたい), and
    where each remaining character was, to report offsets in the text as sent."""
    if not _INVISIBLE.search(text):
        return text, None
    back = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    return "".join(text[i] for i in back), back


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """Pieces under Sudachi's byte limit, cut at sentence ends where possible, never dropped."""
    if len(text) * 4 <= MAX_BYTES or len(text.encode("utf-8")) <= MAX_BYTES:
        yield 0, text
        return
    offset = 0
    current: list[str] = []
    size = 0
    for sentence in _SENTENCE_END.split(text):
        for piece in _hard_split(sentence):
            n = len(piece.encode("utf-8"))
            if size + n > MAX_BYTES and current:
                chunk = "".join(current)
                yield offset, chunk
                offset += len(chunk)
                current, size = [], 0
            current.append(piece)
            size += n
    if current:
        yield offset, "".join(current)


def _hard_split(sentence: str) -> Iterator[str]:
    """A sentence longer than the limit on its own is cut by characters."""
    if len(sentence.encode("utf-8")) <= MAX_BYTES:
        yield sentence
        return
    step = MAX_BYTES // 4
    for i in range(0, len(sentence), step):
        yield sentence[i : i + step]
