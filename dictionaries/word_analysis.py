"""What the tagger knows of one Sudachi word: its Token (normalized form, A-splits, negation
and clause flags) and its lexicon hits, computed once per word id and shared by every later
message."""

from __future__ import annotations

from collections.abc import Callable

import sudachipy
from sudachipy import Dictionary, SplitMode

from dictionaries.lexicon import Lexicon, Token, WordHits, hits_for

_OOV_ID = 0xF000_0000  # word ids at or above this are OOV: the id encodes only the POS
_CACHE_LIMIT = 200_000
_NEGATIONS = frozenset({("助動詞", "ない"), ("助動詞", "ず"), ("助動詞", "ぬ"), ("形容詞", "無い")})
# Conjunctive particles that end the clause a negation can reach (…けど、…ので …).
_CLAUSE_PARTICLES = frozenset({"けれど", "けど", "けれども", "が", "ので", "のに", "し", "から",
                               "ても", "たら", "なら"})
_BREAK_POS = frozenset({"補助記号", "空白", "接続詞"})
_SKIP_POS = frozenset({"助詞", "助動詞", "接頭辞", "副詞", "感動詞"})
# Benefactives change whose act it is: 払ってくれない (they do not pay me) is not 払えない.
_NEVER_SKIP = frozenset({"呉れる", "貰う", "下さる", "遣る", "上げる", "頂く"})

Entry = tuple[Token, WordHits]


class WordAnalyzer:
    """Tokens of Sudachi words; needs only the dictionary (for parts of speech)."""

    def __init__(self, dictionary: Dictionary) -> None:
        self._dictionary = dictionary
        self._pos: dict[int, tuple[str, str]] = {}

    def _pos_of(self, pos_id: int) -> tuple[str, str]:
        pos = self._pos.get(pos_id)
        if pos is None:
            full = self._dictionary.pos_of(pos_id)
            pos = (full[0], full[1]) if full else ("", "")
            self._pos[pos_id] = pos
        return pos

    def token(self, m: sudachipy.Morpheme) -> Token:
        norm: str = m.normalized_form()
        word_id: int = m.word_id()
        pos0, pos1 = self._pos_of(m.part_of_speech_id())
        forms = {norm}
        if word_id < _OOV_ID:
            forms.update(s.normalized_form() for s in m.split(SplitMode.A))
        is_neg = (pos0, norm) in _NEGATIONS
        is_break = pos0 in _BREAK_POS or (pos1 == "接続助詞" and norm in _CLAUSE_PARTICLES)
        skippable = not is_neg and not is_break and norm not in _NEVER_SKIP and (
            pos0 in _SKIP_POS or (pos1 == "非自立可能" and pos0 in ("動詞", "形容詞"))
        )
        # 為る stays auxiliary everywhere: 介護しない negates 介護.
        aux_verb = pos1 == "非自立可能" and pos0 in ("動詞", "形容詞") and norm != "為る"
        return Token(norm, frozenset(forms), is_neg, skippable, is_break,
                     not (skippable or is_break or is_neg), pos0 == "助詞", aux_verb)


class WordCache:
    """Each word's Token and lexicon hits, kept per word id. Callers look in `words` first
    and call `entry` on a miss: the lookup is the hot path."""

    def __init__(self, token: Callable[[sudachipy.Morpheme], Token], lexicon: Lexicon) -> None:
        self.words: dict[int, Entry] = {}
        self._oov: dict[tuple[int, str], Entry] = {}
        self._token = token
        self._lexicon = lexicon

    def entry(self, m: sudachipy.Morpheme) -> Entry:
        """A word's analysis and lexicon hits, kept per word id. An OOV word's id names only
        a part of speech, so OOV words (emoji, names, slang) are kept by id and normalized
        form: their analysis depends on nothing else."""
        word_id: int = m.word_id()
        if word_id >= _OOV_ID:
            key = (word_id, m.normalized_form())
            entry = self._oov.get(key)
            if entry is None:
                token = self._token(m)
                entry = (token, hits_for(self._lexicon, token))
                if len(self._oov) >= _CACHE_LIMIT:
                    self._oov.clear()
                self._oov[key] = entry
            return entry
        token = self._token(m)
        entry = (token, hits_for(self._lexicon, token))
        if len(self.words) >= _CACHE_LIMIT:
            self.words.clear()
        self.words[word_id] = entry
        return entry
