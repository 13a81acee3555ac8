"""The console channel: a readable terminal chat, or a JSON-lines protocol for front ends."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from bot.channels.console_io import BadInput, parse_jsonl, parse_typed, texts, wrap
from bot.channels.console_notices import tell_pending_notices
from bot.engine import ChatKey, Engine, EngineUnavailable, Turn, utc_now
from flows.messages import Choice, Command, CommandMessage, InboundMessage

logger = logging.getLogger(__name__)


class ConsoleChat:
    def __init__(self, engine: Engine, key: ChatKey, out: TextIO, *, jsonl: bool,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.engine = engine
        self.key = key
        self.out = out
        self.jsonl = jsonl
        self.clock = clock
        self.choices: tuple[Choice, ...] = ()

    def run(self, lines: Iterable[str]) -> int:
        self.open()
        for line in lines:
            self.receive(line)
        if not self.jsonl:
            self._say(texts()["saved_on_exit"])
        return 0

    def open(self) -> None:
        if not self.jsonl:
            self._say(texts()["banner"])
        self._turn(None, notices=self._notices())

    def _notices(self) -> list[str]:
        """Status notices waiting for this chat: said at once in the terminal, carried in
        the opening turn's `notices` in JSON lines. A database away leaves them waiting."""
        notices: list[str] = []
        write = notices.append if self.jsonl else self._say
        try:
            tell_pending_notices(self.engine, self.key, self.clock(), write)
        except SQLAlchemyError as exc:
            logger.warning("status notices not read: %s", type(exc).__name__)
        return notices

    def receive(self, line: str) -> None:
        """One input line, answered with one bot turn (or a JSON error line)."""
        message = self._read(line.rstrip("\r\n"))
        if message is not None:
            self._turn(message)

    def _read(self, line: str) -> InboundMessage | None:
        if not self.jsonl:
            return parse_typed(line, self.choices)
        try:
            return parse_jsonl(line)
        except BadInput as exc:
            self._write_json({"error": str(exc), "text": texts()["bad_json"]})
            return None

    def _turn(self, message: InboundMessage | None, *, notices: list[str] | None = None) -> None:
        """One bot turn: the answer to `message`; when None, the opening of the session."""
        try:
            turn = self._open() if message is None else self.engine.handle_turn(self.key, message)
        except EngineUnavailable:
            if self.jsonl:
                failed: dict[str, object] = {"error": "unavailable", "text": texts()["unavailable"]}
                if notices:  # already marked sent: they must reach the person
                    failed["notices"] = notices
                self._write_json(failed)
            else:
                self._say(texts()["unavailable"])
            return
        replies = turn.replies
        self.choices = next((r.choices for r in reversed(replies) if r.choices), ())
        if self.jsonl:
            line: dict[str, object] = {
                "state": turn.state,
                "text": "\n\n".join(r.text for r in replies),
                "choices": [{"id": c.id, "label": c.label} for c in self.choices],
                "done": turn.done,
                "keys": [r.key for r in replies],
            }
            if notices:
                line["notices"] = notices
            self._write_json(line)
        else:
            for reply in replies:
                self._say(reply.text)
            for number, choice in enumerate(self.choices, start=1):
                self.out.write(f"  {number}. {choice.label}\n")
            self.out.write("> ")
            self.out.flush()

    def _open(self) -> Turn:
        """A new chat starts as Telegram's /start does, so the greeting is said once and stored;
        a chat with a saved conversation is asked its current question again."""
        shown = self.engine.current_turn(self.key)
        if shown.state is None:
            return self.engine.handle_turn(self.key, CommandMessage(Command.RESTART))
        return shown

    def _say(self, text: str) -> None:
        self.out.write("\n" + wrap(text) + "\n")
        self.out.flush()

    def _write_json(self, obj: dict[str, object]) -> None:
        self.out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.out.flush()
