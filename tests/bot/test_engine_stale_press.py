"""A pressed button is judged in the engine's transaction: a press from an earlier question
changes nothing and is answered with the current question; one from the current question
counts. One database connection per press, whatever the verdict."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from bot.channels.telegram_render import ChoicePress, decode_callback, encode_choice, shown_in
from bot.engine import ChatKey, Engine
from flows.messages import NO_CONVERSATION, ChoiceMessage, TextMessage, is_stale
from flows.states import IntakeState
from storage.store import Store
from tests.fakes_flow import FakeConversation, FakeFlow
from tests.storage.helpers import CONCERN, NOW

KEY = ChatKey("telegram", "4242")


def engine_over(store: Store, flow: FakeFlow) -> Engine:
    return Engine(
        store,
        flow,
        FakeConversation.from_json,
        clock=lambda: NOW,
        terminal_states=frozenset({"done"}),
        sleep=lambda _s: None,
    )


def test_a_press_from_an_earlier_question_changes_nothing_and_asks_the_current_one(
    store: Store,
) -> None:
    flow = FakeFlow()
    engine = engine_over(store, flow)
    engine.handle_turn(KEY, TextMessage("こんにちは"))
    engine.handle_turn(KEY, ChoiceMessage("yes", shown_in="consent"))
    before = store.conversation(KEY.channel, KEY.chat_id)
    calls = flow.calls

    turn = engine.handle_turn(KEY, ChoiceMessage("no", shown_in="consent"))

    assert turn.stale
    assert turn.state == "concern" and [r.key for r in turn.replies] == ["concern"]
    assert store.conversation(KEY.channel, KEY.chat_id) == before  # not even the version moved
    assert flow.calls == calls


def test_a_press_from_the_current_question_counts(store: Store) -> None:
    engine = engine_over(store, FakeFlow())
    engine.handle_turn(KEY, TextMessage("こんにちは"))
    turn = engine.handle_turn(KEY, ChoiceMessage("yes", shown_in="consent"))
    assert not turn.stale
    assert turn.state == "concern"
    engine.handle_turn(KEY, TextMessage(CONCERN))
    assert engine.state(KEY) == "contact"


def test_a_console_choice_without_a_shown_state_is_not_checked(store: Store) -> None:
    engine = engine_over(store, FakeFlow())
    engine.handle_turn(KEY, TextMessage("こんにちは"))
    assert not engine.handle_turn(KEY, ChoiceMessage("yes")).stale
    assert engine.state(KEY) == "concern"


def test_a_welcome_button_pressed_before_any_conversation_begins_one(store: Store) -> None:
    engine = engine_over(store, FakeFlow())
    turn = engine.handle_turn(KEY, ChoiceMessage("yes", shown_in=NO_CONVERSATION))
    assert not turn.stale
    assert engine.state(KEY) == "consent"


@pytest.mark.parametrize("stale", [False, True], ids=["current", "stale"])
def test_a_press_opens_one_database_connection(store: Store, stale: bool) -> None:
    engine = engine_over(store, FakeFlow())
    engine.handle_turn(KEY, TextMessage("こんにちは"))
    checkouts: list[object] = []

    def count(*_args: Any) -> None:
        checkouts.append(None)

    event.listen(store.engine.pool, "checkout", count)
    try:
        turn = engine.handle_turn(
            KEY, ChoiceMessage("yes", shown_in="review" if stale else "consent")
        )
    finally:
        event.remove(store.engine.pool, "checkout", count)
    assert turn.stale is stale
    assert len(checkouts) == 1


@pytest.mark.parametrize("state", [None, *IntakeState])
def test_a_telegram_button_names_the_state_it_was_shown_in(state: IntakeState | None) -> None:
    press = decode_callback(encode_choice(state, "yes"))
    assert isinstance(press, ChoicePress)
    assert shown_in(press) == (NO_CONVERSATION if state is None else state)


def test_a_telegram_button_of_an_unknown_state_is_stale_everywhere() -> None:
    press = decode_callback("v1:zzzzzz:yes")
    assert isinstance(press, ChoicePress)
    message = ChoiceMessage("yes", shown_in(press))
    assert all(is_stale(message, state) for state in [None, *IntakeState])
