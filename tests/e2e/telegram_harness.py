"""Running the real python-telegram-bot Application in-process against the fake Bot API."""

from __future__ import annotations

import asyncio
import json
import socket
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from bot.channels.telegram import ConversationEngine, TelegramApp
from bot.channels.telegram_app import ALLOWED_UPDATES, build_application
from bot.channels.telegram_render import QUICK_EXIT_DATA
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser, JsonDict

FAST_RETRIES = (0.05, 0.1, 0.2)


@asynccontextmanager
async def polling_app(
    engine: ConversationEngine, api: FakeBotApi, **options: Any
) -> AsyncIterator[TelegramApp]:
    app = build_application(engine, api.token, base_url=api.base_url, retry_delays=FAST_RETRIES,
                            **options)
    await app.initialize()
    assert app.post_init is not None and app.post_stop is not None
    await app.post_init(app)  # run_polling would call it; tests start the pieces themselves
    assert app.updater is not None
    await app.updater.start_polling(timeout=5, poll_interval=0, allowed_updates=ALLOWED_UPDATES)
    await app.start()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.post_stop(app)
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def webhook_app(
    engine: ConversationEngine, api: FakeBotApi, secret: str
) -> AsyncIterator[str]:
    """The bot as a webhook server on 127.0.0.1; yields the webhook URL it registered."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    app = build_application(engine, api.token, base_url=api.base_url, retry_delays=FAST_RETRIES)
    await app.initialize()
    assert app.post_init is not None and app.post_stop is not None
    await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="telegram",
                                    webhook_url=url, secret_token=secret,
                                    allowed_updates=ALLOWED_UPDATES)
    await app.start()
    try:
        yield url
    finally:
        await app.updater.stop()
        await app.stop()
        await app.post_stop(app)
        await app.shutdown()


def post_json(url: str, body: JsonDict, headers: dict[str, str] | None = None) -> int:
    """POSTs like Telegram does; returns the HTTP status."""
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


class Person:
    """Someone in a private chat with the bot, acting through the fake Bot API."""

    def __init__(self, api: FakeBotApi, user: FakeUser) -> None:
        self.api = api
        self.user = user

    @property
    def seen(self) -> list[JsonDict]:
        return self.api.bot_messages(self.user.id)

    async def say(self, text: str) -> list[JsonDict]:
        return await self._turn(lambda: self.api.send_text(self.user, text))

    async def press(self, label: str) -> list[JsonDict]:
        """Presses the button labelled `label` on the latest bot message that has one."""
        offered = [m for m in self.seen if label in buttons(m)]
        assert offered, f"no button {label!r}; the bot said: {texts_of(self.seen[-3:])!r}"
        message = offered[-1]
        data = buttons(message)[label]
        return await self._turn(lambda: self.api.press(self.user, message["message_id"], data))

    async def share_phone(self, phone: str) -> list[JsonDict]:
        return await self._turn(lambda: self.api.send_contact(self.user, phone))

    async def send(self, act: Callable[[], object]) -> list[JsonDict]:
        return await self._turn(act)

    async def _turn(self, act: Callable[[], object]) -> list[JsonDict]:
        """Acts, then waits for the bot's turn: every turn ends with the quick-exit button."""
        before = len(self.seen)
        act()

        def turn_over(api: FakeBotApi) -> bool:
            new = api.bot_messages(self.user.id)[before:]
            return bool(new) and QUICK_EXIT_DATA in buttons(new[-1]).values()

        await until(self.api, turn_over)
        return self.seen[before:]


def texts_of(messages: list[JsonDict]) -> str:
    return "\n".join(str(m["text"]) for m in messages)


# A resident's whole intake about money and rent, as button presses and typed words.
RESIDENT_INTAKE: tuple[tuple[str, str], ...] = (
    ("say", "/start"),
    ("press", "ご自身のこと"),
    ("press", "同意して記録する"),
    ("say", "仕事がなくなって、家賃が払えず生活が苦しいです"),
    ("press", "以上です"),
    ("press", "これで合っています"),
    ("press", "40代"),
    ("press", "ひとり暮らし"),
    ("say", "水橋"),
    ("press", "水橋北"),
    ("press", "このチャットで"),
    ("press", "伝えてよい"),
    ("press", "この内容で送る"),
)


async def play(person: Person, steps: tuple[tuple[str, str], ...]) -> list[JsonDict]:
    """Plays the steps; returns the bot's last turn."""
    turn: list[JsonDict] = []
    for action, value in steps:
        turn = await (person.say(value) if action == "say" else person.press(value))
    return turn
