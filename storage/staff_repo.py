"""Staff and volunteer enrolment (invites, members, bound chats) and the rows staff actions touch.

Functions take the caller's session and never commit: a staff action, its audit line and the
reporter's status message are stored in one transaction by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import (
    CaseRow,
    InviteRow,
    MemberRow,
    OutboxRow,
    ReferralRow,
    SiteStaffChatRow,
    StaffPromptRow,
)


@dataclass(frozen=True)
class Enrolment:
    role: str  # "staff" | "volunteer"
    site_id: str | None


def add_invite(
    session: Session,
    *,
    code_hash: str,
    role: str,
    site_id: str | None,
    now: datetime,
    expires_at: datetime,
) -> None:
    session.add(
        InviteRow(
            code_hash=code_hash, role=role, site_id=site_id, created_at=now, expires_at=expires_at
        )
    )


def redeem_invite(
    session: Session, code_hash: str, *, channel: str, chat_id: str, user_id: str, now: datetime
) -> Enrolment | None:
    """Use a one-time code: enrol the user (and, for staff, bind the chat to the site).

    None when the code is unknown, expired or already used.
    """
    invite = session.scalars(
        select(InviteRow).where(InviteRow.code_hash == code_hash).with_for_update()
    ).one_or_none()
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        return None
    taken = cast(
        CursorResult[Any],
        session.execute(
            update(InviteRow)
            .where(InviteRow.id == invite.id, InviteRow.used_at.is_(None))
            .values(used_at=now, used_by_channel=channel, used_by_user_id=user_id)
            .execution_options(synchronize_session=False)
        ),
    )
    if taken.rowcount != 1:
        return None
    _enrol(session, channel, user_id, chat_id, invite.role, invite.site_id, now)
    if invite.role == "staff" and invite.site_id is not None:
        bind_chat(session, invite.site_id, channel, chat_id, now)
    return Enrolment(role=invite.role, site_id=invite.site_id)


def _enrol(
    session: Session,
    channel: str,
    user_id: str,
    chat_id: str,
    role: str,
    site_id: str | None,
    now: datetime,
) -> None:
    """One member row per identity and role: enrolling again moves staff to the new site."""
    member = session.scalars(
        select(MemberRow).where(
            MemberRow.channel == channel, MemberRow.user_id == user_id, MemberRow.role == role
        )
    ).one_or_none()
    if member is None:
        session.add(
            MemberRow(
                channel=channel,
                user_id=user_id,
                chat_id=chat_id,
                role=role,
                site_id=site_id,
                enrolled_at=now,
            )
        )
        return
    member.chat_id, member.site_id, member.enrolled_at, member.revoked_at = (
        chat_id,
        site_id,
        now,
        None,
    )


def bind_chat(session: Session, site_id: str, channel: str, chat_id: str, now: datetime) -> None:
    row = session.scalars(
        select(SiteStaffChatRow).where(
            SiteStaffChatRow.site_id == site_id,
            SiteStaffChatRow.channel == channel,
            SiteStaffChatRow.chat_id == chat_id,
        )
    ).one_or_none()
    if row is None:
        session.add(
            SiteStaffChatRow(site_id=site_id, channel=channel, chat_id=chat_id, bound_at=now)
        )
    elif row.unbound_at is not None:
        row.bound_at, row.unbound_at = now, None


def sites_of_chat(session: Session, channel: str, chat_id: str) -> list[str]:
    """The sites this chat is a bound staff chat of (usually none or one)."""
    return list(
        session.scalars(
            select(SiteStaffChatRow.site_id).where(
                SiteStaffChatRow.channel == channel,
                SiteStaffChatRow.chat_id == chat_id,
                SiteStaffChatRow.unbound_at.is_(None),
            )
        )
    )


def may_act(session: Session, site_id: str, channel: str, chat_id: str, user_id: str) -> bool:
    """Enrolled staff of `site_id`, acting from a bound staff chat of that same site."""
    if site_id not in sites_of_chat(session, channel, chat_id):
        return False
    member = session.scalar(
        select(MemberRow.id).where(
            MemberRow.channel == channel,
            MemberRow.user_id == user_id,
            MemberRow.role == "staff",
            MemberRow.site_id == site_id,
            MemberRow.revoked_at.is_(None),
        )
    )
    return member is not None


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


# what `tsunagu staff list` shows: counts per site, no identities


def staffing(session: Session) -> dict[str, tuple[int, int]]:
    """Site id -> (bound staff chats, enrolled staff) for every site that has either."""
    chats = dict(
        session.execute(
            select(SiteStaffChatRow.site_id, func.count())
            .where(SiteStaffChatRow.unbound_at.is_(None))
            .group_by(SiteStaffChatRow.site_id)
        ).all()
    )
    staff = dict(
        session.execute(
            select(MemberRow.site_id, func.count())
            .where(MemberRow.role == "staff", MemberRow.revoked_at.is_(None))
            .group_by(MemberRow.site_id)
        ).all()
    )
    return {
        site: (chats.get(site, 0), staff.get(site, 0))
        for site in {*chats, *staff}
        if site is not None
    }


def volunteer_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                MemberRow.role == "volunteer", MemberRow.revoked_at.is_(None)
            )
        )
        or 0
    )
