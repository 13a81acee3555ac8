"""Match a compiled lexicon against one analysed text: terms, phrases, patterns, negation.

Negation is decided per match, never as a flag on the whole text: a negation marker negates a
match only when it sits in the same clause and attaches to the matched word itself or to a
predicate the rule lists in `negated_by` (必要, 困る, 要る ...). 「介護は必要ない」 negates 介護;
in 「お金がない」 the ない belongs to the phrase お金がない, which states the need.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Set as AbstractSet

from dictionaries.lexicon import NEG, Lexicon, Phrase, Rule, Token, WordHits

# Plain tuples: a text makes several, and even a NamedTuple costs twice as much to build.
WordMatch = tuple[Rule, str, int, int, bool]  # rule, term, first and last token, negated
PatternMatch = tuple[Rule, str, int, int]  # rule, folded words matched, start, end (chars)


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
            if tok.is_break or not tok.skippable or gap >= max_gap:
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


def _is_negated(tokens: list[Token], marks: list[int], first: int, last: int, rule: Rule,
                lex: Lexicon, consumed: set[int]) -> bool:
    """`marks` are the indices of the only tokens that can decide it: clause breaks,
    negation markers and denials, in order (any other token is stepped over)."""
    limit = last + 1 + lex.negation_window
    n_tokens = len(tokens)
    for j in marks[bisect_right(marks, last):]:
        if j >= limit:
            return False
        tok = tokens[j]
        if tok.is_break:
            return False
        if tok.norm in lex.denials:
            # 「お金は大丈夫」 denies the need, 「お金は大丈夫じゃない」 does not.
            k = j + 1
            while k < n_tokens and tokens[k].skippable:
                k += 1
            if k < n_tokens and tokens[k].is_neg:
                continue
        elif j in consumed:
            continue
        # The predicate this marker attaches to: step back over particles and auxiliaries,
        # but not over a verb used as a verb (保育園に[行き]たがらない).
        p = j - 1
        while p > last and (tokens[p].is_neg or (tokens[p].skippable and (
                not tokens[p].aux_verb or tokens[p - 1].norm in _TE))):
            p -= 1
        if first <= p <= last or not tokens[p].forms.isdisjoint(rule.negated_by):
            return True
        if tok.norm in lex.denials and _in_noun_phrase_before(tokens, p, last):
            return True  # 「障害者スポーツ大会のボランティア」: the whole phrase is denied
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
        if tok.is_break or not tok.skippable or gap >= max_gap:
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
        marks = [j for j, tok in enumerate(tokens)
                 if tok.is_neg or tok.is_break or tok.norm in denials]
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
            if index is not None:
                start, end = index[start], index[end]
            # The folded words matched are the evidence's term (ｼﾆﾀｲ -> しにたい).
            out.append((pattern.rule, m[0], start, end))
    return out
