"""Webhook mode: Telegram posts updates to the bot, which checks the secret token each time."""

from __future__ import annotations

import asyncio

from bot.engine import ChatKey, Engine
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser
from tests.e2e.telegram_harness import Person, buttons, post_json, until, webhook_app

SECRET = "tsunagu-webhook-secret_1"
HEADER = "X-Telegram-Bot-Api-Secret-Token"
HANAKO = FakeUser(7001, "花子")


async def test_webhook_refuses_posts_without_the_secret_and_processes_those_with_it(
    api: FakeBotApi, engine: Engine
) -> None:
    me = Person(api, HANAKO)
    async with webhook_app(engine, api, SECRET) as url:
        assert api.webhook == {"url": url, "secret_token": SECRET}
        greeting = await me.say("/start")  # Telegram (the fake) posts it with the secret
        assert "ご自身のこと" in buttons(greeting[-1])

        forged = api.forged_text_update(HANAKO, "/cancel")
        refused = [
            await asyncio.to_thread(post_json, url, forged),
            await asyncio.to_thread(post_json, url, forged, {HEADER: "wrong-secret"}),
        ]
        asked = await me.press("ご自身のこと")  # later updates of the chat still get through
        assert refused == [403, 403]
        assert engine.state(ChatKey("telegram", str(HANAKO.id))) == "consent_record"

        genuine = api.forged_text_update(HANAKO, "/help")
        assert await asyncio.to_thread(post_json, url, genuine, {HEADER: SECRET}) == 200
        await until(api, lambda a: len(a.bot_messages(HANAKO.id)) > len(greeting) + len(asked))
    assert "同意して記録する" in buttons(asked[-1])
    assert "使い方" in api.bot_messages(HANAKO.id)[len(greeting) + len(asked)]["text"]
    assert not api.calls_of("getUpdates")
