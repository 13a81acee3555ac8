"""`tsunagu cases list | show REF | export`: what staff receive, read from storage."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.commands.cli_texts import say
from bot.commands.common import add_db_argument, settings_for

if TYPE_CHECKING:
    from storage.records import CaseRecord
    from storage.store import Store

EXPORT_SCHEMA_VERSION = 1  # docs/case-export.md
CASE_STATUSES = ("submitted", "accepted", "forwarded", "closed")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "cases",
        help="list, show or export submitted cases",
        description="受け付けた相談（つなぎ）を一覧・表示・書き出しします。表示と書き出しは監査ログに残ります。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  tsunagu cases list --db var/tsunagu.db\n"
            "  tsunagu cases list --site elderly_division --status submitted\n"
            "  tsunagu cases show TS-20261126-7K3Q --db var/tsunagu.db\n"
            "  tsunagu cases export --format json --db var/tsunagu.db > cases.json"
        ),
    )
    parser.add_argument("action", choices=("list", "show", "export"))
    parser.add_argument("reference", nargs="?", help="受付番号 (for show)")
    parser.add_argument("--format", choices=("json",), default="json", help="export format")
    parser.add_argument("--site", metavar="SITE_ID", help="only cases of this site")
    parser.add_argument("--status", choices=CASE_STATUSES, help="only cases in this status")
    add_db_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from storage.store import Store

    store = Store.from_settings(settings_for(args.db))
    try:
        if args.action == "list":
            _list(store.cases(site_id=args.site, status=args.status))
            return 0
        if args.action == "show":
            return _show(store, args.reference)
        _export(store, store.cases(site_id=args.site, status=args.status))
        return 0
    finally:
        store.close()


def _list(cases: list[CaseRecord]) -> None:
    if not cases:
        print(say("cases_none"))
        return
    for case in cases:
        r = case.referral
        urgent = say("cases_urgent") if r.urgent else "    "
        print(
            f"{r.reference}  {r.created_at:%Y-%m-%d %H:%M}  {urgent}  {case.status:<9}  "
            f"{r.reporter:<11}  {case.site_id:<32}  {','.join(r.categories)}"
        )


def _show(store: Store, reference: str | None) -> int:
    from bot.handoff.summary import render_summary

    case = store.case(reference) if reference else None
    if case is None:
        print(say("cases_not_found", reference=str(reference)), file=sys.stderr)
        return 1
    _audit(store, "cases_show", [case.reference])
    print(render_summary(case.referral, status=case.status, markup="text"))
    return 0


def _export(store: Store, cases: list[CaseRecord]) -> None:
    _audit(store, "cases_export", [c.reference for c in cases])
    payload = [{"schema_version": EXPORT_SCHEMA_VERSION, **c.to_dict()} for c in cases]
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _audit(store: Store, action: str, references: list[str]) -> None:
    """Who read which case and when: personal data leaves the database only with a trace."""
    now = datetime.now(UTC)
    actor = f"cli:{getpass.getuser()}"
    with store.unit_of_work() as uow:
        for reference in references:
            uow.audit(actor, action, at=now, reference=reference)
        uow.commit()
