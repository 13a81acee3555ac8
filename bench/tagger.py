"""Tagger throughput as a ratio to bare SudachiPy tokenisation of the same texts, same run.

Both sides use the tagger's own Dictionary (core plus the user dictionary) in mode C. The
baseline tokenises each text and reads each morpheme's normalized form, the least a keyword
matcher must do; `sudachi_tokenize_only_msgs_per_s` is tokenisation alone, for reference.
Texts are the labelled development set: chat-length messages as residents write them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from dictionaries.tagger import get_tagger

DEV_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "dev_set.jsonl"
ROUNDS = 15


def _texts() -> list[str]:
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def _best_rates(works: list[Callable[[], None]], n_texts: int) -> list[float]:
    """Messages per CPU-second of each workload, best of ROUNDS, the workloads interleaved
    round by round so that load from other processes falls on all of them alike. CPU time
    of this process (not wall time) keeps a busy machine from skewing the ratio."""
    best = [float("inf")] * len(works)
    for _ in range(ROUNDS):
        for i, work in enumerate(works):
            started = time.process_time()
            work()
            best[i] = min(best[i], time.process_time() - started)
    return [n_texts / b for b in best]


def run() -> dict[str, float]:
    tagger = get_tagger()
    tokenizer = tagger.tokenizer
    texts = _texts() * 2

    def tag_all() -> None:
        for text in texts:
            tagger.tag(text)

    def sudachi_all() -> None:
        for text in texts:
            for m in tokenizer.tokenize(text):
                m.normalized_form()

    def tokenize_only() -> None:
        for text in texts:
            tokenizer.tokenize(text)

    tag_all()  # steady state: per-word analyses cached, as in a running bot
    sudachi_all()
    tagger_rate, sudachi_rate, tokenize_rate = _best_rates(
        [tag_all, sudachi_all, tokenize_only], len(texts))
    return {
        "tagger_vs_sudachi": tagger_rate / sudachi_rate,
        "tagger_msgs_per_s": tagger_rate,
        "sudachi_msgs_per_s": sudachi_rate,
        "sudachi_tokenize_only_msgs_per_s": tokenize_rate,
        "tagger_vs_sudachi_tokenize_only": tagger_rate / tokenize_rate,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<34} {value:>12.3f}")
