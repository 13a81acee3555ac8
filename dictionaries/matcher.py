"""Match a compiled lexicon against one analysed text: terms, phrases, patterns, negation.

Negation is decided per match, never as a flag on the whole text: a negation marker negates a
match only when it sits in the same clause and attaches to the matched word itself or to a
predicate the rule lists in `negated_by` (必要, 困る, 要る ...). 「介護は必要ない」 negates 介護;
in 「お金がない」 the ない belongs to the phrase お金がない, which states the need.

Danger patterns take no negation; whether their words are told as a sign at all is
telling's to say, and kana_danger finds them in kana-only or spaced writing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Set as AbstractSet

from dictionaries.kana_danger import danger_in_spaced_or_kana
from dictionaries.lexicon import DANGER, NEG, Lexicon, Phrase, Rule, Token, WordHits
from dictionaries.telling import danger_as_told

# Plain tuples: a text makes several, and even a NamedTuple costs twice as much to build.
WordMatch = tuple[Rule, str, int, int, bool]  # rule, term, first and last token, negated
PatternMatch = tuple[Rule, str, int, int]  # rule, folded words matched, start, end (chars)


# Politeness puts no distance between a phrase's words: 貯金はもうありません is 貯金はもうない.
_POLITE = frozenset({"ます", "です"})


def _match_phrase(
    tokens: list[Token], start: int, phrase: Phrase, max_gap: int, consumed: AbstractSet[int]
) -> list[int] | None:
    """Token indices of the phrase's elements if it matches from `start`, else None."""
    hit = [start]
    i = start + 1
    n = len(tokens)
    for element in phrase.elements[1:]:
        gap = 0
        want_neg = NEG in element
        while i < n:
            tok = tokens[i]
            if (tok.is_neg and i not in consumed) if want_neg else not element.isdisjoint(
                    tok.forms):
                break
            if tok.is_break or not tok.skippable:
                return None
            if tok.norm not in _POLITE:
                if gap >= max_gap:
                    return None
                gap += 1
            i += 1
        else:
            return None
        hit.append(i)
        i += 1
    return hit


def _idiomatic_negations(tokens: list[Token], negs: list[int], lex: Lexicon) -> set[int]:
    """Negation markers inside かもしれない, しなければならない ...: they negate nothing.
    Only windows around an actual marker (`negs`, their indices) are tried."""
    out: set[int] = set()
    by_prev = lex.neg_exceptions_by_prev
    by_next = lex.neg_exceptions_by_next
    n_tokens = len(tokens)
    for j in negs:
        before = tokens[j - 1].norm if j > 0 else ""
        after = tokens[j + 1].norm if j + 1 < n_tokens else ""
        for exc, k in (*by_prev.get(before, ()), *by_next.get(after, ())):
            i = j - k
            window = tokens[i : i + len(exc)]
            if i >= 0 and len(window) == len(exc) and all(
                (t.is_neg if NEG in e else not e.isdisjoint(t.forms))
                for t, e in zip(window, exc, strict=True)
            ):
                out.update(i + n for n, t in enumerate(window) if t.is_neg)
    return out


# After these a 非自立 verb is an auxiliary:
# 困って[い]ない, 払えそうに[あり]ません, では[あり]ません.
_TE = frozenset({"て", "で", "てる", "だ", "は", "も"})

# A denial someone else made, or one the person once held, that the sentence then disputes
# (「心配ないと言われたけど不安」「必要ないと思っていたが」) denies nothing.
_QUOTE = frozenset({"と", "って"})
_SAY_THINK = frozenset({"言う", "思う", "聞く", "考える", "診断"})
_ADVERSATIVE = frozenset({"けれど", "けど", "けれども", "が", "のに", "ても", "でも"})
_ADVERSATIVE_OPENERS = frozenset({"でも", "しかし", "だけど", "けど", "けれど", "ですが", "だが",
                                  "ただ", "ところが"})

# A denial word that is what the person asks for (negation.yaml `asked_for`) is no denial:
# 「介護ボランティアに来てほしい」 wants volunteers. 為る makes it their own work again
# (ボランティアをしたい).
_ASK_REACH = 7  # ボランティア|の|方|に|来|て|もらえ

# A topic (「母の介護は」) is what the main clause says, even past a reason clause:
# 「母の介護は姉がいるから心配ない」 settles 介護. Only the predicates of negation.yaml's
# `settled_by` settle a need so; 「介護は母が嫌がるから頼めない」 is a need still.
_TOPIC = frozenset({"は", "も"})
_REASONS = frozenset({"から", "ので", "し"})
_TOPIC_WINDOW = 20  # 介護は|姉が見てくれているので|問題はありません
_COMMAS = frozenset({"、", ","})


def _is_negated(tokens: list[Token], marks: list[int], first: int, last: int, rule: Rule,
                lex: Lexicon, consumed: set[int]) -> bool:
    """`marks` are the indices of the only tokens that can decide it: clause breaks,
    negation markers and denials, in order (any other token is stepped over)."""
    limit = last + 1 + lex.negation_window
    n_tokens = len(tokens)
    for j in marks[bisect_right(marks, last):]:
        if j >= limit:
            break
        tok = tokens[j]
        if tok.is_break:
            return _topic_settled(tokens, last, lex, consumed)
        if tok.norm in lex.denials:
            # 「お金は大丈夫」 denies the need, 「お金は大丈夫じゃない」 does not.
            k = j + 1
            while k < n_tokens and tokens[k].skippable:
                k += 1
            if (k < n_tokens and tokens[k].is_neg) or _asked_for(tokens, j, lex):
                continue
        elif j in consumed:
            continue
        p = _predicate(tokens, j, last)
        q = _through_nominal(tokens, p, last)
        if q != p and _hedged(tokens, j):
            return False  # 「引きこもってるわけじゃないけど、…」 hedges, then tells the need
        if first <= q <= last or not tokens[q].forms.isdisjoint(rule.negated_by):
            return not _disputed(tokens, j)
        if tok.norm in lex.denials and _in_noun_phrase_before(tokens, p, last):
            return True  # 「障害者スポーツ大会のボランティア」: the whole phrase is denied
    return _topic_settled(tokens, last, lex, consumed)


def _predicate(tokens: list[Token], j: int, last: int) -> int:
    """The predicate the marker at `j` attaches to: step back over particles and
    auxiliaries, but not over a verb used as a verb (保育園に[行き]たがらない)."""
    p = j - 1
    while p > last and (tokens[p].is_neg or (tokens[p].skippable and (
            not tokens[p].aux_verb or tokens[p - 1].norm in _TE))):
        p -= 1
    return p


# 「障害があるわけではない」「虐待ということはない」「困っているというほどではない」: the
# negation denies what comes before the nominal (and its という), not the nominal itself.
_NOMINALS = frozenset({"訳", "こと", "事"})
_DEGREE = frozenset({"ほど", "程"})


def _through_nominal(tokens: list[Token], p: int, last: int) -> int:
    """The predicate a negation of わけ / こと / というほど attaches to, else `p`."""
    q = p
    if tokens[q].norm in _NOMINALS:
        q -= 1
    elif not (q + 1 < len(tokens) and tokens[q + 1].norm in _DEGREE):
        return p
    if q > last + 1 and tokens[q].norm == "言う" and tokens[q - 1].norm in _QUOTE:
        q -= 2
    if q <= last:
        return q
    return _predicate(tokens, q + 1, last) if q < p else p


def _hedged(tokens: list[Token], j: int) -> bool:
    """Whether the clause of the negation at `j` ends in a contrast (けど, が, のに)."""
    k = j + 1
    while k < len(tokens) and not tokens[k].is_break:
        k += 1
    return k < len(tokens) and tokens[k].norm in _ADVERSATIVE


def _disputed(tokens: list[Token], j: int) -> bool:
    """Whether the denial at `j` is quoted (と言われた, って思ってた) and then disputed in the
    same sentence (けど, のに, ても, or a でも opening the next clause)."""
    n_tokens = len(tokens)
    k = j + 1
    while k < n_tokens and tokens[k].skippable and tokens[k].norm not in _QUOTE:
        k += 1
    if k >= n_tokens or tokens[k].norm not in _QUOTE:
        return False
    k += 1
    while k < n_tokens and tokens[k].skippable:
        k += 1
    if k >= n_tokens or tokens[k].norm not in _SAY_THINK:
        return False
    while k < n_tokens and not tokens[k].is_break:
        k += 1
    if k >= n_tokens:
        return False
    if tokens[k].norm in _ADVERSATIVE:
        return True
    if tokens[k - 1].norm == "に" and tokens[k - 2].norm == "の":
        return True  # のに, which Sudachi may read の|に
    opener = "".join(t.norm for t in tokens[k + 1 : k + 3])  # Sudachi may read でも as で|も
    return k + 1 < n_tokens and (tokens[k + 1].norm in _ADVERSATIVE_OPENERS or opener == "でも")


def _asked_for(tokens: list[Token], j: int, lex: Lexicon) -> bool:
    """Whether the denial word at `j` is the object of a request in its clause."""
    for k in range(j + 1, min(len(tokens), j + 1 + _ASK_REACH)):
        tok = tokens[k]
        if tok.is_break or tok.norm == "為る":
            return False
        if tok.norm in lex.asked_for:
            return True
    return False


def _topic_settled(tokens: list[Token], last: int, lex: Lexicon,
                   consumed: set[int]) -> bool:
    """Whether a match that is the topic of its sentence (介護は, 介護のことは) is settled by
    the main clause after a reason clause or a comma: 「介護は姉がいるから心配ない / 大丈夫」,
    「介護は、今のところ必要ありません」."""
    n_tokens = len(tokens)
    k = last + 1
    if k + 1 < n_tokens and tokens[k].norm == "の" and tokens[k + 1].norm in ("こと", "事"):
        k += 2
    if k >= n_tokens or tokens[k].norm not in _TOPIC:
        return False
    anchor = k  # the last boundary passed: the topic particle, a reason, or a comma after one
    passed = False
    for j in range(k + 1, min(n_tokens, last + 1 + _TOPIC_WINDOW)):
        tok = tokens[j]
        if tok.is_break:
            if tok.norm not in _REASONS and not (tok.norm in _COMMAS and j == anchor + 1):
                return False
            anchor, passed = j, True
        elif tok.norm == "だ" and tokens[j - 1].norm == "の":
            anchor, passed = j, True  # ので, which Sudachi reads の|で(だ)
        elif not passed:
            continue
        elif tok.is_neg and j not in consumed:
            p = _predicate(tokens, j, last)
            if tokens[p].norm == "有る":  # 必要(は)ありません: the noun is the predicate
                p -= 1
                while p > anchor and tokens[p].particle:
                    p -= 1
            return p > anchor and tokens[p].norm in lex.settled_by and not _disputed(tokens, j)
        elif tok.norm in lex.denials and not tok.skippable:
            return all(t.skippable for t in tokens[anchor + 1 : j]) and not (
                j + 1 < n_tokens and tokens[j + 1].is_neg) and not _disputed(tokens, j)
    return False


def _in_noun_phrase_before(tokens: list[Token], p: int, last: int) -> bool:
    """Whether the match ending at `last` is inside the run of content words and の that
    ends at `p`: a denial word such as ボランティア denies the phrase it heads."""
    while p > last and (tokens[p].content or tokens[p].norm == "の"):
        p -= 1
    return p == last


def _reach(tokens: list[Token], i: int, max_gap: int, n_tokens: int) -> frozenset[str]:
    """The forms of the tokens a phrase starting at `i` can take its second word from:
    those `_match_phrase` looks at. A phrase whose second word is none of them fails, and
    most do (母 starts many phrases), so one set test spares each of them the walk."""
    j = i + 1
    if j < n_tokens:
        tok = tokens[j]
        if tok.is_break or not tok.skippable or max_gap <= 0:
            return tok.forms
    forms: set[str] = set()
    gap = 0
    while j < n_tokens:
        tok = tokens[j]
        forms |= tok.forms
        if tok.is_break or not tok.skippable:
            break
        if tok.norm not in _POLITE:
            if gap >= max_gap:
                break
            gap += 1
        j += 1
    return frozenset(forms)


_NONE: frozenset[int] = frozenset()


def _consumed(tokens: list[Token], lex: Lexicon, negs: list[int] | None = None) -> set[int]:
    if negs is None:
        negs = [j for j, tok in enumerate(tokens) if tok.is_neg]
    return _idiomatic_negations(tokens, negs, lex) if negs and lex.neg_exceptions else set()


def match_words(tokens: list[Token], words: list[tuple[Token, WordHits]],
                relevant: list[int], lex: Lexicon) -> list[WordMatch]:
    """The term and phrase matches in one analysed text: `words[i]` is `tokens[i]` and what
    it can start (`hits_for`, kept per word by the tagger), `relevant` the indices where that
    is anything. In the order phrases and terms of fixed rules, then negatable ones."""
    found: list[WordMatch] = []
    pending: list[tuple[Rule, str, int, int]] = []  # negatable: decided once phrases are known
    # Markers that negate nothing (idioms, and those phrases own), found when first needed:
    # most texts have no phrase with a marker and no negatable match.
    consumed: set[int] | None = None
    max_gap = lex.max_gap
    n_tokens = len(tokens)
    for i in relevant:
        phrases = words[i][1].phrases
        if not phrases:
            continue
        reach = _reach(tokens, i, max_gap, n_tokens)
        for phrase in phrases:
            second = phrase.second
            if second is not None and second.isdisjoint(reach):
                continue
            rule = phrase.rule
            if phrase.has_neg:
                if consumed is None:
                    consumed = _consumed(tokens, lex)
                hit = _match_phrase(tokens, i, phrase, max_gap, consumed)
                if hit is None:
                    continue
                # The phrase owns its negation: it states a lack, and that ない negates
                # nothing else (お金がない is poverty, and お金 in it is not negated).
                consumed.update(k for k, el in zip(hit, phrase.elements, strict=True)
                                if NEG in el)
                found.append((rule, phrase.term, i, hit[-1], False))
                continue
            # only a phrase with a marker asks which markers are consumed
            hit = _match_phrase(tokens, i, phrase, max_gap, _NONE)
            if hit is None:
                continue
            if rule.negation == "fixed":
                found.append((rule, phrase.term, i, hit[-1], False))
            else:
                pending.append((rule, phrase.term, i, hit[-1]))

    for i in relevant:
        word = words[i][1]
        for rule, term in word.fixed_terms:
            found.append((rule, term, i, i, False))
        for rule, term in word.negatable_terms:
            pending.append((rule, term, i, i))

    if pending:
        denials = lex.denials
        # an adverb is no denial: 「介護が結構大変」 is quite hard, 「介護は結構です」 declines
        marks = [j for j, tok in enumerate(tokens)
                 if tok.is_neg or tok.is_break or (tok.norm in denials and not tok.skippable)]
        if consumed is None:
            consumed = _consumed(tokens, lex, [j for j in marks if tokens[j].is_neg])
        for rule, term, first, last in pending:
            negated = bool(marks) and _is_negated(tokens, marks, first, last, rule, lex,
                                                  consumed)
            found.append((rule, term, first, last, negated))
    return found


def match_patterns(folded: str, index: list[int] | None, lex: Lexicon,
                   grams: AbstractSet[str] | None) -> list[PatternMatch]:
    """Patterns cover dialect and slang Sudachi cannot see; they never take negation."""
    out: list[PatternMatch] = []
    for _, regex, pattern in lex.pattern_set.candidates(folded, grams):
        # Most candidates do not match, and search() costs half of finditer().
        if regex.search(folded) is None:
            continue
        for m in regex.finditer(folded):
            start, end = m.span()
            if start == end:
                continue
            rule = pattern.rule
            if rule.category == DANGER:
                as_told = danger_as_told(rule, folded, start, end)
                if as_told is None:
                    continue
                rule = as_told
            if index is not None:
                start, end = index[start], index[end]
            # The folded words matched are the evidence's term (ｼﾆﾀｲ -> しにたい).
            out.append((rule, m[0], start, end))
    out += danger_in_spaced_or_kana(folded, index, lex)
    return out
