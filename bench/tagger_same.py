"""The tagger's full output on every text we have, to check that a change to the tagger's code
(not its lexicons) changes nothing: `python -m bench.tagger_same write before.jsonl` in one
tree, `python -m bench.tagger_same check before.jsonl` in the other.

Texts: every labelled set (tests/data/*.jsonl) and every string literal of the tagger's tests
(they hold the odd cases: invisibles, lone surrogates, katakana-only, texts over Sudachi's
byte limit).
"""

from __future__ import annotations

import ast
import dataclasses
import json
import sys
from pathlib import Path

from dictionaries.tagger import get_tagger

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
TEST_DIR = ROOT / "tests" / "dictionaries"


def texts() -> list[str]:
    found: dict[str, None] = {}
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found[json.loads(line)["text"]] = None
    # the long-text path (chunks under Sudachi's byte limit), from texts that do not change
    # when a test is added
    joined = "。".join(found)
    long_texts = [joined, joined * 3]
    for path in sorted(TEST_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found[node.value] = None
    return [*found, *long_texts]


def outputs() -> list[str]:
    tagger = get_tagger()
    return [json.dumps({"text": t, "result": dataclasses.asdict(tagger.tag(t))},
                       sort_keys=True) for t in texts()]


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("write", "check"):
        print("usage: python -m bench.tagger_same write|check FILE", file=sys.stderr)
        return 2
    path = Path(argv[1])
    lines = outputs()
    if argv[0] == "write":
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} results written to {path}")
        return 0
    before = {json.loads(line)["text"]: line
              for line in path.read_text(encoding="utf-8").split("\n") if line}
    # texts are keyed by themselves: tests added since `write` bring texts it never saw
    common = [line for line in lines if json.loads(line)["text"] in before]
    differ = sum(1 for line in common if before[json.loads(line)["text"]] != line)
    print(f"{len(common)} texts tagged as before, {differ} results differ"
          f" ({len(lines) - len(common)} texts new since)")
    return 1 if differ or not common else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
