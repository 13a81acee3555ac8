"""A transport that delivers into a file, one JSON line a message, and the chat people read
from it: a platform that drops a key it has already delivered."""

from __future__ import annotations

import json
import os
from pathlib import Path

from bot.handoff.transport import OutboundMessage


class FileTransport:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def send(self, message: OutboundMessage) -> None:
        line = json.dumps(
            {"chat": message.key.chat_id, "key": message.idempotency_key, "text": message.text},
            ensure_ascii=False,
        )
        with self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
            out.flush()
            os.fsync(out.fileno())

    def deliveries(self) -> list[dict[str, str]]:
        lines = self.path.read_text("utf-8").splitlines() if self.path.exists() else []
        return [json.loads(line) for line in lines]

    def seen_by_staff(self, chat_id: str) -> list[dict[str, str]]:
        seen: dict[str, dict[str, str]] = {}
        for delivery in self.deliveries():
            if delivery["chat"] == chat_id:
                seen.setdefault(delivery["key"], delivery)
        return list(seen.values())
