"""What a channel hands the engine and gets back: the chat's key, one turn, the outage."""

from __future__ import annotations

from dataclasses import dataclass

from flows.messages import Reply


class EngineUnavailable(Exception):
    """The database stayed unreachable; nothing was stored or acknowledged."""


@dataclass(frozen=True)
class ChatKey:
    channel: str
    chat_id: str


@dataclass(frozen=True)
class Turn:
    """One bot turn as a channel needs it: the replies, and the state they leave the chat in
    (None for a chat without a conversation; `done` when the state is terminal). `stale`: the
    message pressed a button of an earlier question; nothing changed and `replies` ask the
    current question again (a channel may add a kind note)."""

    replies: list[Reply]
    state: str | None
    done: bool
    stale: bool = False
