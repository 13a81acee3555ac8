"""The rows staff actions touch: a case and its referrals, the reporter's status messages, and
a staff member's unfinished 他窓口へ (staff_prompts).

Functions take the caller's session and never commit: a staff action, its audit line and the
reporter's status message are stored in one transaction by the caller.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from storage.models import CaseRow, OutboxRow, ReferralRow, StaffPromptRow


def case_for_update(session: Session, reference: str) -> tuple[CaseRow, ReferralRow] | None:
    """The case and its current referral (the newest), row-locked until commit."""
    case = session.scalars(
        select(CaseRow).where(CaseRow.reference == reference).with_for_update()
    ).one_or_none()
    if case is None:
        return None
    referral = session.scalars(
        select(ReferralRow).where(ReferralRow.case_id == case.id).order_by(ReferralRow.id.desc())
    ).first()
    return None if referral is None else (case, referral)


def referral_for(session: Session, case_id: int, site_id: str) -> ReferralRow | None:
    """The newest referral of a case to a site (what a delivered summary describes)."""
    return session.scalars(
        select(ReferralRow)
        .where(ReferralRow.case_id == case_id, ReferralRow.site_id == site_id)
        .order_by(ReferralRow.id.desc())
    ).first()


def referral_by_id(session: Session, referral_id: int) -> ReferralRow | None:
    return session.get(ReferralRow, referral_id)


def forward(
    session: Session,
    case: CaseRow,
    current: ReferralRow,
    *,
    site_id: str,
    reason: str,
    now: datetime,
) -> ReferralRow:
    """The case moves on to `site_id`: a new referral and its outbox row for that site."""
    current.status, current.updated_at = "forwarded", now
    new = ReferralRow(
        case_id=case.id,
        site_id=site_id,
        status="submitted",
        created_at=now,
        updated_at=now,
        forwarded_from_id=current.id,
        reason=reason,
    )
    session.add(new)
    session.flush()
    case.site_id, case.status, case.updated_at = site_id, "forwarded", now
    session.add(
        OutboxRow(
            idempotency_key=f"referral:{case.reference}:{site_id}:{new.id}",
            kind="referral",
            target_site_id=site_id,
            case_id=case.id,
            payload={"reference": case.reference, "site_id": site_id, "referral_id": new.id},
            status="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
    )
    return new


def has_outbox(session: Session, idempotency_key: str) -> bool:
    found = session.scalar(select(OutboxRow.id).where(OutboxRow.idempotency_key == idempotency_key))
    return found is not None


def add_status_message(
    session: Session,
    case: CaseRow,
    *,
    idempotency_key: str,
    payload: dict[str, Any],
    now: datetime,
) -> None:
    """A status message for the reporter's chat. `payload` holds codes and ids only."""
    session.add(
        OutboxRow(
            idempotency_key=idempotency_key,
            kind="status",
            target_channel=case.reporter_channel,
            target_chat_id=case.reporter_chat_id,
            case_id=case.id,
            payload=payload,
            status="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
    )


# prompts: a staff member's unfinished 他窓口へ


def prompt_for(
    session: Session, channel: str, chat_id: str, user_id: str, now: datetime
) -> StaffPromptRow | None:
    """The actor's open prompt; an expired one is dropped."""
    row = session.scalars(
        select(StaffPromptRow).where(
            StaffPromptRow.channel == channel,
            StaffPromptRow.chat_id == chat_id,
            StaffPromptRow.user_id == user_id,
        )
    ).one_or_none()
    if row is not None and row.expires_at <= now:
        session.delete(row)
        session.flush()
        return None
    return row


def open_prompt(
    session: Session,
    *,
    channel: str,
    chat_id: str,
    user_id: str,
    reference: str,
    site_id: str,
    now: datetime,
    expires_at: datetime,
) -> None:
    """Start a 他窓口へ for this actor, replacing any prompt they left open.

    Prompts anyone abandoned are dropped here too: they hold staff's words, kept no longer
    than needed."""
    session.execute(
        delete(StaffPromptRow)
        .where(
            or_(
                StaffPromptRow.expires_at <= now,
                and_(
                    StaffPromptRow.channel == channel,
                    StaffPromptRow.chat_id == chat_id,
                    StaffPromptRow.user_id == user_id,
                ),
            )
        )
        .execution_options(synchronize_session=False)
    )
    session.add(
        StaffPromptRow(
            channel=channel,
            chat_id=chat_id,
            user_id=user_id,
            action="forward",
            step="reason",
            case_reference=reference,
            site_id=site_id,
            created_at=now,
            expires_at=expires_at,
        )
    )
