"""What an outbox row becomes: the staff summary with its buttons for each bound chat of the
site, or a short status message for the reporter. Rows carry ids only; the words are made here.
"""

from __future__ import annotations

import html
from collections.abc import Collection

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.engine import ChatKey
from bot.handoff.summary import render_summary
from bot.handoff.texts import site_name, staff_texts, text
from bot.handoff.transport import OutboundMessage
from flows.messages import Choice
from storage import outbox_repo, referral_repo
from storage.models import CaseRow, ConsentRow, ReferralRow
from storage.outbox_repo import Claim
from storage.records import case_from_row

STAFF_VERBS = ("accept", "forward", "close")


class NothingToSend(Exception):
    """The site lost its bound chats after the row was claimed: the referral waits again."""


class Withheld(Exception):
    """The referral may no longer be shared: the case was erased, or the consent it rests on
    was withdrawn before delivery. It is not sent, now or later."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def compose(
    engine: Engine, claim: Claim, channels: Collection[str] | None = None
) -> list[OutboundMessage]:
    """The messages one outbox row stands for. Raises NothingToSend, Withheld or ValueError."""
    if claim.kind == "referral":
        return _referral(engine, claim, channels)
    if claim.kind == "status":
        return [_status(claim)]
    raise ValueError(f"unknown outbox kind {claim.kind!r}")


def check_still_shareable(case: CaseRow, consents: list[ConsentRow]) -> None:
    """Raise Withheld when the referral lost its basis between submission and delivery."""
    if case.erased_at is not None:
        raise Withheld("erased")
    shares = [c for c in consents if c.scope == "share"]
    if case.legal_basis == "consent" and shares and all(c.withdrawn_at for c in shares):
        raise Withheld("consent_withdrawn")


def _referral(
    engine: Engine, claim: Claim, channels: Collection[str] | None
) -> list[OutboundMessage]:
    site_id = claim.target_site_id
    with Session(engine) as session:
        # Only ever the site's own bound chats: the row's target_chat_id is not trusted.
        chats = outbox_repo.bound_chats(session, site_id, channels) if site_id else []
        case = session.get(CaseRow, claim.case_id) if claim.case_id is not None else None
        if case is None:
            raise ValueError("referral row without its case")
        if not chats or site_id is None:
            raise NothingToSend
        consents = list(session.scalars(select(ConsentRow).where(ConsentRow.case_id == case.id)))
        check_still_shareable(case, consents)
        record = case_from_row(case, consents)
        referral_id = claim.payload.get("referral_id")
        row = (
            referral_repo.referral_by_id(session, int(referral_id))
            if referral_id is not None
            else referral_repo.referral_for(session, case.id, site_id)
        )
        body = render_summary(record.referral, status="submitted", markup="html")
        volunteer = text("staff", "volunteer_note") if case.volunteer_verified else ""
        notes = [n for n in (_forwarded_note(session, row), volunteer) if n]
    body = "\n\n".join([*notes, body])
    buttons = staff_texts()["buttons"]
    choices = tuple(
        Choice(f"staff:{verb}:{record.reference}", buttons[verb]) for verb in STAFF_VERBS
    )
    return [
        OutboundMessage(
            key=ChatKey(channel=channel, chat_id=chat_id),
            text=body,
            choices=choices,
            idempotency_key=f"{claim.idempotency_key}@{channel}:{chat_id}",
        )
        for channel, chat_id in chats
    ]


def _forwarded_note(session: Session, row: ReferralRow | None) -> str:
    """For a forwarded referral: where it came from and the staff's reason (escaped)."""
    if row is None or row.forwarded_from_id is None:
        return ""
    previous = referral_repo.referral_by_id(session, row.forwarded_from_id)
    origin = site_name(previous.site_id) if previous is not None else "?"
    return text(
        "staff",
        "forwarded_note",
        site=html.escape(origin),
        reason=html.escape(row.reason or ""),
    )


def _status(claim: Claim) -> OutboundMessage:
    if claim.target_channel is None or claim.target_chat_id is None:
        raise ValueError("status row without a reporter chat")
    site_id = claim.payload.get("site_id")
    body = text(
        "status",
        str(claim.payload["status"]),
        reference=html.escape(str(claim.payload["reference"])),
        site=html.escape(site_name(str(site_id))) if site_id else "",
    )
    return OutboundMessage(
        key=ChatKey(channel=claim.target_channel, chat_id=claim.target_chat_id),
        text=body,
        choices=(),
        idempotency_key=claim.idempotency_key,
    )
