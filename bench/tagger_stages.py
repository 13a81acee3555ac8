"""Where the tagger's time goes: `python -m bench.tagger_stages`.

A diagnostic, not a benchmark (`make bench` does not run it); `python -m bench.tagger_stages
200` for more rounds on a busy machine. It rebuilds the tagger's path for a common message
(short, no invisible characters) step by step, each step doing all of the one before and one
thing more, and times every step in context, as `bench/tagger.py` times the whole: best of
N rounds in CPU time, the steps interleaved round by round. A stage
timed alone looks cheaper than it is in the path (Sudachi's dictionary and the lexicon evict
each other from the CPU caches), so the cost of a stage is the difference between two steps.
It reads the tagger's private methods: when they change, change this with them.

`floor` is what any tagger with today's features must do in C, with no Python logic between:
tokenise and read each word's id, fold, run only the regexes that match, read the offsets of
each evidence and build the result objects.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dictionaries.lexicon import NO_HITS
from dictionaries.matcher import match_patterns, match_words
from dictionaries.patternset import grams_of
from dictionaries.scoring import new_result
from dictionaries.tag_result import Evidence
from dictionaries.tagger import SudachiTagger, get_tagger
from dictionaries.textclean import ODD, mostly_katakana
from dictionaries.textfold import fold

DEV_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "dev_set.jsonl"


def _texts() -> list[str]:
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def _steps(t: SudachiTagger, texts: list[str]) -> dict[str, Callable[[], None]]:
    tokenizer = t.tokenizer
    words = t._words
    lex = t.lexicon
    slots = t.slot_reader

    def baseline() -> None:
        for text in texts:
            for m in tokenizer.tokenize(text):
                m.normalized_form()

    def word_entries() -> None:
        for text in texts:
            morphemes = t._tokenize(text)
            [words.get(m.word_id()) or t._entry(m) for m in morphemes]

    def fold_and_checks() -> None:
        for text in texts:
            ODD.search(text)
            fold(text)
            morphemes = t._tokenize(text)
            [words.get(m.word_id()) or t._entry(m) for m in morphemes]
            mostly_katakana(text)

    def _words_matched(text: str, offsets: bool) -> None:
        morphemes = t._tokenize(text)
        entries = [words.get(m.word_id()) or t._entry(m) for m in morphemes]
        relevant = [i for i, e in enumerate(entries) if e[1] is not NO_HITS]
        if relevant:
            found = match_words([e[0] for e in entries], entries, relevant, lex)
            if offsets:
                for _, _, first, last, _ in found:
                    morphemes[first].begin()
                    morphemes[last].end()

    def word_matching() -> None:
        for text in texts:
            ODD.search(text)
            fold(text)
            _words_matched(text, False)
            mostly_katakana(text)

    def word_offsets() -> None:
        for text in texts:
            ODD.search(text)
            fold(text)
            _words_matched(text, True)
            mostly_katakana(text)

    def grams() -> None:
        for text in texts:
            ODD.search(text)
            folded, _ = fold(text)
            grams_of(folded, t._singles, t._bigrams)
            _words_matched(text, True)
            mostly_katakana(text)

    def patterns() -> None:
        for text in texts:
            ODD.search(text)
            folded, index = fold(text)
            found = grams_of(folded, t._singles, t._bigrams)
            t._tag_chunk(text, 0, folded, index, found)

    def slots_read() -> None:
        for text in texts:
            ODD.search(text)
            folded, index = fold(text)
            found = grams_of(folded, t._singles, t._bigrams)
            t._tag_chunk(text, 0, folded, index, found)
            slots.read(text, folded, found)

    def tag() -> None:
        for text in texts:
            t.tag(text)

    plan = []
    for text in texts:
        folded, _ = fold(text)
        found = grams_of(folded, t._singles, t._bigrams)
        hits = [r for _, r, _ in (*lex.pattern_set.candidates(folded, found),
                                  *slots.words.candidates(folded, found)) if r.search(folded)]
        result = t.tag(text)
        plan.append((text, hits, len(result.evidence) + len(result.negated)
                     + len(result.danger)))

    def floor() -> None:
        for text, hits, n_evidence in plan:
            morphemes = tokenizer.tokenize(text)
            [m.word_id() for m in morphemes]
            ODD.search(text)
            folded, _ = fold(text)
            for regex in hits:
                regex.search(folded)
            for _ in range(n_evidence):
                morphemes[0].begin()
                morphemes[0].end()
            new_result((), {}, False, tuple([Evidence("", "", 0, 0, "")
                                              for _ in range(n_evidence)]), (), (), {})

    # the pattern step without the words, to price match_patterns alone
    def patterns_only() -> None:
        for text in texts:
            folded, index = fold(text)
            match_patterns(folded, index, lex, grams_of(folded, t._singles, t._bigrams))

    return {"baseline": baseline, "word_entries": word_entries,
            "fold_and_checks": fold_and_checks, "word_matching": word_matching,
            "word_offsets": word_offsets, "grams": grams, "patterns": patterns,
            "slots": slots_read, "tag": tag, "floor": floor, "patterns_only": patterns_only}


def main(rounds: int) -> None:
    t = get_tagger()
    texts = _texts() * 2
    steps = _steps(t, texts)
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(rounds):
        for name, work in steps.items():
            started = time.process_time()
            work()
            best[name] = min(best[name], time.process_time() - started)
    us = {name: 1e6 * b / len(texts) for name, b in best.items()}
    previous = 0.0
    print(f"{'step':<16} {'µs/msg':>8} {'+µs':>7}  vs baseline")
    for name, cost in us.items():
        added = cost - previous if name not in ("floor", "patterns_only") else cost
        print(f"{name:<16} {cost:8.2f} {added:7.2f}  {us['baseline'] / cost:6.3f}")
        if name not in ("floor", "patterns_only"):
            previous = cost


if __name__ == "__main__":
    # more rounds than bench/tagger.py: the differences between steps are small
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
