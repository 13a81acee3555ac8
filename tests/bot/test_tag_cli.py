"""`tsunagu tag` as a process: JSON lines in, one JSON object per line out, errors as lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def tag(stdin: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "tag"], input=stdin.encode("utf-8"),
        capture_output=True, cwd=REPO, timeout=120, check=True,
    )
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def test_tag_reads_plain_and_json_lines_and_answers_each_in_order() -> None:
    out = tag("母がボケてきて、兄は10年家から出ていない。年金だけで家賃が払えない\n"
              '{"text": "介護は必要ないけど、お金がない"}\n'
              "もう消えたい\n")
    assert len(out) == 3
    assert set(out[0]["categories"]) == {"elderly", "isolation", "poverty"}
    assert out[0]["slots"]["duration"] == "10年"
    assert out[1]["categories"] == ["poverty"]
    assert out[1]["negated"][0]["surface"] == "介護"
    assert out[2]["emergency"] is True
    assert any(e["category"] == "danger" for e in out[2]["evidence"])
    for line in out:
        assert list(line) == ["categories", "scores", "emergency", "evidence", "negated", "slots"]


def test_bad_lines_get_an_error_line_and_the_rest_still_runs() -> None:
    out = tag('\n{"text": \n{"text": 5}\n["a"]\nお金がない\n')
    assert [list(o) for o in out[:4]] == [["error"]] * 4
    assert out[4]["categories"] == ["poverty"]


def test_output_is_unescaped_japanese() -> None:
    done = subprocess.run([sys.executable, "-m", "bot.cli", "tag"], input="お金がない\n".encode(),
                          capture_output=True, cwd=REPO, timeout=120, check=True)
    assert "お金" in done.stdout.decode("utf-8")
