"""How the bot's Application is wired: engine threads per database."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from bot.channels.telegram_app import engine_threads
from bot.engine import ChatKey, Turn
from flows.messages import InboundMessage
from storage.store import Store
from tests.bot.fake_engine import FakeEngine
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser
from tests.e2e.telegram_harness import bot_turn, polling_app

PEOPLE = [FakeUser(7001 + n, f"利用者{n}") for n in range(6)]


class CountingEngine(FakeEngine):
    """Remembers the most engine calls that ran at the same time."""

    def __init__(self) -> None:
        super().__init__()
        self.running = 0
        self.most_at_once = 0
        self._count = threading.Lock()

    def handle_turn(self, key: ChatKey, message: InboundMessage, *,
                    user_id: str | None = None, update_id: int | None = None) -> Turn:
        with self._count:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            threading.Event().wait(0.02)  # long enough for the others to pile up
            return super().handle_turn(key, message, user_id=user_id, update_id=update_id)
        finally:
            with self._count:
                self.running -= 1


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


def test_a_sqlite_database_gets_one_engine_thread_and_postgresql_several(store: Store) -> None:
    expected = 1 if store.engine.dialect.name == "sqlite" else None
    assert engine_threads(store) == expected
    assert engine_threads(None) == 1


async def test_with_one_engine_thread_many_chats_are_all_answered_one_call_at_a_time(
    api: FakeBotApi,
) -> None:
    engine = CountingEngine()
    async with polling_app(engine, api):
        for person in PEOPLE:
            api.send_text(person, "/start")
        for person in PEOPLE:
            await bot_turn(api, person.id, 0)
    assert engine.most_at_once == 1
