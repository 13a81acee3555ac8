"""`tsunagu db upgrade | check`: bring the database schema up to date, or check that it is."""

from __future__ import annotations

import argparse
import sys

from bot.commands.common import add_db_argument
from bot.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "db",
        help="migrate the database schema (Alembic)",
        description="データベースのスキーマを最新にします（upgrade）、または確認します（check）。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  tsunagu db upgrade --db var/tsunagu.db\n"
            "  TSUNAGU_DATABASE_URL=postgresql://tsunagu@db/tsunagu tsunagu db upgrade\n"
            "  tsunagu db check --db var/tsunagu.db"
        ),
    )
    parser.add_argument("action", choices=("upgrade", "check"), help="upgrade or check")
    add_db_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.commands.storage_texts import say
    from storage.errors import StorageError
    from storage.migrate import check_current, head_revision, upgrade

    settings = Settings.from_env(args.db)
    try:
        if args.action == "upgrade":
            print(say("upgraded", revision=upgrade(settings.database_url)))
        else:
            check_current(settings.database_url)
            print(say("current", revision=head_revision()))
    except StorageError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0
