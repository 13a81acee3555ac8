"""The city plan's routing rules: which window takes a case, and why, in Japanese for staff.

Pure: the directory and the rule table come in loaded (see `get_router`), every decision is a
function of the request alone. Which site a category goes to is data
(dictionaries/data/routing_rules.yaml); this module applies the plan's logic on top: the
compound case, the consent paths, outreach, crisis lines and community resources.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from dictionaries.areas import AreaMatcher
from dictionaries.directory import Area, Directory, Site, load_directory
from dictionaries.routing_rules import RouteRule, RoutingRules, load_routing_rules
from dictionaries.tag_result import CATEGORY_IDS
from flows.ports import Router
from flows.routing_sites import ElderlyChoice, SiteList, choose_elderly_site, site_ref
from flows.routing_types import (
    AreaChoice,
    CrisisLine,
    Meeting,
    RouteDecision,
    RouteRequest,
    SiteRef,
)


class CityRouter:
    """The `Router` of Toyama City's plan over a loaded directory and rule table."""

    def __init__(self, directory: Directory, rules: RoutingRules) -> None:
        self._directory = directory
        self._rules = rules
        self._matcher = AreaMatcher(directory)

    def route(self, request: RouteRequest) -> RouteDecision:
        rules = self._rules
        categories = tuple(dict.fromkeys(c for c in request.categories if c in CATEGORY_IDS))
        route_rules = self._route_rules(request, categories)
        fields = tuple(dict.fromkeys(r.field for r in route_rules if r.field))
        lead = next((r for r in route_rules if r.field), route_rules[0])
        reasons: list[str] = []
        urgent = request.emergency or "abuse" in categories
        if request.emergency:
            reasons.append(rules.reason("emergency"))
        if "abuse" in categories:
            reasons.append(rules.reason("abuse_urgent"))
            if lead.field:
                reasons.append(rules.reason("abuse_with_field", primary_field=self._label(lead)))

        sites = SiteList(self._directory)
        elderly: ElderlyChoice | None = None
        for rule in route_rules:
            reasons.append(rules.reason(rule.reason))
            if rule.key == "elderly":
                elderly = choose_elderly_site(
                    self._area(request.area), bool(request.area), self._directory, rules
                )
                reasons.append(elderly.reason)
                sites.add(*elderly.site_ids)
            else:
                sites.add(rule.primary, *rule.also)
            if rule.also_kind:
                sites.add_kind(rule.also_kind)

        compound = len(fields) >= 2
        without_consent = request.reporter != "self" and request.subject_consent != "yes"
        coordinator = self._site(lead.coordinator)
        manager = self._directory.get(rules.manager)
        meeting: Meeting = "none"
        if elderly is not None and lead.key == "elderly":
            primary = self._directory.get(elderly.site_ids[0])
        else:
            primary = self._directory.get(lead.primary)
        if compound:
            assert coordinator is not None  # every route with a field names its coordinator
            primary = coordinator
            reasons.append(
                rules.reason(
                    "compound",
                    fields="・".join(rules.field_labels[f] for f in fields),
                    primary_field=self._label(lead),
                    coordinator=coordinator.name,
                )
            )
        if without_consent:
            meeting = "support_meeting"
            if coordinator is not None:
                primary = coordinator
                reasons.append(rules.reason("support_meeting", coordinator=coordinator.name))
            else:
                primary = manager
                reasons.append(rules.reason("support_meeting_no_field"))
        elif compound:
            meeting = "multilayer_meeting"
            reasons.append(rules.reason("multilayer_meeting"))
        elif request.reporter != "self":
            reasons.append(rules.reason("consented_referral"))

        if request.long_withdrawal:
            reasons.append(rules.reason("outreach"))
            sites.add(*rules.outreach)
            sites.add_kind(rules.outreach_also_kind)

        resources, resource_reasons = self._resources(request, categories, route_rules)
        involve_coordinator = compound or without_consent
        return RouteDecision(
            primary=site_ref(primary),
            sites=sites.refs(),
            multi_agency=compound,
            coordinator=site_ref(coordinator) if involve_coordinator and coordinator else None,
            manager=site_ref(manager) if involve_coordinator else None,
            meeting=meeting,
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

    def _route_rules(
        self, request: RouteRequest, categories: tuple[str, ...]
    ) -> tuple[RouteRule, ...]:
        rules = self._rules
        infant = request.pregnancy or rules.age_in("infant", request.age_group)
        keys: list[str] = []
        for category in categories:
            if category == "child":
                keys.append("child_infant" if infant else "child")
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

    def _resources(
        self,
        request: RouteRequest,
        categories: tuple[str, ...],
        route_rules: tuple[RouteRule, ...],
    ) -> tuple[tuple[SiteRef, ...], tuple[str, ...]]:
        rules = self._rules
        withdrawn = "isolation" in categories or request.long_withdrawal
        minor = rules.age_in("infant", request.age_group) or rules.age_in(
            "child", request.age_group
        )
        wanted = {
            "parenting": withdrawn and any(r.field == "child" for r in route_rules),
            "salon": withdrawn,
            "daytime_place": "disability" in categories
            and (withdrawn or request.daytime_place)
            and not minor,
        }
        found = SiteList(self._directory)
        reasons: list[str] = []
        for key, rule in rules.resources.items():
            if wanted.get(key):
                if rule.site:
                    found.add(rule.site)
                if rule.kind:
                    found.add_kind(rule.kind)
                reasons.append(rules.reason(rule.reason))
        return found.refs(), tuple(reasons)

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
