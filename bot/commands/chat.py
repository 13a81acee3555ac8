"""`tsunagu chat`: the console intake."""

from __future__ import annotations

import argparse
import sys

from bot.commands.common import add_db_argument, open_engine


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "chat",
        help="talk to the intake in this terminal",
        description="相談の受付をこの端末で行います。番号で選ぶか、ことばで答えてください。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  tsunagu chat --db var/tsunagu.db\n"
            '  echo \'{"text": "母の介護のことで"}\' | tsunagu chat --jsonl --db var/tsunagu.db'
        ),
    )
    add_db_argument(parser)
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='line protocol: one JSON object per bot turn; input {"text": ...} or {"choice": ...}',
    )
    parser.add_argument(
        "--chat-id", default="local", help="which console conversation to open (default: local)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.channels.console import ConsoleChat
    from bot.engine import ChatKey

    engine = open_engine(args.db)
    key = ChatKey(channel="console", chat_id=args.chat_id)
    return ConsoleChat(engine, key, sys.stdout, jsonl=args.jsonl).run(sys.stdin)
