"""How the dispatcher hands a message to a chat platform, and what it promises about repeats.

Delivery is at-least-once. The dispatcher marks an outbox row sent only after `send` returned,
so a crash between the two sends the same message again on the next pass, with the SAME
`idempotency_key`. A transport (or the chat it feeds) that remembers the keys it has delivered
drops such a repeat, and staff see each referral once. A key names one outbox row and one
recipient chat: the same row sent to two chats of a site carries two keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.engine import ChatKey
from flows.messages import Choice


@dataclass(frozen=True)
class OutboundMessage:
    key: ChatKey
    text: str  # HTML: everything a person typed in it is already escaped
    choices: tuple[Choice, ...]
    idempotency_key: str

    def __repr__(self) -> str:
        # The text may hold a person's words: keep it out of logs and tracebacks.
        return f"OutboundMessage(key={self.key!r}, idempotency_key={self.idempotency_key!r})"


class Transport(Protocol):
    def send(self, message: OutboundMessage) -> None:
        """Deliver `message`, or raise. Called from a worker thread, never the event loop."""
        ...
