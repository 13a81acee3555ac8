"""`tsunagu purge`: delete abandoned intakes after the retention period."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from bot.commands.common import add_db_argument
from bot.config import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "purge",
        help="delete intakes left unfinished for more than N days",
        description=(
            "途中で止まった相談（送信されていないもの）を、保存期間を過ぎたら削除します。"
            "送信済みの相談は削除しません。"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  tsunagu purge --db var/tsunagu.db\n"
            "  tsunagu purge --days 14   # default: $TSUNAGU_RETENTION_DAYS, else 30"
        ),
    )
    parser.add_argument(
        "--days", type=int, metavar="N", help="retention in days (default: settings, 30)"
    )
    add_db_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.commands.storage_texts import say
    from storage.errors import StorageError
    from storage.store import Store

    settings = Settings.from_env(args.db)
    days = settings.retention_days if args.days is None else args.days
    if days < 0:
        print("--days must be 0 or more", file=sys.stderr)
        return 2
    try:
        store = Store.from_settings(settings)
    except StorageError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        result = store.purge(days=days, now=datetime.now(UTC))
    finally:
        store.close()
    print(say("purged", days=days, conversations=result.conversations, consents=result.consents))
    return 0
