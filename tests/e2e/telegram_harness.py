"""Running the real python-telegram-bot Application in-process against the fake Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from bot.channels.telegram import (
    ConversationEngine,
    TelegramApp,
    build_application,
    register_commands,
)
from tests.e2e.fake_bot_api import FakeBotApi, JsonDict

FAST_RETRIES = (0.05, 0.1, 0.2)


@asynccontextmanager
async def polling_app(engine: ConversationEngine, api: FakeBotApi) -> AsyncIterator[TelegramApp]:
    app = build_application(engine, api.token, base_url=api.base_url, retry_delays=FAST_RETRIES)
    await app.initialize()
    await register_commands(app)  # post_init runs only inside run_polling / run_webhook
    assert app.updater is not None
    await app.updater.start_polling(timeout=5, poll_interval=0)
    await app.start()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def until(api: FakeBotApi, predicate: Callable[[FakeBotApi], bool]) -> None:
    """Waits (off the event loop the bot runs on) until the fake server's state matches."""
    await asyncio.to_thread(api.wait_for, predicate)


async def bot_turn(api: FakeBotApi, chat_id: int, after: int, count: int = 1) -> list[JsonDict]:
    """The bot's next `count` messages in the chat, beyond the first `after` it sent."""
    await until(api, lambda a: len(a.bot_messages(chat_id)) >= after + count)
    return api.bot_messages(chat_id)[after:]


def buttons(message: JsonDict) -> dict[str, str]:
    """Inline button label -> callback data."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {button["text"]: button["callback_data"] for row in rows for button in row}
