"""`tsunagu staff invite | list | unbind`: enrol staff of a site (or a volunteer) by a one-time
code, see which sites have staff chats, stop delivering to a site's chats."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from bot.commands.common import add_db_argument

if TYPE_CHECKING:
    from storage.store import Store

JST = timezone(timedelta(hours=9), "JST")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "staff",
        help="invite staff of a site (or a volunteer); list or unbind staff chats",
        description=(
            "窓口の職員（または民生委員・児童委員）を一回限りの招待コードで登録します。"
            "コードはここに一度だけ表示され、データベースにはハッシュだけが残ります。"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  tsunagu staff invite --site ccc_mizuhashi_kita --db var/tsunagu.db\n"
            "  tsunagu staff invite --volunteer --hours 72\n"
            "  tsunagu staff list --db var/tsunagu.db\n"
            "  tsunagu staff unbind --site ccc_mizuhashi_kita [--chat -1001234567890]"
        ),
    )
    parser.add_argument("action", choices=("invite", "list", "unbind"))
    parser.add_argument("--site", metavar="SITE_ID", help="the site whose staff chat to bind")
    parser.add_argument("--chat", metavar="CHAT_ID", help="unbind only this chat (for unbind)")
    parser.add_argument(
        "--volunteer", action="store_true", help="invite a volunteer (民生委員) instead of staff"
    )
    parser.add_argument(
        "--hours", type=float, default=24.0, metavar="N", help="valid for N hours (default 24)"
    )
    add_db_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.commands.common import settings_for
    from storage.errors import StorageError
    from storage.store import Store

    try:
        store = Store.from_settings(settings_for(args.db))
    except StorageError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        if args.action == "invite":
            return _invite(store, args)
        if args.action == "unbind":
            return _unbind(store, args)
        return _list(store)
    finally:
        store.close()


def _invite(store: Store, args: argparse.Namespace) -> int:
    from bot.handoff.invites import create_invite
    from bot.handoff.texts import site_name, text
    from dictionaries.directory import load_directory

    if args.hours <= 0:
        print("--hours must be more than 0", file=sys.stderr)
        return 2
    if not args.volunteer:
        if not args.site:
            print(text("cli", "needs_site"), file=sys.stderr)
            return 2
        if load_directory().find(args.site) is None:
            print(text("cli", "unknown_site", site_id=args.site), file=sys.stderr)
            return 2
    role = "volunteer" if args.volunteer else "staff"
    invite = create_invite(
        store,
        role=role,
        site_id=None if args.volunteer else args.site,
        now=datetime.now(UTC),
        valid_for=timedelta(hours=args.hours),
    )
    expires = f"{invite.expires_at.astimezone(JST):%Y-%m-%d %H:%M}"
    if invite.site_id is None:
        print(text("cli", "invite_volunteer", code=invite.code, expires=expires))
    else:
        print(
            text(
                "cli",
                "invite_staff",
                code=invite.code,
                site=site_name(invite.site_id),
                site_id=invite.site_id,
                expires=expires,
            )
        )
    return 0


def _list(store: Store) -> int:
    from sqlalchemy.orm import Session

    from bot.handoff.texts import text
    from storage import staff_repo

    with Session(store.engine) as session:
        sites = staff_repo.staffing(session)
        volunteers = staff_repo.volunteer_count(session)
    if not sites:
        print(text("cli", "list_empty"))
    else:
        print(text("cli", "list_header"))
        for site_id, (chats, staff) in sorted(sites.items()):
            print(f"{site_id}\t{chats}\t{staff}")
    print(text("cli", "volunteers", count=str(volunteers)))
    return 0


def _unbind(store: Store, args: argparse.Namespace) -> int:
    from bot.handoff.texts import text
    from storage import staff_repo

    if not args.site:
        print(text("cli", "unbind_needs_site"), file=sys.stderr)
        return 2
    now = datetime.now(UTC)
    with store.unit_of_work() as uow:
        count = staff_repo.unbind_chats(uow.session, args.site, now, chat_id=args.chat)
        uow.audit("cli", "staff_chat_unbound", at=now, detail=f"site={args.site} count={count}")
        uow.commit()
    print(text("cli", "unbound", count=str(count), site_id=args.site))
    return 0
