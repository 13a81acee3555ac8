"""One person's intake in progress, as plain JSON for storage, and what a turn returns.

Sensitive personal data (the concern text, the typed subject, phone and times) is held only
while `consent_record` is true; without it only ids (categories, choices) are kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from dictionaries.tag_result import Evidence
from flows.domain import ConsentRecord, Effect
from flows.messages import Reply
from flows.routing_types import Reporter, RouteDecision, SubjectConsent
from flows.states import IntakeState

SCHEMA_VERSION = 1
# What 戻る does not undo: consents given, danger seen, the reference of a submitted case.
_HISTORY = frozenset({"urgent", "danger_terms", "consents", "reference"})


@dataclass
class Conversation:
    state: IntakeState = IntakeState.ROLE
    reporter: Reporter | None = None
    consent_record: bool | None = None  # None: not asked yet
    consent_share: bool | None = None
    concern_parts: list[str] = field(default_factory=list)  # only with consent_record
    concern_count: int = 0  # messages received, kept even without consent
    tagged: list[str] = field(default_factory=list)  # categories the tagger found
    categories: list[str] = field(default_factory=list)  # as confirmed or corrected
    evidence: list[Evidence] = field(default_factory=list)  # only with consent_record
    slots: dict[str, str] = field(default_factory=dict)  # choice ids: subject, age_group, ...
    phone: str = ""  # only with consent_record
    contact_when: str = ""  # only with consent_record
    subject_consent: SubjectConsent | None = None
    urgent: bool = False
    danger_terms: list[str] = field(default_factory=list)
    route: RouteDecision | None = None
    consents: list[ConsentRecord] = field(default_factory=list)
    reference: str | None = None
    # Snapshots, newest last. A snapshot is JSON already and never changed once taken, so
    # copies of the conversation share them: the stack grows with every answer, and copying
    # it on each turn made a late question several times slower than an early one.
    back: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A deep copy as JSON types, but for the snapshots in "back": shared, never to be changed
        (`from_json` shares them too)."""
        data = _plain(self._data(exclude=frozenset({"back"})))
        data["back"] = list(self.back)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Conversation:
        version = data.get("version")
        if version != SCHEMA_VERSION:
            raise ValueError(f"unsupported conversation schema version: {version!r}")
        # Deep-copied but for the snapshots, which the conversation shares and never changes.
        plain = _plain({k: v for k, v in data.items() if k != "back"})
        plain["back"] = [_snapshot(s) for s in data.get("back", [])]
        return cls._from_plain(plain)

    def copy(self) -> Conversation:
        return Conversation._from_plain(self.to_json())

    def snapshot(self) -> dict[str, Any]:
        """What 戻る restores: everything but the history that must not be undone."""
        return _plain(self._data(exclude=_HISTORY | {"back"}))

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Back to a snapshot taken by `snapshot()`; the history and the back-stack stay."""
        history = self._data(exclude=frozenset(snapshot) | {"back"})
        # Copied: the snapshot may be shared with other copies of this conversation.
        restored = Conversation._from_plain(_plain({**snapshot, **history, "back": []}))
        for f in fields(self):
            if f.name != "back":
                setattr(self, f.name, getattr(restored, f.name))

    def _data(self, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
        """The fields as JSON types (not copied: lists and dicts are the conversation's own)."""
        data: dict[str, Any] = {"version": SCHEMA_VERSION}
        for f in fields(self):
            if f.name not in exclude:
                data[f.name] = getattr(self, f.name)
        if "state" in data:
            data["state"] = self.state.value
        if "evidence" in data:
            data["evidence"] = [_shallow(e) for e in self.evidence]
        if "route" in data:
            data["route"] = self.route.to_json() if self.route else None
        if "consents" in data:
            data["consents"] = [_consent_json(c) for c in self.consents]
        return data

    @classmethod
    def _from_plain(cls, data: dict[str, Any]) -> Conversation:
        """A conversation owning `data`'s lists and dicts: pass a copy nobody else holds."""
        values = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        values["state"] = IntakeState(data["state"])
        values["evidence"] = [Evidence(**e) for e in data.get("evidence", [])]
        route = data.get("route")
        values["route"] = RouteDecision.from_json(route) if route else None
        values["consents"] = [_consent_from_json(c) for c in data.get("consents", [])]
        return cls(**values)

    def forget_personal_data(self) -> None:
        """Drop every typed word and contact detail, here and in the back-stack."""
        self.concern_parts = []
        self.evidence = []
        self.phone = ""
        self.contact_when = ""
        self.back = []


def _snapshot(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("a back-stack entry is not an object")
    return value


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """A deep copy made of JSON types only (and proof that it is JSON)."""
    copied: dict[str, Any] = json.loads(json.dumps(data, ensure_ascii=False))
    return copied


def _shallow(record: Any) -> dict[str, Any]:
    """A flat dataclass's fields (dataclasses.asdict deep-copies each value: ten times slower)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _consent_json(consent: ConsentRecord) -> dict[str, Any]:
    data = _shallow(consent)
    data["given_at"] = consent.given_at.isoformat()
    data["withdrawn_at"] = consent.withdrawn_at.isoformat() if consent.withdrawn_at else None
    data["site_ids"] = list(consent.site_ids)
    return data


def _consent_from_json(data: dict[str, Any]) -> ConsentRecord:
    withdrawn = data.get("withdrawn_at")
    return ConsentRecord(
        scope=data["scope"],
        given_by=data["given_by"],
        text_version=data["text_version"],
        text_hash=data["text_hash"],
        given_at=datetime.fromisoformat(data["given_at"]),
        channel=data["channel"],
        site_ids=tuple(data.get("site_ids", ())),
        withdrawn_at=datetime.fromisoformat(withdrawn) if withdrawn else None,
    )


@dataclass(frozen=True)
class Outcome:
    conversation: Conversation
    replies: tuple[Reply, ...]
    effects: tuple[Effect, ...] = ()
