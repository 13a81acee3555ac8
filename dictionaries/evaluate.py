"""`python -m dictionaries.evaluate tests/data/dev_set.jsonl`: how well the tagger reads a
labelled set. Prints per-category precision / recall / F1, macro-F1, and danger recall and
precision, for the tuning part ("dev"), the held-out part and all of it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dictionaries.tag_result import CATEGORY_IDS, TagResult
from dictionaries.tagger import get_tagger

SPLITS = ("dev", "holdout", "all")


@dataclass(frozen=True)
class Example:
    text: str
    categories: frozenset[str]
    emergency: bool
    split: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: bool, expected: bool) -> None:
        if predicted and expected:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif expected:
            self.fn += 1


@dataclass
class Report:
    n: int = 0
    categories: dict[str, Counts] = field(
        default_factory=lambda: {c: Counts() for c in CATEGORY_IDS})
    danger: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)

    def macro_f1(self) -> float:
        return sum(c.f1() for c in self.categories.values()) / len(self.categories)


def load(path: Path) -> list[Example]:
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            examples.append(Example(row["text"], frozenset(row["categories"]),
                                    bool(row["emergency"]), row.get("split", "dev")))
    return examples


def evaluate(examples: Iterable[Example]) -> Report:
    tagger = get_tagger()
    report = Report()
    for ex in examples:
        result: TagResult = tagger.tag(ex.text)
        predicted = set(result.categories)
        report.n += 1
        for category, counts in report.categories.items():
            counts.add(category in predicted, category in ex.categories)
        report.danger.add(result.emergency, ex.emergency)
        if predicted != ex.categories or result.emergency != ex.emergency:
            report.errors.append(
                f"{ex.text}\n    expected {sorted(ex.categories)} emergency={ex.emergency}"
                f"\n    got      {sorted(predicted)} emergency={result.emergency}"
                f" scores={result.scores}")
    return report


def render(name: str, report: Report) -> str:
    lines = [f"== {name}: {report.n} texts", f"{'category':<12}{'P':>7}{'R':>7}{'F1':>7}"
             f"{'tp':>5}{'fp':>5}{'fn':>5}"]
    for category, c in report.categories.items():
        lines.append(f"{category:<12}{c.precision():>7.3f}{c.recall():>7.3f}{c.f1():>7.3f}"
                     f"{c.tp:>5}{c.fp:>5}{c.fn:>5}")
    d = report.danger
    lines.append(f"macro-F1      {report.macro_f1():.3f}")
    lines.append(f"danger        recall {d.recall():.3f}  precision {d.precision():.3f}"
                 f"  (tp {d.tp}, fp {d.fp}, fn {d.fn})")
    return "\n".join(lines)


def summary_line(name: str, split: str, report: Report) -> str:
    d = report.danger
    return (f"{name:<22}{split:<9}{report.n:>5}{report.macro_f1():>10.3f}"
            f"{d.recall():>9.3f}{d.precision():>9.3f}{d.fn:>6}{d.fp:>6}")


def summarize(paths: Sequence[Path]) -> None:
    """One line per set and split: the numbers to compare across sets at a glance."""
    print(f"{'set':<22}{'split':<9}{'n':>5}{'macro-F1':>10}{'dng-R':>9}{'dng-P':>9}"
          f"{'miss':>6}{'false':>6}")
    for path in paths:
        examples = load(path)
        for split in ("dev", "holdout"):
            subset = [e for e in examples if e.split == split]
            if subset:
                print(summary_line(path.stem, split, evaluate(subset)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dictionaries.evaluate",
        description=__doc__,
        epilog="examples:\n  python -m dictionaries.evaluate tests/data/dev_set.jsonl --errors dev"
               "\n  python -m dictionaries.evaluate --summary tests/data/*.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", type=Path, nargs="+")
    parser.add_argument("--errors", choices=SPLITS, help="also list the texts read wrongly")
    parser.add_argument("--summary", action="store_true",
                        help="one line per set and split (macro-F1, danger recall, precision)")
    args = parser.parse_args(argv)
    if args.summary:
        summarize(args.path)
        return 0
    if len(args.path) > 1:
        parser.error("give one set, or several with --summary")
    examples = load(args.path[0])
    for split in SPLITS:
        subset = [e for e in examples if split in ("all", e.split)]
        if not subset:  # a set that is all held out has no dev part to score
            continue
        report = evaluate(subset)
        print(render(split, report))
        if args.errors == split:
            print("\n".join(report.errors))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
