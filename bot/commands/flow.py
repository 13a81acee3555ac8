"""`tsunagu flow --mermaid`: the conversation's state diagram, drawn from the flow's own data."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

README_BLOCK = re.compile(
    r"(<!-- flow-diagram:start -->\n).*?(<!-- flow-diagram:end -->)", flags=re.DOTALL
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "flow",
        help="print the intake conversation's state diagram",
        description="相談の流れ（状態遷移図）を Mermaid 形式で出力します。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  tsunagu flow --mermaid > docs/flow.mmd\n"
            "  tsunagu flow --mermaid --write-readme README.md"
        ),
    )
    parser.add_argument("--mermaid", action="store_true", required=True, help="Mermaid output")
    parser.add_argument(
        "--write-readme", metavar="PATH", help="replace the diagram between the README's markers"
    )
    parser.set_defaults(func=run)


def readme_diagram(mermaid: str) -> str:
    """The README's copy of the diagram, as it sits between the markers."""
    return f"```mermaid\n{mermaid.rstrip()}\n```\n"


def run(args: argparse.Namespace) -> int:
    from flows.intake import mermaid

    diagram = mermaid()
    if args.write_readme:
        path = Path(args.write_readme)
        text = path.read_text("utf-8")
        block = readme_diagram(diagram)
        path.write_text(README_BLOCK.sub(lambda m: m[1] + block + m[2], text), "utf-8")
        return 0
    sys.stdout.write(diagram.rstrip("\n") + "\n")
    return 0
