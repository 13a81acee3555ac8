"""Parsing console input lines into InboundMessages, and laying out text for a terminal."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from functools import cache

from dictionaries.data_files import packaged_yaml
from flows.messages import (
    Choice,
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    InboundMessage,
    TextMessage,
    UnsupportedMessage,
)

SLASH_COMMANDS: dict[str, Command] = {
    "/start": Command.RESTART,
    "/help": Command.HELP,
    "/back": Command.BACK,
    "/cancel": Command.CANCEL,
    "/restart": Command.RESTART,
    "/delete": Command.DELETE,
    "/withdraw": Command.WITHDRAW,
}


@cache
def texts() -> dict[str, str]:
    data: dict[str, str] = packaged_yaml("bot.channels", "data/console_texts.yaml")
    return data


class BadInput(ValueError):
    """A line the console protocol cannot read (not the person's words: those always pass)."""


def parse_typed(line: str, choices: Sequence[Choice]) -> InboundMessage:
    """A human's line: a number picks the nth offered choice, /commands, else free text."""
    stripped = unicodedata.normalize("NFKC", line).strip()
    if stripped in SLASH_COMMANDS:
        return CommandMessage(SLASH_COMMANDS[stripped])
    if stripped.isdecimal() and choices and 1 <= int(stripped) <= len(choices):
        return ChoiceMessage(choices[int(stripped) - 1].id)
    return TextMessage(line)


def parse_jsonl(line: str) -> InboundMessage:
    """A front end's line: {"text": ...} or {"choice": ...}; also {"command": ...},
    {"contact": "<phone>"} and {"unsupported": "photo"} for front ends that have them."""
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadInput("malformed JSON") from exc
    if not isinstance(data, dict):
        raise BadInput("expected a JSON object")
    if isinstance(data.get("choice"), str):
        return ChoiceMessage(data["choice"])
    if isinstance(data.get("text"), str):
        return TextMessage(data["text"])
    if isinstance(data.get("command"), str) and data["command"] in Command.__members__.values():
        return CommandMessage(Command(data["command"]))
    if isinstance(data.get("contact"), str):
        return ContactMessage(data["contact"])
    if isinstance(data.get("unsupported"), str):
        return UnsupportedMessage(data["unsupported"])
    raise BadInput("expected a text, choice, command, contact or unsupported field")


NO_LINE_START = frozenset("。、，．」』）】！？ー…")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# A run of printable ASCII (/delete, 090-1234-5678, a web address) is never broken.
_UNIT = re.compile(r"[!-~]+|.", re.DOTALL)


def wrap(text: str, width: int = 72) -> str:
    """Wraps by display width, since Japanese has no spaces to break at and is double width."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for unit in _UNIT.findall(paragraph):
            w = display_width(unit)
            # 禁則: closing punctuation stays on the line it closes, even past the width.
            if used + w > width and line and unit[0] not in NO_LINE_START:
                out.append(line)
                line, used = "", 0
            line += unit
            used += w
        out.append(line)
    return "\n".join(out)
