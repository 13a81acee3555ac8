"""Folding text for surface patterns: NFKC, lower case, katakana as hiragana.

ﾋｷｺﾓﾘ, ヒキコモリ and ひきこもり fold to one string, so a pattern is written once.
"""

from __future__ import annotations

import re
import unicodedata

# ァ..ヴ; ヵ and ヶ stay, since as counters (3ヶ月) they are no kana.
_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F5)}
_VOICING_MARKS = ("\u3099", "\u309a")


_KATAKANA = re.compile("[\u30a1-\u30f4]")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    # translate() looks every character up; most chat lines have no katakana to map.
    return text.translate(_KATA_TO_HIRA) if _KATAKANA.search(text) else text


def fold(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and a map from folded offsets back to `text` when lengths differ."""
    folded = _fold(text)
    if len(folded) == len(text):
        return folded, None
    # Rare (half-width voiced kana, ligatures): fold char by char to keep offsets.
    parts: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        piece = _fold(ch)
        if piece in _VOICING_MARKS and parts:
            parts[-1] = unicodedata.normalize("NFC", parts[-1] + piece)
            continue
        for c in piece:
            parts.append(c)
            index.append(i)
    index.append(len(text))
    return "".join(parts), index


def fold_pattern(regex: str) -> str:
    """Fold a pattern the way texts are folded. Patterns must not use upper-case escapes
    (\\S, \\D, \\W): lower-casing would flip their meaning."""
    if any(f"\\{c}" in regex for c in "SDWB"):
        raise ValueError(f"upper-case escape in pattern {regex!r}")
    return _fold(regex)
