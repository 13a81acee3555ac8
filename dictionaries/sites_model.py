"""Typed records of the site directory and the queries over it.

A fact the reference could not confirm is `None` here (``unknown`` in the YAML), so that no
caller can show a guessed phone number or a guessed coverage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Confidence = Literal["confirmed", "partial", "unknown"]
CONFIDENCES: tuple[Confidence, ...] = ("confirmed", "partial", "unknown")
# Contacts of these confidences may be shown; `unknown` never.
SHOWABLE: frozenset[str] = frozenset({"confirmed", "partial"})
CITY_WIDE = "city"

KINDS: frozenset[str] = frozenset(
    {
        "community_care_center",
        "disability_core_office",
        "disability_consultation_office",
        "childcare_division",
        "administrative_service_center",
        "child_health_division",
        "health_welfare_center",
        "public_health_prevention_division",
        "social_welfare_council",
        "worries_consultation",
        "parenting_support_center",
        "community_activity_center",
        "neighbourhood_salon",
        "coordinator",
        "manager",
        "city_department",
        "city_facility",
        "community_programme",
    }
)


def known(value: Any) -> str | None:
    """A YAML value as text, or None where the data says it is unknown."""
    if value is None:
        return None
    text = str(value).strip()
    return None if text in ("", "unknown", "none found") else text


def is_source_address(source: str | None) -> bool:
    return source is not None and source.startswith(("http://", "https://"))


@dataclass(frozen=True)
class SiteContact:
    phone: str | None
    address: str | None
    source: str | None
    confidence: Confidence
    phone_alt: str | None = None

    @property
    def shown(self) -> bool:
        """Whether this contact may be shown: a source address and a confidence to stand on."""
        return self.confidence in SHOWABLE and is_source_address(self.source)


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    kind: str
    fields: tuple[str, ...]
    # Areas a source confirms the site serves ("city" for the whole city); None: unknown.
    service_area: tuple[str, ...] | None
    contact: SiteContact
    source: str | None
    confidence: Confidence
    plan: str = ""
    legal_site: bool = False
    count: int | None = 1  # places this entry stands for; None where the plan gives no number
    names_in_plan: bool = True
    area: str | None = None  # the area the site is called by: a hint, never coverage
    department: str | None = None
    organization: str | None = None
    center_type: str | None = None
    note: str = ""

    @property
    def phone(self) -> str | None:
        """The phone to show, only when a source confirms it."""
        return self.contact.phone if self.contact.shown else None


@dataclass(frozen=True)
class Area:
    """A 地区 name a person may give. A group (水橋) lists the areas to choose between."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    centre: str | None = None  # the centre called by this name (picked by name, not coverage)
    covered_by: str | None = None  # a site whose coverage of this area a source confirms
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class CrisisLineEntry:
    id: str
    name: str
    phone: str | None
    hours: str | None
    use_for: str
    fields: tuple[str, ...]
    always: bool
    fallback: bool
    source: str | None
    confidence: Confidence

    @property
    def shown(self) -> bool:
        """Crisis lines reach people in distress: only confirmed numbers with a source."""
        return (
            self.confidence == "confirmed"
            and self.phone is not None
            and is_source_address(self.source)
        )


class Directory:
    """Queries over the loaded directory. Immutable; share one per process."""

    def __init__(
        self,
        sites: tuple[Site, ...],
        crisis_lines: tuple[CrisisLineEntry, ...],
        areas: tuple[Area, ...],
        area_groups: tuple[Area, ...],
        area_unknown: Area,
    ) -> None:
        self.sites = sites
        self.crisis_lines = crisis_lines
        self.areas = areas
        self.area_groups = area_groups
        self.area_unknown = area_unknown
        self._by_id = {site.id: site for site in sites}
        self._areas = {a.id: a for a in (*areas, *area_groups, area_unknown)}

    def get(self, site_id: str) -> Site:
        return self._by_id[site_id]

    def find(self, site_id: str) -> Site | None:
        return self._by_id.get(site_id)

    def by_kind(self, kind: str) -> tuple[Site, ...]:
        return tuple(s for s in self.sites if s.kind == kind)

    def by_field(self, field: str) -> tuple[Site, ...]:
        return tuple(s for s in self.sites if field in s.fields)

    def area(self, area_id: str) -> Area | None:
        return self._areas.get(area_id)

    def serving(self, area_id: str) -> tuple[Site, ...]:
        """Sites a source confirms serve this area, city-wide ones included."""
        return tuple(
            s
            for s in self.sites
            if s.service_area is not None
            and (area_id in s.service_area or CITY_WIDE in s.service_area)
        )

    def named_for(self, area_id: str) -> tuple[Site, ...]:
        """Sites called by this area's name (or a group's candidates): not a coverage claim."""
        area = self.area(area_id)
        ids = (area.candidates or (area.id,)) if area else ()
        return tuple(s for s in self.sites if s.area is not None and s.area in ids)
