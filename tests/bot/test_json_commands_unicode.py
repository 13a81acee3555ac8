"""Every JSON-lines command (`tsunagu tag`, `tsunagu route`, `tsunagu chat --jsonl`) takes any
Unicode, and bytes that are not UTF-8 at all, without a crash: one valid JSON object out per
line in. Each run feeds a whole batch to one process, so a process start is paid once."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
LONG = "母が認知症で、夜中に家を出て行ってしまいます。" * 1200  # > 49,149 bytes: past Sudachi
ODD_TEXTS = (
    "\x00", "母が\x00認知症", "\u0301", "\u0301\u0308\u3099", "\u202e死にたい\u202c",
    "\u2067家賃が払えない\u2069", "\ufeff", "死\u200bに\u200bたい", "\u2028\u2029\x85",
    "".join(map(chr, range(1, 0x20))), "\ufffe\uffff", "🙂👨‍👩‍👧", "𠮷", " ", "", LONG,
    "<script>alert(1)</script>", "{\"text\": \"入れ子\"}", "\\ud800",
)
# JSON may carry lone surrogates as escapes; a client that sends them must not stop the tool.
SURROGATE_LINES = (b'{"text": "\\ud800"}', b'{"text": "\\udfff\\u6bcd"}',
                   b'{"area": "\\ud83d", "categories": ["\\udc00"]}', b'{"choice": "\\ud800"}')
RAW_LINES = (b"\xff\xfe\x00", b"\xe6\xaf", b"\xc0\x80", b"plain \xed\xa0\x80 text", b"[]", b"null",
             b"1e999999", b"[" * 5000, b"{\"text\": " * 5000, b"{\"text\": 12}", b"{}",
             b"\"a string\"")

ROUTE_KEYS = ("categories", "area", "reporter", "subject_consent", "age_group", "emergency",
              "pregnancy", "slots")
CHAT_FIELDS = ("text", "choice", "command", "contact", "unsupported")
# Messages that move a chat on, mixed in so random input also reaches the later questions.
PROGRESS = ({"text": "1"}, {"choice": "self"}, {"choice": "yes"}, {"choice": "done"},
            {"text": "母が認知症で、お金もありません"}, {"text": "以上です"}, {"choice": "ok"})


def run_lines(args: list[str], lines: list[bytes]) -> list[dict[str, Any]]:
    """Runs `tsunagu <args>` on the lines; returns its output lines, each checked to be a
    JSON object, after checking the process ended well and wrote valid UTF-8."""
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], input=b"\n".join(lines) + b"\n",
        capture_output=True, cwd=REPO, timeout=300,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr[-2000:]
    assert "Traceback" not in stderr, stderr[-2000:]
    out = done.stdout.decode("utf-8")  # strict: a lone surrogate or broken byte fails here
    objects = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert all(isinstance(obj, dict) for obj in objects)
    return objects


def encode(obj: object) -> bytes:
    # ensure_ascii: lone surrogates and controls travel as escapes, as a JSON client sends them.
    return json.dumps(obj).encode("ascii")


def tag(lines: list[bytes]) -> None:
    answers = run_lines(["tag"], lines)
    assert len(answers) == len(lines)
    for answer in answers:
        assert "error" in answer or {"categories", "emergency", "evidence"} <= set(answer)


def route(lines: list[bytes]) -> None:
    blank = sum(1 for line in lines if not line.strip())
    answers = run_lines(["route"], lines)
    assert len(answers) == len(lines) - blank  # blank lines are skipped, as documented
    for answer in answers:
        assert "error" in answer or "primary" in answer


def chat(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        answers = run_lines(["chat", "--jsonl", "--db", str(Path(tmp) / "t.db")], lines)
    assert len(answers) == len(lines) + 1  # the greeting, then one turn per line
    for answer in answers:
        assert "error" in answer or {"state", "text", "choices"} <= set(answer)


COMMANDS = {"tag": tag, "route": route, "chat": chat}


def hand_picked(command: str) -> list[bytes]:
    if command == "tag":
        lines = [encode({"text": t}) for t in ODD_TEXTS]
        lines += [t.encode("utf-8") for t in ODD_TEXTS if "\n" not in t and "\r" not in t]
    elif command == "route":
        lines = [encode({"categories": ["elderly"], "area": t, "age_group": t}) for t in ODD_TEXTS]
        lines += [encode({"categories": [t], "reporter": t}) for t in ODD_TEXTS]
        lines += [encode({"categories": ["poverty"], "slots": {"district": t}}) for t in ODD_TEXTS]
    else:
        lines = [encode({field: t}) for t in ODD_TEXTS for field in ("text", "choice")]
        lines += [encode({"text": "1"}), encode({"text": "1"}), encode({"text": LONG})]
        lines += [encode({field: t}) for t in ODD_TEXTS[:6] for field in CHAT_FIELDS]
    return lines + list(SURROGATE_LINES) + list(RAW_LINES)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_odd_unicode_and_broken_bytes_get_one_json_line_each(command: str) -> None:
    COMMANDS[command](hand_picked(command))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)
BATCH = settings(max_examples=3, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@BATCH
@given(st.lists(st.text(), min_size=20, max_size=60),
       st.lists(st.text().filter(lambda t: "\n" not in t and "\r" not in t), max_size=20))
def test_any_text_into_tsunagu_tag_gives_one_json_line_each(
    texts: list[str], plain: list[str]
) -> None:
    tag([encode({"text": t}) for t in texts] + [t.encode("utf-8") for t in plain])


@BATCH
@given(st.lists(st.dictionaries(st.sampled_from(ROUTE_KEYS) | st.text(max_size=5), json_values,
                                max_size=6), min_size=20, max_size=60),
       st.lists(st.fixed_dictionaries({"categories": st.lists(st.text(max_size=12), max_size=3),
                                       "area": st.text(), "age_group": st.text()}),
                min_size=5, max_size=20))
def test_any_request_into_tsunagu_route_gives_one_json_line_each(
    loose: list[dict[str, Any]], typed: list[dict[str, Any]]
) -> None:
    route([encode(obj) for obj in (*loose, *typed)])


@BATCH
@given(st.lists(st.dictionaries(st.sampled_from(CHAT_FIELDS), st.text() | json_values,
                                min_size=1, max_size=2) | st.sampled_from(PROGRESS),
                min_size=20, max_size=50))
def test_any_message_into_tsunagu_chat_jsonl_gives_one_json_line_each(
    messages: list[dict[str, Any]],
) -> None:
    chat([encode(obj) for obj in messages])
