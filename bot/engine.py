"""The engine: one inbound message in, the replies out, everything in between in one transaction.

    load the chat's conversation (row-locked) -> flow.handle -> save state' and the effects
    (consents, case + referral + outbox row, erasure, withdrawal) -> commit -> return the replies

A reply is only returned for what is stored: if the commit fails, the caller gets
EngineUnavailable and must not tell the person their words were received.

The parts live beside this module, each with one job: engine_types (ChatKey, Turn,
EngineUnavailable), engine_ports (what the engine needs of the flow and the staff desk),
engine_retry (the retry loop), engine_intake (the intake transaction), engine_effects (what
the effects write) and engine_references (case references). Their public names are
importable from here too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import OperationalError

from bot.engine_effects import consent_to_record
from bot.engine_intake import REDELIVERY_WINDOW, Intake, applied_already
from bot.engine_ports import Flow, FlowOutcome, StaffBusiness, StoredState
from bot.engine_references import REFERENCE_ALPHABET, new_reference
from bot.engine_retry import ATTEMPTS, BACKOFF_SECONDS, RETRYABLE, with_retries
from bot.engine_types import ChatKey, EngineUnavailable, Turn
from flows.messages import InboundMessage, Reply
from storage.records import StoredConversation
from storage.store import Store

if TYPE_CHECKING:
    from bot.config import Settings
    from flows.ports import Router, Tagger

__all__ = [
    "ATTEMPTS",
    "BACKOFF_SECONDS",
    "REDELIVERY_WINDOW",
    "REFERENCE_ALPHABET",
    "RETRYABLE",
    "ChatKey",
    "Engine",
    "EngineUnavailable",
    "Flow",
    "FlowOutcome",
    "StaffBusiness",
    "StoredState",
    "Turn",
    "applied_already",
    "build_engine",
    "consent_to_record",
    "new_reference",
    "utc_now",
]

logger = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Engine:
    def __init__(
        self,
        store: Store,
        flow: Flow,
        load: Callable[[dict[str, Any]], Any],
        *,
        clock: Callable[[], datetime] = utc_now,
        terminal_states: frozenset[str] = frozenset(),
        sleep: Callable[[float], None] = time.sleep,
        desk: StaffBusiness | None = None,
    ) -> None:
        self.store = store
        self.flow = flow
        self._clock = clock
        self._terminal = terminal_states
        self._sleep = sleep
        self.desk = desk
        self._intake = Intake(flow, load, terminal_states)

    def handle(
        self,
        key: ChatKey,
        message: InboundMessage,
        *,
        user_id: str | None = None,
        update_id: int | None = None,
    ) -> list[Reply]:
        """Run one message through the flow and commit its results; then return the replies."""
        return self.handle_turn(key, message, user_id=user_id, update_id=update_id).replies

    def handle_turn(
        self,
        key: ChatKey,
        message: InboundMessage,
        *,
        user_id: str | None = None,
        update_id: int | None = None,
    ) -> Turn:
        """`handle`, also returning the state the turn left the chat in, from the same
        transaction (a channel needs no second read to render the replies).

        `update_id`: the channel's increasing number of the update that carried `message`
        (Telegram's update_id; None where there is none, as in the console). It is stored with
        the message's effects; an update not newer than the chat's last one was applied already
        (delivered again after a crash) and gets the current question again, nothing applied.
        """
        return with_retries(
            lambda: self._handle_once(key, message, user_id, update_id), self._sleep
        )

    def current(self, key: ChatKey) -> list[Reply]:
        """The question the chat is at, again (after a restart, or on /start)."""
        return self.current_turn(key).replies

    def current_turn(self, key: ChatKey) -> Turn:
        """`current` and the chat's state from one read."""
        return self._intake.again(self._read(key), stale=False)

    def state(self, key: ChatKey) -> str | None:
        stored = self._read(key)
        return None if stored is None else stored.state

    def is_done(self, key: ChatKey) -> bool:
        return self.state(key) in self._terminal

    def _read(self, key: ChatKey) -> StoredConversation | None:
        try:
            return self.store.conversation(key.channel, key.chat_id)
        except OperationalError as exc:
            logger.warning("engine read failed: %s", type(exc).__name__)
            raise EngineUnavailable("the database is unavailable") from None

    def _handle_once(
        self, key: ChatKey, message: InboundMessage, user_id: str | None, update_id: int | None
    ) -> Turn:
        now = self._clock()
        with self.store.unit_of_work() as uow:
            stored = uow.load_conversation(key.channel, key.chat_id)
            staff = self.desk is not None and self.desk.claims(uow, key, message, user_id)
            if not staff:
                return self._intake.run(uow, key, message, user_id, update_id, stored, now)
        # Staff business runs in the desk's own transactions, after this one has ended.
        assert self.desk is not None
        staff_replies = self.desk.handle(key, message, user_id, now)
        if staff_replies is not None:
            return self._intake.turn(staff_replies, stored)
        with self.store.unit_of_work() as uow:
            stored = uow.load_conversation(key.channel, key.chat_id)
            return self._intake.run(uow, key, message, user_id, update_id, stored, now)


def build_engine(
    settings: Settings,
    *,
    tagger: Tagger | None = None,
    router: Router | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Engine:
    """The engine over the configured database, with the real flow, tagger and router."""
    from bot.handoff.staff import StaffDesk
    from flows.conversation import Conversation
    from flows.intake import IntakeFlow
    from flows.states import TERMINAL_STATES

    store = Store.from_settings(settings)
    flow = IntakeFlow(tagger or _default_tagger(), router or _default_router())
    return Engine(
        store,
        flow,
        Conversation.from_json,
        clock=clock or utc_now,
        terminal_states=frozenset(str(s) for s in TERMINAL_STATES),
        desk=StaffDesk(store),
    )


def _default_tagger() -> Tagger:
    # Imported only when needed: loading Sudachi is slow, and tests pass their own tagger.
    from dictionaries.tagger import get_tagger

    return get_tagger()


def _default_router() -> Router:
    from flows.routing import get_router

    return get_router()
