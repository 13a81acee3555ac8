"""`tsunagu tag`: what the tagger reads in each line of stdin, as one JSON object per line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "tag",
        help="read concerns on stdin, write categories, danger and details as JSON lines",
        description=(
            "Reads one text per line (plain text, or a JSON object with a \"text\" field) and "
            "writes one JSON object per line: categories, scores, emergency, evidence, "
            "negated, slots. A malformed or empty line gives {\"error\": ...}."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  echo '母がボケてきて、兄は10年家から出ていない。家賃が払えない' | tsunagu tag\n"
            '  echo \'{"text": "介護は必要ないけど、お金がない"}\' | tsunagu tag'
        ),
    )
    parser.set_defaults(func=run)


def text_of(line: str) -> str:
    """The text a line carries; ValueError (without the text itself) when it carries none."""
    stripped = line.strip()
    if not stripped:
        raise ValueError("empty line")
    if stripped.startswith("{"):
        try:
            data: Any = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ValueError(f"malformed JSON at column {exc.colno}") from None
        except RecursionError:
            raise ValueError("malformed JSON: nested too deeply") from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise ValueError('a JSON line needs a string field "text"')
        text: str = data["text"]
        if not text.strip():
            raise ValueError("empty text")
        return text
    if stripped.startswith("["):
        try:
            json.loads(stripped)
        except (json.JSONDecodeError, RecursionError):
            pass  # 「[相談] 母が…」: plain text that happens to start with a bracket
        else:
            raise ValueError("a JSON line must be an object with a \"text\" field")
    # Plain text is tagged as written (offsets count from the line's first character).
    return line.rstrip("\r\n")


def tag_lines(lines: TextIO, out: TextIO) -> None:
    from dictionaries.tagger import get_tagger

    tagger = get_tagger()
    for line in lines:
        try:
            payload: dict[str, Any] = tagger.tag(text_of(line)).to_json()
        except ValueError as exc:
            payload = {"error": str(exc)}
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        out.flush()


def run(args: argparse.Namespace) -> int:
    # Undecodable bytes on stdin become U+FFFD rather than ending the stream.
    stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    tag_lines(stdin, sys.stdout)
    return 0
