"""Engine.handle_turn: the replies and the state they leave the chat in from one transaction,
and a resident's message costing one database connection, staff business included."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import event

from bot.engine import ChatKey, Engine
from bot.handoff.invites import create_invite
from bot.handoff.staff import StaffDesk
from flows.messages import ChoiceMessage, ContactMessage, InboundMessage, TextMessage
from storage.store import Store
from tests.databases import StoreConfig
from tests.fakes_flow import SITE, FakeConversation, FakeFlow
from tests.storage.helpers import CONCERN, NOW, PHONE

RESIDENT = ChatKey("telegram", "555")
INTAKE: tuple[InboundMessage, ...] = (
    TextMessage("こんにちは"),
    ChoiceMessage("yes"),
    TextMessage(CONCERN),
    ContactMessage(PHONE),
    ChoiceMessage("submit"),
)


def engine_over(store: Store, flow: FakeFlow) -> Engine:
    return Engine(store, flow, FakeConversation.from_json, clock=lambda: NOW,
                  terminal_states=frozenset({"done"}), sleep=lambda _s: None,
                  desk=StaffDesk(store))


def test_each_turn_tells_the_state_a_later_read_finds(store: Store) -> None:
    engine = engine_over(store, FakeFlow())
    assert engine.current_turn(RESIDENT).state is None
    for message in INTAKE:
        turn = engine.handle_turn(RESIDENT, message, user_id="r1")
        assert turn.state == engine.state(RESIDENT)
        assert turn.done == engine.is_done(RESIDENT)
        assert engine.current_turn(RESIDENT).state == turn.state
    assert turn.done


def test_a_residents_message_opens_one_database_connection(store: Store) -> None:
    engine = engine_over(store, FakeFlow())
    engine.handle_turn(RESIDENT, INTAKE[0], user_id="r1")
    checkouts: list[object] = []

    def count(*_args: Any) -> None:
        checkouts.append(None)

    event.listen(store.engine.pool, "checkout", count)
    try:
        engine.handle_turn(RESIDENT, INTAKE[1], user_id="r1")
    finally:
        event.remove(store.engine.pool, "checkout", count)
    assert len(checkouts) == 1


def test_a_chat_bound_by_another_worker_is_a_staff_chat_at_its_next_message(
    store: Store, migrated_url: str
) -> None:
    flow = FakeFlow()
    engine = engine_over(store, flow)
    chat = ChatKey("telegram", "-100group")
    engine.handle_turn(chat, TextMessage("こんにちは"), user_id="u1")
    assert flow.calls == 1
    other_worker = Store.from_settings(StoreConfig(migrated_url))
    try:
        code = create_invite(other_worker, role="staff", site_id=SITE.id, now=NOW,
                             valid_for=timedelta(days=1)).code
        bound = engine_over(other_worker, FakeFlow()).handle_turn(chat, TextMessage(code),
                                                                  user_id="u1")
        assert [r.key for r in bound.replies] == ["staff_staff_bound"]
    finally:
        other_worker.close()

    assert engine.handle_turn(chat, TextMessage("了解です"), user_id="u1").replies == []
    assert flow.calls == 1
