"""The engine with the real intake flow (fake tagger and router) over a real database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine import ChatKey, Engine, build_engine
from flows.messages import ChoiceMessage, Command, CommandMessage, InboundMessage, TextMessage
from storage.crypto import generate_key
from storage.migrate import upgrade
from tests.fakes import FakeRouter, FakeTagger
from tests.storage.helpers import CONCERN, PHONE, raw_values, sqlite_bytes

KEY = ChatKey("console", "resident-1")
WHEN = "平日の午前中がいいです"


def engine_for(url: str, key: str | None = None) -> Engine:
    settings = Settings(database_url=url, encryption_key=key)
    return build_engine(
        settings,
        tagger=FakeTagger(),
        router=FakeRouter(),
        clock=lambda: datetime(2026, 11, 26, 10, 0, tzinfo=UTC),
    )


def answer(engine: Engine, *, consent: bool, said: set[str]) -> InboundMessage:
    """What a resident would say to the question the chat is at."""
    state = engine.state(KEY)
    if state == "concern" and "concern" not in said:
        said.add("concern")
        return TextMessage(CONCERN)
    if state == "contact_phone":
        return TextMessage(PHONE)
    if state == "contact_when":
        return TextMessage(WHEN)
    ids = [c.id for r in engine.current(KEY) for c in r.choices]
    for preferred in ("self", "yes" if consent else "no", "ok", "done", "phone", "submit"):
        if preferred in ids:
            return ChoiceMessage(preferred)
    return ChoiceMessage(ids[0])


def talk_until_done(engine: Engine, *, consent: bool, after_each: object = None) -> None:
    engine.handle(KEY, TextMessage("こんにちは"))
    said: set[str] = set()
    for _ in range(30):
        if engine.is_done(KEY):
            return
        engine.handle(KEY, answer(engine, consent=consent, said=said))
        if callable(after_each):
            after_each()
    raise AssertionError(f"the intake did not finish; stuck at {engine.state(KEY)}")


@pytest.fixture
def url(tmp_path: Path) -> str:
    database = f"sqlite:///{tmp_path / 'real.db'}"
    upgrade(database)
    return database


def test_a_resident_submits_and_the_case_carries_the_consents(url: str) -> None:
    engine = engine_for(url)
    talk_until_done(engine, consent=True)
    assert engine.state(KEY) == "done"
    [case] = engine.store.cases()
    assert CONCERN in case.referral.concern_text
    assert case.referral.contact.value.replace("-", "") == PHONE.replace("-", "")
    assert {c.scope for c in case.referral.consents} >= {"record", "share"}
    assert case.site_id == "community_care_center_mizuhashi"


def test_with_encryption_the_file_never_holds_the_words_at_any_step(url: str) -> None:
    engine = engine_for(url, generate_key())

    def nothing_readable() -> None:
        data = sqlite_bytes(url)
        for secret in (CONCERN, PHONE, WHEN, "認知症"):
            assert secret.encode() not in data

    talk_until_done(engine, consent=True, after_each=nothing_readable)
    [case] = engine.store.cases()
    assert CONCERN in case.referral.concern_text


def test_without_consent_to_record_the_words_are_never_written(url: str) -> None:
    engine = engine_for(url)

    def nothing_stored() -> None:
        values = raw_values(url, "conversations", "state_json") + raw_values(
            url, "cases", "concern_text"
        )
        assert all(CONCERN not in (v or "") and PHONE not in (v or "") for v in values)

    engine.handle(KEY, TextMessage("こんにちは"))
    engine.handle(KEY, ChoiceMessage("self"))
    engine.handle(KEY, ChoiceMessage("no"))
    said: set[str] = set()
    for _ in range(30):
        if engine.is_done(KEY):
            break
        engine.handle(KEY, answer(engine, consent=False, said=said))
        nothing_stored()
    assert "concern" in said
    assert engine.state(KEY) == "guided"  # told where to go, nothing shared
    assert engine.store.cases() == []


def test_a_restarted_engine_asks_the_same_question(url: str) -> None:
    first = engine_for(url)
    first.handle(KEY, TextMessage("こんにちは"))
    first.handle(KEY, ChoiceMessage("self"))
    asked = [r.key for r in first.current(KEY)]
    first.store.close()
    again = engine_for(url)
    assert [r.key for r in again.current(KEY)] == asked == ["ask_consent_record"]


def test_delete_after_submitting_erases_the_case_text(url: str) -> None:
    engine = engine_for(url)
    talk_until_done(engine, consent=True)
    engine.handle(KEY, CommandMessage(Command.DELETE))
    for _ in range(3):  # the flow may ask to confirm
        ids = [c.id for r in engine.current(KEY) for c in r.choices]
        if engine.store.cases()[0].erased_at is not None or "yes" not in ids:
            break
        engine.handle(KEY, ChoiceMessage("yes"))
    [case] = engine.store.cases()
    assert case.erased_at is not None
    assert case.referral.concern_text == ""
