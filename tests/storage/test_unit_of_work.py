from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flows.routing_types import RouteDecision, SiteRef
from storage.errors import ConcurrencyConflict
from storage.models import AuditRow, CaseRow, ConsentRow, ConversationRow, OutboxRow, ReferralRow
from storage.store import Store
from storage.unit_of_work import UnitOfWork
from tests.fakes_flow import consent_record
from tests.storage.helpers import CONCERN, NOW, PHONE, sample_referral


def _save(uow: UnitOfWork, chat: str, version: int | None, state: str = "concern") -> int:
    return uow.save_conversation(
        "console",
        chat,
        state=state,
        state_json={"state": state},
        consent_to_record=True,
        expected_version=version,
        now=NOW,
    )


def _count(store: Store, model: object) -> int:
    with Session(store.engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[arg-type]


def _add_case(
    uow: UnitOfWork,
    reference: str,
    conversation_id: int | None = None,
    *,
    chat: str = "c1",
    site: str | None = None,
) -> int:
    referral = sample_referral(reference)
    if site is not None:
        referral = type(referral)(
            **{**referral.__dict__, "route": RouteDecision(primary=SiteRef(site, site, "x"))}
        )
    return uow.add_case(
        referral,
        reporter_channel="console",
        reporter_chat_id=chat,
        conversation_id=conversation_id,
        keep_text=True,
        volunteer_verified=False,
        now=NOW,
    )


def test_a_save_from_a_stale_load_is_refused(store: Store) -> None:
    with store.unit_of_work() as uow:
        _save(uow, "c1", None)
        uow.commit()
    with store.unit_of_work() as uow:
        stale = uow.load_conversation("console", "c1")
        assert stale is not None and stale.version == 1
        uow.commit()
    with store.unit_of_work() as uow:
        _save(uow, "c1", 1, state="area")
        uow.commit()
    with store.unit_of_work() as uow, pytest.raises(ConcurrencyConflict):
        _save(uow, "c1", stale.version, state="contact")
    stored = store.conversation("console", "c1")
    assert stored is not None and (stored.state, stored.version) == ("area", 2)


def test_a_case_its_referral_outbox_row_and_consents_commit_together(store: Store) -> None:
    with store.unit_of_work() as uow:
        conversation_id = _save(uow, "c1", None)
        uow.record_consent(
            "console", "c1", consent_record(NOW, "console"), conversation_id=conversation_id
        )
        _add_case(uow, "TS-261126-AAAA", conversation_id)
        uow.commit()
    [case] = store.cases()
    assert [c.scope for c in case.referral.consents] == ["record"]
    with Session(store.engine) as session:
        outbox = session.scalars(select(OutboxRow)).one()
        referral = session.scalars(select(ReferralRow)).one()
    assert outbox.idempotency_key == "referral:TS-261126-AAAA:community_care_center_01"
    assert outbox.payload == {"reference": "TS-261126-AAAA", "site_id": referral.site_id}
    assert (outbox.status, referral.status, case.status) == ("pending", "submitted", "submitted")


def test_an_uncommitted_unit_of_work_leaves_nothing(store: Store) -> None:
    with store.unit_of_work() as uow:
        conversation_id = _save(uow, "c1", None)
        _add_case(uow, "TS-261126-AAAA", conversation_id)
    assert _count(store, CaseRow) == 0
    assert _count(store, ConversationRow) == 0


def test_withdrawal_marks_only_standing_consents_of_that_scope(store: Store) -> None:
    later = NOW + timedelta(minutes=5)
    with store.unit_of_work() as uow:
        cid = _save(uow, "c1", None)
        uow.record_consent("console", "c1", consent_record(NOW, "console"), conversation_id=cid)
        share = consent_record(NOW, "console")
        share = type(share)(**{**share.__dict__, "scope": "share", "site_ids": ("s1",)})
        uow.record_consent("console", "c1", share, conversation_id=cid)
        assert uow.withdraw_consent("console", "c1", "record", later) == 1
        uow.commit()
    with Session(store.engine) as session:
        rows = {r.scope: r for r in session.scalars(select(ConsentRow))}
    assert rows["record"].withdrawn_at == later
    assert rows["share"].withdrawn_at is None
    assert rows["share"].site_ids == ["s1"]


def test_erasure_keeps_the_case_and_an_audit_line_without_personal_data(store: Store) -> None:
    with store.unit_of_work() as uow:
        _add_case(uow, "TS-261126-AAAA")
        _add_case(uow, "TS-261126-BBBB", chat="someone-else")
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.erase("console", "c1", at=NOW, actor="reporter") == ["TS-261126-AAAA"]
        uow.commit()
    erased = store.case("TS-261126-AAAA")
    kept = store.case("TS-261126-BBBB")
    assert erased is not None and kept is not None
    assert erased.referral.concern_text == "" and erased.referral.contact.value == ""
    assert erased.referral.slots == {} and erased.referral.subject == ""
    assert erased.referral.categories == ("elderly",)  # what kind of need stays, for statistics
    assert kept.referral.concern_text == CONCERN
    with Session(store.engine) as session:
        audit = session.scalars(select(AuditRow).where(AuditRow.action == "erased")).one()
    assert audit.case_reference == "TS-261126-AAAA"
    assert CONCERN not in audit.detail and PHONE not in audit.detail and "c1" not in audit.actor


def test_purge_removes_only_intakes_idle_longer_than_the_period(store: Store) -> None:
    with store.unit_of_work() as uow:
        for chat, age in (("old", 31), ("recent", 29)):
            uow.save_conversation(
                "console",
                chat,
                state="concern",
                state_json={"t": CONCERN},
                consent_to_record=True,
                expected_version=None,
                now=NOW - timedelta(days=age),
            )
        old_id = uow.load_conversation("console", "old")
        assert old_id is not None
        uow.record_consent(
            "console", "old", consent_record(NOW, "console"), conversation_id=old_id.id
        )
        uow.commit()
    result = store.purge(days=30, now=NOW)
    assert (result.conversations, result.consents) == (1, 1)
    assert store.conversation("console", "old") is None
    assert store.conversation("console", "recent") is not None


def test_purge_keeps_submitted_cases_and_their_consents(store: Store) -> None:
    with store.unit_of_work() as uow:
        cid = uow.save_conversation(
            "console",
            "c1",
            state="done",
            state_json={},
            consent_to_record=True,
            expected_version=None,
            now=NOW - timedelta(days=60),
        )
        uow.record_consent("console", "c1", consent_record(NOW, "console"), conversation_id=cid)
        _add_case(uow, "TS-261126-AAAA", cid)
        uow.commit()
    result = store.purge(days=30, now=NOW)
    assert result.conversations == 1
    [case] = store.cases()
    assert len(case.referral.consents) == 1


def test_cases_filter_by_site_and_status_and_read_as_plain_dicts(store: Store) -> None:
    with store.unit_of_work() as uow:
        _add_case(uow, "TS-261126-AAAA", site="site_a")
        _add_case(uow, "TS-261126-BBBB", site="site_b")
        uow.commit()
    assert [c.reference for c in store.cases(site_id="site_a")] == ["TS-261126-AAAA"]
    assert store.cases(status="accepted") == []
    assert len(store.cases(status="submitted")) == 2
    [data] = store.case_dicts(site_id="site_b")
    assert data["reference"] == "TS-261126-BBBB"
    assert data["status"] == "submitted"
    assert data["created_at"] == NOW.isoformat()
    assert data["contact"]["value"] == PHONE
