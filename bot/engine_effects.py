"""What a turn's effects write, in the turn's own unit of work, and what they do to consent."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.engine_types import ChatKey
from flows.domain import (
    ConsentGiven,
    ConsentWithdrawn,
    Effect,
    ErasureRequested,
    IntakeCancelled,
    ReferralSubmitted,
)
from storage.unit_of_work import UnitOfWork

# The engine's log lines keep the one logger name they had before the engine was split up.
logger = logging.getLogger("bot.engine")


def apply_effect(
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
