"""The city plan's routing rules: which window takes a case, and why, in Japanese for staff.

Pure: the directory and the rule table come in loaded (see `get_router`), every decision is a
function of the request alone. Which site a category goes to is data
(dictionaries/data/routing_rules.yaml); this module applies the plan's logic on top: the
compound case, the consent paths, outreach, crisis lines and community resources.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dictionaries.areas import AreaMatcher
from dictionaries.directory import Area, Directory, Site, load_directory
from dictionaries.routing_rules import RouteRule, RoutingRules, load_routing_rules
from dictionaries.tag_result import CATEGORY_IDS
from flows.ports import Router
from flows.routing_sites import SiteList, choose_elderly_site, site_ref, suggest_resources
from flows.routing_types import (
    AreaChoice,
    CrisisLine,
    Meeting,
    RouteDecision,
    RouteRequest,
)


@dataclass(frozen=True)
class _Path:
    """Who takes a case, and whether the plan's multi-agency machinery is involved."""

    primary: Site
    coordinator: Site | None = None
    manager: Site | None = None
    meeting: Meeting = "none"
    compound: bool = False


MAX_SPECIFIC_CRISIS_LINES = 4

class CityRouter:
    """The `Router` of Toyama City's plan over a loaded directory and rule table."""

    def __init__(self, directory: Directory, rules: RoutingRules) -> None:
        self._directory = directory
        self._rules = rules
        self._matcher = AreaMatcher(directory)

    def route(self, request: RouteRequest) -> RouteDecision:
        categories = tuple(dict.fromkeys(c for c in request.categories if c in CATEGORY_IDS))
        route_rules = self._route_rules(request, categories)
        lead = next((r for r in route_rules if r.field), route_rules[0])
        reasons = self._danger_reasons(request, categories, lead)
        if self._elderly_isolation(request, categories):
            reasons.append(self._rules.reason("elderly_isolation"))
        sites = SiteList(self._directory)
        lead_site = self._field_sites(request, route_rules, lead, sites, reasons)
        path = self._path(request, route_rules, lead, lead_site, reasons)
        if request.long_withdrawal:
            reasons.append(self._rules.reason("outreach"))
            sites.add(*self._rules.outreach)
            sites.add_kind(self._rules.outreach_also_kind)
        resources, resource_reasons = suggest_resources(
            request, categories, route_rules, self._directory, self._rules
        )
        urgent = request.emergency or "abuse" in categories
        return RouteDecision(
            primary=site_ref(path.primary),
            sites=sites.refs(),
            multi_agency=path.compound,
            coordinator=site_ref(path.coordinator) if path.coordinator else None,
            manager=site_ref(path.manager) if path.manager else None,
            meeting=path.meeting,
            outreach=request.long_withdrawal,
            crisis_lines=self.crisis_lines(categories) if urgent else (),
            resources=resources,
            reasons=(*reasons, *resource_reasons),
        )

    def crisis_lines(self, categories: tuple[str, ...] = ()) -> tuple[CrisisLine, ...]:
        """Confirmed lines only: those for every danger first, then the categories' own."""
        shown = [c for c in self._directory.crisis_lines if c.shown]
        wanted = set(categories)
        specific = sorted(
            (c for c in shown if not c.always and set(c.fields) & wanted),
            key=lambda c: -len(set(c.fields) & wanted),  # stable: data order among equals
        )
        # A person in crisis reads the first few numbers, not a directory: the best matches only.
        specific = specific[:MAX_SPECIFIC_CRISIS_LINES]
        chosen = [c for c in shown if c.always] + (specific or [c for c in shown if c.fallback])
        return tuple(
            CrisisLine(
                id=c.id, name=c.name, phone=c.phone or "", hours=c.hours or "", use_for=c.use_for
            )
            for c in chosen
        )

    def areas(self) -> tuple[AreaChoice, ...]:
        return tuple(
            _area_choice(a) for a in (*self._directory.areas, self._directory.area_unknown)
        )

    def match_area(self, text: str) -> AreaChoice | None:
        area = self._matcher.match(text)
        return _area_choice(area) if area else None

    def _elderly_isolation(self, request: RouteRequest, categories: tuple[str, ...]) -> bool:
        """An older person cut off from others, with no other field named: the community care
        centre's general consultation for older people is the first window, not outreach."""
        person_fields = set(categories) - {"general", "abuse"}
        return person_fields == {"isolation"} and self._rules.age_in("elderly", request.age_group)

    def _route_rules(
        self, request: RouteRequest, categories: tuple[str, ...]
    ) -> tuple[RouteRule, ...]:
        rules = self._rules
        infant = request.pregnancy or rules.age_in("infant", request.age_group)
        keys: list[str] = []
        for category in categories:
            if category == "child":
                keys.append("child_infant" if infant else "child")
            elif category == "isolation" and self._elderly_isolation(request, categories):
                keys.append("elderly")
            elif category not in ("abuse", "general"):
                keys.append(category)
        if request.pregnancy and "child_infant" not in keys:
            keys.append("child_infant")
        if not keys and "abuse" in categories:
            # Abuse alone: the field of the person it happens to, when the age tells it.
            for group, key in (
                ("infant", "child_infant"),
                ("child", "child"),
                ("elderly", "elderly"),
            ):
                if rules.age_in(group, request.age_group):
                    keys.append(key)
                    break
            else:
                keys.append("abuse")
        return tuple(rules.routes[k] for k in dict.fromkeys(keys or ["general"]))

    def _danger_reasons(
        self, request: RouteRequest, categories: tuple[str, ...], lead: RouteRule
    ) -> list[str]:
        rules = self._rules
        reasons = [rules.reason("emergency")] if request.emergency else []
        if "abuse" in categories:
            reasons.append(rules.reason("abuse_urgent"))
            if lead.field:
                reasons.append(rules.reason("abuse_with_field", primary_field=self._label(lead)))
        return reasons

    def _field_sites(
        self,
        request: RouteRequest,
        route_rules: tuple[RouteRule, ...],
        lead: RouteRule,
        sites: SiteList,
        reasons: list[str],
    ) -> Site:
        """Each route's sites into `sites`, its reasons into `reasons`; the lead route's site."""
        lead_site = self._directory.get(lead.primary)
        for rule in route_rules:
            reasons.append(self._rules.reason(rule.reason))
            if rule.key == "elderly":
                area = self._area(request.area)
                elderly = choose_elderly_site(
                    area, bool(request.area), self._directory, self._rules
                )
                reasons.append(elderly.reason)
                sites.add(*elderly.site_ids)
                if rule is lead:
                    lead_site = self._directory.get(elderly.site_ids[0])
            else:
                sites.add(rule.primary, *rule.also)
            if rule.also_kind:
                sites.add_kind(rule.also_kind)
        return lead_site

    def _path(
        self,
        request: RouteRequest,
        route_rules: tuple[RouteRule, ...],
        lead: RouteRule,
        lead_site: Site,
        reasons: list[str],
    ) -> _Path:
        """Who takes the case: the site, or the coordinator for a compound or unconsented one."""
        rules = self._rules
        fields = tuple(dict.fromkeys(r.field for r in route_rules if r.field))
        compound = len(fields) >= 2
        # A volunteer's or neighbour's report needs the person's yes; a family member is taken to
        # speak with the person unless they say the person does not agree.
        without_consent = (
            request.reporter == "third_party" and request.subject_consent != "yes"
        ) or (request.reporter == "family" and request.subject_consent == "no")
        coordinator = self._site(lead.coordinator)
        manager = self._directory.get(rules.manager)
        if not (compound or without_consent):
            if request.subject_consent == "yes" and request.reporter != "self":
                reasons.append(rules.reason("consented_referral"))
            elif request.reporter == "family":
                reasons.append(rules.reason("family_referral"))
            return _Path(primary=lead_site)
        if compound:
            assert coordinator is not None  # every route with a field names its coordinator
            labels = "・".join(rules.field_labels[f] for f in fields)
            reasons.append(
                rules.reason(
                    "compound",
                    fields=labels,
                    primary_field=self._label(lead),
                    coordinator=coordinator.name,
                )
            )
        if not without_consent:
            reasons.append(rules.reason("multilayer_meeting"))
            meeting: Meeting = "multilayer_meeting"
        elif coordinator is not None:
            reasons.append(rules.reason("support_meeting", coordinator=coordinator.name))
            meeting = "support_meeting"
        else:
            # No field, no coordinator: the manager keeps the support meeting's records.
            reasons.append(rules.reason("support_meeting_no_field"))
            return _Path(manager, None, manager, "support_meeting", compound)
        assert coordinator is not None
        return _Path(coordinator, coordinator, manager, meeting, compound)

    def _area(self, text: str | None) -> Area | None:
        if not text:
            return None
        return self._directory.area(text) or self._matcher.match(text)

    def _site(self, site_id: str | None) -> Site | None:
        return self._directory.get(site_id) if site_id else None

    def _label(self, rule: RouteRule) -> str:
        return self._rules.field_labels[rule.field or rule.key]


def _area_choice(area: Area) -> AreaChoice:
    return AreaChoice(
        id=area.id, label=area.label, aliases=area.aliases, candidates=area.candidates
    )


@functools.cache
def get_router() -> CityRouter:
    """One router per process over the directory and rules loaded once."""
    return CityRouter(load_directory(), load_routing_rules())


if TYPE_CHECKING:
    # mypy proves here that CityRouter satisfies the flow's Router protocol.
    def _is_a_router(router: CityRouter) -> Router:
        return router
