"""Between rows and domain objects: what the store reads back, and plain dicts for the CLI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any, cast

from dictionaries.tag_result import Evidence
from flows.domain import ConsentGiver, ConsentRecord, ConsentScope, Contact, LegalBasis, Referral
from flows.routing_types import Reporter, RouteDecision, SubjectConsent
from storage.models import CaseRow, ConsentRow


@dataclass(frozen=True)
class StoredConversation:
    id: int
    state: str
    state_json: dict[str, Any] | None  # None: nothing of it may be kept (no consent to record)
    version: int
    consent_to_record: bool
    updated_at: datetime
    last_update_id: int | None = None  # the newest channel update applied (None: none known)


@dataclass(frozen=True)
class CaseRecord:
    """A case as staff and the CLI see it. After erasure the referral's text fields are empty."""

    referral: Referral
    status: str
    site_id: str
    volunteer_verified: bool
    erased_at: datetime | None
    updated_at: datetime

    @property
    def reference(self) -> str:
        return self.referral.reference

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self.referral)
        data.update(
            status=self.status,
            site_id=self.site_id,
            volunteer_verified=self.volunteer_verified,
            erased_at=self.erased_at,
            updated_at=self.updated_at,
        )
        return cast(dict[str, Any], _jsonable(data))


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def conversation_from_row(row: Any) -> StoredConversation:
    return StoredConversation(
        id=row.id,
        state=row.state,
        state_json=row.state_json,
        version=row.version,
        consent_to_record=row.consent_to_record,
        updated_at=row.updated_at,
        last_update_id=row.last_update_id,
    )


def consent_from_row(row: ConsentRow) -> ConsentRecord:
    return ConsentRecord(
        scope=cast(ConsentScope, row.scope),
        given_by=cast(ConsentGiver, row.given_by),
        text_version=row.text_version,
        text_hash=row.text_hash,
        given_at=row.given_at,
        channel=row.channel,
        site_ids=tuple(row.site_ids or ()),
        withdrawn_at=row.withdrawn_at,
    )


def case_columns(referral: Referral, *, keep_text: bool) -> dict[str, Any]:
    """CaseRow fields from a referral. Without `keep_text` nothing the person wrote is stored."""
    contact = asdict(referral.contact)
    return {
        "reference": referral.reference,
        "created_at": referral.created_at,
        "channel": referral.channel,
        "reporter_role": referral.reporter,
        "urgent": referral.urgent,
        "legal_basis": referral.legal_basis,
        "subject_consent": referral.subject_consent,
        "site_id": referral.route.primary.id,
        "categories": list(referral.categories),
        "route": referral.route.to_json(),
        "area": referral.area,
        "subject": referral.subject if keep_text else None,
        "evidence": [_flat(e) for e in referral.evidence] if keep_text else None,
        "slots": dict(referral.slots) if keep_text else None,
        "concern_text": referral.concern_text if keep_text else None,
        "contact": contact if keep_text else None,
    }


def _flat(record: Any) -> dict[str, Any]:
    """A flat dataclass as a dict (dataclasses.asdict deep-copies each value: far slower)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def case_from_row(row: CaseRow, consents: list[ConsentRow]) -> CaseRecord:
    contact = row.contact or {"method": "none"}
    referral = Referral(
        reference=row.reference,
        created_at=row.created_at,
        channel=row.channel,
        reporter=cast(Reporter, row.reporter_role),
        subject=row.subject or "",
        categories=tuple(row.categories),
        evidence=tuple(Evidence(**e) for e in row.evidence or ()),
        slots=dict(row.slots or {}),
        area=row.area,
        route=RouteDecision.from_json(row.route),
        urgent=row.urgent,
        legal_basis=cast(LegalBasis, row.legal_basis),
        subject_consent=cast(SubjectConsent | None, row.subject_consent),
        concern_text=row.concern_text or "",
        contact=Contact(**contact),
        consents=tuple(consent_from_row(c) for c in sorted(consents, key=lambda c: c.id)),
    )
    return CaseRecord(
        referral=referral,
        status=row.status,
        site_id=row.site_id,
        volunteer_verified=row.volunteer_verified,
        erased_at=row.erased_at,
        updated_at=row.updated_at,
    )
