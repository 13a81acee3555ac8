"""Lexicons as data: load `data/lexicons/*.yaml` and compile them against the Sudachi analyser.

A rule lists `terms` (written as people write them; each is run through Sudachi once, so a
term that is one token matches by normalized form on mode C tokens and their A-splits, and a
longer one becomes a token phrase) and/or `patterns` (regular expressions on the folded text:
NFKC, lower case, katakana as hiragana) for dialect, slang and forms Sudachi splits badly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml

from dictionaries.patternset import PatternSet
from dictionaries.tag_result import CATEGORY_IDS
from dictionaries.textfold import fold_pattern

LEXICON_DIR = Path(__file__).with_name("data") / "lexicons"
DANGER = "danger"
NEG = "\x00NEG"  # phrase element that matches any negation marker

Negation = Literal["negatable", "fixed"]


class Token(NamedTuple):
    """What the matcher needs of one mode C morpheme. Shared by every occurrence of a word,
    so it holds no position: the tagger keeps those beside the list."""

    norm: str  # normalized form of the mode C token
    forms: frozenset[str]  # `norm` and the normalized forms of its A-splits
    is_neg: bool  # a negation marker (ない, ず, 無い ...)
    skippable: bool  # function word a phrase may step over
    is_break: bool  # clause boundary: punctuation, 接続助詞 such as けど
    content: bool  # may serve as the predicate a negation attaches to
    particle: bool  # 助詞: dropped from phrases written in the lexicon
    aux_verb: bool = False  # 非自立可能 verb (居る, 行く, 来る ...): auxiliary only after て/で


Analyzer = Callable[[str], list[Token]]


@dataclass(frozen=True)
class Rule:
    id: str
    category: str  # need category id, or "danger"
    weight: float
    negation: Negation
    negated_by: frozenset[str]
    also: str | None = None  # danger rules: the need category the sign also shows
    once: bool = False  # all its terms count as one (母 and 父 are one cue, not two)


@dataclass(frozen=True)
class Phrase:
    rule: Rule
    term: str
    elements: tuple[frozenset[str], ...]
    has_neg: bool = False  # the phrase states a lack (お金がない): it owns its ない
    # The second element when it is a word, not a negation: a phrase whose first word is
    # followed by a word that is neither this nor one to step over fails without a walk.
    second: frozenset[str] | None = None


class WordHits(NamedTuple):
    """What one word can start: term matches and phrases. Computed once per word."""

    terms: tuple[tuple[Rule, str], ...]
    phrases: tuple[Phrase, ...]
    # `terms` split by negation, so that the matcher does not ask each rule per message
    fixed_terms: tuple[tuple[Rule, str], ...] = ()
    negatable_terms: tuple[tuple[Rule, str], ...] = ()


NO_HITS = WordHits((), ())


@dataclass(frozen=True)
class Pattern:
    rule: Rule
    term: str
    regex: str


@dataclass
class Lexicon:
    """All rules of all categories, indexed for one pass over a text."""

    terms: dict[str, list[tuple[Rule, str]]] = field(default_factory=dict)
    phrases_by_first: dict[str, list[Phrase]] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)
    thresholds: dict[str, float] = field(default_factory=dict)
    danger_threshold: float = 1.0
    # phrases whose negation markers are idiomatic (かもしれない, しなければならない ...)
    neg_exceptions: list[tuple[frozenset[str], ...]] = field(default_factory=list)
    # the same, indexed by the word before (or, for a leading marker, after) each marker
    neg_exceptions_by_prev: dict[str, list[tuple[tuple[frozenset[str], ...], int]]] = field(
        default_factory=dict)
    neg_exceptions_by_next: dict[str, list[tuple[tuple[frozenset[str], ...], int]]] = field(
        default_factory=dict)
    negation_window: int = 8
    max_gap: int = 3
    denials: frozenset[str] = frozenset()  # 大丈夫 ...: deny the word they follow, no ない needed
    asked_for: frozenset[str] = frozenset()  # a denial word these ask for is no denial
    settled_by: frozenset[str] = frozenset()  # predicates that settle a topic past a reason
    # Each pattern runs on its own (胸がうい is both a health word and a danger sign).
    pattern_set: PatternSet[Pattern] = field(default_factory=PatternSet)


@dataclass(frozen=True)
class _Settings:
    negated_by: frozenset[str]
    neg_exceptions: tuple[str, ...]
    negation_window: int
    max_gap: int
    denials: frozenset[str]
    asked_for: frozenset[str]
    settled_by: frozenset[str]


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping")
    return data


def _settings(directory: Path) -> _Settings:
    data = _read(directory / "negation.yaml")
    return _Settings(
        negated_by=frozenset(str(x) for x in data["negated_by"]),
        neg_exceptions=tuple(str(x) for x in data.get("exceptions", ())),
        negation_window=int(data.get("window", 8)),
        max_gap=int(data.get("max_gap", 3)),
        denials=frozenset(str(x) for x in data.get("denials", ())),
        asked_for=frozenset(str(x) for x in data.get("asked_for", ())),
        settled_by=frozenset(str(x) for x in data.get("settled_by", ())),
    )


# Aspect auxiliaries and copulas people drop or add freely (食べていない / 食べてない /
# 食べとらん; お金のことで / お金のことが).
_OPTIONAL = frozenset(
    {"居る", "てる", "でる", "とる", "ちゃう", "仕舞う", "おる", "だ", "です", "ます"}
)


def _elements(tokens: Iterable[Token]) -> tuple[frozenset[str], ...]:
    """A written phrase as match elements: particles and aspect auxiliaries dropped (the
    matcher steps over them in the text), negation as a wildcard."""
    out: list[frozenset[str]] = []
    for tok in tokens:
        if tok.is_neg:
            out.append(frozenset({NEG}))
        elif tok.is_break or tok.particle or tok.norm in _OPTIONAL:
            continue
        else:
            out.append(frozenset({tok.norm}))
    return tuple(out)


def _add_term(lex: Lexicon, analyze: Analyzer, rule: Rule, term: str) -> None:
    tokens = analyze(term)
    elements = _elements(tokens)
    if len(tokens) == 1 or (len(elements) == 1 and NEG not in elements[0]):
        # Index by the token's own form, not its A-splits: 認知症 must not index as 症.
        form = tokens[0].norm if len(tokens) == 1 else next(iter(elements[0]))
        lex.terms.setdefault(form, []).append((rule, term))
        return
    if not elements:
        raise ValueError(f"term {term!r} has no content words")
    second = elements[1] if len(elements) > 1 and NEG not in elements[1] else None
    phrase = Phrase(rule, term, elements, any(NEG in el for el in elements), second)
    for first in elements[0]:
        lex.phrases_by_first.setdefault(first, []).append(phrase)


def _rule(data: dict[str, Any], category: str, index: int, settings: _Settings) -> Rule:
    negation: Negation = "fixed" if category == DANGER else "negatable"
    if "negation" in data:
        negation = "fixed" if data["negation"] == "fixed" else "negatable"
    negated_by = settings.negated_by | frozenset(str(x) for x in data.get("negated_by", ()))
    return Rule(
        id=str(data.get("id", f"{category}.{index}")),
        category=category,
        # to the 3 decimals of a score, so that one match scores its weight as it is
        weight=round(float(data.get("weight", 1.0)), 3),
        negation=negation,
        negated_by=negated_by,
        also=data.get("also"),
        once=bool(data.get("once", False)),
    )


def load(analyze: Analyzer, directory: Path = LEXICON_DIR) -> Lexicon:
    settings = _settings(directory)
    lex = Lexicon(negation_window=settings.negation_window, max_gap=settings.max_gap,
                  denials=settings.denials, asked_for=settings.asked_for,
                  settled_by=settings.settled_by)
    for category in (*CATEGORY_IDS, DANGER):
        data = _read(directory / f"{category}.yaml")
        if data.get("category") != category:
            raise ValueError(f"{category}.yaml: category must be {category!r}")
        threshold = float(data.get("threshold", 1.0))
        if category == DANGER:
            lex.danger_threshold = threshold
        else:
            lex.thresholds[category] = threshold
        for index, raw in enumerate(data.get("rules", [])):
            rule = _rule(raw, category, index, settings)
            if rule.also is not None and rule.also not in CATEGORY_IDS:
                raise ValueError(f"{rule.id}: unknown category {rule.also!r}")
            for term in raw.get("terms", []):
                _add_term(lex, analyze, rule, str(term))
            for regex in raw.get("patterns", []):
                folded = fold_pattern(str(regex))
                try:
                    re.compile(folded)
                except re.error as exc:  # fail at load, naming the rule, not at a message
                    raise ValueError(f"{rule.id}: bad pattern {regex!r}: {exc}") from exc
                lex.patterns.append(Pattern(rule, str(regex), folded))
    for text in settings.neg_exceptions:
        _add_idiom(lex, _exception_elements(analyze(text)))
    for pattern in lex.patterns:
        lex.pattern_set.add(pattern.regex, pattern)
    return lex


def _add_idiom(lex: Lexicon, idiom: tuple[frozenset[str], ...]) -> None:
    lex.neg_exceptions.append(idiom)
    for k, element in enumerate(idiom):
        if NEG not in element:
            continue
        if k > 0 and NEG not in idiom[k - 1]:
            key = next(iter(idiom[k - 1]))
            lex.neg_exceptions_by_prev.setdefault(key, []).append((idiom, k))
        elif k + 1 < len(idiom):
            key = next(iter(idiom[k + 1]))
            lex.neg_exceptions_by_next.setdefault(key, []).append((idiom, k))


def _exception_elements(tokens: list[Token]) -> tuple[frozenset[str], ...]:
    # Exceptions keep every token, so that か|も|知れる|NEG does not match any 知れる.
    return tuple(frozenset({NEG}) if t.is_neg else frozenset({t.norm}) for t in tokens)


def hits_for(lex: Lexicon, tok: Token) -> WordHits:
    # A fixed order (the word's own form first), not the order of a frozenset, which changes
    # with each process's string hashing: of two equal matches over the same words
    # (介護保険 and its A-split 介護), the first is the one scored, so the order must not
    # depend on the process.
    keys = [tok.norm, *sorted(tok.forms - {tok.norm})]
    if tok.is_neg:
        keys.append(NEG)
    terms = tuple(x for k in keys for x in lex.terms.get(k, ()))
    phrases = tuple(p for k in keys for p in lex.phrases_by_first.get(k, ()))
    if not terms and not phrases:
        return NO_HITS
    return WordHits(terms, phrases,
                    tuple(t for t in terms if t[0].negation == "fixed"),
                    tuple(t for t in terms if t[0].negation != "fixed"))
