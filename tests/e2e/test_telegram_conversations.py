"""Whole conversations through the real Application, over HTTP, on the real engine and SQLite."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.channels.telegram_render import texts
from bot.engine import ChatKey, Engine
from tests.e2e.conftest import open_engine
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser
from tests.e2e.telegram_harness import (
    RESIDENT_INTAKE,
    Person,
    buttons,
    play,
    polling_app,
    texts_of,
    until,
)

HANAKO = FakeUser(7001, "花子")
SATO = FakeUser(7002, "佐藤", username="minsei_sato")


def key(user: FakeUser) -> ChatKey:
    return ChatKey("telegram", str(user.id))


async def test_a_resident_is_taken_from_start_to_a_submitted_referral(
    api: FakeBotApi, engine: Engine
) -> None:
    me = Person(api, HANAKO)
    async with polling_app(engine, api, typing_delay=0.0):  # typing on every turn
        greeting = await me.say("/start")
        assert "つなぐ" in texts_of(greeting) and "ご自身のこと" in buttons(greeting[-1])
        await me.press("ご自身のこと")
        await me.press("同意して記録する")
        await me.say("仕事がなくなって、家賃が払えず生活が苦しいです")
        await me.press("以上です")
        assert engine.state(key(HANAKO)) == "confirm_needs", texts_of(me.seen[-4:])
        await me.press("これで合っています")
        await me.press("40代")
        await me.press("ひとり暮らし")
        await me.say("水橋")
        await me.press("水橋北")
        await me.press("電話で")
        asked = me.seen[-2:]
        keyboard = api.reply_keyboards[(HANAKO.id, asked[0]["message_id"])]
        assert keyboard["keyboard"][0][0]["request_contact"] is True
        await me.share_phone("+81 90-1234-5678")
        await me.press("平日の午前")
        assert engine.state(key(HANAKO)) == "share_consent"
        await me.press("伝えてよい")
        review = await me.press("この内容で送る")
    assert engine.state(key(HANAKO)) == "done"
    assert "受付番号" in texts_of(review)
    assert not api.unanswered_queries()
    assert api.calls_of("sendChatAction")


async def test_a_volunteer_reports_a_neighbour_with_typed_answers(
    api: FakeBotApi, engine: Engine
) -> None:
    volunteer = Person(api, SATO)
    async with polling_app(engine, api):
        await volunteer.say("こんにちは")
        await volunteer.press("民生委員・支援者として（ご近所の方など）")
        await volunteer.press("同意して記録する")
        await volunteer.say("近所の一人暮らしの高齢の方が、最近認知症のようで心配です")
        await volunteer.say("以上です")
        await volunteer.press("これで合っています")
        assert engine.state(key(SATO)) == "subject"
        await volunteer.press("近所の方")
        await volunteer.say("80代")
        assert engine.state(key(SATO)) == "area"  # 一人暮らし was already in the concern
        await volunteer.say("水橋")
        await volunteer.press("水橋南")
        await volunteer.press("このチャットで")
        await volunteer.press("わからない")
        await volunteer.press("伝えてよい")
        done = await volunteer.press("この内容で送る")
    assert engine.state(key(SATO)) == "done"
    assert "受付番号" in texts_of(done)


async def test_a_stale_button_and_a_photo_leave_the_conversation_where_it_was(
    api: FakeBotApi, engine: Engine
) -> None:
    me = Person(api, HANAKO)
    async with polling_app(engine, api):
        await me.say("/start")
        roles = me.seen[-1]
        old_button = buttons(roles)["ご自身のこと"]
        await me.press("ご家族のこと")
        assert engine.state(key(HANAKO)) == "consent_record"
        assert "reply_markup" not in roles  # an answered question loses its buttons
        stale = await me.send(lambda: api.press(HANAKO, roles["message_id"], old_button))
        assert engine.state(key(HANAKO)) == "consent_record"
        assert "同意して記録する" in buttons(stale[-1])
        photo = await me.send(lambda: api.send_photo(HANAKO, caption="これを見てください"))
        assert engine.state(key(HANAKO)) == "consent_record"
        assert "同意して記録する" in buttons(photo[-1])
        sticker = await me.send(lambda: api.send_sticker(HANAKO))
        assert "同意して記録する" in buttons(sticker[-1])
    answers = list(api.answered_queries.values())
    assert answers[-1]["text"] == texts()["stale_button"]
    assert not api.unanswered_queries()


async def test_a_restart_mid_conversation_asks_the_same_question(
    api: FakeBotApi, db_path: Path
) -> None:
    me = Person(api, HANAKO)
    first = open_engine(db_path)
    async with polling_app(first, api):
        await me.say("/start")
        await me.press("ご自身のこと")
        asked = await me.press("同意して記録する")
    first.store.close()
    second = open_engine(db_path)
    async with polling_app(second, api):
        again = await me.say("/start")
        assert again[-1]["text"] == asked[-1]["text"]
        await me.say("家賃が払えません")
    assert second.state(key(HANAKO)) == "concern"
    second.store.close()


async def test_429_and_500_from_the_server_delay_but_do_not_lose_replies(
    api: FakeBotApi, engine: Engine
) -> None:
    me = Person(api, HANAKO)
    async with polling_app(engine, api):
        api.fail_next(1, status=429, retry_after=1, method="sendMessage")
        api.fail_next(1, status=500, method="getUpdates")
        api.fail_next(2, status=500, method="sendMessage")
        greeting = await me.say("/start")
        assert "ご自身のこと" in buttons(greeting[-1])
        api.fail_next(1, status=500, method="answerCallbackQuery")
        api.fail_next(1, status=502, method="sendMessage")
        asked = await me.press("ご自身のこと")
    assert "同意して記録する" in buttons(asked[-1])
    statuses = [call.status for call in api.calls_of("sendMessage")]
    assert {429, 500, 502} <= set(statuses)
    assert engine.state(key(HANAKO)) == "consent_record"
    assert not api.unanswered_queries()


async def test_quick_exit_clears_the_conversation_from_the_screen(
    api: FakeBotApi, engine: Engine
) -> None:
    me = Person(api, HANAKO)
    async with polling_app(engine, api):
        await me.say("/start")
        await me.press("ご自身のこと")
        await me.press("同意して記録する")
        await me.say("夫に殴られています")
        assert len(api.messages(HANAKO.id)) > 5
        api.send_text(HANAKO, "/exit")
        done = texts()["quick_exit_done"]
        await until(api, lambda a: done in texts_of(a.bot_messages(HANAKO.id)))
    assert [m["text"] for m in api.messages(HANAKO.id)] == [texts()["quick_exit_done"]]
    assert engine.state(key(HANAKO)) == "concern"  # the screen is cleared, not the intake


async def test_three_people_at_once_each_get_their_own_conversation(
    api: FakeBotApi, engine: Engine
) -> None:
    people = [Person(api, FakeUser(7500 + n, f"利用者{n}")) for n in range(3)]
    async with polling_app(engine, api):
        finals = await asyncio.gather(*(play(person, RESIDENT_INTAKE) for person in people))
    assert all("受付番号" in texts_of(final) for final in finals)
    assert all(engine.state(key(person.user)) == "done" for person in people)
    references = {case.reference for case in engine.store.cases()}
    assert len(references) == 3
    assert all(any(ref in texts_of(final) for ref in references) for final in finals)
