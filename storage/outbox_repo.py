"""Outbox queries for the dispatcher: claim due rows, mark them sent or failed, count what waits.

A claimed row is leased: its `next_attempt_at` moves to the end of the lease, so a second
dispatcher does not take it while the first is sending, and a dispatcher that dies mid-send
leaves it to be taken again once the lease runs out (at-least-once, same idempotency key).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, and_, exists, func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import OutboxRow, SiteStaffChatRow


@dataclass(frozen=True)
class Claim:
    """A leased outbox row: ids and codes only, never personal data."""

    id: int
    idempotency_key: str
    kind: str
    target_channel: str | None
    target_chat_id: str | None
    target_site_id: str | None
    case_id: int | None
    payload: dict[str, Any]
    attempts: int  # including this one


@dataclass(frozen=True)
class OutboxSummary:
    pending: int
    failed: int
    sent: int
    oldest_pending_at: datetime | None
    # Referrals waiting because their site has no bound staff chat yet: site id -> count.
    waiting_for_chat: dict[str, int]
    pending_by_kind: dict[str, int]  # "referral" / "status" -> pending rows


def _site_has_chat(channels: Collection[str] | None) -> ColumnElement[bool]:
    condition = and_(
        SiteStaffChatRow.site_id == OutboxRow.target_site_id,
        SiteStaffChatRow.unbound_at.is_(None),
    )
    if channels is not None:
        condition = and_(condition, SiteStaffChatRow.channel.in_(channels))
    return exists().where(condition)


def _deliverable(channels: Collection[str] | None) -> ColumnElement[bool]:
    """Referrals only once their site has a chat to receive them; other rows by channel."""
    others = OutboxRow.kind != "referral"
    if channels is not None:
        others = and_(others, OutboxRow.target_channel.in_(channels))
    return or_(and_(OutboxRow.kind == "referral", _site_has_chat(channels)), others)


def claim_due(
    session: Session,
    now: datetime,
    *,
    limit: int,
    lease: timedelta,
    channels: Collection[str] | None = None,
    reporter_chat: str | None = None,
) -> list[Claim]:
    """Lease up to `limit` due rows. The caller commits; rows other workers hold are skipped.
    `reporter_chat`: only the status messages for that one chat (a console opened again)."""
    wanted = (
        _deliverable(channels)
        if reporter_chat is None
        else and_(OutboxRow.kind == "status", OutboxRow.target_chat_id == reporter_chat,
                  _deliverable(channels))
    )
    rows = session.scalars(
        select(OutboxRow)
        .where(
            OutboxRow.status == "pending",
            OutboxRow.next_attempt_at <= now,
            wanted,
        )
        .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
        .limit(limit)
        # PostgreSQL: row locks, skipping rows another dispatcher is claiming. SQLite ignores
        # this; its write transaction (BEGIN IMMEDIATE) already admits one claimer at a time.
        .with_for_update(skip_locked=True, of=OutboxRow)
    ).all()
    claims = []
    for row in rows:
        row.attempts += 1
        row.next_attempt_at = now + lease
        claims.append(
            Claim(
                id=row.id,
                idempotency_key=row.idempotency_key,
                kind=row.kind,
                target_channel=row.target_channel,
                target_chat_id=row.target_chat_id,
                target_site_id=row.target_site_id,
                case_id=row.case_id,
                payload=dict(row.payload or {}),
                attempts=row.attempts,
            )
        )
    session.flush()
    return claims


def mark_sent(session: Session, outbox_id: int, now: datetime) -> bool:
    """Pending -> sent, once. False when it was already sent (another worker's lease ran out)."""
    result = cast(
        CursorResult[Any],
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == outbox_id, OutboxRow.status == "pending")
            .values(status="sent", sent_at=now, last_error=None)
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount == 1


def mark_failed(session: Session, outbox_id: int, *, error: str, retry_at: datetime | None) -> None:
    """Record a failed attempt: try again at `retry_at`, or give up (status failed) when None."""
    values: dict[str, Any] = {"last_error": error[:200]}
    if retry_at is None:
        values["status"] = "failed"
    else:
        values["next_attempt_at"] = retry_at
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == outbox_id, OutboxRow.status == "pending")
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def release(session: Session, outbox_id: int, now: datetime) -> None:
    """Give a claimed row back without counting the attempt (nothing could be sent yet)."""
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == outbox_id, OutboxRow.status == "pending")
        .values(attempts=OutboxRow.attempts - 1, next_attempt_at=now)
        .execution_options(synchronize_session=False)
    )


def retry_failed(session: Session, now: datetime) -> int:
    """Failed rows back to pending, with a fresh count of attempts."""
    result = cast(
        CursorResult[Any],
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.status == "failed")
            .values(status="pending", attempts=0, next_attempt_at=now)
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount


def bound_chats(
    session: Session, site_id: str, channels: Collection[str] | None = None
) -> list[tuple[str, str]]:
    """(channel, chat_id) of the site's bound staff chats: the only places its referrals go."""
    query = select(SiteStaffChatRow.channel, SiteStaffChatRow.chat_id).where(
        SiteStaffChatRow.site_id == site_id, SiteStaffChatRow.unbound_at.is_(None)
    )
    if channels is not None:
        query = query.where(SiteStaffChatRow.channel.in_(channels))
    return [(c, chat) for c, chat in session.execute(query.order_by(SiteStaffChatRow.id))]


def summary(session: Session) -> OutboxSummary:
    by_status_kind: dict[tuple[str, str], int] = {
        (status, kind): n
        for status, kind, n in session.execute(
            select(OutboxRow.status, OutboxRow.kind, func.count()).group_by(
                OutboxRow.status, OutboxRow.kind
            )
        )
    }
    counts: dict[str, int] = {}
    for (status, _kind), n in by_status_kind.items():
        counts[status] = counts.get(status, 0) + n
    oldest = session.scalar(
        select(OutboxRow.created_at)
        .where(OutboxRow.status == "pending")
        .order_by(OutboxRow.created_at)
        .limit(1)
    )
    waiting = session.execute(
        select(OutboxRow.target_site_id, func.count())
        .where(
            OutboxRow.status == "pending",
            OutboxRow.kind == "referral",
            ~_site_has_chat(None),
        )
        .group_by(OutboxRow.target_site_id)
    )
    return OutboxSummary(
        pending=counts.get("pending", 0),
        failed=counts.get("failed", 0),
        sent=counts.get("sent", 0),
        oldest_pending_at=oldest,
        waiting_for_chat={site or "?": n for site, n in waiting},
        pending_by_kind={k: n for (st, k), n in by_status_kind.items() if st == "pending"},
    )
