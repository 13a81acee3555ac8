"""Wiring the Telegram bot: python-telegram-bot's Application with retries, the rate limiter,
per-chat ordering, the Japanese command menu, the channel's handlers and the outbox dispatcher."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats
from telegram.constants import FloodLimit
from telegram.ext import AIORateLimiter, ApplicationBuilder

from bot.channels.telegram import (
    TYPING_DELAY,
    ConversationEngine,
    TelegramApp,
    TelegramChannel,
)
from bot.channels.telegram_http import AiohttpRequest
from bot.channels.telegram_render import texts
from bot.channels.telegram_staff import DispatcherRunner, StoredStaffChats
from bot.channels.telegram_support import (
    RETRY_DELAYS,
    ChatMessageLog,
    PerChatUpdateProcessor,
    RetryingRequest,
)
from storage.store import Store

# The updates the bot asks Telegram for (polling and webhook alike).
ALLOWED_UPDATES = ["message", "edited_message", "channel_post", "callback_query",
                   "my_chat_member"]
# Seconds between two getUpdates calls. Polling again at once fetched one or two updates a
# call under load (0.7 getUpdates per message); a short pause lets a few gather. An idle bot
# is waiting in its long poll when a message comes, so this delays at most the messages that
# arrive during the pause.
POLL_INTERVAL = 0.02


async def register_commands(app: TelegramApp) -> None:
    """The menu in Japanese: the intake's commands in private chats, staff ones in groups."""
    private = [BotCommand(name, about) for name, about in texts()["commands"].items()]
    await app.bot.set_my_commands(private, scope=BotCommandScopeAllPrivateChats())
    groups = [BotCommand(name, about) for name, about in texts()["staff_commands"].items()]
    await app.bot.set_my_commands(groups, scope=BotCommandScopeAllGroupChats())


def build_application(
    engine: ConversationEngine,
    token: str,
    *,
    base_url: str | None = None,
    store: Store | None = None,
    dispatch_interval: float = 5.0,
    retry_delays: Sequence[float] = RETRY_DELAYS,
    log: ChatMessageLog | None = None,
    max_rate: float = FloodLimit.MESSAGES_PER_SECOND,
    typing_delay: float = TYPING_DELAY,
) -> TelegramApp:
    """The bot. With `store`, bound staff chats are recognised and the outbox dispatcher runs
    beside it (started in post_init, stopped in post_stop). `max_rate`: Bot API calls per
    second towards chats (Telegram's flood limit, 30); 0 lifts it, for a server without one.
    `typing_delay`: seconds a turn may take before the chat is shown "typing…"."""
    log = log or ChatMessageLog()
    runner = DispatcherRunner(store, log, interval=dispatch_interval) if store else None
    staff = StoredStaffChats(store) if store else None
    channel = TelegramChannel(engine, log, staff, typing_delay=typing_delay,
                              engine_threads=engine_threads(store))

    async def post_init(app: TelegramApp) -> None:
        await register_commands(app)
        if runner is not None:
            runner.start(app.bot)

    async def post_stop(app: TelegramApp) -> None:
        if runner is not None:
            await runner.stop()
        channel.close()

    builder = (
        ApplicationBuilder()
        .token(token)
        .request(RetryingRequest(retry_delays=retry_delays))
        # getUpdates has the Updater's own retry loop; one connection is all a poll needs.
        .get_updates_request(AiohttpRequest(1))
        .rate_limiter(AIORateLimiter(overall_max_rate=max_rate, max_retries=3))
        .concurrent_updates(PerChatUpdateProcessor())
        .post_init(post_init)
        .post_stop(post_stop)
    )
    if base_url:
        builder = builder.base_url(base_url)
    app = builder.build()
    channel.install(app)
    return app


def engine_threads(store: Store | None) -> int | None:
    """SQLite has one writer at a time: engine calls in several threads only queue in its busy
    handler, which sleeps in growing steps (bench/e2e.py: 40-55 ms a call instead of 7-10 ms),
    and they take turns at the GIL besides. One thread serves them in arrival order. PostgreSQL
    waits on the network, where other calls can use the time: asyncio's default."""
    if store is None or store.engine.dialect.name == "sqlite":
        return 1
    return None
