"""SudachiTagger: needs, danger signs and details of one Japanese text.

One Dictionary per process (memory-mapped, 13-105 ms to open), one Tokenizer per thread
(a Tokenizer is not thread-safe in 0.7). Each word's analysis (normalized form, A-splits,
negation and clause flags) is computed once per word id and shared by every later message
(see word_analysis).
"""

from __future__ import annotations

import threading
from collections.abc import Set as AbstractSet
from pathlib import Path

import sudachipy
from sudachipy import Dictionary, SplitMode

from dictionaries import lexicon as lexicon_mod
from dictionaries.lexicon import DANGER, NO_HITS, Lexicon, Token
from dictionaries.matcher import match_patterns, match_words
from dictionaries.patternset import grams_of
from dictionaries.scoring import Found, build_result
from dictionaries.slots import SlotReader
from dictionaries.sudachi_dictionary import open_dictionary
from dictionaries.tag_result import TagResult
from dictionaries.telling import TOLD_OTHERWISE, may_be_told_otherwise, need_as_told
from dictionaries.textclean import (
    MAX_BYTES,
    ODD,
    chunks,
    clean,
    mostly_katakana,
    without_invisibles,
)
from dictionaries.textfold import fold
from dictionaries.word_analysis import WordAnalyzer, WordCache

__all__ = ["MAX_BYTES", "SudachiTagger", "get_tagger", "open_dictionary"]


class SudachiTagger:
    def __init__(self, dictionary: Dictionary, lexicon_dir: Path = lexicon_mod.LEXICON_DIR,
                 slots_file: Path | None = None) -> None:
        self._dictionary = dictionary
        self._local = threading.local()
        self._token = WordAnalyzer(dictionary).token
        self._lexicon: Lexicon = lexicon_mod.load(self._analyze_term, lexicon_dir)
        cache = WordCache(self._token, self._lexicon)
        # the cache's own dict and method: looking in `_words` first is the hot path
        self._words = cache.words
        self._entry = cache.entry
        self._slots = SlotReader.load(slots_file) if slots_file else SlotReader.load()
        # the keys either pattern set can be keyed by (see grams_of)
        keys = (self._lexicon.pattern_set.gram_keys | self._slots.words.gram_keys
                | TOLD_OTHERWISE.gram_keys)
        self._singles = frozenset(k for k in keys if len(k) == 1)
        self._bigrams = frozenset(k for k in keys if len(k) == 2)

    @property
    def tokenizer(self) -> sudachipy.Tokenizer:
        tok: sudachipy.Tokenizer | None = getattr(self._local, "tokenizer", None)
        if tok is None:
            tok = self._dictionary.tokenizer(mode=SplitMode.C)
            self._local.tokenizer = tok
        return tok

    def _tokenize(self, text: str) -> sudachipy.MorphemeList:
        """Mode C morphemes of `text`, written into this thread's one MorphemeList (a new
        list per text costs ~1 µs): valid until this thread's next call."""
        local = self._local
        try:
            return local.tokenizer.tokenize(text, out=local.morphemes)
        except AttributeError:  # this thread's first text
            local.morphemes = self.tokenizer.tokenize("")
            return local.tokenizer.tokenize(text, out=local.morphemes)

    @property
    def lexicon(self) -> Lexicon:
        return self._lexicon

    @property
    def slot_reader(self) -> SlotReader:
        return self._slots

    def _analyze_term(self, text: str) -> list[Token]:
        return [self._token(m) for m in self.tokenizer.tokenize(text)]

    # -- tagging ----------------------------------------------------------------------------

    def tag(self, text: str) -> TagResult:
        """Categories, danger, evidence (offsets into `text` as given) and slots."""
        if not text or text.isspace():
            return TagResult()
        if ODD.search(text) is None:  # one search for the two rare cases below
            visible, back = text, None
        else:
            text = clean(text)
            visible, back = without_invisibles(text)
        if len(visible) * 4 <= MAX_BYTES:
            folded, index = fold(visible)
            grams = grams_of(folded, self._singles, self._bigrams)
            matches = self._tag_chunk(visible, 0, folded, index, grams)
        else:
            matches = []
            for offset, chunk in chunks(visible):
                folded, index = fold(chunk)
                grams = grams_of(folded, self._singles, self._bigrams)
                matches += self._tag_chunk(chunk, offset, folded, index, grams)
            folded, _ = fold(visible)
            grams = grams_of(folded, self._singles, self._bigrams)
        if back is not None:
            matches = [(r, t, back[s], back[e - 1] + 1 if e > s else back[s], n)
                       for r, t, s, e, n in matches]
        return build_result(self._lexicon, text, matches, self._slots.read(visible, folded, grams))

    def _tag_chunk(self, chunk: str, offset: int, folded: str, index: list[int] | None,
                   grams: AbstractSet[str]) -> list[Found]:
        out = self._word_matches(chunk, offset, None)
        if mostly_katakana(chunk):
            # ﾁﾁｵﾔﾉ ﾓﾉﾜｽﾚ: Sudachi knows no katakana spelling of 父親 or 物忘れ, but reads
            # the same words in hiragana (the folded text), so those are read too.
            out += self._word_matches(folded, offset, index)
        for rule, term, start, end in match_patterns(folded, index, self._lexicon, grams):
            out.append((rule, term, start + offset, end + offset, False))
        if index is None and may_be_told_otherwise(folded, grams):
            out = _needs_as_told(out, folded, offset)
        return out

    def _word_matches(self, text: str, offset: int, index: list[int] | None) -> list[Found]:
        """Term and phrase matches; `index` maps offsets in `text` back to the chunk's."""
        morphemes = self._tokenize(text)
        words = self._words
        entries = [words.get(m.word_id()) or self._entry(m) for m in morphemes]
        relevant = [i for i, e in enumerate(entries) if e[1] is not NO_HITS]
        out: list[Found] = []
        if relevant:
            tokens = [e[0] for e in entries]
            for rule, term, first, last, negated in match_words(tokens, entries, relevant,
                                                                self._lexicon):
                start, end = morphemes[first].begin(), morphemes[last].end()
                if index is not None:
                    start, end = index[start], index[end]
                out.append((rule, term, start + offset, end + offset, negated))
        return out


def _needs_as_told(found: list[Found], folded: str, offset: int) -> list[Found]:
    """Need matches as told (see telling): a need in a story or the news dropped, one in a
    past episode that is over made a weak cue. Danger matches were read so already."""
    out: list[Found] = []
    for rule, term, start, end, negated in found:
        if rule.category != DANGER:
            told = need_as_told(rule, folded, start - offset, end - offset)
            if told is None:
                continue
            rule = told
        out.append((rule, term, start, end, negated))
    return out


_lock = threading.Lock()
_tagger: SudachiTagger | None = None


def get_tagger() -> SudachiTagger:
    """The process-wide tagger (built on first use; the user dictionary too if missing)."""
    global _tagger
    if _tagger is None:
        with _lock:
            if _tagger is None:
                _tagger = SudachiTagger(open_dictionary())
    return _tagger
