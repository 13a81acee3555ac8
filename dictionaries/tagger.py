"""SudachiTagger: needs, danger signs and details of one Japanese text.

One Dictionary per process (memory-mapped, 13-105 ms to open), one Tokenizer per thread
(a Tokenizer is not thread-safe in 0.7). Each word's analysis (normalized form, A-splits,
negation and clause flags) is computed once per word id and shared by every later message.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path

import sudachipy
from sudachipy import Dictionary, SplitMode

from dictionaries import lexicon as lexicon_mod
from dictionaries import userdict
from dictionaries.lexicon import DANGER, NO_HITS, Lexicon, Rule, Token, WordHits, hits_for
from dictionaries.matcher import match_patterns, match_words
from dictionaries.patternset import grams_of
from dictionaries.slots import SlotReader
from dictionaries.tag_result import CATEGORY_IDS, Evidence, TagResult
from dictionaries.textfold import fold

MAX_BYTES = 49_149  # Sudachi refuses longer input
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
_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])")
_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_ODD = re.compile(f"{_SURROGATE.pattern}|{_INVISIBLE.pattern}")
_KATAKANA = re.compile("[\u30a1-\u30fa\uff66-\uff9d]")  # full and half width, no ー
_JAPANESE = re.compile("[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9d\u4e00-\u9fff]")
_MIN_KATAKANA = 4


def open_dictionary(*, rebuild: bool = False) -> Dictionary:
    """core plus our user dictionary, building it when missing and rebuilding it when Sudachi
    says it was built against another system dictionary."""
    path = userdict.build(force=rebuild)
    try:
        return Dictionary(config=sudachipy.Config(user=[str(path)]), dict="core")
    except sudachipy.errors.SudachiError as exc:
        if rebuild or "compatible" not in str(exc):
            raise
    return open_dictionary(rebuild=True)


class SudachiTagger:
    def __init__(self, dictionary: Dictionary, lexicon_dir: Path = lexicon_mod.LEXICON_DIR,
                 slots_file: Path | None = None) -> None:
        self._dictionary = dictionary
        self._local = threading.local()
        self._words: dict[int, tuple[Token, WordHits]] = {}
        self._oov: dict[tuple[int, str], tuple[Token, WordHits]] = {}
        self._pos: dict[int, tuple[str, str]] = {}
        self._lexicon: Lexicon = lexicon_mod.load(self._analyze_term, lexicon_dir)
        self._slots = SlotReader.load(slots_file) if slots_file else SlotReader.load()
        # the keys either pattern set can be keyed by (see grams_of)
        keys = self._lexicon.pattern_set.keys | self._slots.words.keys
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

    # -- analysis of words ------------------------------------------------------------------

    def _pos_of(self, pos_id: int) -> tuple[str, str]:
        pos = self._pos.get(pos_id)
        if pos is None:
            full = self._dictionary.pos_of(pos_id)
            pos = (full[0], full[1]) if full else ("", "")
            self._pos[pos_id] = pos
        return pos

    def _entry(self, m: sudachipy.Morpheme) -> tuple[Token, WordHits]:
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
        if len(self._words) >= _CACHE_LIMIT:
            self._words.clear()
        self._words[word_id] = entry
        return entry

    def _token(self, m: sudachipy.Morpheme) -> Token:
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

    def _analyze_term(self, text: str) -> list[Token]:
        return [self._token(m) for m in self.tokenizer.tokenize(text)]

    # -- tagging ----------------------------------------------------------------------------

    def tag(self, text: str) -> TagResult:
        """Categories, danger, evidence (offsets into `text` as given) and slots."""
        if not text or text.isspace():
            return TagResult()
        if _ODD.search(text) is None:  # one search for the two rare cases below
            visible, back = text, None
        else:
            text = _clean(text)
            visible, back = _without_invisibles(text)
        if len(visible) * 4 <= MAX_BYTES:
            folded, index = fold(visible)
            grams = grams_of(folded, self._singles, self._bigrams)
            matches = self._tag_chunk(visible, 0, folded, index, grams)
        else:
            matches = []
            for offset, chunk in _chunks(visible):
                folded, index = fold(chunk)
                grams = grams_of(folded, self._singles, self._bigrams)
                matches += self._tag_chunk(chunk, offset, folded, index, grams)
            folded, _ = fold(visible)
            grams = grams_of(folded, self._singles, self._bigrams)
        if back is not None:
            matches = [(r, t, back[s], back[e - 1] + 1 if e > s else back[s], n)
                       for r, t, s, e, n in matches]
        return self._result(text, matches, self._slots.read(folded, grams))

    def _tag_chunk(self, chunk: str, offset: int, folded: str, index: list[int] | None,
                   grams: AbstractSet[str]) -> list[_Found]:
        out = self._word_matches(chunk, offset, None)
        if _mostly_katakana(chunk):
            # ﾁﾁｵﾔﾉ ﾓﾉﾜｽﾚ: Sudachi knows no katakana spelling of 父親 or 物忘れ, but reads
            # the same words in hiragana (the folded text), so those are read too.
            out += self._word_matches(folded, offset, index)
        for rule, term, start, end in match_patterns(folded, index, self._lexicon, grams):
            out.append((rule, term, start + offset, end + offset, False))
        return out

    def _word_matches(self, text: str, offset: int, index: list[int] | None) -> list[_Found]:
        """Term and phrase matches; `index` maps offsets in `text` back to the chunk's."""
        morphemes = self._tokenize(text)
        words = self._words
        entries = [words.get(m.word_id()) or self._entry(m) for m in morphemes]
        relevant = [i for i, e in enumerate(entries) if e[1] is not NO_HITS]
        out: list[_Found] = []
        if relevant:
            tokens = [e[0] for e in entries]
            for rule, term, first, last, negated in match_words(tokens, entries, relevant,
                                                                self._lexicon):
                start, end = morphemes[first].begin(), morphemes[last].end()
                if index is not None:
                    start, end = index[start], index[end]
                out.append((rule, term, start + offset, end + offset, negated))
        return out

    def _result(self, text: str, matches: list[_Found], slots: dict[str, str]) -> TagResult:
        if not matches:
            return _new_result((), {}, False, (), (), (), slots)
        # Keys (start, end, category, term): sorting them orders evidence by position.
        evidence: dict[_Key, None] = {}
        negated: dict[_Key, None] = {}
        danger: dict[_Key, None] = {}
        weighted: dict[str, list[_Weighted]] = {}
        for rule, term, start, end, is_negated in matches:
            category = rule.category
            if is_negated:
                negated[(start, end, category, term)] = None
                continue
            (danger if category == DANGER else evidence)[(start, end, category, term)] = None
            key = rule.id if rule.once else term
            spans = weighted.get(category)
            if spans is None:
                weighted[category] = [(-rule.weight, start - end, 0, key, start, end)]
            else:
                spans.append((-rule.weight, start - end, len(spans), key, start, end))
            if rule.also is not None:
                evidence[(start, end, rule.also, term)] = None
                spans = weighted.setdefault(rule.also, [])
                spans.append((-rule.weight, start - end, len(spans), key, start, end))
        if len(weighted) == 1:  # the common case: one field named
            ((only, spans),) = weighted.items()
            scores = {} if only == DANGER else {only: _score(spans)}
        else:
            scores = {c: _score(weighted[c]) for c in CATEGORY_IDS if c in weighted}
        lex = self._lexicon
        thresholds = lex.thresholds
        # Once the person has said a need is not theirs (「不登校じゃないです」), weak cues of
        # the same field (子ども, 学校) do not bring it back; a strong word still does.
        denied = {category for _, _, category, _ in negated} if negated else _NONE
        categories = [c for c, s in scores.items() if s >= thresholds[c]
                      and (c not in denied or -min(weighted[c])[0] >= 1.0)]
        if len(categories) > 1:
            categories.sort(key=lambda c: (-scores[c], CATEGORY_IDS.index(c)))
        emergency = DANGER in weighted and _score(weighted[DANGER]) >= lex.danger_threshold
        return _new_result(
            tuple(categories), scores, emergency, _evidence(text, evidence),
            _evidence(text, negated) if negated else (),
            _evidence(text, danger) if emergency else (),
            slots,
        )


# rule, term, start, end (characters of the text), negated
_Found = tuple[Rule, str, int, int, bool]
_NONE: frozenset[str] = frozenset()
_Key = tuple[int, int, str, str]  # start, end, category, term


def _evidence(text: str, keys: dict[_Key, None]) -> tuple[Evidence, ...]:
    return tuple([_new_evidence(t, text[s:e], s, e, c)
                  for s, e, c, t in (sorted(keys) if len(keys) > 1 else keys)])


def _new_evidence(term: str, surface: str, start: int, end: int, category: str,
                  _new: Callable[[type[Evidence]], Evidence] = object.__new__) -> Evidence:
    """Evidence(term, surface, start, end, category), built at half the cost: a frozen
    dataclass's __init__ sets each field through object.__setattr__, and a message makes
    several. The instance is the same (fields, equality, hash, asdict)."""
    evidence = _new(Evidence)
    fields = evidence.__dict__
    fields["term"] = term
    fields["surface"] = surface
    fields["start"] = start
    fields["end"] = end
    fields["category"] = category
    return evidence


def _new_result(categories: tuple[str, ...], scores: dict[str, float], emergency: bool,
                evidence: tuple[Evidence, ...], negated: tuple[Evidence, ...],
                danger: tuple[Evidence, ...], slots: dict[str, str],
                _new: Callable[[type[TagResult]], TagResult] = object.__new__) -> TagResult:
    """TagResult(...) at half the cost, as _new_evidence."""
    result = _new(TagResult)
    result.__dict__.update(categories=categories, scores=scores, emergency=emergency,
                           evidence=evidence, negated=negated, danger=danger, slots=slots)
    return result


# -weight, start - end (minus the length), order of the match, term (or rule id of a `once`
# rule), start, end: sorted as they are, strongest and longest first, ties in match order.
_Weighted = tuple[float, int, int, str, int, int]


def _score(spans: list[_Weighted]) -> float:
    """Sum of weights, counting each term once and words the person wrote once: a match
    inside a longer or stronger match of the same category (お金 in お金がない) adds nothing."""
    if len(spans) == 1:
        return -spans[0][0]  # weights are rounded when loaded
    kept: list[tuple[int, int]] = []
    terms: set[str] = set()
    total = 0.0
    for neg_weight, _, _, term, start, end in sorted(spans):
        if term in terms:
            continue
        for k0, k1 in kept:
            if k0 <= start and end <= k1:
                break
        else:
            kept.append((start, end))
            terms.add(term)
            total -= neg_weight
    return round(total, 3)


def _mostly_katakana(text: str) -> bool:
    """Typed in katakana only, as on old phones: more katakana than kanji and hiragana."""
    katakana = len(_KATAKANA.findall(text))
    return katakana >= _MIN_KATAKANA and katakana * 2 > len(_JAPANESE.findall(text))


def _clean(text: str) -> str:
    """Lone surrogates cannot cross into Sudachi; U+FFFD keeps every offset in place."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _without_invisibles(text: str) -> tuple[str, list[int] | None]:
    """The text without zero-width and bidi controls (死\u200bにたい is still 死にたい), and
    where each remaining character was, to report offsets in the text as sent."""
    if not _INVISIBLE.search(text):
        return text, None
    back = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    return "".join(text[i] for i in back), back


def _chunks(text: str) -> Iterator[tuple[int, str]]:
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
