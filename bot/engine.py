"""The engine: one inbound message in, the replies out, everything in between in one transaction.

    load the chat's conversation (row-locked) -> flow.handle -> save state' and the effects
    (consents, case + referral + outbox row, erasure, withdrawal) -> commit -> return the replies

A reply is only returned for what is stored: if the commit fails, the caller gets
EngineUnavailable and must not tell the person their words were received.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.exc import IntegrityError, OperationalError

from flows.domain import (
    ConsentGiven,
    ConsentWithdrawn,
    Effect,
    ErasureRequested,
    IntakeCancelled,
    ReferralSubmitted,
)
from flows.messages import InboundMessage, Reply, is_stale
from storage.errors import ConcurrencyConflict
from storage.records import StoredConversation
from storage.store import Store
from storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from bot.config import Settings
    from flows.ports import Router, Tagger

logger = logging.getLogger(__name__)

# Transient failures worth another try: a locked or unreachable database, a writer that got
# there first (version conflict, the same new chat inserted twice, a reference already taken).
RETRYABLE = (OperationalError, IntegrityError, ConcurrencyConflict)
ATTEMPTS = 4
BACKOFF_SECONDS = 0.05
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
# How long after its first delivery an update can come again (Telegram keeps it 24 hours).
REDELIVERY_WINDOW = timedelta(hours=24)


class EngineUnavailable(Exception):
    """The database stayed unreachable; nothing was stored or acknowledged."""


@dataclass(frozen=True)
class ChatKey:
    channel: str
    chat_id: str


class StoredState(Protocol):
    @property
    def state(self) -> str: ...

    def to_json(self) -> dict[str, Any]: ...


class FlowOutcome(Protocol):
    @property
    def conversation(self) -> StoredState: ...

    @property
    def replies(self) -> tuple[Reply, ...]: ...

    @property
    def effects(self) -> tuple[Effect, ...]: ...


class Flow(Protocol):
    """What the engine needs of flows.intake.IntakeFlow."""

    def handle(
        self,
        conversation: Any,
        message: InboundMessage,
        *,
        now: datetime,
        reference: str,
        channel: str,
    ) -> FlowOutcome: ...

    def current(self, conversation: Any) -> tuple[Reply, ...]: ...


class StaffBusiness(Protocol):
    """What the engine needs of bot.handoff.staff.StaffDesk: it answers staff business (invite
    codes, staff buttons, staff chats) and returns None for everything the intake should get.

    `claims` is asked first, inside the intake's own transaction (so a resident's message costs
    no session of its own); only when it says yes is `handle` called, in its own transactions.
    `claims` may say yes to a message `handle` then returns None for: the intake gets it still.
    """

    def claims(
        self, uow: UnitOfWork, key: ChatKey, message: InboundMessage, user_id: str | None
    ) -> bool: ...

    def handle(
        self, key: ChatKey, message: InboundMessage, user_id: str | None, now: datetime
    ) -> list[Reply] | None: ...


@dataclass(frozen=True)
class Turn:
    """One bot turn as a channel needs it: the replies, and the state they leave the chat in
    (None for a chat without a conversation; `done` when the state is terminal). `stale`: the
    message pressed a button of an earlier question; nothing changed and `replies` ask the
    current question again (a channel may add a kind note)."""

    replies: list[Reply]
    state: str | None
    done: bool
    stale: bool = False


def new_reference(now: datetime) -> str:
    """A case reference a person can read out: TS-YYMMDD-XXXX."""
    suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(4))
    return f"TS-{now:%y%m%d}-{suffix}"


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
        self._load = load
        self._clock = clock
        self._terminal = terminal_states
        self._sleep = sleep
        self.desk = desk

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
        for attempt in range(ATTEMPTS):
            try:
                return self._handle_once(key, message, user_id, update_id)
            except RETRYABLE as exc:
                # The class name only: a driver's message can quote SQL parameters.
                logger.warning(
                    "engine attempt %d/%d failed: %s", attempt + 1, ATTEMPTS, type(exc).__name__
                )
                if attempt + 1 < ATTEMPTS:
                    self._sleep(BACKOFF_SECONDS * 2**attempt)
        raise EngineUnavailable("the database stayed unavailable; nothing was stored")

    def current(self, key: ChatKey) -> list[Reply]:
        """The question the chat is at, again (after a restart, or on /start)."""
        return self.current_turn(key).replies

    def current_turn(self, key: ChatKey) -> Turn:
        """`current` and the chat's state from one read."""
        stored = self._read(key)
        return self._turn(list(self.flow.current(self._restore(stored))), stored)

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

    def _restore(self, stored: StoredConversation | None) -> Any:
        if stored is None or stored.state_json is None:
            return None
        try:
            return self._load(stored.state_json)
        except (ValueError, KeyError, TypeError) as exc:
            # An unreadable saved state must not lock the person out: start afresh.
            logger.warning("stored conversation unreadable (%s); starting over", type(exc).__name__)
            return None

    def _turn(self, replies: list[Reply], stored: StoredConversation | None) -> Turn:
        state = None if stored is None else stored.state
        return Turn(replies, state, state in self._terminal)

    def _again(self, stored: StoredConversation | None, *, stale: bool) -> Turn:
        """The current question again, nothing written."""
        state = None if stored is None else stored.state
        replies = list(self.flow.current(self._restore(stored)))
        return Turn(replies, state, state in self._terminal, stale=stale)

    def _handle_once(
        self, key: ChatKey, message: InboundMessage, user_id: str | None, update_id: int | None
    ) -> Turn:
        now = self._clock()
        with self.store.unit_of_work() as uow:
            stored = uow.load_conversation(key.channel, key.chat_id)
            staff = self.desk is not None and self.desk.claims(uow, key, message, user_id)
            if not staff:
                return self._intake(uow, key, message, user_id, update_id, stored, now)
        # Staff business runs in the desk's own transactions, after this one has ended.
        assert self.desk is not None
        staff_replies = self.desk.handle(key, message, user_id, now)
        if staff_replies is not None:
            return self._turn(staff_replies, stored)
        with self.store.unit_of_work() as uow:
            stored = uow.load_conversation(key.channel, key.chat_id)
            return self._intake(uow, key, message, user_id, update_id, stored, now)

    def _intake(
        self,
        uow: UnitOfWork,
        key: ChatKey,
        message: InboundMessage,
        user_id: str | None,
        update_id: int | None,
        stored: StoredConversation | None,
        now: datetime,
    ) -> Turn:
        if applied_already(update_id, stored, now):
            # Its effects were committed before the crash that kept it from being confirmed;
            # its replies may never have been sent: the person gets where they are now.
            return self._again(stored, stale=False)
        if is_stale(message, stored.state if stored else None):
            # Judged on the row just loaded and locked: the state cannot move in between.
            return self._again(stored, stale=True)
        outcome = self.flow.handle(
            self._restore(stored),
            message,
            now=now,
            reference=new_reference(now),
            channel=key.channel,
        )
        consent = consent_to_record(stored.consent_to_record if stored else False, outcome.effects)
        state = str(outcome.conversation.state)
        conversation_id = uow.save_conversation(
            key.channel,
            key.chat_id,
            state=state,
            state_json=outcome.conversation.to_json(),
            consent_to_record=consent,
            expected_version=stored.version if stored else None,
            now=now,
            known_id=stored.id if stored else None,
            update_id=update_id,
        )
        for effect in outcome.effects:
            self._apply(uow, key, effect, conversation_id, consent, user_id, now)
        uow.commit()
        return Turn(list(outcome.replies), state, state in self._terminal)

    def _apply(
        self,
        uow: UnitOfWork,
        key: ChatKey,
        effect: Effect,
        conversation_id: int,
        consent: bool,
        user_id: str | None,
        now: datetime,
    ) -> None:
        if isinstance(effect, ConsentGiven):
            uow.record_consent(
                key.channel, key.chat_id, effect.consent, conversation_id=conversation_id
            )
        elif isinstance(effect, ConsentWithdrawn):
            uow.withdraw_consent(key.channel, key.chat_id, effect.scope, effect.at)
            uow.audit("reporter", "consent_withdrawn", at=now, detail=f"scope={effect.scope}")
        elif isinstance(effect, ReferralSubmitted):
            if not consent:
                # The flow should not submit unrecorded words; if it does, they are not kept.
                logger.warning("referral without consent to record: text not stored")
            uow.add_case(
                effect.referral,
                reporter_channel=key.channel,
                reporter_chat_id=key.chat_id,
                conversation_id=conversation_id,
                keep_text=consent,
                volunteer_verified=uow.is_volunteer(key.channel, user_id),
                now=now,
            )
        elif isinstance(effect, IntakeCancelled):
            uow.forget_intake(conversation_id)
        elif isinstance(effect, ErasureRequested):
            uow.erase(key.channel, key.chat_id, at=now, actor="reporter")
        # DangerDetected: the flow already showed the crisis lines; the case carries `urgent`.


def applied_already(
    update_id: int | None, stored: StoredConversation | None, now: datetime
) -> bool:
    """Whether the update `update_id` is one this chat's conversation already holds.

    Updates of a chat arrive in order (Telegram numbers them increasingly; the channel handles
    one chat's updates one at a time), so one not newer than the last is a redelivery, if the
    chat's last save is recent enough for that: Telegram keeps an update 24 hours at most, and
    numbers afresh, at random, after a week without updates, when a new message may well
    have a smaller id than the last one a chat saw.
    """
    if update_id is None or stored is None or stored.last_update_id is None:
        return False
    return update_id <= stored.last_update_id and now - stored.updated_at < REDELIVERY_WINDOW


def consent_to_record(before: bool, effects: tuple[Effect, ...]) -> bool:
    """Whether the person's words may be kept after these effects."""
    allowed = before
    for effect in effects:
        if isinstance(effect, ConsentGiven) and effect.consent.scope == "record":
            allowed = True
        elif _ends_recording(effect):
            allowed = False
    return allowed


def _ends_recording(effect: Effect) -> bool:
    if isinstance(effect, ConsentWithdrawn):
        return effect.scope == "record"
    return isinstance(effect, IntakeCancelled | ErasureRequested)


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
