"""`tsunagu keygen`: print a new encryption key for TSUNAGU_ENCRYPTION_KEY."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "keygen",
        help="print a new key for TSUNAGU_ENCRYPTION_KEY",
        description="相談内容と連絡先を暗号化して保存するための新しい鍵を出力します。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "example:\n"
            "  export TSUNAGU_ENCRYPTION_KEY=$(tsunagu keygen)\n"
            "  (the key goes to stdout, the advice to stderr)"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.commands.storage_texts import say
    from storage.crypto import generate_key

    print(generate_key())
    print(say("keygen_hint"), file=sys.stderr)
    return 0
