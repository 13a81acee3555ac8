"""How the dispatcher hands a message to a chat platform, and what it promises about repeats.

Delivery is at-least-once. The dispatcher marks an outbox row sent only after `send` returned,
so a crash between the two sends the same message again on the next pass, with the SAME
`idempotency_key`. A transport (or the chat it feeds) that remembers the keys it has delivered
drops such a repeat, and staff see each referral once. A key names one outbox row and one
recipient chat: the same row sent to two chats of a site carries two keys.

A chat platform without idempotency keys (Telegram's Bot API) cannot drop a repeat, and a bot
killed while its message is in flight cannot know whether it arrived. For such platforms the
dispatcher hands each message `receipts`: a durable note per key, written at once. A transport
that can edit what it posted delivers in two steps: it posts a short placeholder, notes the
placeholder's id, then writes the content into it. A process dying anywhere in between leaves
the note, and the next attempt edits the same message, so the content shows exactly once; at
worst an empty placeholder shows twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from bot.engine import ChatKey
from flows.messages import Choice


class Receipts(Protocol):
    """Notes that outlive the process: what a transport needs to finish a delivery it began."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, receipt: str) -> None:
        """Store at once (committed before it returns)."""
        ...


@dataclass(frozen=True)
class OutboundMessage:
    key: ChatKey
    text: str  # HTML: everything a person typed in it is already escaped
    choices: tuple[Choice, ...]
    idempotency_key: str
    receipts: Receipts | None = field(default=None, compare=False)  # set by the dispatcher

    def __repr__(self) -> str:
        # The text may hold a person's words: keep it out of logs and tracebacks.
        return f"OutboundMessage(key={self.key!r}, idempotency_key={self.idempotency_key!r})"


class Transport(Protocol):
    def send(self, message: OutboundMessage) -> None:
        """Deliver `message`, or raise. Called from a worker thread, never the event loop."""
        ...
