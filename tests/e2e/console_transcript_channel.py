"""The console's JSON-lines protocol as a transcript channel, in process.

The transcripts were written against the hand-written FakeTagger and FakeRouter, which only an
in-process engine can be given; the `tsunagu chat` subprocess itself is driven by test_console.py.
"""

from __future__ import annotations

import io
import json
from typing import Any

from bot.channels.console import ConsoleChat
from bot.engine import ChatKey, Engine
from tests.transcripts import Received, Sent

SEND_FIELD = {"user": "text", "choice": "choice", "command": "command", "contact": "contact"}


class ConsoleTranscriptChannel:
    def __init__(self, engine: Engine) -> None:
        self.out = io.StringIO()
        # Not opened: a transcript begins with the person's first message, as on Telegram
        # before /start; the console's own opening turn is checked in test_console.py.
        self.chat = ConsoleChat(engine, ChatKey("console", "transcript"), self.out, jsonl=True)

    def send(self, message: Sent) -> Received:
        field = SEND_FIELD.get(message.kind, "unsupported")
        self.chat.receive(json.dumps({field: message.value}, ensure_ascii=False))
        turn: dict[str, Any] = json.loads(self.out.getvalue().splitlines()[-1])
        return Received(
            keys=tuple(turn["keys"]),
            texts=(turn["text"],),
            choices=tuple(c["id"] for c in turn["choices"]),
            state=turn["state"],
        )
