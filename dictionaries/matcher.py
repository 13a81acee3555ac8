"""Match a compiled lexicon against one analysed text: terms, phrases, patterns, negation.

Negation is decided per match, never as a flag on the whole text: a negation marker negates a
match only when it sits in the same clause and attaches to the matched word itself or to a
predicate the rule lists in `negated_by` (必要, 困る, 要る ...). 「介護は必要ない」 negates 介護;
in 「お金がない」 the ない belongs to the phrase お金がない, which states the need.
"""

from __future__ import annotations

from typing import NamedTuple

from dictionaries.lexicon import NEG, NO_HITS, Lexicon, Phrase, Rule, Token, WordHits


class Match(NamedTuple):
    """A hit. Token hits carry token indices (`first`..`last`); pattern hits carry characters
    of the analysed text in `start`/`end` and -1 as token indices. (A NamedTuple: a text
    makes several, and a frozen dataclass costs three times as much to build.)"""

    rule: Rule
    term: str
    first: int
    last: int
    negated: bool
    start: int = -1
    end: int = -1


def _match_phrase(
    tokens: list[Token], start: int, phrase: Phrase, max_gap: int, consumed: set[int]
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


def _idiomatic_negations(tokens: list[Token], lex: Lexicon) -> set[int]:
    """Negation markers inside かもしれない, しなければならない ...: they negate nothing.
    Only windows around an actual marker are tried."""
    out: set[int] = set()
    for j, tok in enumerate(tokens):
        if not tok.is_neg:
            continue
        before = tokens[j - 1].norm if j > 0 else ""
        after = tokens[j + 1].norm if j + 1 < len(tokens) else ""
        for exc, k in (*lex.neg_exceptions_by_prev.get(before, ()),
                       *lex.neg_exceptions_by_next.get(after, ())):
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


def _is_negated(tokens: list[Token], first: int, last: int, rule: Rule, lex: Lexicon,
                consumed: set[int]) -> bool:
    limit = min(len(tokens), last + 1 + lex.negation_window)
    for j in range(last + 1, limit):
        tok = tokens[j]
        if tok.is_break:
            return False
        if tok.norm in lex.denials:
            # 「お金は大丈夫」 denies the need, 「お金は大丈夫じゃない」 does not.
            k = j + 1
            while k < len(tokens) and tokens[k].skippable:
                k += 1
            if k < len(tokens) and tokens[k].is_neg:
                continue
        elif not tok.is_neg or j in consumed:
            continue
        # The predicate this marker attaches to: step back over particles and auxiliaries,
        # but not over a verb used as a verb (保育園に[行き]たがらない).
        p = j - 1
        while p > last and (tokens[p].is_neg or (tokens[p].skippable and (
                not tokens[p].aux_verb or tokens[p - 1].norm in _TE))):
            p -= 1
        if first <= p <= last or not tokens[p].forms.isdisjoint(rule.negated_by):
            return True
    return False


def match(tokens: list[Token], hits: list[WordHits], folded: str, index: list[int] | None,
          lex: Lexicon, grams: set[str] | None = None) -> list[Match]:
    """All matches in one analysed text. `hits[i]` is `hits_for(lex, tokens[i])`, which the
    tagger keeps per word so that the lexicon is looked up once per word, not per message."""
    found: list[Match] = []
    pending: list[tuple[Rule, str, int, int]] = []  # negatable: decided once phrases are known

    relevant = [i for i, word in enumerate(hits) if word is not NO_HITS]
    if not relevant:
        return _pattern_matches(folded, index, lex, grams)
    consumed = _idiomatic_negations(tokens, lex) if lex.neg_exceptions else set()
    for i in relevant:
        for phrase in hits[i].phrases:
            hit = _match_phrase(tokens, i, phrase, lex.max_gap, consumed)
            if hit is None:
                continue
            rule = phrase.rule
            has_neg = phrase.has_neg
            if has_neg:
                # The phrase owns its negation: it states a lack, and that ない negates
                # nothing else (お金がない is poverty, and お金 in it is not negated).
                consumed.update(k for k, el in zip(hit, phrase.elements, strict=True)
                                if NEG in el)
            if rule.negation == "fixed" or has_neg:
                found.append(Match(rule, phrase.term, i, hit[-1], False))
            else:
                pending.append((rule, phrase.term, i, hit[-1]))

    for i in relevant:
        for rule, term in hits[i].terms:
            if rule.negation == "fixed":
                found.append(Match(rule, term, i, i, False))
            else:
                pending.append((rule, term, i, i))

    for rule, term, first, last in pending:
        negated = _is_negated(tokens, first, last, rule, lex, consumed)
        found.append(Match(rule, term, first, last, negated))

    found.extend(_pattern_matches(folded, index, lex, grams))
    return found


def _pattern_matches(folded: str, index: list[int] | None, lex: Lexicon,
                     grams: set[str] | None) -> list[Match]:
    """Patterns cover dialect and slang Sudachi cannot see; they never take negation."""
    out: list[Match] = []
    for m, pattern in lex.pattern_set.finditer(folded, grams):
        start, end = m.span()
        if start == end:
            continue
        if index is not None:
            start, end = index[start], index[end]
        # The folded words matched are the evidence's term (ｼﾆﾀｲ -> しにたい).
        out.append(Match(pattern.rule, m[0], -1, -1, False, start, end))
    return out
