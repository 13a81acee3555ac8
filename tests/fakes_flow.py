"""A small hand-written flow with the IntakeFlow contract, for storage and engine tests.

consent? (yes/no) -> concern (text) -> contact (phone) -> review (submit) -> done.
Commands: cancel, delete (erase), withdraw (consent to record).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flows.domain import (
    ConsentGiven,
    ConsentRecord,
    ConsentWithdrawn,
    Contact,
    Effect,
    ErasureRequested,
    IntakeCancelled,
    Referral,
    ReferralSubmitted,
)
from flows.messages import (
    Choice,
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    InboundMessage,
    Reply,
    TextMessage,
)
from flows.routing_types import RouteDecision, SiteRef

SITE = SiteRef(
    id="community_care_center_01", name="地域包括支援センター", kind="community_care_center"
)
CONSENT_TEXT = "相談内容を記録することに同意しますか"


@dataclass
class FakeConversation:
    state: str = "consent"
    consent: bool = False
    text: list[str] = field(default_factory=list)
    phone: str = ""
    consents: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "consent": self.consent,
            "text": self.text,
            "phone": self.phone,
            "consents": self.consents,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FakeConversation:
        return cls(**data)


@dataclass(frozen=True)
class FakeOutcome:
    conversation: FakeConversation
    replies: tuple[Reply, ...]
    effects: tuple[Effect, ...] = ()


def _reply(key: str) -> Reply:
    return Reply(key=key, text=key, choices=(Choice("yes", "はい"), Choice("no", "いいえ")))


class FakeFlow:
    def __init__(self) -> None:
        self.calls = 0

    def current(self, conversation: FakeConversation | None) -> tuple[Reply, ...]:
        return (_reply(conversation.state if conversation else "consent"),)

    def handle(
        self,
        conversation: FakeConversation | None,
        message: InboundMessage,
        *,
        now: datetime,
        reference: str,
        channel: str,
    ) -> FakeOutcome:
        self.calls += 1
        if conversation is None:
            return FakeOutcome(FakeConversation(), (_reply("consent"),))
        c = FakeConversation.from_json(conversation.to_json())
        effects: list[Effect] = []
        if isinstance(message, CommandMessage):
            if message.command is Command.CANCEL:
                c = FakeConversation(state="closed")
                effects.append(IntakeCancelled())
            elif message.command is Command.DELETE:
                c = FakeConversation(state="closed")
                effects.append(ErasureRequested())
            elif message.command is Command.WITHDRAW:
                c.consent, c.text, c.phone = False, [], ""
                effects.append(ConsentWithdrawn(scope="record", at=now))
        elif c.state == "consent" and isinstance(message, ChoiceMessage):
            c.consent = message.choice_id == "yes"
            c.state = "concern"
            if c.consent:
                record = consent_record(now, channel)
                effects.append(ConsentGiven(record))
        elif c.state == "concern" and isinstance(message, TextMessage):
            if c.consent:
                c.text.append(message.text)
            c.state = "contact"
        elif c.state == "contact" and isinstance(message, ContactMessage):
            c.phone = message.phone if c.consent else ""
            c.state = "review"
        elif c.state == "review" and isinstance(message, ChoiceMessage):
            effects.append(ReferralSubmitted(referral(c, now, reference, channel)))
            c.state = "done"
        return FakeOutcome(c, (_reply(c.state),), tuple(effects))


def consent_record(now: datetime, channel: str) -> ConsentRecord:
    return ConsentRecord(
        scope="record",
        given_by="self",
        text_version="1",
        text_hash=hashlib.sha256(CONSENT_TEXT.encode()).hexdigest(),
        given_at=now,
        channel=channel,
    )


def referral(c: FakeConversation, now: datetime, reference: str, channel: str) -> Referral:
    return Referral(
        reference=reference,
        created_at=now,
        channel=channel,
        reporter="self",
        subject="母",
        categories=("elderly",),
        evidence=(),
        slots={"age_group": "80s"},
        area="水橋",
        route=RouteDecision(primary=SITE, reasons=("高齢の方の相談のため",)),
        urgent=False,
        legal_basis="consent",
        subject_consent=None,
        concern_text="\n".join(c.text),
        contact=Contact(method="phone" if c.phone else "none", value=c.phone),
    )
