"""`tsunagu flow --mermaid`: the conversation's state diagram, drawn from the flow's own data."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "flow",
        help="print the intake conversation's state diagram",
        description="相談の流れ（状態遷移図）を Mermaid 形式で出力します。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  tsunagu flow --mermaid > docs/flow.mmd",
    )
    parser.add_argument("--mermaid", action="store_true", required=True, help="Mermaid output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from flows.intake import mermaid

    sys.stdout.write(mermaid().rstrip("\n") + "\n")
    return 0
