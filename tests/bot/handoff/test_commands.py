"""`tsunagu staff` and `tsunagu outbox`, driven through the command line on a SQLite file."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from bot.engine import ChatKey
from bot.handoff.dispatcher import Dispatcher
from bot.handoff.staff import StaffDesk
from flows.messages import TextMessage
from flows.routing_types import RouteDecision, SiteRef
from storage.store import Store
from tests.bot.handoff.fakes import RecordingTransport, submit
from tests.storage.helpers import CONCERN, NOW, PHONE, sample_referral

SITE_ID = "ccc_mizuhashi_kita"
DIRECTORY_SITE = SiteRef(
    id=SITE_ID, name="地域包括支援センター（水橋北）", kind="community_care_center"
)
STAFF_CHAT = ChatKey("telegram", "-100")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "tsunagu.db")


def test_staff_invite_prints_a_code_that_binds_the_staff_chat(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "staff", "invite", "--site", SITE_ID, "--db", db)
    assert code == 0
    match = re.search(r"TSG-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", out)
    assert match is not None

    store = Store.from_settings(Settings.from_env(db))
    try:
        replies = StaffDesk(store).handle(
            ChatKey("telegram", "-100"), TextMessage(match.group()), "u1", NOW
        )
    finally:
        store.close()
    assert replies is not None and "水橋北" in replies[0].text

    code, out = run(capsys, "staff", "list", "--db", db)
    assert code == 0 and f"{SITE_ID}\t1\t1" in out


def test_staff_invite_refuses_a_site_that_is_not_in_the_directory(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "staff", "invite", "--site", "no_such_site", "--db", db)
    assert code == 2 and "no_such_site" in out


def test_outbox_status_names_sites_without_a_staff_chat_and_no_personal_data(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "staff", "list", "--db", db)  # creates and migrates the file
    store = Store.from_settings(Settings.from_env(db))
    try:
        submit(store, sample_referral())
    finally:
        store.close()

    code, out = run(capsys, "outbox", "status", "--db", db)

    assert code == 0
    assert re.search(r"pending: 1\b", out) and "referrals 1" in out
    assert "community_care_center_01: 1" in out
    assert CONCERN not in out and PHONE not in out and "TS-261126-AAAA" not in out


def test_unbinding_a_sites_chat_stops_deliveries_there(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = run(capsys, "staff", "invite", "--site", SITE_ID, "--db", db)
    match = re.search(r"TSG-[A-Z0-9-]{14}", out)
    assert match is not None
    store = Store.from_settings(Settings.from_env(db))
    try:
        StaffDesk(store).handle(STAFF_CHAT, TextMessage(match.group()), "u1", NOW)
        assert run(capsys, "staff", "unbind", "--site", SITE_ID, "--db", db)[0] == 0
        submit(store, replace(sample_referral(), route=RouteDecision(primary=DIRECTORY_SITE)))
        transport = RecordingTransport()
        assert Dispatcher(store, transport).run_once(NOW) == 0
    finally:
        store.close()
    assert transport.sent == []
    _, out = run(capsys, "outbox", "status", "--db", db)
    assert f"{SITE_ID}: 1" in out
