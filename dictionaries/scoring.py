"""From the matches in one text to its TagResult: scores per category, the categories that
pass their thresholds, emergency, and the evidence behind each."""

from __future__ import annotations

from collections.abc import Callable

from dictionaries.lexicon import DANGER, Lexicon, Rule
from dictionaries.tag_result import CATEGORY_IDS, Evidence, TagResult

# rule, term, start, end (characters of the text), negated
Found = tuple[Rule, str, int, int, bool]
_NONE: frozenset[str] = frozenset()
_Key = tuple[int, int, str, str]  # start, end, category, term


def build_result(lex: Lexicon, text: str, matches: list[Found],
                 slots: dict[str, str]) -> TagResult:
    if not matches:
        return new_result((), {}, False, (), (), (), slots)
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
    thresholds = lex.thresholds
    # Once the person has said a need is not theirs (「不登校じゃないです」), weak cues of
    # the same field (子ども, 学校) do not bring it back; a strong word still does.
    denied = {category for _, _, category, _ in negated} if negated else _NONE
    categories = [c for c, s in scores.items() if s >= thresholds[c]
                  and (c not in denied or -min(weighted[c])[0] >= 1.0)]
    if len(categories) > 1:
        categories.sort(key=lambda c: (-scores[c], CATEGORY_IDS.index(c)))
    emergency = DANGER in weighted and _score(weighted[DANGER]) >= lex.danger_threshold
    return new_result(
        tuple(categories), scores, emergency, _evidence(text, evidence),
        _evidence(text, negated) if negated else (),
        _evidence(text, danger) if emergency else (),
        slots,
    )


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


def new_result(categories: tuple[str, ...], scores: dict[str, float], emergency: bool,
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
