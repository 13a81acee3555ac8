"""Plumbing for the Telegram channel: per-chat ordering, retried HTTP, the chat's message ids."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Sequence
from typing import Any

from telegram import Update
from telegram.error import NetworkError
from telegram.ext import BaseUpdateProcessor
from telegram.request import RequestData

from bot.channels.telegram_http import AiohttpRequest

RETRY_DELAYS: tuple[float, ...] = (0.5, 1.0, 2.0)
_RETRIED_STATUSES = frozenset({500, 502, 503, 504})
MAX_REMEMBERED_MESSAGES = 500


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates of different chats run concurrently; updates of one chat run in arrival order.

    Updates are started in arrival order and each takes its chat's lock before anything else
    yields; asyncio locks are FIFO, so one person's messages are never handled out of order.
    """

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        # chat id -> (its lock, how many updates hold or wait for it); dropped at zero.
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock, users = self._locks.get(chat.id, (asyncio.Lock(), 0))
        self._locks[chat.id] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[chat.id]
            if users == 1:
                del self._locks[chat.id]
            else:
                self._locks[chat.id] = (lock, users - 1)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


class RetryingRequest(AiohttpRequest):
    """Retries a Bot API call on a network error or a 5xx answer, with growing pauses.

    429 RetryAfter is the rate limiter's to handle; getUpdates has the Updater's own retry loop.
    """

    def __init__(self, *args: Any, retry_delays: Sequence[float] = RETRY_DELAYS,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._retry_delays = tuple(retry_delays)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        delays = iter(self._retry_delays)
        while True:
            try:
                code, payload = await super().do_request(url, method, request_data,
                                                         *args, **kwargs)
            except NetworkError:
                delay = next(delays, None)
                if delay is None:
                    raise
            else:
                delay = next(delays, None) if code in _RETRIED_STATUSES else None
                if delay is None:
                    return code, payload
            await asyncio.sleep(delay)


class ChatMessageLog:
    """Message ids this process saw in each chat, both directions, for the quick exit.

    In memory (storage has no table for it): the quick exit deletes these one by one to count
    what Telegram refuses, and sweeps the ids it never saw (see telegram_exit).
    """

    def __init__(self, limit: int = MAX_REMEMBERED_MESSAGES) -> None:
        self._ids: dict[int, deque[int]] = {}
        self._limit = limit

    def add(self, chat_id: int, message_id: int) -> None:
        ids = self._ids.setdefault(chat_id, deque(maxlen=self._limit))
        if message_id not in ids:
            ids.append(message_id)

    def take(self, chat_id: int) -> list[int]:
        """All remembered ids of the chat, newest first, forgetting them."""
        return sorted(self._ids.pop(chat_id, ()), reverse=True)
