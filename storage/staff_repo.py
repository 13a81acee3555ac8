"""Staff and volunteer enrolment: invites, members, the staff chats bound to sites.

Functions take the caller's session and never commit; the caller stores an enrolment together
with its audit line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from storage.models import (
    InviteRow,
    MemberRow,
    SiteStaffChatRow,
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


def unbind_chats(session: Session, site_id: str, now: datetime, chat_id: str | None = None) -> int:
    """Stop delivering the site's referrals to its chats (or one of them); staff there can no
    longer act. Returns how many bindings ended."""
    query = (
        update(SiteStaffChatRow)
        .where(SiteStaffChatRow.site_id == site_id, SiteStaffChatRow.unbound_at.is_(None))
        .values(unbound_at=now)
        .execution_options(synchronize_session=False)
    )
    if chat_id is not None:
        query = query.where(SiteStaffChatRow.chat_id == chat_id)
    return cast(CursorResult[Any], session.execute(query)).rowcount
