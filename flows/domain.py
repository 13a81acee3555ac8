"""Domain records the flow produces and storage keeps: consents, referrals, and the effects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from dictionaries.tag_result import Evidence
from flows.routing_types import Reporter, RouteDecision, SubjectConsent

ConsentScope = Literal["record", "share", "multilayer_meeting"]
ConsentGiver = Literal["self", "family", "reporter"]
LegalBasis = Literal["consent", "support_meeting", "emergency"]


@dataclass(frozen=True)
class ConsentRecord:
    scope: ConsentScope
    given_by: ConsentGiver
    text_version: str
    text_hash: str  # sha256 hex of the exact consent text shown
    given_at: datetime
    channel: str
    site_ids: tuple[str, ...] = ()  # for scope "share": the named sites
    withdrawn_at: datetime | None = None


@dataclass(frozen=True)
class Contact:
    """How and when to reach the person. Sensitive personal data."""

    method: str  # "phone" | "chat" | "visit" | "none"
    value: str = ""  # phone number, or empty
    when: str = ""  # free words: 「平日の午前」


@dataclass(frozen=True)
class Referral:
    """What staff receive. `concern_text` and `contact` are sensitive personal data."""

    reference: str
    created_at: datetime
    channel: str
    reporter: Reporter
    subject: str  # who is affected, in the person's words: 本人, 母, 隣の人
    categories: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    slots: dict[str, str]
    area: str | None
    route: RouteDecision
    urgent: bool
    legal_basis: LegalBasis
    subject_consent: SubjectConsent | None
    concern_text: str
    contact: Contact
    consents: tuple[ConsentRecord, ...] = field(default=())


# Effects: what happened, for the engine to persist and act on after the flow returns.


@dataclass(frozen=True)
class ConsentGiven:
    consent: ConsentRecord


@dataclass(frozen=True)
class ConsentWithdrawn:
    scope: ConsentScope
    at: datetime


@dataclass(frozen=True)
class ReferralSubmitted:
    referral: Referral


@dataclass(frozen=True)
class DangerDetected:
    """A danger sign was seen; the case is urgent. Evidence terms only, never the text."""

    terms: tuple[str, ...]


@dataclass(frozen=True)
class IntakeCancelled:
    """やめる: nothing of this intake is kept."""


@dataclass(frozen=True)
class ErasureRequested:
    """相談の記録を消す: erase this person's stored text and contact details."""


Effect = (
    ConsentGiven
    | ConsentWithdrawn
    | ReferralSubmitted
    | DangerDetected
    | IntakeCancelled
    | ErasureRequested
)
