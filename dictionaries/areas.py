"""Which 地区 a typed answer names: 「水橋北です」, 「水橋のほう」, 「わからない」."""

from __future__ import annotations

import unicodedata

from dictionaries.sites_model import Area, Directory

AMBIGUOUS_ID = "ambiguous"
# A name with a direction before or after it is another 地区 (新庄北 is not 新庄, 水橋中部 is
# neither 水橋北 nor 水橋南): taking it for the shorter name would be a guess.
DIRECTION_PREFIXES = ("東", "西", "南", "北")
DIRECTION_SUFFIXES = ("東", "西", "南", "北", "中部", "中央")


def normalise(text: str) -> str:
    """NFKC, no spaces: full-width and half-width answers compare equal."""
    return "".join(unicodedata.normalize("NFKC", text).split())


class AreaMatcher:
    def __init__(self, directory: Directory) -> None:
        self._directory = directory
        self._aliases: list[tuple[str, Area]] = sorted(
            (
                (normalise(alias), area)
                for area in (*directory.areas, *directory.area_groups)
                for alias in area.aliases
            ),
            key=lambda pair: -len(pair[0]),
        )
        self._unknown = tuple(normalise(a) for a in directory.area_unknown.aliases)

    def match(self, text: str) -> Area | None:
        """The area the text names; a group (with candidates) when it names several; else None.

        The longest name wins where names overlap (水橋北 over 水橋, 大広田 over 広田).
        「わからない」 yields the unknown area only when no area name is present.
        """
        norm = normalise(text)
        taken = [False] * len(norm)
        found: dict[str, Area] = {}
        for alias, area in self._aliases:
            start = norm.find(alias)
            while start >= 0:
                end = start + len(alias)
                if not any(taken[start:end]):
                    taken[start:end] = [True] * len(alias)
                    if not _extended(norm, start, end):
                        found.setdefault(area.id, area)
                start = norm.find(alias, end)
        if len(found) == 1:
            return next(iter(found.values()))
        if found:
            return self._ambiguous(tuple(found.values()))
        if any(word in norm for word in self._unknown):
            return self._directory.area_unknown
        return None

    def _ambiguous(self, areas: tuple[Area, ...]) -> Area:
        candidates: dict[str, None] = {}
        for area in areas:
            candidates.update(dict.fromkeys(area.candidates or (area.id,)))
        labels = [a.label for a in areas]
        return Area(id=AMBIGUOUS_ID, label="・".join(labels), candidates=tuple(candidates))


def _extended(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is part of a longer, directional 地区 name."""
    return text[:start].endswith(DIRECTION_PREFIXES) or text[end:].startswith(DIRECTION_SUFFIXES)
