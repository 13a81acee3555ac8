"""Parts of the router: site lists without repeats, the elderly centre by area, resources."""

from __future__ import annotations

from dataclasses import dataclass

from dictionaries.directory import Area, Directory, Site
from dictionaries.routing_rules import RouteRule, RoutingRules
from flows.routing_types import RouteRequest, SiteRef


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


def suggest_resources(
    request: RouteRequest,
    categories: tuple[str, ...],
    route_rules: tuple[RouteRule, ...],
    directory: Directory,
    rules: RoutingRules,
) -> tuple[tuple[SiteRef, ...], tuple[str, ...]]:
    """Community resources (参加支援・地域づくり) that fit beside the referral, with reasons."""
    withdrawn = "isolation" in categories or request.long_withdrawal
    minor = rules.age_in("infant", request.age_group) or rules.age_in("child", request.age_group)
    wanted = {
        "parenting": withdrawn and any(r.field == "child" for r in route_rules),
        "salon": withdrawn,
        "daytime_place": "disability" in categories
        and (withdrawn or request.daytime_place)
        and not minor,
    }
    found = SiteList(directory)
    reasons: list[str] = []
    for key, rule in rules.resources.items():
        if wanted.get(key):
            if rule.site:
                found.add(rule.site)
            if rule.kind:
                found.add_kind(rule.kind)
            reasons.append(rules.reason(rule.reason))
    return found.refs(), tuple(reasons)
