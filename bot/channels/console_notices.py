"""What staff did with a console reporter's case, told when that console chat opens again.

The console has no push: a Telegram reporter hears "accepted" the moment staff press 受理, a
console reporter at their next `tsunagu chat` with the same --chat-id. The dispatcher does the
delivery, so consent limits what is said (see bot/handoff/closed_loop.py) and each notice is
marked sent once it has been written out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime

from bot.engine import ChatKey, Engine
from bot.handoff.dispatcher import Dispatcher
from bot.handoff.transport import OutboundMessage

_TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """A status message's HTML as the terminal shows it."""
    return html.unescape(_TAG.sub("", markup))


class _Writer:
    """A transport that writes at once: in the terminal a crash before the row is marked
    sent repeats the notice next time rather than losing it. With --jsonl the notice is
    written with the opening turn, just after it is marked sent; a crash in that instant
    loses the notice (the case's status stays in `tsunagu cases show`)."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write

    def send(self, message: OutboundMessage) -> None:
        self._write(plain_text(message.text))


def tell_pending_notices(engine: Engine, key: ChatKey, now: datetime,
                         write: Callable[[str], None]) -> int:
    """Write each pending status notice of this chat; returns how many were marked sent."""
    dispatcher = Dispatcher(engine.store, _Writer(write), channels={key.channel},
                            reporter_chat=key.chat_id)
    return dispatcher.run_once(now)
