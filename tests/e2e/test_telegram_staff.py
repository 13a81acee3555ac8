"""The staff side in Telegram: a site's group chat bound with its invite code receives the
referral, acts on it with a button, and the resident hears back (closed loop)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.channels.telegram_render import texts
from bot.channels.telegram_staff import TelegramTransport
from bot.channels.telegram_support import ChatMessageLog
from bot.engine import ChatKey, Engine
from bot.handoff.invites import create_invite
from bot.handoff.texts import site_name, text
from bot.handoff.transport import OutboundMessage
from flows.messages import Choice
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
STAFF = FakeUser(8001, "社協 山田")
STAFF_GROUP = -100555
STRANGER_GROUP = -100777
# Markup-like words must reach staff as words: the referral is HTML.
CONCERN = "仕事がなくなって、家賃が払えず <b>本当に</b> 困っています & 不安です"


async def test_a_bound_staff_chat_receives_accepts_and_the_resident_is_told(
    api: FakeBotApi, engine: Engine
) -> None:
    resident = Person(api, HANAKO)
    group = api.group_chat(STAFF_GROUP, "自立相談支援 受付")
    async with polling_app(engine, api, store=engine.store, dispatch_interval=0.2):
        done = await play(resident, tuple(
            ("say", CONCERN) if value.startswith("仕事がなくなって") else (action, value)
            for action, value in RESIDENT_INTAKE))
        assert "受付番号" in texts_of(done)
        [case] = engine.store.cases()
        invite = create_invite(engine.store, role="staff", site_id=case.site_id,
                               now=datetime.now(UTC), valid_for=timedelta(days=1))

        api.send_text(STAFF, "こんにちは", chat=api.group_chat(STRANGER_GROUP))
        api.send_text(STAFF, f"/bind {invite.code}", chat=group)
        # The referral is posted as a placeholder first, then filled in (two-step delivery).
        await until(api, lambda a: len(a.bot_messages(STAFF_GROUP)) >= 2
                    and "受理" in buttons(a.bot_messages(STAFF_GROUP)[1]))
        bound, referral = api.bot_messages(STAFF_GROUP)[:2]
        assert case.reference in referral["text"]
        assert "家賃が払えず <b>本当に</b> 困っています & 不安" in referral["text"]

        api.send_text(STAFF, "/help@tsunagu_test_bot", chat=group)
        await until(api, lambda a: len(a.bot_messages(STAFF_GROUP)) >= 3)
        assert api.bot_messages(STAFF_GROUP)[2]["text"] == text("staff", "chat_help")

        accept = buttons(referral)["受理"]
        query = api.press(STAFF, referral["message_id"], accept, chat=group)
        told = len(resident.seen)
        await until(api, lambda a: len(a.bot_messages(HANAKO.id)) > told)
    notice = resident.seen[-1]
    assert case.reference in notice["text"] and "受け付けました" in notice["text"]
    assert texts()["quick_exit_button"] in buttons(notice)
    assert engine.store.case(case.reference).status == "accepted"
    assert query in api.answered_queries
    assert api.bot_messages(STRANGER_GROUP) == []
    assert engine.state(ChatKey("telegram", str(STRANGER_GROUP))) is None
    assert site_name(case.site_id) in bound["text"]


async def test_the_transport_delivers_each_idempotency_key_once(
    api: FakeBotApi, engine: Engine
) -> None:
    group = api.group_chat(STAFF_GROUP)
    api.send_text(STAFF, "よろしく", chat=group)  # the chat exists once someone wrote in it
    async with polling_app(engine, api) as app:
        transport = TelegramTransport(app.bot, asyncio.get_running_loop(), ChatMessageLog())
        message = OutboundMessage(ChatKey("telegram", str(STAFF_GROUP)), "<b>つなぎ</b> TS-1",
                                  (Choice("staff:accept:TS-1", "受理"),), "referral:TS-1@x")
        await asyncio.to_thread(transport.send, message)
        await asyncio.to_thread(transport.send, message)
    [delivered] = api.bot_messages(STAFF_GROUP)
    assert delivered["text"] == "つなぎ TS-1"
    assert list(buttons(delivered)) == ["受理"]


async def test_a_volunteer_registers_with_an_invite_code_in_a_private_chat(
    api: FakeBotApi, engine: Engine
) -> None:
    invite = create_invite(engine.store, role="volunteer", site_id=None, now=datetime.now(UTC),
                           valid_for=timedelta(days=1))
    volunteer = Person(api, FakeUser(7002, "民生委員 佐藤"))
    async with polling_app(engine, api, store=engine.store):
        said = await volunteer.say(f"/bind {invite.code}")
        again = await volunteer.say(invite.code)  # used once only
    assert text("invite", "volunteer_enrolled") in texts_of(said)
    assert text("invite", "invalid") in texts_of(again)


async def test_staff_forward_a_referral_with_a_typed_reason_and_a_site_button(
    api: FakeBotApi, engine: Engine
) -> None:
    resident = Person(api, HANAKO)
    group = api.group_chat(STAFF_GROUP, "自立相談支援 受付")
    async with polling_app(engine, api, store=engine.store, dispatch_interval=0.2):
        await play(resident, RESIDENT_INTAKE)
        [case] = engine.store.cases()
        invite = create_invite(engine.store, role="staff", site_id=case.site_id,
                               now=datetime.now(UTC), valid_for=timedelta(days=1))
        api.send_text(STAFF, f"/bind {invite.code}", chat=group)
        # The referral is posted as a placeholder first, then filled in (two-step delivery).
        await until(api, lambda a: len(a.bot_messages(STAFF_GROUP)) >= 2
                    and "受理" in buttons(a.bot_messages(STAFF_GROUP)[1]))
        referral = api.bot_messages(STAFF_GROUP)[1]

        api.press(STAFF, referral["message_id"], buttons(referral)["他窓口へ"], chat=group)
        await until(api, lambda a: len(a.bot_messages(STAFF_GROUP)) >= 3)
        api.send_text(STAFF, "住まいの相談が中心のため", chat=group)
        await until(api, lambda a: len(a.bot_messages(STAFF_GROUP)) >= 4)
        sites = api.bot_messages(STAFF_GROUP)[3]
        data = next(iter(buttons(sites).values()))  # the first site the router suggested
        told = len(resident.seen)
        api.press(STAFF, sites["message_id"], data, chat=group)
        await until(api, lambda a: len(a.bot_messages(HANAKO.id)) > told)
    assert "引き継がれました" in resident.seen[-1]["text"]
    assert "つなぎました" in api.bot_messages(STAFF_GROUP)[4]["text"]
    assert engine.store.case(case.reference).site_id != case.site_id
