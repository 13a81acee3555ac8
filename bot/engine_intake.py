"""The intake's part of a turn, inside the unit of work the engine opened: an update applied
already or a press on an earlier question gets the current question again; anything else runs
through the flow, and its new state and effects are saved and committed together."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from bot.engine_effects import apply_effect, consent_to_record
from bot.engine_ports import Flow
from bot.engine_references import new_reference
from bot.engine_types import ChatKey, Turn
from flows.messages import InboundMessage, Reply, is_stale
from storage.records import StoredConversation
from storage.unit_of_work import UnitOfWork

# The engine's log lines keep the one logger name they had before the engine was split up.
logger = logging.getLogger("bot.engine")

# How long after its first delivery an update can come again (Telegram keeps it 24 hours).
REDELIVERY_WINDOW = timedelta(hours=24)


class Intake:
    def __init__(
        self,
        flow: Flow,
        load: Callable[[dict[str, Any]], Any],
        terminal_states: frozenset[str],
    ) -> None:
        self.flow = flow
        self._load = load
        self._terminal = terminal_states

    def run(
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
            return self.again(stored, stale=False)
        if is_stale(message, stored.state if stored else None):
            # Judged on the row just loaded and locked: the state cannot move in between.
            return self.again(stored, stale=True)
        outcome = self.flow.handle(
            self.restore(stored),
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
            apply_effect(uow, key, effect, conversation_id, consent, user_id, now)
        uow.commit()
        return Turn(list(outcome.replies), state, state in self._terminal)

    def again(self, stored: StoredConversation | None, *, stale: bool) -> Turn:
        """The current question again, nothing written."""
        return self.turn(list(self.flow.current(self.restore(stored))), stored, stale=stale)

    def turn(self, replies: list[Reply], stored: StoredConversation | None, *,
             stale: bool = False) -> Turn:
        """`replies` as a turn that leaves the chat where `stored` has it."""
        state = None if stored is None else stored.state
        return Turn(replies, state, state in self._terminal, stale=stale)

    def restore(self, stored: StoredConversation | None) -> Any:
        if stored is None or stored.state_json is None:
            return None
        try:
            return self._load(stored.state_json)
        except (ValueError, KeyError, TypeError) as exc:
            # An unreadable saved state must not lock the person out: start afresh.
            logger.warning("stored conversation unreadable (%s); starting over", type(exc).__name__)
            return None


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
