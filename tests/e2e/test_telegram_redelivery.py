"""An update Telegram delivers twice (it redelivers what a bot that died did not confirm, and
repeats a webhook post it got no answer to) is applied once: the real Application, webhook
mode, the fake Bot API server and the real engine on SQLite."""

from __future__ import annotations

import asyncio

from bot.engine import ChatKey, Engine
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser, JsonDict
from tests.e2e.telegram_harness import (
    RESIDENT_INTAKE,
    Person,
    buttons,
    play,
    post_json,
    until,
    webhook_app,
)

SECRET = "tsunagu-webhook-secret_2"
HEADER = "X-Telegram-Bot-Api-Secret-Token"
HANAKO = FakeUser(7301, "花子")
KEY = ChatKey("telegram", str(HANAKO.id))
SENTENCE = "仕事がなくなって、家賃が払えず生活が苦しいです"
CONCERN_STEP = ("say", SENTENCE)


async def deliver(api: FakeBotApi, url: str, update: JsonDict) -> list[JsonDict]:
    """Posts `update` as Telegram would and waits for the bot's answer to it."""
    before = len(api.bot_messages(HANAKO.id))
    assert await asyncio.to_thread(post_json, url, update, {HEADER: SECRET}) == 200
    await until(api, lambda a: len(a.bot_messages(HANAKO.id)) > before)
    return api.bot_messages(HANAKO.id)[before:]


async def test_a_concern_sentence_delivered_twice_is_in_the_referral_once(
    api: FakeBotApi, engine: Engine
) -> None:
    me = Person(api, HANAKO)
    concern_at = RESIDENT_INTAKE.index(CONCERN_STEP)
    async with webhook_app(engine, api, SECRET) as url:
        await play(me, RESIDENT_INTAKE[:concern_at])
        update = api.forged_text_update(HANAKO, SENTENCE)
        first = await deliver(api, url, update)
        assert engine.state(KEY) == "concern"
        again = await deliver(api, url, update)
        assert engine.state(KEY) == "concern"
        # Nothing new is said: the question the person is at (its buttons), as a reminder.
        assert buttons(again[-1]).keys() == buttons(first[-1]).keys()
        assert "以上です" in buttons(again[-1])
        await play(me, RESIDENT_INTAKE[concern_at + 1 :])
    assert engine.state(KEY) == "done"
    [case] = engine.store.cases()
    assert case.referral.concern_text.count(SENTENCE) == 1
