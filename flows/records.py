"""Building the consent records and the referral the flow hands to storage."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flows.conversation import Conversation
from flows.domain import ConsentGiver, ConsentRecord, ConsentScope, Contact, LegalBasis, Referral
from flows.prompts import ConsentText
from flows.render import subject_label
from flows.routing_types import RouteRequest

_GIVERS: dict[str, ConsentGiver] = {"self": "self", "family": "family", "third_party": "reporter"}


def consent_record(
    conv: Conversation,
    scope: ConsentScope,
    consent: ConsentText,
    shown: str,
    *,
    now: datetime,
    channel: str,
    site_ids: tuple[str, ...] = (),
) -> ConsentRecord:
    return ConsentRecord(
        scope=scope,
        given_by=_GIVERS.get(conv.reporter or "self", "self"),
        text_version=consent.version,
        text_hash=hashlib.sha256(shown.encode("utf-8")).hexdigest(),
        given_at=now,
        channel=channel,
        site_ids=site_ids,
    )


def active_consents(conv: Conversation) -> tuple[ConsentRecord, ...]:
    return tuple(c for c in conv.consents if c.withdrawn_at is None)


def route_request(conv: Conversation) -> RouteRequest:
    reporter = conv.reporter or "self"
    age = conv.slots.get("age_words") or conv.slots.get("age_group")
    return RouteRequest(
        categories=tuple(conv.categories),
        emergency=conv.urgent,
        area=_area(conv),
        reporter=reporter,
        subject_consent="yes" if reporter == "self" else (conv.subject_consent or "unknown"),
        age_group=None if age in (None, "unknown") else age,
        pregnancy=conv.slots.get("pregnancy") == "true",
        # Withdrawn for six months or more: a person who may not come to a window (outreach).
        long_withdrawal="isolation" in conv.categories and "long_duration" in conv.slots,
    )


def _area(conv: Conversation) -> str | None:
    """The area id, or None when the person did not know it."""
    area = conv.slots.get("area")
    return None if area in (None, "unknown") else area


def legal_basis(conv: Conversation) -> LegalBasis:
    """Why this may be shared. The router decides the consent path, so the referral follows it:
    a family report the person does not agree to is a 支援会議 case as much as a neighbour's."""
    if conv.urgent:
        return "emergency"
    if conv.route is not None and conv.route.meeting == "support_meeting":
        return "support_meeting"
    if conv.reporter == "third_party" and conv.subject_consent != "yes":
        return "support_meeting"
    return "consent"


def referral(conv: Conversation, *, reference: str, now: datetime, channel: str) -> Referral:
    assert conv.route is not None, "a referral is only built after routing"
    return Referral(
        reference=reference,
        created_at=now,
        channel=channel,
        reporter=conv.reporter or "self",
        subject=subject_label(conv),
        categories=tuple(conv.categories),
        evidence=tuple(conv.evidence),
        slots=dict(conv.slots),
        area=_area(conv),
        route=conv.route,
        urgent=conv.urgent,
        legal_basis=legal_basis(conv),
        subject_consent=conv.subject_consent,
        concern_text="\n".join(conv.concern_parts),
        contact=Contact(
            method=conv.slots.get("contact_method", "none"),
            value=conv.phone,
            when=conv.contact_when,
        ),
        consents=active_consents(conv),
    )
