"""A console reporter learns what staff did the next time the same console chat opens."""

from __future__ import annotations

import io
import json
from datetime import timedelta

from bot.channels.console import ConsoleChat
from bot.config import Settings
from bot.engine import ChatKey, build_engine
from bot.handoff.staff import StaffDesk
from flows.messages import ChoiceMessage
from storage.store import Store
from tests.bot.handoff.fakes import enrol_staff, submit
from tests.fakes import FakeRouter, FakeTagger
from tests.fakes_flow import SITE
from tests.storage.helpers import NOW, sample_referral

CONSOLE = ChatKey("console", "local")
STAFF_CHAT = ChatKey("telegram", "-100site")
LATER = NOW + timedelta(minutes=5)


def open_console(url: str, key: ChatKey, *, jsonl: bool = False) -> str:
    engine = build_engine(Settings(database_url=url), tagger=FakeTagger(), router=FakeRouter(),
                          clock=lambda: LATER)
    out = io.StringIO()
    ConsoleChat(engine, key, out, jsonl=jsonl, clock=lambda: LATER).open()
    engine.store.close()
    # the terminal wraps lines by display width; a sentence may break anywhere
    return out.getvalue() if jsonl else out.getvalue().replace("\n", "")


def accepted_case(store: Store) -> str:
    referral = sample_referral()
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, referral, reporter=CONSOLE)
    StaffDesk(store).handle(STAFF_CHAT, ChoiceMessage(f"staff:accept:{referral.reference}"),
                            "u1", LATER)
    return referral.reference


def test_console_reporter_hears_of_the_acceptance_once_when_the_chat_opens_again(
    store: Store, migrated_url: str
) -> None:
    reference = accepted_case(store)

    shown = open_console(migrated_url, CONSOLE)
    assert reference in shown and "受け付けました" in shown
    assert "<" not in shown  # the staff-side HTML is not printed as markup

    assert reference not in open_console(migrated_url, CONSOLE)


def test_jsonl_console_carries_the_notice_in_the_opening_turn(
    store: Store, migrated_url: str
) -> None:
    reference = accepted_case(store)

    [line] = open_console(migrated_url, CONSOLE, jsonl=True).splitlines()
    opening = json.loads(line)
    [notice] = opening["notices"]
    assert reference in notice
    assert opening["state"] is not None  # the usual turn fields are all still there


def test_another_console_chat_never_sees_someone_elses_notice(
    store: Store, migrated_url: str
) -> None:
    reference = accepted_case(store)

    assert reference not in open_console(migrated_url, ChatKey("console", "someone-else"))
    assert reference in open_console(migrated_url, CONSOLE)
