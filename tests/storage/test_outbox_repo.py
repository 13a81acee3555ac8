from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from storage import outbox_repo, staff_repo
from storage.store import Store
from tests.storage.helpers import NOW, sample_referral

LEASE = timedelta(minutes=2)


def submitted(store: Store, *references: str) -> None:
    with store.unit_of_work() as uow:
        for reference in references:
            uow.add_case(
                sample_referral(reference),
                reporter_channel="telegram",
                reporter_chat_id="r1",
                conversation_id=None,
                keep_text=True,
                volunteer_verified=False,
                now=NOW,
            )
        staff_repo.bind_chat(uow.session, "community_care_center_01", "telegram", "-100", NOW)
        uow.commit()


def claim(store: Store, at: timedelta = timedelta(0)) -> list[outbox_repo.Claim]:
    with store.unit_of_work() as uow:
        claims = outbox_repo.claim_due(uow.session, NOW + at, limit=10, lease=LEASE)
        uow.commit()
    return claims


def test_a_claimed_row_is_not_claimed_again_until_its_lease_runs_out(store: Store) -> None:
    submitted(store, "TS-261126-AAAA")

    [first] = claim(store)
    assert claim(store, timedelta(minutes=1)) == []
    [again] = claim(store, LEASE)

    assert again.id == first.id and again.idempotency_key == first.idempotency_key
    assert (first.attempts, again.attempts) == (1, 2)


def test_a_sent_row_is_marked_sent_only_once(store: Store) -> None:
    submitted(store, "TS-261126-AAAA")
    [row] = claim(store)
    with Session(store.engine) as session:
        assert outbox_repo.mark_sent(session, row.id, NOW)
        assert not outbox_repo.mark_sent(session, row.id, NOW)
        session.commit()
    assert claim(store, timedelta(days=1)) == []


def test_claimers_on_postgresql_skip_rows_another_holds_instead_of_waiting(store: Store) -> None:
    if store.engine.dialect.name != "postgresql":
        pytest.skip(
            "row locks are PostgreSQL's; SQLite admits one writer at a time (BEGIN IMMEDIATE)"
        )
    submitted(store, "TS-261126-AAAA", "TS-261126-BBBB")
    with store.unit_of_work() as holder:
        held = outbox_repo.claim_due(holder.session, NOW, limit=1, lease=LEASE)
        # Not committed: the first row stays locked while the second claimer runs.
        others = claim(store)
        assert [c.idempotency_key for c in held] != [c.idempotency_key for c in others]
        assert len(held) == 1 and len(others) == 1
