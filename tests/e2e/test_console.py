"""The console as a person or a front end meets it: a real `tsunagu` process on a SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.console_process import ConsoleProcess, tsunagu

SELF_PATH = [
    {"choice": "self"},
    {"text": "はい"},
    {"text": "仕事がなくなって、来月の家賃が払えそうにありません。"},
    {"text": "以上です"},
]


def test_resident_reaches_a_submitted_case_that_cases_export_shows(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    console = ConsoleProcess(db)
    assert console.greeting["choices"], "the first turn offers who the concern is about"
    for message in SELF_PATH:
        turn = console.send(message)
    for _ in range(15):
        if turn["done"]:
            break
        turn = console.send(_answer(turn))
    assert turn["done"] is True
    assert "TS-" in turn["text"]
    assert console.close() == 0

    exported = json.loads(tsunagu("cases", "export", "--format", "json", "--db", str(db)))
    assert len(exported) == 1
    case = exported[0]
    assert case["reference"] in turn["text"]
    assert "家賃が払えそうにありません" in case["concern_text"]
    assert "poverty" in case["categories"]
    assert {c["scope"] for c in case["consents"]} >= {"record", "share"}
    assert all(c["text_version"] and len(c["text_hash"]) == 64 for c in case["consents"])


def _answer(turn: dict[str, object]) -> dict[str, str]:
    """What a resident would say to the question in `turn`: the first offered yes/ok/chat."""
    ids = [c["id"] for c in turn["choices"]]  # type: ignore[attr-defined]
    for preferred in ("submit", "yes", "ok", "chat", "alone", "unknown", "40s"):
        if preferred in ids:
            return {"choice": preferred}
    if ids:
        return {"choice": ids[0]}
    return {"text": "40代です"}


def test_killed_console_resumes_at_the_same_question_with_nothing_lost(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    console = ConsoleProcess(db)
    for message in SELF_PATH:
        asked = console.send(message)
    console.kill()

    again = ConsoleProcess(db)
    assert again.greeting["state"] == asked["state"]
    assert again.greeting["keys"][-1] == asked["keys"][-1]
    again.close()


BAD_INPUTS = [
    pytest.param({"text": ""}, id="empty"),
    pytest.param({"text": "あ" * 10_000}, id="10000-chars"),
    pytest.param({"text": "\x00\x07\x1b[31m\u202e"}, id="control-chars"),
    pytest.param({"text": "😭😭🙏"}, id="only-emoji"),
    pytest.param({"text": "ｿｳﾀﾞﾝ"}, id="half-width-katakana"),
    pytest.param({"choice": "no-such-choice"}, id="unknown-choice"),
    pytest.param({"unsupported": "sticker"}, id="sticker"),
]


@pytest.mark.parametrize("bad", BAD_INPUTS)
def test_bad_input_at_a_choice_gets_a_kind_reply_and_changes_nothing(
    tmp_path: Path, bad: dict[str, str]
) -> None:
    console = ConsoleProcess(tmp_path / "t.db")
    asked = console.send({"choice": "self"})
    turn = console.send(bad)
    assert turn["state"] == asked["state"]
    assert turn["text"], "a reply, not silence"
    assert turn["keys"][-1] == asked["keys"][-1], "the same question again"
    assert console.send({"text": "はい"})["state"] != asked["state"], "the process goes on"
    console.close()


def test_malformed_json_gets_an_error_line_and_the_console_goes_on(tmp_path: Path) -> None:
    console = ConsoleProcess(tmp_path / "t.db")
    for line in ("{not json", "[1, 2]", '{"neither": 1}', '"text"'):
        error = console.write_line(line)
        assert "error" in error and error["text"]
    assert console.send({"choice": "self"})["state"] == "consent_record"
    console.close()


def test_readable_console_numbers_the_choices_and_takes_a_number(tmp_path: Path) -> None:
    out = tsunagu("chat", "--db", str(tmp_path / "t.db"), stdin="1\n")
    assert "1. " in out and "2. " in out
    assert "記録" in out, "choosing 1 (ご自身のこと) leads to the consent to record"
