from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.engine import ChatKey, Engine, EngineUnavailable, new_reference
from flows.messages import (
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    InboundMessage,
    TextMessage,
)
from storage.models import AuditRow, CaseRow, ConsentRow, ConversationRow, OutboxRow
from storage.store import Store
from storage.unit_of_work import UnitOfWork
from tests.fakes_flow import FakeConversation, FakeFlow
from tests.storage.helpers import CONCERN, PHONE, raw_values

KEY = ChatKey(channel="console", chat_id="c1")
START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def make_engine(store: Store, flow: FakeFlow | None = None) -> Engine:
    return Engine(
        store,
        flow or FakeFlow(),
        FakeConversation.from_json,
        clock=Clock(),
        terminal_states=frozenset({"done", "closed"}),
        sleep=lambda _seconds: None,
    )


def submit_path(consent: bool = True) -> list[InboundMessage]:
    return [
        TextMessage("こんにちは"),
        ChoiceMessage("yes" if consent else "no"),
        TextMessage(CONCERN),
        ContactMessage(PHONE),
        ChoiceMessage("submit"),
    ]


def count(store: Store, model: Any) -> int:
    with Session(store.engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_full_intake_stores_the_case_its_referral_consents_and_outbox_row(store: Store) -> None:
    engine = make_engine(store)
    for message in submit_path():
        engine.handle(KEY, message)
    assert engine.is_done(KEY)
    [case] = store.cases()
    assert case.referral.concern_text == CONCERN
    assert case.referral.contact.value == PHONE
    assert [c.scope for c in case.referral.consents] == ["record"]
    assert count(store, OutboxRow) == 1


def test_a_restarted_engine_resumes_at_the_same_question(store: Store) -> None:
    first = make_engine(store)
    for message in submit_path()[:3]:
        first.handle(KEY, message)
    again = make_engine(store)
    assert again.state(KEY) == "contact"
    assert [r.key for r in again.current(KEY)] == ["contact"]


def test_a_new_chat_has_no_state(store: Store) -> None:
    engine = make_engine(store)
    assert engine.state(KEY) is None
    assert not engine.is_done(KEY)


def test_a_failure_after_the_case_insert_leaves_no_half_case(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(store)
    for message in submit_path()[:-1]:
        engine.handle(KEY, message)
    version_before = _version(store)
    original = UnitOfWork.add_case

    def add_case_then_crash(self: UnitOfWork, *args: Any, **kwargs: Any) -> int:
        original(self, *args, **kwargs)
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(UnitOfWork, "add_case", add_case_then_crash)
    with pytest.raises(EngineUnavailable):
        engine.handle(KEY, ChoiceMessage("submit"))
    assert count(store, CaseRow) == 0
    assert count(store, OutboxRow) == 0
    assert _version(store) == version_before
    assert engine.state(KEY) == "review"


def test_a_transient_database_error_is_retried_and_the_message_goes_through(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(store)
    engine.handle(KEY, TextMessage("こんにちは"))
    failures = iter([True, True])
    original = UnitOfWork.load_conversation

    def flaky(self: UnitOfWork, *args: Any) -> Any:
        if next(failures, False):
            raise OperationalError("SELECT", {}, Exception("database is locked"))
        return original(self, *args)

    monkeypatch.setattr(UnitOfWork, "load_conversation", flaky)
    replies = engine.handle(KEY, ChoiceMessage("yes"))
    assert [r.key for r in replies] == ["concern"]
    assert engine.state(KEY) == "concern"


def test_without_consent_to_record_no_concern_text_or_phone_reaches_the_database(
    store: Store, migrated_url: str
) -> None:
    engine = make_engine(store)
    for message in submit_path(consent=False):
        engine.handle(KEY, message)
    stored = [
        *raw_values(migrated_url, "conversations", "state_json"),
        *raw_values(migrated_url, "cases", "concern_text"),
        *raw_values(migrated_url, "cases", "contact"),
    ]
    assert not any(CONCERN in (v or "") or PHONE in (v or "") for v in stored)
    assert count(store, ConsentRow) == 0


def test_cancel_keeps_nothing_of_the_intake(store: Store) -> None:
    engine = make_engine(store)
    for message in submit_path()[:3]:
        engine.handle(KEY, message)
    engine.handle(KEY, CommandMessage(Command.CANCEL))
    assert count(store, ConsentRow) == 0
    assert engine.state(KEY) == "closed"
    assert CONCERN not in str(raw_values_of(store, "state_json"))


def test_erasure_removes_text_and_contact_and_writes_an_audit_line(store: Store) -> None:
    engine = make_engine(store)
    for message in submit_path():
        engine.handle(KEY, message)
    engine.handle(KEY, CommandMessage(Command.DELETE))
    [case] = store.cases()
    assert case.erased_at is not None
    assert case.referral.concern_text == ""
    assert case.referral.contact.value == ""
    with Session(store.engine) as session:
        lines = session.scalars(select(AuditRow).where(AuditRow.action == "erased")).all()
    assert [line.case_reference for line in lines] == [case.reference]
    assert all(CONCERN not in line.detail and PHONE not in line.detail for line in lines)


def test_withdrawing_consent_marks_the_ledger_row(store: Store) -> None:
    engine = make_engine(store)
    for message in submit_path()[:2]:
        engine.handle(KEY, message)
    engine.handle(KEY, CommandMessage(Command.WITHDRAW))
    with Session(store.engine) as session:
        [row] = session.scalars(select(ConsentRow)).all()
        conversation = session.scalars(select(ConversationRow)).one()
    assert row.withdrawn_at is not None
    assert not conversation.consent_to_record


def test_references_are_readable_and_distinct() -> None:
    references = {new_reference(START) for _ in range(200)}
    assert len(references) > 190
    assert all(r.startswith("TS-261126-") and len(r) == 14 for r in references)


def test_no_log_record_carries_concern_text_or_phone(
    store: Store, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # every SQL statement
    try:
        engine = make_engine(store)
        for message in submit_path()[:-1]:
            engine.handle(KEY, message)

        def crash(self: UnitOfWork, *args: Any, **kwargs: Any) -> int:
            raise OperationalError("INSERT", {"text": CONCERN}, Exception(PHONE))

        monkeypatch.setattr(UnitOfWork, "add_case", crash)
        with pytest.raises(EngineUnavailable):
            engine.handle(KEY, ChoiceMessage("submit"))
        monkeypatch.undo()
        engine.handle(KEY, ChoiceMessage("submit"))
        engine.handle(KEY, CommandMessage(Command.DELETE))
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert caplog.records, "the test must see the engine's and SQLAlchemy's log lines"
    for record in caplog.records:
        line = record.getMessage() + (record.exc_text or "")
        assert CONCERN not in line and PHONE not in line


def raw_values_of(store: Store, column: str) -> list[Any]:
    return raw_values(
        store.engine.url.render_as_string(hide_password=False), "conversations", column
    )


def _version(store: Store) -> int:
    with Session(store.engine) as session:
        return session.scalars(select(ConversationRow.version)).one()
