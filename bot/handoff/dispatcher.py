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
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.handoff.compose import NothingToSend, Withheld, compose
from bot.handoff.receipts import FIELD as RECEIPTS
from bot.handoff.receipts import OutboxReceipts
from bot.handoff.transport import Transport
from storage import outbox_repo
from storage.outbox_repo import Claim
from storage.store import Store
from storage.unit_of_work import UnitOfWork

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


class Dispatcher:
    def __init__(
        self,
        store: Store,
        transport: Transport,
        *,
        channels: Collection[str] | None = None,
        reporter_chat: str | None = None,
        batch: int = 20,
        lease: timedelta = timedelta(minutes=2),
        retry: RetryPolicy | None = None,
    ) -> None:
        """`channels`: the platforms `transport` reaches (None: all); other rows are left.
        `reporter_chat`: only the status messages of that chat (with one channel)."""
        self.store = store
        self.transport = transport
        self.channels = frozenset(channels) if channels is not None else None
        self.reporter_chat = reporter_chat
        self.batch = batch
        self.lease = lease
        self.retry = retry or RetryPolicy()

    def run_once(self, now: datetime) -> int:
        """Deliver what is due at `now`; returns how many rows were marked sent."""
        with self.store.unit_of_work() as uow:
            claims = outbox_repo.claim_due(
                uow.session, now, limit=self.batch, lease=self.lease, channels=self.channels,
                reporter_chat=self.reporter_chat,
            )
            uow.commit()
        return sum(self._deliver(claim, now) for claim in claims)

    def _deliver(self, claim: Claim, now: datetime) -> int:
        try:
            messages = compose(self.store.engine, claim, self.channels)
            receipts = OutboxReceipts(self.store, claim.id, claim.payload.get(RECEIPTS))
            for message in messages:
                self.transport.send(replace(message, receipts=receipts))
        except NothingToSend:
            self._finish(lambda s: outbox_repo.release(s, claim.id, now))
            return 0
        except Withheld as withheld:
            self._withhold(claim, withheld.code, now)
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
                _audit(uow, claim, "referral_delivered", now, f"chats={chats}")
            uow.commit()
        return int(sent)

    def _withhold(self, claim: Claim, code: str, now: datetime) -> None:
        with self.store.unit_of_work() as uow:
            outbox_repo.mark_failed(uow.session, claim.id, error=f"withheld:{code}", retry_at=None)
            _audit(uow, claim, "referral_withheld", now, f"why={code}")
            uow.commit()

    def _finish(self, change: Callable[[Session], object]) -> None:
        with self.store.unit_of_work() as uow:
            change(uow.session)
            uow.commit()


def _audit(uow: UnitOfWork, claim: Claim, action: str, now: datetime, detail: str) -> None:
    uow.audit("dispatcher", action, at=now,
              reference=str(claim.payload.get("reference", "")) or None,
              detail=f"site={claim.target_site_id} {detail}")


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
