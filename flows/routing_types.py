"""The router's question and answer: the `tsunagu route` JSON shapes as types."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

Reporter = Literal["self", "family", "third_party"]
SubjectConsent = Literal["yes", "no", "unknown"]
Meeting = Literal["support_meeting", "multilayer_meeting", "none"]


@dataclass(frozen=True)
class RouteRequest:
    categories: tuple[str, ...]
    emergency: bool = False
    area: str | None = None
    reporter: Reporter = "self"
    subject_consent: SubjectConsent = "unknown"
    age_group: str | None = None
    pregnancy: bool = False
    # A person who cannot reach a window by themselves (long withdrawal): outreach.
    long_withdrawal: bool = False
    # A disabled adult looking for a place to spend the day: 地域活動支援センター.
    daytime_place: bool = False


@dataclass(frozen=True)
class SiteRef:
    id: str
    name: str
    kind: str
    phone: str | None = None  # only when a source confirms it


@dataclass(frozen=True)
class CrisisLine:
    id: str
    name: str
    phone: str
    hours: str
    use_for: str


@dataclass(frozen=True)
class RouteDecision:
    primary: SiteRef
    sites: tuple[SiteRef, ...] = ()
    multi_agency: bool = False
    coordinator: SiteRef | None = None
    manager: SiteRef | None = None
    meeting: Meeting = "none"
    outreach: bool = False
    crisis_lines: tuple[CrisisLine, ...] = ()
    resources: tuple[SiteRef, ...] = ()
    reasons: tuple[str, ...] = ()  # in Japanese, for staff and for the person

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = _as_json(self)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RouteDecision:
        def site(d: dict[str, Any] | None) -> SiteRef | None:
            return SiteRef(**d) if d else None

        primary = site(data["primary"])
        assert primary is not None
        return cls(
            primary=primary,
            sites=tuple(SiteRef(**s) for s in data.get("sites", [])),
            multi_agency=bool(data.get("multi_agency", False)),
            coordinator=site(data.get("coordinator")),
            manager=site(data.get("manager")),
            meeting=data.get("meeting", "none"),
            outreach=bool(data.get("outreach", False)),
            crisis_lines=tuple(CrisisLine(**c) for c in data.get("crisis_lines", [])),
            resources=tuple(SiteRef(**s) for s in data.get("resources", [])),
            reasons=tuple(data.get("reasons", [])),
        )


@dataclass(frozen=True)
class AreaChoice:
    """A 地区 or centre-area name a person may pick or type."""

    id: str
    label: str
    aliases: tuple[str, ...] = field(default=())
    # For a name part two centres share (「水橋」): the area ids the person chooses between.
    candidates: tuple[str, ...] = field(default=())


def _as_json(value: Any) -> Any:
    """JSON types (tuples as lists), field by field: dataclasses.asdict deep-copies every value
    and was a tenth of what storing a submitted case cost."""
    if isinstance(value, tuple | list):
        return [_as_json(v) for v in value]
    if is_dataclass(value):
        return {f.name: _as_json(getattr(value, f.name)) for f in fields(value)}
    return value
