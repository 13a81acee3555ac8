"""`tsunagu sites`: the site directory of the city plan, as a table for people or JSON for tools."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from dictionaries.areas import AreaMatcher
from dictionaries.directory import Site, load_directory
from dictionaries.sites_model import CITY_WIDE
from dictionaries.tag_result import CATEGORY_IDS

EPILOG = """\
examples:
  tsunagu sites                         every site and resource of the city plan
  tsunagu sites --field elderly         the sites of one field (need category id)
  tsunagu sites --area 水橋 --json      sites for an area, as a JSON list with ids

An area matches a site only where a source confirms its coverage, or by the centre's own
name (match: name_only, coverage unconfirmed); city-wide sites always match (match: city).
The contact column is the confidence of the contact details; a phone is shown only with a source.
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "sites",
        help="list the consultation sites and resources of the city plan",
        description="富山市重層的支援体制整備事業実施計画の相談窓口・地域資源の一覧を出力します。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG,
    )
    parser.add_argument("--field", choices=CATEGORY_IDS, help="only sites of this field")
    parser.add_argument("--kind", help="only sites of this kind (e.g. community_care_center)")
    parser.add_argument("--area", help="an area name as a person gives it (水橋北, 水橋)")
    parser.add_argument("--json", action="store_true", help="a JSON list instead of a table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    directory = load_directory()
    sites = list(directory.sites)
    match: dict[str, str] = {}
    if args.area:
        area = directory.area(args.area) or AreaMatcher(directory).match(args.area)
        serving = directory.serving(area.id) if area else directory.serving("")
        named = directory.named_for(area.id) if area else ()
        match = {
            s.id: "city" if s.service_area and CITY_WIDE in s.service_area else "service_area"
            for s in serving
        }
        match.update({s.id: "name_only" for s in named if s.id not in match})
        sites = [s for s in sites if s.id in match]
        if area is None or not named:
            sys.stderr.write("no centre is named for this area: city-wide sites only\n")
    if args.field:
        sites = [s for s in sites if args.field in s.fields]
    if args.kind:
        sites = [s for s in sites if s.kind == args.kind]
    rows = [_row(s, match.get(s.id)) for s in sites]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _table(rows, with_match=bool(args.area))
    return 0


def _row(site: Site, match: str | None) -> dict[str, Any]:
    contact = site.contact
    row: dict[str, Any] = {
        "id": site.id,
        "name": site.name,
        "kind": site.kind,
        "fields": list(site.fields),
        "service_area": list(site.service_area) if site.service_area is not None else None,
        "area": site.area,
        "phone": site.phone,
        "address": contact.address if contact.shown else None,
        "contact_source": contact.source,
        "contact_confidence": contact.confidence,
        "source": site.source,
        "confidence": site.confidence,
        "legal_site": site.legal_site,
        "count": site.count,
        "names_in_plan": site.names_in_plan,
        "plan": site.plan,
        "note": site.note,
    }
    if match is not None:
        row["match"] = match
    return row


def _table(rows: list[dict[str, Any]], *, with_match: bool) -> None:
    columns = ["id", "kind", "fields", "phone", "contact"] + (["match"] if with_match else [])
    cells = [
        [
            str(r["id"]),
            str(r["kind"]),
            ",".join(r["fields"]),
            r["phone"] or "-",
            r["contact_confidence"],
            *([r["match"]] if with_match else []),
        ]
        for r in rows
    ]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    # The Japanese name comes last: its double-width characters would break the alignment.
    out = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)) + "  name"]
    for row, r in zip(cells, rows, strict=True):
        out.append(
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + "  " + r["name"]
        )
    out.append(f"({len(rows)} sites)")
    sys.stdout.write("\n".join(out) + "\n")
