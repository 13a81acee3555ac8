"""`tsunagu route`: one routing decision per JSON line on stdin, one JSON line out for each."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO, cast, get_args

from flows.routing_types import Reporter, RouteRequest, SubjectConsent

EPILOG = """\
example:
  echo '{"categories": ["elderly", "poverty"], "area": "水橋北", "reporter": "third_party",
         "subject_consent": "no"}' | tsunagu route

input, one JSON object a line (all but categories optional):
  {"categories": [...], "emergency": bool, "area": "...", "reporter": "self|family|third_party",
   "subject_consent": "yes|no|unknown", "age_group": "...", "pregnancy": bool,
   "long_withdrawal": bool, "daytime_place": bool}
output, one JSON line each: {"primary", "sites", "multi_agency", "coordinator", "manager",
  "meeting", "outreach", "crisis_lines", "resources", "reasons"}, or {"error": "..."} for a
  line that is not a valid request (the next lines are still routed). Other keys are
  ignored, so `tsunagu tag` lines can be piped in: their district and age_group slots are used.
"""

BOOLEAN_KEYS = ("emergency", "pregnancy", "long_withdrawal", "daytime_place")
TEXT_KEYS = ("area", "age_group")
SLOT_KEYS = {"area": "district", "age_group": "age_group"}  # request key: tagger slot


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "route",
        help="route requests (JSON lines on stdin) to the city plan's sites",
        description="相談の分野などから、計画に沿ったつなぎ先と理由を JSON で出力します。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG,
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from flows.routing import get_router

    router = get_router()
    # Undecodable bytes become U+FFFD (and then a JSON error line) rather than a crash.
    stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    for line in stdin:
        if not line.strip():
            continue
        try:
            answer = router.route(parse_request(json.loads(line))).to_json()
        except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError too
            # The message names the problem, never the input: it may hold personal details.
            answer = {"error": _describe(error)}
        _write(sys.stdout, answer)
    return 0


def parse_request(data: Any) -> RouteRequest:
    """A `RouteRequest` from one decoded input line; ValueError naming the bad key."""
    if not isinstance(data, dict):
        raise ValueError("a request must be a JSON object")
    # A `tsunagu tag` line routes as it is: its district and age group slots fill the gaps.
    raw_slots = data.get("slots")
    slots: dict[str, Any] = raw_slots if isinstance(raw_slots, dict) else {}
    data = {**{k: slots[s] for k, s in SLOT_KEYS.items() if s in slots}, **data}
    categories = data.get("categories")
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise ValueError("categories must be a list of category ids")
    for key in BOOLEAN_KEYS:
        if not isinstance(data.get(key, False), bool):
            raise ValueError(f"{key} must be true or false")
    for key in TEXT_KEYS:
        if not isinstance(data.get(key), str | None):
            raise ValueError(f"{key} must be a string or null")
    reporter = data.get("reporter", "self")
    if reporter not in get_args(Reporter):
        raise ValueError(f"reporter must be one of {', '.join(get_args(Reporter))}")
    consent = data.get("subject_consent", "unknown")
    if consent not in get_args(SubjectConsent):
        raise ValueError(f"subject_consent must be one of {', '.join(get_args(SubjectConsent))}")
    return RouteRequest(
        categories=tuple(categories),
        emergency=data.get("emergency", False),
        area=data.get("area"),
        reporter=cast(Reporter, reporter),
        subject_consent=cast(SubjectConsent, consent),
        age_group=data.get("age_group"),
        pregnancy=data.get("pregnancy", False),
        long_withdrawal=data.get("long_withdrawal", False),
        daytime_place=data.get("daytime_place", False),
    )


def _describe(error: ValueError | RecursionError) -> str:
    if isinstance(error, RecursionError):
        return "not JSON (nested too deeply)"
    if isinstance(error, json.JSONDecodeError):
        return f"not JSON ({error.msg})"
    return str(error)


def _write(out: TextIO, answer: dict[str, Any]) -> None:
    out.write(json.dumps(answer, ensure_ascii=False) + "\n")
    out.flush()  # a tool reading line by line gets each answer at once
