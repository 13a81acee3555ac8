"""The outbox dispatcher: delivers committed referrals to their site's staff chats and status
messages to reporters, marks each row sent once, retries failures with exponential backoff.

One pass (`run_once`) is three short steps, none holding a transaction across the network:
claim (lease) due rows and commit -> send each -> mark it sent (or failed) and commit. Dying
between send and mark leaves the lease to run out; the row is then sent again with the same
idempotency key (see bot/handoff/transport.py). A referral goes only to the bound staff chats
of its site; while the site has none it waits, pending, without spending attempts.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine import ChatKey
from bot.handoff.summary import render_summary
from bot.handoff.texts import site_name, staff_texts, text
from bot.handoff.transport import OutboundMessage, Transport
from flows.messages import Choice
from storage import outbox_repo, staff_repo
from storage.models import CaseRow, ConsentRow
from storage.outbox_repo import Claim
from storage.records import case_from_row
from storage.store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=1)
    max_attempts: int = 12  # about six hours of trying, then `failed` for a person to look at

    def next_attempt(self, attempts: int, now: datetime) -> datetime | None:
        """When to try again after `attempts` failed tries; None: give up."""
        if attempts >= self.max_attempts:
            return None
        delay: timedelta = min(self.first_delay * 2 ** (attempts - 1), self.max_delay)
        return now + delay


class NothingToSend(Exception):
    """The site lost its bound chats after the row was claimed: the referral waits again."""


class Dispatcher:
    def __init__(
        self,
        store: Store,
        transport: Transport,
        *,
        channels: Collection[str] | None = None,
        batch: int = 20,
        lease: timedelta = timedelta(minutes=2),
        retry: RetryPolicy | None = None,
    ) -> None:
        """`channels`: the platforms `transport` reaches (None: all); other rows are left."""
        self.store = store
        self.transport = transport
        self.channels = frozenset(channels) if channels is not None else None
        self.batch = batch
        self.lease = lease
        self.retry = retry or RetryPolicy()

    def run_once(self, now: datetime) -> int:
        """Deliver what is due at `now`; returns how many rows were marked sent."""
        with self.store.unit_of_work() as uow:
            claims = outbox_repo.claim_due(
                uow.session, now, limit=self.batch, lease=self.lease, channels=self.channels
            )
            uow.commit()
        return sum(self._deliver(claim, now) for claim in claims)

    def _deliver(self, claim: Claim, now: datetime) -> int:
        try:
            messages = self._compose(claim)
            for message in messages:
                self.transport.send(message)
        except NothingToSend:
            self._finish(lambda s: outbox_repo.release(s, claim.id, now))
            return 0
        except Exception as exc:  # any transport failure: retry later, never lose the row
            retry_at = self.retry.next_attempt(claim.attempts, now)
            # The class name only: an error's message may quote what was being sent.
            logger.warning(
                "outbox row %d attempt %d failed: %s%s",
                claim.id,
                claim.attempts,
                type(exc).__name__,
                "" if retry_at else " (giving up)",
            )
            error = type(exc).__name__
            self._finish(
                lambda s: outbox_repo.mark_failed(s, claim.id, error=error, retry_at=retry_at)
            )
            return 0
        with self.store.unit_of_work() as uow:
            sent = outbox_repo.mark_sent(uow.session, claim.id, now)
            if sent and claim.kind == "referral":
                # Who received the person's data, and where: the audit log's "who saw what".
                chats = ",".join(f"{m.key.channel}:{m.key.chat_id}" for m in messages)
                uow.audit(
                    "dispatcher",
                    "referral_delivered",
                    at=now,
                    reference=str(claim.payload.get("reference", "")) or None,
                    detail=f"site={claim.target_site_id} chats={chats}",
                )
            uow.commit()
        return int(sent)

    def _finish(self, change: Callable[[Session], object]) -> None:
        with self.store.unit_of_work() as uow:
            change(uow.session)
            uow.commit()

    def _compose(self, claim: Claim) -> list[OutboundMessage]:
        if claim.kind == "referral":
            return self._referral(claim)
        if claim.kind == "status":
            return [self._status(claim)]
        raise ValueError(f"unknown outbox kind {claim.kind!r}")

    def _referral(self, claim: Claim) -> list[OutboundMessage]:
        site_id = claim.target_site_id
        with Session(self.store.engine) as session:
            # Only ever the site's own bound chats: the row's target_chat_id is not trusted.
            chats = outbox_repo.bound_chats(session, site_id, self.channels) if site_id else []
            case = session.get(CaseRow, claim.case_id) if claim.case_id is not None else None
            if not chats or case is None or site_id is None:
                raise NothingToSend
            consents = list(
                session.scalars(select(ConsentRow).where(ConsentRow.case_id == case.id))
            )
            record = case_from_row(case, consents)
            referral_id = claim.payload.get("referral_id")
            row = (
                staff_repo.referral_by_id(session, int(referral_id))
                if referral_id is not None
                else staff_repo.referral_for(session, case.id, site_id)
            )
            body = render_summary(record.referral, status="submitted", markup="html")
            if row is not None and row.forwarded_from_id is not None:
                previous = staff_repo.referral_by_id(session, row.forwarded_from_id)
                origin = site_name(previous.site_id) if previous is not None else "?"
                note = text(
                    "staff",
                    "forwarded_note",
                    site=html.escape(origin),
                    reason=html.escape(row.reason or ""),
                )
                body = f"{note}\n\n{body}"
        buttons = staff_texts()["buttons"]
        reference = record.reference
        choices = tuple(
            Choice(f"staff:{verb}:{reference}", buttons[verb])
            for verb in ("accept", "forward", "close")
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

    def _status(self, claim: Claim) -> OutboundMessage:
        if claim.target_channel is None or claim.target_chat_id is None:
            raise ValueError("status row without a reporter chat")
        status = str(claim.payload["status"])
        site_id = claim.payload.get("site_id")
        body = text(
            "status",
            status,
            reference=html.escape(str(claim.payload["reference"])),
            site=html.escape(site_name(str(site_id))) if site_id else "",
        )
        return OutboundMessage(
            key=ChatKey(channel=claim.target_channel, chat_id=claim.target_chat_id),
            text=body,
            choices=(),
            idempotency_key=claim.idempotency_key,
        )


async def run_dispatcher(
    dispatcher: Dispatcher,
    clock: Callable[[], datetime],
    stop: asyncio.Event,
    *,
    interval: float = 5.0,
) -> None:
    """The dispatcher beside an asyncio app: a pass in a worker thread every `interval` seconds
    until `stop` is set. A failed pass (database away) is logged and tried again next time."""
    while not stop.is_set():
        try:
            await asyncio.to_thread(dispatcher.run_once, clock())
        except Exception as exc:
            logger.warning("outbox pass failed: %s", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
