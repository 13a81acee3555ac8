from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine import ChatKey
from bot.handoff.dispatcher import Dispatcher
from bot.handoff.staff import StaffDesk
from flows.domain import Referral
from flows.messages import ChoiceMessage, TextMessage
from flows.routing_types import SiteRef
from storage.crypto import generate_key
from storage.models import AuditRow, CaseRow, ReferralRow
from storage.store import Store
from tests.bot.handoff.fakes import REPORTER, RecordingTransport, enrol_staff, submit
from tests.databases import StoreConfig
from tests.fakes_flow import SITE
from tests.storage.helpers import NOW, raw_values, sample_referral

STAFF_CHAT = ChatKey(channel="telegram", chat_id="-100site")
OTHER_SITE_CHAT = ChatKey(channel="telegram", chat_id="-100council")
REF = "TS-261126-AAAA"
COUNCIL = "social_welfare_council"
LATER = NOW + timedelta(minutes=5)


def press(store: Store, key: ChatKey, user: str | None, choice: str) -> str:
    replies = StaffDesk(store).handle(key, ChoiceMessage(choice), user, LATER)
    assert replies is not None and len(replies) == 1
    return replies[0].key


def statuses(store: Store) -> tuple[str, list[str]]:
    with Session(store.engine) as session:
        case = session.scalars(select(CaseRow)).one()
        referrals = session.scalars(select(ReferralRow).order_by(ReferralRow.id))
        return case.status, [r.status for r in referrals]


def reporter_sees(store: Store) -> list[str]:
    transport = RecordingTransport()
    Dispatcher(store, transport).run_once(LATER + timedelta(minutes=1))
    return [m.text for m in transport.seen_in(REPORTER)]


def audit_actions(store: Store) -> list[tuple[str, str, str | None]]:
    with Session(store.engine) as session:
        rows = session.scalars(select(AuditRow).order_by(AuditRow.id))
        return [(r.actor, r.action, r.case_reference) for r in rows]


@pytest.fixture
def staffed(store: Store) -> Store:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    enrol_staff(store, COUNCIL, OTHER_SITE_CHAT, "u2")
    return store


def test_staff_of_the_site_accepts_and_the_reporter_hears_of_it(staffed: Store) -> None:
    submit(staffed, sample_referral())

    assert press(staffed, STAFF_CHAT, "u1", f"staff:accept:{REF}") == "staff_accepted"

    assert statuses(staffed) == ("accepted", ["accepted"])
    [message] = reporter_sees(staffed)
    assert REF in message and "受け付けました" in message
    assert ("staff:telegram:u1", "staff_accepted", REF) in audit_actions(staffed)


@pytest.mark.parametrize(
    ("key", "user"),
    [
        (OTHER_SITE_CHAT, "u2"),  # staff of another site, in their own chat
        (STAFF_CHAT, "u2"),  # staff of another site, in this site's chat
        (STAFF_CHAT, "stranger"),  # someone in the site's chat who never enrolled
        (ChatKey("telegram", "u1-private"), "u1"),  # the site's staff, outside a bound chat
        (STAFF_CHAT, None),  # no user identity at all
    ],
)
def test_anyone_but_bound_staff_of_the_site_is_refused_and_audited(
    staffed: Store, key: ChatKey, user: str | None
) -> None:
    submit(staffed, sample_referral())

    for verb in ("accept", "forward", "close"):
        assert press(staffed, key, user, f"staff:{verb}:{REF}") == "staff_refused"

    assert statuses(staffed) == ("submitted", ["submitted"])
    refusals = [a for a in audit_actions(staffed) if a[1] == "staff_action_refused"]
    assert len(refusals) == 3 and {r[2] for r in refusals} == {REF}
    assert reporter_sees(staffed) == []


def test_an_unknown_reference_is_refused_without_saying_whether_it_exists(staffed: Store) -> None:
    assert press(staffed, OTHER_SITE_CHAT, "u2", "staff:accept:TS-000000-ZZZZ") == "staff_refused"
    assert audit_actions(staffed)[-1][1] == "staff_action_refused"


def test_a_second_accept_changes_nothing(staffed: Store) -> None:
    submit(staffed, sample_referral())
    press(staffed, STAFF_CHAT, "u1", f"staff:accept:{REF}")

    assert press(staffed, STAFF_CHAT, "u1", f"staff:accept:{REF}") == "staff_already"
    assert len(reporter_sees(staffed)) == 1


def test_close_after_accept_tells_the_reporter_twice(staffed: Store) -> None:
    submit(staffed, sample_referral())
    press(staffed, STAFF_CHAT, "u1", f"staff:accept:{REF}")
    assert press(staffed, STAFF_CHAT, "u1", f"staff:close:{REF}") == "staff_closed"

    assert statuses(staffed) == ("closed", ["closed"])
    accepted, closed = reporter_sees(staffed)
    assert "受け付けました" in accepted and "完了" in closed


def third_party(consent: str) -> Referral:
    return replace(
        sample_referral(),
        reporter="third_party",
        subject_consent=consent,  # type: ignore[arg-type]
        legal_basis="consent" if consent == "yes" else "support_meeting",
    )


def test_a_volunteer_without_the_persons_consent_learns_only_that_it_was_received(
    staffed: Store,
) -> None:
    submit(staffed, third_party("no"))
    press(staffed, STAFF_CHAT, "u1", f"staff:accept:{REF}")
    press(staffed, STAFF_CHAT, "u1", f"staff:close:{REF}")

    [message] = reporter_sees(staffed)
    assert "受け付けられました" in message
    assert "完了" not in message and SITE.id not in message


def test_a_volunteer_whose_person_agreed_follows_the_case(staffed: Store) -> None:
    submit(staffed, third_party("yes"))
    press(staffed, STAFF_CHAT, "u1", f"staff:accept:{REF}")
    press(staffed, STAFF_CHAT, "u1", f"staff:close:{REF}")

    assert len(reporter_sees(staffed)) == 2


def forward_to_council(store: Store, *, by_button: bool) -> list[str]:
    desk = StaffDesk(store)
    keys = [press(store, STAFF_CHAT, "u1", f"staff:forward:{REF}")]
    reason = desk.handle(STAFF_CHAT, TextMessage("生活費の相談が中心のため"), "u1", LATER)
    assert reason is not None
    keys.append(reason[0].key)
    if by_button:
        assert f"staff:to:{COUNCIL}" in [c.id for c in reason[0].choices]
        keys.append(press(store, STAFF_CHAT, "u1", f"staff:to:{COUNCIL}"))
    else:
        typed = desk.handle(STAFF_CHAT, TextMessage(COUNCIL), "u1", LATER)
        assert typed is not None
        keys.append(typed[0].key)
    return keys


@pytest.mark.parametrize("by_button", [True, False])
def test_forward_asks_the_reason_and_the_site_then_hands_the_case_on(
    staffed: Store, by_button: bool
) -> None:
    route = replace(
        sample_referral().route,
        sites=(SiteRef(id=COUNCIL, name="富山市社会福祉協議会", kind="social_welfare_council"),),
    )
    submit(staffed, replace(sample_referral(), route=route))

    keys = forward_to_council(staffed, by_button=by_button)

    assert keys == ["staff_forward_reason", "staff_forward_site", "staff_forwarded"]
    assert statuses(staffed) == ("forwarded", ["forwarded", "submitted"])
    transport = RecordingTransport()
    Dispatcher(staffed, transport).run_once(LATER + timedelta(minutes=1))
    [to_council] = transport.seen_in(OTHER_SITE_CHAT)
    assert "生活費の相談が中心のため" in to_council.text and REF in to_council.text
    [to_reporter] = transport.seen_in(REPORTER)
    assert "引き継がれました" in to_reporter.text
    # The new site acts on it; the old one no longer may.
    assert press(staffed, OTHER_SITE_CHAT, "u2", f"staff:accept:{REF}") == "staff_accepted"
    assert press(staffed, STAFF_CHAT, "u1", f"staff:close:{REF}") == "staff_refused"
    with Session(staffed.engine) as session:
        assert session.scalars(select(CaseRow.site_id)).one() == COUNCIL


def test_forward_to_an_unknown_site_asks_again(staffed: Store) -> None:
    submit(staffed, sample_referral())
    desk = StaffDesk(staffed)
    press(staffed, STAFF_CHAT, "u1", f"staff:forward:{REF}")
    desk.handle(STAFF_CHAT, TextMessage("地区が違うため"), "u1", LATER)

    again = desk.handle(STAFF_CHAT, TextMessage("no_such_site"), "u1", LATER)

    assert again is not None and again[0].key == "staff_forward_unknown_site"
    assert statuses(staffed) == ("submitted", ["submitted"])


def test_forward_can_be_cancelled(staffed: Store) -> None:
    submit(staffed, sample_referral())
    press(staffed, STAFF_CHAT, "u1", f"staff:forward:{REF}")

    assert press(staffed, STAFF_CHAT, "u1", "staff:cancel") == "staff_forward_cancelled"
    assert StaffDesk(staffed).handle(STAFF_CHAT, TextMessage("理由"), "u1", LATER) == []
    assert statuses(staffed) == ("submitted", ["submitted"])


def test_forward_reason_is_not_stored_in_plain_text_when_a_key_is_set(
    migrated_url: str,
) -> None:
    store = Store.from_settings(StoreConfig(migrated_url, encryption_key=generate_key()))
    try:
        enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
        submit(store, sample_referral())
        press(store, STAFF_CHAT, "u1", f"staff:forward:{REF}")
        StaffDesk(store).handle(STAFF_CHAT, TextMessage("家族の事情のため"), "u1", LATER)
        assert "家族の事情のため" not in str(raw_values(migrated_url, "staff_prompts", "reason"))
        press(store, STAFF_CHAT, "u1", f"staff:to:{COUNCIL}")
    finally:
        store.close()
    stored = raw_values(migrated_url, "referrals", "reason")
    assert len(stored) == 2 and not any("家族の事情" in (v or "") for v in stored)
