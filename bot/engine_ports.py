"""What the engine needs of the flow and of the staff desk, as protocols: the engine imports
neither `flows.intake` nor `bot.handoff`, so tests hand it fakes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from bot.engine_types import ChatKey
from flows.domain import Effect
from flows.messages import InboundMessage, Reply
from storage.unit_of_work import UnitOfWork


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
