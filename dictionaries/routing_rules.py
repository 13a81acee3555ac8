"""The plan's routing table and the Japanese reasons, loaded once per process from data files.

`data/routing_rules.yaml` says which category goes to which site; `data/routing_reasons.yaml`
holds every reason text. Both are checked against the directory on load.
"""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

from dictionaries.directory import load_directory
from dictionaries.sites_model import Directory

DATA_DIR = Path(__file__).parent / "data"
# Every placeholder a reason template may use; the router supplies each of them.
REASON_PLACEHOLDERS = frozenset(
    {"site", "area", "candidates", "fields", "primary_field", "coordinator"}
)


@dataclass(frozen=True)
class RouteRule:
    key: str
    field: str | None  # the plan's field (多機関協働調整担当の分野); None: no field
    primary: str
    also: tuple[str, ...]
    also_kind: str | None
    coordinator: str | None
    reason: str


@dataclass(frozen=True)
class ResourceRule:
    site: str | None
    kind: str | None
    reason: str


@dataclass(frozen=True)
class RoutingRules:
    routes: dict[str, RouteRule]
    age_groups: dict[str, frozenset[str]]
    elderly_fallback: str
    manager: str
    outreach: tuple[str, ...]
    outreach_also_kind: str
    resources: dict[str, ResourceRule]
    reasons: dict[str, str]
    field_labels: dict[str, str]
    labels: dict[str, str]

    def reason(self, key: str, **params: str) -> str:
        return self.reasons[key].format(**params)

    def age_in(self, group: str, age_group: str | None) -> bool:
        return age_group is not None and age_group in self.age_groups.get(group, frozenset())


def _route(key: str, raw: dict[str, Any]) -> RouteRule:
    return RouteRule(
        key=key,
        field=raw.get("field"),
        primary=str(raw["primary"]),
        also=tuple(raw.get("also") or ()),
        also_kind=raw.get("also_kind"),
        coordinator=raw.get("coordinator"),
        reason=str(raw["reason"]),
    )


def _check(rules: RoutingRules, directory: Directory) -> None:
    site_ids = [rules.elderly_fallback, rules.manager, *rules.outreach]
    for route in rules.routes.values():
        site_ids += [route.primary, *route.also]
        site_ids += [route.coordinator] if route.coordinator else []
    site_ids += [r.site for r in rules.resources.values() if r.site]
    missing = [s for s in site_ids if directory.find(s) is None]
    if missing:
        raise ValueError(f"routing rules name unknown sites: {missing}")
    reason_keys = [r.reason for r in rules.routes.values()]
    reason_keys += [r.reason for r in rules.resources.values()]
    absent = [k for k in reason_keys if k not in rules.reasons]
    if absent:
        raise ValueError(f"routing rules name reasons without a text: {absent}")
    for key, text in rules.reasons.items():
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        if not names <= REASON_PLACEHOLDERS:
            raise ValueError(f"reason {key}: unknown placeholders {names - REASON_PLACEHOLDERS}")


def parse_routing_rules(
    rules_raw: dict[str, Any], reasons_raw: dict[str, Any], directory: Directory
) -> RoutingRules:
    rules = RoutingRules(
        routes={k: _route(k, v) for k, v in rules_raw["routes"].items()},
        age_groups={k: frozenset(map(str, v)) for k, v in rules_raw["age_groups"].items()},
        elderly_fallback=str(rules_raw["elderly_fallback"]),
        manager=str(rules_raw["manager"]),
        outreach=tuple(rules_raw["outreach"]),
        outreach_also_kind=str(rules_raw["outreach_also_kind"]),
        resources={
            k: ResourceRule(site=v.get("site"), kind=v.get("kind"), reason=str(v["reason"]))
            for k, v in rules_raw["resources"].items()
        },
        reasons={str(k): str(v) for k, v in reasons_raw["reasons"].items()},
        field_labels={str(k): str(v) for k, v in reasons_raw["field_labels"].items()},
        labels={str(k): str(v) for k, v in reasons_raw["labels"].items()},
    )
    _check(rules, directory)
    return rules


def _read(name: str) -> dict[str, Any]:
    return cast(dict[str, Any], yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8")))


@functools.cache
def load_routing_rules() -> RoutingRules:
    return parse_routing_rules(
        _read("routing_rules.yaml"), _read("routing_reasons.yaml"), load_directory()
    )
