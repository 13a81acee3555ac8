"""The quality bar on the labelled sets (tests/data/dev_set.jsonl, and blind_set.jsonl written
blind to the lexicons): a test that fails when the tagger gets worse. The held-out parts are
reported by `make eval`, never asserted on or tuned on."""

from __future__ import annotations

from pathlib import Path

import pytest

from dictionaries.evaluate import Report, evaluate, load, main

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "dev_set.jsonl"
BLIND_SET = Path(__file__).resolve().parents[1] / "data" / "blind_set.jsonl"


@pytest.fixture(scope="module")
def dev() -> Report:
    return evaluate([e for e in load(DEV_SET) if e.split == "dev"])


@pytest.fixture(scope="module")
def everything() -> Report:
    return evaluate(load(DEV_SET))


def test_the_set_is_large_and_keeps_a_quarter_held_out() -> None:
    examples = load(DEV_SET)
    assert len(examples) >= 400
    held_out = sum(e.split == "holdout" for e in examples)
    assert 0.2 <= held_out / len(examples) <= 0.3


def test_macro_f1_on_the_dev_split_is_at_least_0_92(dev: Report) -> None:
    assert dev.macro_f1() >= 0.92, "\n".join(dev.errors)


def test_no_danger_sign_is_missed_and_few_are_false(dev: Report, everything: Report) -> None:
    assert dev.danger.recall() == 1.0, "\n".join(dev.errors)
    assert everything.danger.recall() == 1.0, "\n".join(everything.errors)
    assert dev.danger.precision() >= 0.8


def test_make_eval_prints_every_number(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(DEV_SET)]) == 0
    out = capsys.readouterr().out
    for word in ("== dev", "== holdout", "macro-F1", "danger", "recall", "precision",
                 "elderly", "general"):
        assert word in out


def test_the_blind_set_keeps_half_held_out() -> None:
    examples = load(BLIND_SET)
    assert len(examples) >= 200
    assert sum(e.split == "holdout" for e in examples) * 2 == len(examples)


def test_words_people_use_that_the_lexicons_were_not_written_from_are_read() -> None:
    """The blind set's tuning half: every danger sign and most needs, in words the lexicon
    authors did not choose."""
    blind = evaluate([e for e in load(BLIND_SET) if e.split == "dev"])
    assert blind.danger.recall() == 1.0, "\n".join(blind.errors)
    assert blind.macro_f1() >= 0.92, "\n".join(blind.errors)


# The sets tuned on in the third session, each kept near where the tuning left it (the numbers
# then: blind_set_2 0.987, blind_set_3 dev 0.939, consult_train 0.869; danger recall 1.0 on
# each, 0.991 on danger_dev). The held-out halves are only reported.
TUNED_FLOORS = [
    # set, split tuned on, macro-F1 at least, danger recall at least
    ("blind_set_2.jsonl", "holdout", 0.95, 1.0),  # all of it tuned on: its one split's name
    ("blind_set_3.jsonl", "dev", 0.90, 1.0),
    ("danger_blind.jsonl", "dev", 0.85, 1.0),
    ("danger_dev.jsonl", "dev", 0.84, 0.98),
    ("danger_train.jsonl", "dev", 0.70, 0.98),
    ("consult_train.jsonl", "dev", 0.83, 1.0),
]


@pytest.mark.parametrize(("name", "split", "macro_f1", "danger_recall"), TUNED_FLOORS)
def test_what_the_tuning_taught_is_not_lost(name: str, split: str, macro_f1: float,
                                           danger_recall: float) -> None:
    report = evaluate([e for e in load(DEV_SET.with_name(name)) if e.split == split])
    assert report.danger.recall() >= danger_recall, "\n".join(report.errors)
    assert report.macro_f1() >= macro_f1, "\n".join(report.errors)


def test_a_set_with_no_dev_part_prints_no_empty_scores(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(BLIND_SET.with_name("blind_set_2.jsonl"))]) == 0
    out = capsys.readouterr().out
    assert "== dev" not in out and "== holdout" in out


def test_the_summary_gives_one_line_per_set_and_split(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--summary", str(DEV_SET), str(BLIND_SET)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["set", "split", "n", "macro-F1"]
    rows = [line.split()[:3] for line in lines[1:]]
    assert rows == [["dev_set", "dev", "318"], ["dev_set", "holdout", "106"],
                    ["blind_set", "dev", "120"], ["blind_set", "holdout", "120"]]
