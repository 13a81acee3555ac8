"""`tsunagu outbox status | retry`: what waits to be delivered to staff and reporters."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta

from bot.commands.common import add_db_argument


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "outbox",
        help="show what waits to be delivered; requeue failed deliveries",
        description=(
            "送信待ちのつなぎとお知らせの件数、最も古い未送信の経過時間、職員用チャットが未登録の"
            "ために待っている窓口を表示します（個人情報は表示しません）。"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  tsunagu outbox status --db var/tsunagu.db\n"
            "  tsunagu outbox retry --db var/tsunagu.db   # failed -> pending again"
        ),
    )
    parser.add_argument("action", choices=("status", "retry"))
    add_db_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from bot.config import Settings
    from bot.handoff.texts import text
    from storage import outbox_repo
    from storage.errors import StorageError
    from storage.store import Store

    try:
        store = Store.from_settings(Settings.from_env(args.db))
    except StorageError as exc:
        print(exc, file=sys.stderr)
        return 1
    now = datetime.now(UTC)
    try:
        with Session(store.engine) as session:
            if args.action == "retry":
                count = outbox_repo.retry_failed(session, now)
                session.commit()
                print(text("cli", "outbox_retried", count=str(count)))
                return 0
            summary = outbox_repo.summary(session)
    finally:
        store.close()
    oldest = (
        age(now - summary.oldest_pending_at)
        if summary.oldest_pending_at
        else text("cli", "outbox_none")
    )
    print(
        text(
            "cli",
            "outbox_status",
            pending=str(summary.pending),
            referrals=str(summary.pending_by_kind.get("referral", 0)),
            notices=str(summary.pending_by_kind.get("status", 0)),
            failed=str(summary.failed),
            sent=str(summary.sent),
            oldest=oldest,
        )
    )
    print(text("cli", "outbox_waiting_header"))
    if not summary.waiting_for_chat:
        print("  " + text("cli", "outbox_none"))
    for site_id, count in sorted(summary.waiting_for_chat.items()):
        print(text("cli", "outbox_waiting", site_id=site_id, count=str(count)))
    return 0


def age(delta: timedelta) -> str:
    """A short age for people: 45s, 12m, 3h 5m, 2d 4h."""
    seconds = max(int(delta.total_seconds()), 0)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m" if minutes else f"{seconds}s"
