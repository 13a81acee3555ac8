"""`tsunagu chat --jsonl` as a subprocess, and as a transcript channel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.transcripts import Received, Sent

TSUNAGU = Path(sys.executable).with_name("tsunagu")
REPLY_TIMEOUT_S = 60  # a bound against a hung process, not a speed check


def tsunagu(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> str:
    """Runs one `tsunagu` command to the end and returns its stdout."""
    done = subprocess.run(
        [str(TSUNAGU), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        check=True,
    )
    return done.stdout


class ConsoleProcess:
    """A live `tsunagu chat --jsonl`: write one JSON line, read one bot turn."""

    def __init__(self, db: Path, *, chat_id: str = "local") -> None:
        self.proc = subprocess.Popen(
            [str(TSUNAGU), "chat", "--jsonl", "--db", str(db), "--chat-id", chat_id],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.greeting = self.read()

    def read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, f"the console closed: {self.stderr()}"
        turn: dict[str, Any] = json.loads(line)
        return turn

    def write_line(self, line: str) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.read()

    def send(self, message: dict[str, str]) -> dict[str, Any]:
        return self.write_line(json.dumps(message, ensure_ascii=False))

    def close(self) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        return self.proc.wait(timeout=REPLY_TIMEOUT_S)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=REPLY_TIMEOUT_S)

    def stderr(self) -> str:
        if self.proc.poll() is None or self.proc.stderr is None:
            return ""
        return self.proc.stderr.read()


SEND_FIELD = {"user": "text", "choice": "choice", "command": "command", "contact": "contact"}


class ConsoleChannel:
    """The transcript runner's view of the console: reply keys, texts, choices and state."""

    def __init__(self, db: Path) -> None:
        self.console = ConsoleProcess(db)

    def send(self, message: Sent) -> Received:
        field = SEND_FIELD.get(message.kind, "unsupported")
        turn = self.console.send({field: message.value})
        return Received(
            keys=tuple(turn["keys"]),
            texts=(turn["text"],),
            choices=tuple(c["id"] for c in turn["choices"]),
            state=turn["state"],
        )
