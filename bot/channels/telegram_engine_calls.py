"""Engine calls off the event loop: the synchronous engine runs in the channel's own threads,
one call per chat at a time, and a chat whose call is slow is shown "typing…"."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol, TypeVar

from telegram import Bot
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.engine import ChatKey, Turn
from flows.messages import InboundMessage

T = TypeVar("T")

CHANNEL = "telegram"
# "typing…" only when the engine has not answered by then: it usually answers within a few
# milliseconds, and a chat action on every turn was a third of the bot's Bot API calls.
TYPING_DELAY = 0.5


class ConversationEngine(Protocol):
    """The part of bot.engine.Engine this channel drives."""

    def handle_turn(self, key: ChatKey, message: InboundMessage, *,
                    user_id: str | None = None, update_id: int | None = None) -> Turn: ...

    def current_turn(self, key: ChatKey) -> Turn: ...

    def state(self, key: ChatKey) -> str | None: ...


class EngineCalls:
    def __init__(self, engine_threads: int | None, typing_delay: float) -> None:
        """`engine_threads`: how many engine calls run at once (None: as many as asyncio's
        default executor would run)."""
        self.typing_delay = typing_delay
        self._engine_threads = engine_threads
        self._executor: ThreadPoolExecutor | None = None
        self._working_since: dict[int, float] = {}  # chat id: when its engine call began

    async def run(self, chat_id: int, call: Callable[[ChatKey], T]) -> T:
        """The engine is synchronous (database I/O): it runs in the channel's engine threads.
        EngineUnavailable goes on to the error handler, which says so to the person."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self._engine_threads,
                                                thread_name_prefix="engine")
        key = ChatKey(channel=CHANNEL, chat_id=str(chat_id))

        def timed(key: ChatKey) -> T:
            # One call per chat at a time (PerChatUpdateProcessor), so the chat id is the key.
            self._working_since[chat_id] = time.monotonic()
            try:
                return call(key)
            finally:
                self._working_since.pop(chat_id, None)

        return await asyncio.get_running_loop().run_in_executor(self._executor, timed, key)

    def worked(self, chat_id: int) -> float:
        """Seconds the engine has been at this chat's call (0 while it waits its turn)."""
        since = self._working_since.get(chat_id)
        return 0.0 if since is None else time.monotonic() - since

    async def typing(self, bot: Bot, chat_id: int) -> None:
        """"typing…" once the engine has worked on this chat's turn for `typing_delay`; Telegram
        shows it for 5 seconds, so it is renewed while the engine works. A turn waiting behind
        other chats' turns does not count: under overload a chat action on every turn only
        made that wait longer (bench/e2e.py: 0.6 calls more per message)."""
        try:
            await asyncio.sleep(self.typing_delay)
            while (worked := self.worked(chat_id)) < self.typing_delay:
                await asyncio.sleep(self.typing_delay - worked)
            while True:
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
                await asyncio.sleep(4.5)
        except TelegramError:
            pass  # only a courtesy

    def close(self) -> None:
        """Lets the engine threads end once the calls already queued are done (a later call
        starts new ones)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None
