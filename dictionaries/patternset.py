"""Many regular expressions over one short text, fast: each runs only if the text holds a
one- or two-character string it can start with.

One big alternation costs every branch at every position (≈90 µs for the danger patterns on
a chat message); a prefilter on first bigrams leaves only the few patterns that can match.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_MAX_SET = 400  # more prefixes than this count as "any text"
_N = 2  # prefix length: bigrams are selective enough for chat-length texts


class _Any(Exception):
    """The pattern may start with (nearly) any text."""


def _cross(heads: set[str], tails: set[str]) -> set[str]:
    out = {h if len(h) >= _N else h + t for h in heads for t in tails}
    out = {p[:_N] for p in out}
    if len(out) > _MAX_SET:
        raise _Any
    return out


def _prefixes(items: Any, top: bool = False) -> set[str]:
    """Strings of up to _N characters every match starts with ("" = may match empty).
    Inside a group a shorter string must be the whole match of the group, so only the top
    level may stop early at an unbounded item."""
    seqs: set[str] = {""}
    for op, av in items:
        if all(len(s) >= _N for s in seqs):
            break
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue  # zero width
        try:
            step = _step(op, av)
        except _Any:
            # What follows is unbounded (\\s*, .{0,8}); the characters read so far still
            # bound every match, if no match can start with them missing.
            if not top or "" in seqs:
                raise
            return seqs
        seqs = _cross(seqs, step)
    return seqs


def _step(op: Any, av: Any) -> set[str]:
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.IN:
        return _charset(av)
    if op is C.SUBPATTERN:
        return _prefixes(av[-1])
    if op is C.BRANCH:
        return set().union(*(_prefixes(b) for b in av[1]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, item = av
        one = _prefixes(item)
        step = set(one)
        if high > 1:
            step |= _cross(one, one)
        if low == 0:
            step.add("")
        return step
    raise _Any


def _charset(items: Any) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _MAX_SET:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            raise _Any
    return chars


def prefixes(regex: str) -> frozenset[str] | None:
    """The two-character prefixes (or shorter whole matches) any match of `regex` starts
    with, or None when they cannot be bounded."""
    try:
        found = _prefixes(sre_parse.parse(regex), top=True)
    except _Any:
        return None
    return None if "" in found else frozenset(found)


def keys_of(regex: str) -> frozenset[str] | None:
    """Strings of up to two characters of which every match of `regex` holds at least one,
    the most selective such set found, or None when none can be bounded. A text without any
    of them cannot match, so the prefilter never drops a pattern that would have matched.

    The start of a match (`prefixes`) is one such set; so is the start of the rest of the
    pattern at each top-level item (a match of `ab.{0,8}cd` holds a match of `cd`), and the
    union of such sets over the branches of a top-level alternation. The common first words
    of many patterns (母, 子, お金) say little; a later, rarer word (暴れ, 縛) says more."""
    found = key_sets_of(regex)
    return min(found, key=_cost) if found else None


def key_sets_of(regex: str) -> list[frozenset[str]]:
    """Every set `keys_of` chooses from, in the order of the pattern ([] when none)."""
    try:
        return _key_sets(sre_parse.parse(regex))
    except _Any:
        return []


def _key_sets(items: Any) -> list[frozenset[str]]:
    items = list(items)
    while len(items) == 1 and items[0][0] is C.SUBPATTERN:
        items = list(items[0][1][-1])
    if len(items) == 1 and items[0][0] is C.BRANCH:
        return [frozenset().union(*(min(_key_sets(b), key=_cost) for b in items[0][1][1]))]
    sets: list[frozenset[str]] = []
    for k in range(len(items)):
        try:
            found = _prefixes(items[k:], top=True)
        except _Any:
            continue
        if "" not in found:
            sets.append(frozenset(found))
    if not sets:
        raise _Any
    return sets


def _cost(keys: AbstractSet[str]) -> float:
    """How likely a chat message is to hold one of `keys`, roughly: one minus the chance that
    it holds none. A sum would make one particle (で, in nearly every text) look cheaper than
    a dozen rare words (公園, 駅, 路上 ...) that together are in few texts."""
    none = 1.0
    for key in keys:
        none *= 1.0 - _key_chance(key)
    return 1.0 - none


def _key_chance(key: str) -> float:
    """The chance that a chat message holds `key`, guessed from what it is made of: a particle
    or 。 is in most texts, another kana in many, a kanji in some; a pair with a kanji is rare,
    a pair of kana as common as the particles in it."""
    if len(key) == 1:
        if key in _COMMON_KANA or key in _PUNCTUATION:
            return 0.7
        return 0.25 if _is_kana(key) else 0.06
    if not (_is_kana(key[0]) and _is_kana(key[1])):
        return 0.01
    return 0.01 + 0.12 * sum(c in _COMMON_KANA for c in key)


_PUNCTUATION = frozenset("。、！？!?…")


def _is_kana(char: str) -> bool:
    return "\u3041" <= char <= "\u309f"


# Particles, endings and auxiliaries: in some form in nearly every sentence (ない, して, られ).
_COMMON_KANA = frozenset("のにはをがでとてたしいなるっすまかられんもうくりよこだけ")


def grams_of(text: str, singles: frozenset[str] | None = None,
             bigrams: frozenset[str] | None = None) -> AbstractSet[str]:
    """Bigrams, and single characters for patterns whose whole match (or whose bounded
    start) is one character: all of them, or only those of `singles` and `bigrams`, the keys
    of every PatternSet that will read the grams (cheaper than all, and the same candidates:
    a PatternSet reads only its own keys). Compute once per text and pass to every
    PatternSet that reads it."""
    pairs = map(operator.add, text, text[1:])
    grams = set(pairs) if bigrams is None else bigrams.intersection(pairs)
    return grams.union(text if singles is None else singles.intersection(text))


_Entry = tuple[int, re.Pattern[str], T]


@dataclass
class PatternSet(Generic[T]):
    size: int = 0
    keys: set[str] = field(default_factory=set)  # a set, so that `grams & keys` is cheap
    singles: set[str] = field(default_factory=set)  # the one-character keys
    entries: list[_Entry[T]] = field(default_factory=list)
    # The patterns of each key as a bit set (bit i: entries[i]): OR-ing those of a text's
    # keys drops duplicates, and reading the bits from the lowest keeps the order of adding.
    masks: dict[str, int] = field(default_factory=dict)
    always: int = 0  # patterns whose start cannot be bounded
    # A second set of keys a match must also hold one of, from another part of the pattern
    # (母が…暴れ: 母 and 暴れ), as bit sets like `masks`: a pattern is a candidate only if the
    # text holds a key of each. `unpaired` has the bits of the patterns with no second set.
    also_keys: set[str] = field(default_factory=set)
    also_masks: dict[str, int] = field(default_factory=dict)
    unpaired: int = 0
    # Every key either set reads: the grams a text must be asked for (see grams_of).
    gram_keys: set[str] = field(default_factory=set)

    def add(self, regex: str, payload: T) -> None:
        entry = (self.size, re.compile(regex), payload)
        bit = 1 << self.size
        self.size += 1
        self.entries.append(entry)
        found = key_sets_of(regex)
        if not found:
            self.always |= bit
            self.unpaired |= bit
            return
        keys = min(found, key=_cost)
        # A set holding all of `keys` is held whenever `keys` is: it would filter nothing.
        also = min((s for s in found if not keys <= s), key=_cost, default=frozenset())
        if not also:
            self.unpaired |= bit
        for key in keys:
            self.masks[key] = self.masks.get(key, 0) | bit
        for key in also:
            self.also_masks[key] = self.also_masks.get(key, 0) | bit
        self.keys.update(keys)
        self.also_keys.update(also)
        self.gram_keys.update(keys, also)
        self.singles.update(k for k in (*keys, *also) if len(k) == 1)

    def candidates(self, text: str, grams: AbstractSet[str] | None = None) -> list[_Entry[T]]:
        """The patterns that can match `text`, in the order they were added."""
        if grams is None:
            grams = grams_of(text)
        mask = self.always
        masks = self.masks
        for gram in grams & self.keys:
            mask |= masks[gram]
        if mask & ~self.unpaired:
            paired = self.unpaired
            also_masks = self.also_masks
            for gram in grams & self.also_keys:
                paired |= also_masks[gram]
            mask &= paired
        entries = self.entries
        found: list[_Entry[T]] = []
        while mask:
            low = mask & -mask
            found.append(entries[low.bit_length() - 1])
            mask ^= low
        return found

    def finditer(self, text: str, grams: AbstractSet[str] | None = None
                 ) -> Iterator[tuple[re.Match[str], T]]:
        for _, regex, payload in self.candidates(text, grams):
            for m in regex.finditer(text):
                yield m, payload

    def first(self, text: str, grams: AbstractSet[str] | None = None
              ) -> tuple[re.Match[str], T] | None:
        """The leftmost match of any pattern (the earlier-added one on a tie)."""
        best: tuple[re.Match[str], T] | None = None
        for _, regex, payload in self.candidates(text, grams):
            m = regex.search(text)
            if m and (best is None or m.start() < best[0].start()):
                best = (m, payload)
        return best
