"""Small helpers of the router: site lists without repeats, and the elderly centre by area."""

from __future__ import annotations

from dataclasses import dataclass

from dictionaries.directory import Area, Directory, Site
from dictionaries.routing_rules import RoutingRules
from flows.routing_types import SiteRef


def site_ref(site: Site) -> SiteRef:
    return SiteRef(id=site.id, name=site.name, kind=site.kind, phone=site.phone)


class SiteList:
    """Sites in the order they were added, each once."""

    def __init__(self, directory: Directory) -> None:
        self._directory = directory
        self._ids: dict[str, None] = {}

    def add(self, *site_ids: str) -> None:
        self._ids.update(dict.fromkeys(site_ids))

    def add_kind(self, kind: str) -> None:
        self.add(*(s.id for s in self._directory.by_kind(kind)))

    def refs(self) -> tuple[SiteRef, ...]:
        return tuple(site_ref(self._directory.get(i)) for i in self._ids)


@dataclass(frozen=True)
class ElderlyChoice:
    site_ids: tuple[str, ...]  # the first takes the case
    reason: str


def choose_elderly_site(
    area: Area | None, given: bool, directory: Directory, rules: RoutingRules
) -> ElderlyChoice:
    """The 地域包括支援センター for an area, or the confirmed department. Never a guess.

    A centre is chosen only when a source confirms it covers the area, or when the person
    named the centre itself (its area name is its name). Anything else, including a name two
    centres share, goes to 長寿福祉課, which knows every centre's 担当地区.
    """
    fallback = rules.elderly_fallback
    if area is None or area.id == directory.area_unknown.id:
        label = (
            area.label if area else rules.labels["area_not_matched" if given else "area_not_given"]
        )
        return ElderlyChoice((fallback,), rules.reason("elderly_area_unknown", area=label))
    if area.covered_by:
        site = directory.get(area.covered_by)
        reason = rules.reason("elderly_centre_covered", area=area.label, site=site.name)
        return ElderlyChoice((site.id, fallback), reason)
    if area.centre:
        site = directory.get(area.centre)
        reason = rules.reason("elderly_centre_picked", area=area.label, site=site.name)
        return ElderlyChoice((site.id, fallback), reason)
    labels = [a.label for c in area.candidates if (a := directory.area(c)) is not None]
    candidates = "".join(f"「{label}」" for label in labels)
    reason = rules.reason("elderly_area_ambiguous", area=area.label, candidates=candidates)
    return ElderlyChoice((fallback,), reason)
