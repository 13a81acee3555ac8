"""The staff side in Telegram: which group chats are bound staff chats, the outbox transport
that posts referrals and status notices, and the dispatcher running beside the bot."""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.channels.telegram_render import encode_choice, quick_exit_row, split_text, texts
from bot.channels.telegram_support import ChatMessageLog
from bot.engine import ChatKey
from bot.handoff.dispatcher import Dispatcher, run_dispatcher
from bot.handoff.transport import OutboundMessage
from storage import staff_repo
from storage.store import Store

CHANNEL = "telegram"
SEND_TIMEOUT_SECONDS = 120.0
REMEMBERED_KEYS = 10_000
T = TypeVar("T")


class StaffChats(Protocol):
    def is_staff_chat(self, key: ChatKey) -> bool: ...


class NoStaffChats:
    def is_staff_chat(self, key: ChatKey) -> bool:
        return False


class StoredStaffChats:
    """Bound staff chats as storage records them (`tsunagu staff invite`, then the code)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def is_staff_chat(self, key: ChatKey) -> bool:
        with Session(self.store.engine) as session:
            return bool(staff_repo.sites_of_chat(session, key.channel, key.chat_id))


class TelegramTransport:
    """Delivers outbox messages from the dispatcher's worker thread through the bot's loop.

    HTML as composed by the handoff (people's words already escaped); staff buttons carry the
    staff choice ids. A key delivered by this process is not delivered again. With receipts
    (the dispatcher's), each piece is delivered in two steps, placeholder then content, so a
    restart edits the message it began instead of posting the content twice (transport.py).
    """

    def __init__(self, bot: Bot, loop: asyncio.AbstractEventLoop, log: ChatMessageLog) -> None:
        self._bot = bot
        self._loop = loop
        self._log = log
        self._delivered: OrderedDict[str, None] = OrderedDict()

    def send(self, message: OutboundMessage) -> None:
        if message.idempotency_key in self._delivered:
            return
        chat_id = int(message.key.chat_id)
        *head, tail = split_text(message.text, html=True)
        pieces: list[tuple[str, InlineKeyboardMarkup | None]] = [(p, None) for p in head]
        pieces.append((tail, _markup(message, private=chat_id > 0)))
        for number, (text, markup) in enumerate(pieces):
            if message.receipts is None:
                self._run(self._post(chat_id, text, markup))
                continue
            key = f"{message.idempotency_key}#{number}"
            receipt = message.receipts.get(key)
            if receipt is None or not self._run(self._fill(chat_id, int(receipt), text, markup)):
                placeholder = self._run(self._post(chat_id, texts()["delivery_placeholder"], None))
                message.receipts.put(key, str(placeholder))  # committed before the content
                self._run(self._fill(chat_id, placeholder, text, markup))
        self._delivered[message.idempotency_key] = None
        while len(self._delivered) > REMEMBERED_KEYS:
            self._delivered.popitem(last=False)

    def _run(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(SEND_TIMEOUT_SECONDS)

    async def _post(self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None) -> int:
        sent = await self._bot.send_message(chat_id, text, parse_mode=ParseMode.HTML,
                                            reply_markup=markup)
        self._log.add(chat_id, sent.message_id)
        return sent.message_id

    async def _fill(self, chat_id: int, message_id: int, text: str,
                    markup: InlineKeyboardMarkup | None) -> bool:
        """Writes the content into a posted message; False when that message is gone."""
        try:
            await self._bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                              parse_mode=ParseMode.HTML, reply_markup=markup)
        except BadRequest as exc:
            reason = str(exc).lower()
            if "not found" in reason:
                return False  # someone deleted the placeholder: post a new one
            if "not modified" not in reason:
                raise
            # "not modified": an earlier attempt filled it before dying; nothing to do.
        return True


def _markup(message: OutboundMessage, *, private: bool) -> InlineKeyboardMarkup | None:
    rows = [[InlineKeyboardButton(c.label, callback_data=encode_choice(None, c.id))]
            for c in message.choices]
    if private:  # a notice to a resident keeps the quick exit at hand
        rows.append(quick_exit_row())
    return InlineKeyboardMarkup(rows) if rows else None


class DispatcherRunner:
    """Runs the outbox dispatcher as a task of the bot's event loop, from start to stop."""

    def __init__(self, store: Store, log: ChatMessageLog, *, interval: float = 5.0,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._store = store
        self._log = log
        self._interval = interval
        self._clock = clock
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self, bot: Bot) -> None:
        transport = TelegramTransport(bot, asyncio.get_running_loop(), self._log)
        dispatcher = Dispatcher(self._store, transport, channels={CHANNEL})
        work: Coroutine[Any, Any, None] = run_dispatcher(
            dispatcher, self._clock, self._stop, interval=self._interval)
        self._task = asyncio.create_task(work)

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
