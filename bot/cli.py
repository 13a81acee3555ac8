"""`tsunagu`: the command line. Each sub-command lives in its own module under bot/commands."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from storage.errors import StorageError

# Sub-command modules, in the order `tsunagu --help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "chat",
    "cases",
    "staff",
    "outbox",
    "demo",
    "flow",
    "db",
    "purge",
    "keygen",
    "sites",
    "route",
    "run",
    "tag",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tsunagu",
        description="つなぐ: 富山市の重層的支援体制のための相談受付アシスタント",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  tsunagu chat --db var/tsunagu.db",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"bot.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except StorageError as exc:
        # Configuration and schema problems say what to do; a traceback would only bury that.
        print(exc, file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
