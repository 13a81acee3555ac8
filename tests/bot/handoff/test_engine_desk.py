"""The staff desk inside the engine: staff business never reaches the intake flow, and a
submitted intake travels to staff and back to the reporter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine import ChatKey, Engine
from bot.handoff.dispatcher import Dispatcher
from bot.handoff.invites import create_invite
from bot.handoff.staff import StaffDesk
from flows.messages import ChoiceMessage, ContactMessage, TextMessage
from storage.models import CaseRow, ConversationRow
from storage.store import Store
from tests.bot.handoff.fakes import RecordingTransport
from tests.fakes_flow import SITE, FakeConversation, FakeFlow
from tests.storage.helpers import CONCERN, NOW, PHONE

RESIDENT = ChatKey("telegram", "555")
STAFF_CHAT = ChatKey("telegram", "-100site")


def ticking() -> Iterator[int]:
    n = 0
    while True:
        n += 1
        yield n


def engine_with_desk(store: Store, flow: FakeFlow) -> Engine:
    ticks = ticking()
    return Engine(
        store,
        flow,
        FakeConversation.from_json,
        clock=lambda: NOW + timedelta(seconds=next(ticks)),
        terminal_states=frozenset({"done"}),
        sleep=lambda _s: None,
        desk=StaffDesk(store),
    )


def intake(engine: Engine, key: ChatKey, user: str) -> None:
    for message in (
        TextMessage("こんにちは"),
        ChoiceMessage("yes"),
        TextMessage(CONCERN),
        ContactMessage(PHONE),
        ChoiceMessage("submit"),
    ):
        engine.handle(key, message, user_id=user)


def test_a_registered_volunteers_report_is_marked_volunteer_verified(store: Store) -> None:
    flow = FakeFlow()
    engine = engine_with_desk(store, flow)
    code = create_invite(
        store, role="volunteer", site_id=None, now=NOW, valid_for=timedelta(days=1)
    ).code

    [welcome] = engine.handle(RESIDENT, TextMessage(code), user_id="v1")
    assert welcome.key == "staff_volunteer_enrolled" and flow.calls == 0

    intake(engine, RESIDENT, "v1")
    with Session(store.engine) as session:
        assert session.scalars(select(CaseRow.volunteer_verified)).one() is True
    engine.handle(STAFF_CHAT, TextMessage(staff_code(store)), user_id="u1")
    transport = RecordingTransport()
    Dispatcher(store, transport).run_once(NOW + timedelta(minutes=1))
    [summary] = transport.seen_in(STAFF_CHAT)
    assert "民生委員・児童委員（招待コードで確認済み）" in summary.text


def staff_code(store: Store) -> str:
    return create_invite(
        store, role="staff", site_id=SITE.id, now=NOW, valid_for=timedelta(days=1)
    ).code


def test_messages_in_a_staff_chat_never_start_an_intake(store: Store) -> None:
    flow = FakeFlow()
    engine = engine_with_desk(store, flow)
    code = create_invite(store, role="staff", site_id=SITE.id, now=NOW, valid_for=timedelta(1)).code
    engine.handle(STAFF_CHAT, TextMessage(code), user_id="u1")

    assert engine.handle(STAFF_CHAT, TextMessage("了解です"), user_id="u1") == []

    assert flow.calls == 0
    with Session(store.engine) as session:
        assert session.scalars(select(ConversationRow)).all() == []


def test_a_submitted_intake_reaches_staff_and_their_accept_reaches_the_reporter(
    store: Store,
) -> None:
    engine = engine_with_desk(store, FakeFlow())
    code = create_invite(store, role="staff", site_id=SITE.id, now=NOW, valid_for=timedelta(1)).code
    engine.handle(STAFF_CHAT, TextMessage(code), user_id="u1")
    intake(engine, RESIDENT, "r1")
    transport = RecordingTransport()
    dispatcher = Dispatcher(store, transport)

    assert dispatcher.run_once(NOW + timedelta(minutes=1)) == 1
    [summary] = transport.seen_in(STAFF_CHAT)
    assert CONCERN in summary.text
    accept = summary.choices[0]
    [done] = engine.handle(STAFF_CHAT, ChoiceMessage(accept.id), user_id="u1")
    assert done.key == "staff_accepted"

    assert dispatcher.run_once(NOW + timedelta(minutes=2)) == 1
    [status] = transport.seen_in(RESIDENT)
    assert "受け付けました" in status.text and CONCERN not in status.text
