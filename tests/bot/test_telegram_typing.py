""""typing…" is shown only while a turn takes long: a quick answer comes without it (it was a
third of the bot's Bot API calls), a slow one is preceded by it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest

from bot.engine import ChatKey, Turn
from flows.messages import InboundMessage
from tests.bot.fake_engine import FakeEngine
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser
from tests.e2e.telegram_harness import bot_turn, polling_app

HANAKO = FakeUser(7001, "花子")


class GatedEngine(FakeEngine):
    """Answers only once the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def handle_turn(self, key: ChatKey, message: InboundMessage, *,
                    user_id: str | None = None, update_id: int | None = None) -> Turn:
        assert self.gate.wait(30), "the test never opened the gate"
        return super().handle_turn(key, message, user_id=user_id, update_id=update_id)


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


async def test_a_quick_answer_comes_without_a_typing_action(api: FakeBotApi) -> None:
    async with polling_app(FakeEngine(), api, typing_delay=3600.0):
        api.send_text(HANAKO, "/start")
        await bot_turn(api, HANAKO.id, 0)
        api.send_text(HANAKO, "こんにちは")
        await bot_turn(api, HANAKO.id, 1)
    assert api.calls_of("sendChatAction") == []


async def test_a_slow_answer_is_preceded_by_typing(api: FakeBotApi) -> None:
    engine = GatedEngine()
    async with polling_app(engine, api, typing_delay=0.01):
        api.send_text(HANAKO, "こんにちは")
        [typing] = await asyncio.to_thread(api.wait_for_calls, "sendChatAction", 1)
        assert api.bot_messages(HANAKO.id) == []  # the engine has not answered yet
        engine.gate.set()
        await bot_turn(api, HANAKO.id, 0)
    assert typing.params["action"] == "typing"


async def test_a_turn_waiting_behind_another_chats_turn_is_not_shown_typing(
    api: FakeBotApi,
) -> None:
    taro = FakeUser(7002, "太郎")
    engine = GatedEngine()
    async with polling_app(engine, api, typing_delay=0.01):
        api.send_text(HANAKO, "こんにちは")
        await asyncio.to_thread(api.wait_for_calls, "sendChatAction", 1)
        api.send_text(taro, "こんばんは")  # queued behind Hanako's turn (one engine thread)
        await asyncio.sleep(0.2)  # many times the delay: a wrong chat action would be sent
        engine.gate.set()
        await bot_turn(api, HANAKO.id, 0)
        await bot_turn(api, taro.id, 0)
    assert {call.params["chat_id"] for call in api.calls_of("sendChatAction")} == {HANAKO.id}
