"""The site directory of the city plan, loaded and checked once per process from `data/sites.yaml`.

Loading fails loudly on a fact without a source (a phone with no source address, a crisis line
marked confirmed without one), so bad data cannot reach a person in the chat.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, cast

import yaml

from dictionaries.sites_model import (
    CONFIDENCES,
    KINDS,
    Area,
    Confidence,
    CrisisLineEntry,
    Directory,
    Site,
    SiteContact,
    is_source_address,
    known,
)
from dictionaries.tag_result import CATEGORY_IDS

__all__ = ["Area", "CrisisLineEntry", "Directory", "Site", "SiteContact", "load_directory"]

DATA_FILE = Path(__file__).parent / "data" / "sites.yaml"
Raw = dict[str, Any]


def _confidence(value: Any, owner: str) -> Confidence:
    if value not in CONFIDENCES:
        raise ValueError(f"{owner}: confidence must be one of {CONFIDENCES}")
    return cast(Confidence, value)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _fields(value: Any, owner: str) -> tuple[str, ...]:
    fields = _strings(value)
    unknown = [f for f in fields if f not in CATEGORY_IDS]
    if not fields or unknown:
        raise ValueError(f"{owner}: fields must be need category ids, got {list(fields)}")
    return fields


def _contact(raw: Raw, owner: str) -> SiteContact:
    contact = SiteContact(
        phone=known(raw.get("phone")),
        address=known(raw.get("address")),
        source=known(raw.get("source")),
        confidence=_confidence(raw.get("confidence"), owner),
        phone_alt=known(raw.get("phone_alt")),
    )
    if (contact.phone or contact.address) and not contact.shown:
        raise ValueError(f"{owner}: a contact detail without a source address and confidence")
    return contact


def _site(raw: Raw, defaults: Raw) -> Site:
    merged = {**defaults, **raw}
    owner = str(merged.get("id"))
    if merged.get("kind") not in KINDS:
        raise ValueError(f"{owner}: unknown kind {merged.get('kind')!r}")
    service_area = merged.get("service_area")
    count = merged.get("count", 1)
    return Site(
        id=owner,
        name=str(merged["name"]),
        kind=str(merged["kind"]),
        fields=_fields(merged.get("fields"), owner),
        service_area=None if known(service_area) is None else _strings(service_area),
        contact=_contact({**defaults["contact"], **raw.get("contact", {})}, owner),
        source=known(merged.get("source")),
        confidence=_confidence(merged.get("confidence"), owner),
        plan=str(merged.get("plan", "")),
        legal_site=bool(merged.get("legal_site", False)),
        count=None if count is None else int(count),
        names_in_plan=bool(merged.get("names_in_plan", True)),
        area=known(merged.get("area")),
        department=known(merged.get("department")),
        organization=known(merged.get("organization")),
        center_type=known(merged.get("center_type")),
        note=str(merged.get("note", "")),
    )


def _area(raw: Raw, group_labels: frozenset[str]) -> Area:
    label = str(raw["label"])
    # The parts of 「岩瀬・萩浦」 are names a person gives; a part two centres share (山室)
    # is a group and must lead to a choice, not to one of them.
    parts = tuple(p for p in label.split("・") if p not in group_labels)
    aliases = dict.fromkeys((label, label.replace("・", ""), *parts, *_strings(raw.get("aliases"))))
    return Area(
        id=str(raw["id"]),
        label=label,
        aliases=tuple(aliases),
        centre=known(raw.get("centre")),
        covered_by=known(raw.get("covered_by")),
        candidates=_strings(raw.get("candidates")),
    )


def _crisis_line(raw: Raw) -> CrisisLineEntry:
    owner = str(raw["id"])
    line = CrisisLineEntry(
        id=owner,
        name=str(raw["name"]),
        phone=known(raw.get("phone")),
        hours=known(raw.get("hours")),
        use_for=str(raw.get("use_for", "")),
        fields=_strings(raw.get("fields")),
        always=bool(raw.get("always", False)),
        fallback=bool(raw.get("fallback", False)),
        source=known(raw.get("source")),
        confidence=_confidence(raw.get("confidence"), owner),
    )
    if line.confidence == "confirmed" and not line.shown:
        raise ValueError(f"{owner}: a confirmed crisis line needs a phone and a source address")
    return line


def _check_references(directory: Directory) -> None:
    ids = [s.id for s in directory.sites]
    if len(ids) != len(set(ids)):
        raise ValueError("sites: duplicate ids")
    for area in (*directory.areas, *directory.area_groups):
        for site_id in (area.centre, area.covered_by):
            if site_id is not None and directory.find(site_id) is None:
                raise ValueError(f"area {area.id}: unknown site {site_id}")
        if area.covered_by is not None:
            site = directory.get(area.covered_by)
            if not is_source_address(site.source) or site.service_area is None:
                raise ValueError(f"area {area.id}: coverage needs a sourced service_area")
        for candidate in area.candidates:
            if directory.area(candidate) is None:
                raise ValueError(f"area group {area.id}: unknown area {candidate}")


def parse_directory(raw: Raw) -> Directory:
    defaults = cast(Raw, raw["defaults"])
    group_labels = frozenset(str(g["label"]) for g in raw.get("area_groups", []))
    directory = Directory(
        sites=tuple(_site(s, defaults) for s in raw["sites"]),
        crisis_lines=tuple(_crisis_line(c) for c in raw.get("crisis_lines", [])),
        areas=tuple(_area(a, group_labels) for a in raw.get("areas", [])),
        area_groups=tuple(_area(g, group_labels) for g in raw.get("area_groups", [])),
        area_unknown=_area(raw["area_unknown"], group_labels),
    )
    _check_references(directory)
    return directory


@functools.cache
def load_directory() -> Directory:
    """The directory of `data/sites.yaml`, parsed and checked once per process."""
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return parse_directory(cast(Raw, raw))
