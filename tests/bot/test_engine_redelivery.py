"""An update delivered again after a crash (Telegram redelivers what the dead bot did not
confirm) is applied once: its effects were committed with its update id, so the repeat changes
nothing and the person is shown the question they are at."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.engine import ChatKey, Engine
from flows.messages import ChoiceMessage, ContactMessage, TextMessage
from storage.models import CaseRow, OutboxRow
from storage.store import Store
from tests.fakes_flow import FakeConversation, FakeFlow
from tests.storage.helpers import CONCERN, NOW, PHONE

KEY = ChatKey("telegram", "8080")


def engine_over(store: Store, clock: list[datetime] | None = None) -> Engine:
    now = clock or [NOW]
    return Engine(
        store,
        FakeFlow(),
        FakeConversation.from_json,
        clock=lambda: now[0],
        terminal_states=frozenset({"done"}),
        sleep=lambda _s: None,
    )


def concern_of(store: Store) -> list[str]:
    stored = store.conversation(KEY.channel, KEY.chat_id)
    assert stored is not None and stored.state_json is not None
    return list(FakeConversation.from_json(stored.state_json).text)


def count(store: Store, model: type[CaseRow] | type[OutboxRow]) -> int:
    with Session(store.engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_concern_sentence_delivered_twice_is_recorded_once(store: Store) -> None:
    engine = engine_over(store)
    engine.handle_turn(KEY, TextMessage("こんにちは"), update_id=101)
    engine.handle_turn(KEY, ChoiceMessage("yes"), update_id=102)
    first = engine.handle_turn(KEY, TextMessage(CONCERN), update_id=103)
    saved = store.conversation(KEY.channel, KEY.chat_id)

    again = engine.handle_turn(KEY, TextMessage(CONCERN), update_id=103)

    assert concern_of(store) == [CONCERN]
    assert store.conversation(KEY.channel, KEY.chat_id) == saved  # not even the version moved
    assert again.state == first.state == "contact"
    assert [r.key for r in again.replies] == ["contact"]  # the question the person is at
    assert not again.stale


def test_a_redelivered_choice_is_not_applied_to_the_next_question(store: Store) -> None:
    engine = engine_over(store)
    engine.handle_turn(KEY, TextMessage("こんにちは"), update_id=7)
    engine.handle_turn(KEY, ChoiceMessage("yes"), update_id=8)
    engine.handle_turn(KEY, TextMessage(CONCERN), update_id=9)
    engine.handle_turn(KEY, ContactMessage(PHONE), update_id=10)
    assert engine.state(KEY) == "review"

    # 「はい」 to recording, delivered again, must not count as 「送る」 at the review.
    engine.handle_turn(KEY, ChoiceMessage("yes"), update_id=8)

    assert engine.state(KEY) == "review"
    assert count(store, CaseRow) == count(store, OutboxRow) == 0
    engine.handle_turn(KEY, ChoiceMessage("submit"), update_id=11)
    assert count(store, CaseRow) == count(store, OutboxRow) == 1


def test_a_newer_update_is_applied_and_remembered(store: Store) -> None:
    engine = engine_over(store)
    engine.handle_turn(KEY, TextMessage("こんにちは"), update_id=500)
    engine.handle_turn(KEY, ChoiceMessage("yes"), update_id=501)
    stored = store.conversation(KEY.channel, KEY.chat_id)
    assert stored is not None and stored.last_update_id == 501
    assert stored.state == "concern"


def test_messages_without_an_update_id_are_applied_and_keep_the_last_one_known(
    store: Store,
) -> None:
    engine = engine_over(store)
    engine.handle_turn(KEY, TextMessage("こんにちは"), update_id=40)
    engine.handle_turn(KEY, ChoiceMessage("yes"))  # a console has no update ids

    engine.handle_turn(KEY, TextMessage(CONCERN), update_id=40)  # still known as applied
    stored = store.conversation(KEY.channel, KEY.chat_id)
    assert stored is not None and stored.last_update_id == 40
    assert stored.state == "concern" and concern_of(store) == []

    engine.handle_turn(KEY, TextMessage(CONCERN))
    assert concern_of(store) == [CONCERN]


def test_a_smaller_update_id_after_a_quiet_day_is_a_new_message(store: Store) -> None:
    # Telegram keeps an update 24 hours at most, and numbers afresh, at random, after a week
    # without updates: a smaller id then is someone writing again, not a redelivery.
    clock = [NOW]
    engine = engine_over(store, clock)
    engine.handle_turn(KEY, TextMessage("こんにちは"), update_id=900_000)
    engine.handle_turn(KEY, ChoiceMessage("yes"), update_id=900_001)
    clock[0] = NOW + timedelta(hours=23)
    engine.handle_turn(KEY, TextMessage(CONCERN), update_id=900_001)  # still a redelivery
    assert concern_of(store) == []

    clock[0] = NOW + timedelta(days=8)
    engine.handle_turn(KEY, TextMessage(CONCERN), update_id=1_234)

    assert concern_of(store) == [CONCERN]
    stored = store.conversation(KEY.channel, KEY.chat_id)
    assert stored is not None and stored.last_update_id == 1_234
