"""`tsunagu route` as another tool uses it: JSON lines in, one JSON line out for each."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_route(*lines: str) -> tuple[list[dict[str, object]], subprocess.CompletedProcess[str]]:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "route"],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    return [json.loads(out) for out in done.stdout.splitlines()], done


def test_each_request_line_gets_one_decision_line_in_the_issue_shape() -> None:
    request = {
        "categories": ["elderly", "poverty"],
        "emergency": False,
        "area": "水橋北",
        "reporter": "third_party",
        "subject_consent": "no",
        "age_group": "elderly",
        "pregnancy": False,
    }
    answers, done = run_route(json.dumps(request, ensure_ascii=False), '{"categories": []}')
    assert done.returncode == 0
    assert len(answers) == 2
    first = answers[0]
    assert set(first) == {
        "primary", "sites", "multi_agency", "coordinator", "manager", "meeting",
        "outreach", "crisis_lines", "resources", "reasons",
    }  # fmt: skip
    assert first["meeting"] == "support_meeting"
    assert first["multi_agency"] is True
    assert first["primary"] == {
        "id": "coordinator_elderly",
        "name": "多機関協働調整担当（長寿福祉課）",
        "kind": "coordinator",
        "phone": "076-443-2062",
    }
    assert answers[1]["primary"]["kind"] == "worries_consultation"  # type: ignore[index]


def test_a_malformed_line_gets_an_error_line_and_the_next_line_is_still_routed() -> None:
    answers, done = run_route(
        "not json at all",
        '{"categories": "elderly"}',
        '{"categories": ["elderly"], "reporter": "neighbour"}',
        "[1, 2]",
        '{"categories": ["child"], "pregnancy": "yes"}',
        '{"categories": ["disability"]}',
    )
    assert done.returncode == 0
    assert done.stderr == ""
    assert [sorted(a) for a in answers[:5]] == [["error"]] * 5
    assert answers[5]["primary"]["id"] == "disability_core_office"  # type: ignore[index]


def test_an_error_never_repeats_what_the_person_wrote() -> None:
    answers, _ = run_route('{"categories": ["elderly"], "area": 12, "note": "母が認知症で"}')
    assert "error" in answers[0]
    assert "認知症" not in json.dumps(answers[0], ensure_ascii=False)


def test_a_tag_line_can_be_piped_in_and_its_district_slot_is_used() -> None:
    tag_line = {
        "categories": ["elderly"],
        "scores": {"elderly": 2.0},
        "emergency": False,
        "evidence": [],
        "negated": [],
        "slots": {"district": "水橋南"},
    }
    answers, _ = run_route(json.dumps(tag_line, ensure_ascii=False))
    assert answers[0]["primary"]["id"] == "ccc_mizuhashi_minami"  # type: ignore[index]


def test_danger_lists_the_crisis_lines_in_the_output() -> None:
    answers, _ = run_route('{"categories": ["health"], "emergency": true}')
    lines = answers[0]["crisis_lines"]
    assert isinstance(lines, list)
    assert lines[0] == {
        "id": "police_110",
        "name": "警察 緊急通報",
        "phone": "110",
        "hours": "24時間",
        "use_for": "事件・暴力の危険が今ある（DVで身体的暴力を受けている場合を含む）",
    }
