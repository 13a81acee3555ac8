"""Closed loop: what the person who asked learns when staff act, within what consent allows.

A person reporting their own concern, or a reporter whose concerned person agreed to the
handoff, follows the case: accepted, forwarded (and where), closed. Anyone else (a 民生委員 or a
neighbour reporting without the person's consent) learns only that it was received, once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from storage import referral_repo
from storage.models import CaseRow


def reporter_may_follow(case: CaseRow) -> bool:
    return case.reporter_role == "self" or case.subject_consent == "yes"


def notify_reporter(
    session: Session,
    case: CaseRow,
    *,
    status: str,
    referral_id: int,
    site_id: str,
    now: datetime,
) -> None:
    """Queue the reporter's status message in the caller's transaction (at most one each)."""
    if reporter_may_follow(case):
        key = f"status:{case.reference}:{status}:{referral_id}"
        payload = {"reference": case.reference, "status": status, "site_id": site_id}
    else:
        key = f"status:{case.reference}:received"
        payload = {"reference": case.reference, "status": "received"}
    if not referral_repo.has_outbox(session, key):
        referral_repo.add_status_message(
            session, case, idempotency_key=key, payload=payload, now=now
        )
