"""Cleaning what a person typed, and the normal form typed answers are compared in."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# Invisible characters that can hide or reorder text: zero-width and bidi controls.
_INVISIBLE: Final = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_EDGE_PUNCTUATION: Final = " \u3000。、．，.,!！?？「」『』()（）・…"
_SPACES: Final = re.compile(r"\s+")
_KATAKANA_START, _KATAKANA_END = 0x30A1, 0x30F6


def clean(text: str) -> str:
    """Text without control characters (newlines kept), trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    kept = "".join(
        ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs", "Co")
    )
    return _INVISIBLE.sub("", kept).strip()


def has_words(text: str) -> bool:
    """True when the text has at least one letter or digit (not only emoji or symbols)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def to_hiragana(text: str) -> str:
    return "".join(
        chr(ord(ch) - 0x60) if _KATAKANA_START <= ord(ch) <= _KATAKANA_END else ch for ch in text
    )


def normalise(text: str) -> str:
    """NFKC (half-width kana and full-width digits fold), hiragana, lower case, no spaces."""
    folded = to_hiragana(unicodedata.normalize("NFKC", text)).lower()
    return _SPACES.sub("", folded).strip(_EDGE_PUNCTUATION)


def strip_endings(text: str, endings: tuple[str, ...]) -> str:
    """`text` without polite or dialect endings such as です, やちゃ (repeatedly)."""
    changed = True
    while changed:
        changed = False
        for ending in endings:
            if text.endswith(ending) and len(text) > len(ending):
                text = text[: -len(ending)].strip(_EDGE_PUNCTUATION)
                changed = True
    return text


def head(text: str) -> str:
    """The first phrase of a normalised reply: up to the first comma, stop or space."""
    return re.split(r"[、,。.!！?？\s]", text, maxsplit=1)[0]
