"""`tsunagu demo`: three scripted conversations through the real engine, then what staff get."""

from __future__ import annotations

import argparse
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from bot.commands.cli_texts import say
from bot.commands.common import settings_for

MAX_TURNS = 40  # a script that loops (a question it has no answer for) stops here
CONCERN_DONE = "done"  # the choice id of 「以上です」 in flows/data/prompts.yaml


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "demo",
        help="play three scripted conversations and show what staff would receive",
        description="本人・家族・民生委員の三つの相談を実際の仕組みで流し、職員に届く内容を表示します。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  tsunagu demo",
    )
    parser.add_argument("--quiet", action="store_true", help="print only the staff summaries")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bot.engine import ChatKey, build_engine
    from bot.handoff.summary import render_summary
    from storage.store import Store

    scripts: list[dict[str, Any]] = yaml.safe_load(
        resources.files("bot").joinpath("data/demo.yaml").read_text("utf-8")
    )
    with tempfile.TemporaryDirectory(prefix="tsunagu-demo-") as tmp:
        settings = settings_for(str(Path(tmp) / "demo.db"))
        engine = build_engine(settings)
        for number, script in enumerate(scripts, start=1):
            print(f"\n=== {number}. {script['title']} ===")
            _play(engine, ChatKey("demo", str(number)), script, verbose=not args.quiet)
        store = Store.from_settings(settings)
        try:
            for case in reversed(store.cases()):
                print("\n" + "-" * 60)
                print(render_summary(case.referral, status=case.status, markup="text"))
        finally:
            store.close()
    return 0


def _play(engine: Any, key: Any, script: dict[str, Any], *, verbose: bool) -> None:
    from flows.messages import ChoiceMessage, InboundMessage, TextMessage

    concern = list(script["concern"])
    answers: dict[str, Any] = script["answers"]
    replies = engine.current(key)
    previous = ""
    for _ in range(MAX_TURNS):
        if engine.is_done(key):
            return
        asked = replies[-1].key
        if asked == previous and asked != "concern_received":
            print(say("demo_loop", asked=asked))
            return
        previous = asked
        if verbose:
            for reply in replies:
                print(f"つなぐ> {reply.text}")
        message: InboundMessage
        if asked in ("ask_concern", "concern_received"):
            # The concern line by line, then the button that says it is all.
            message = TextMessage(concern.pop(0)) if concern else ChoiceMessage(CONCERN_DONE)
        elif asked not in answers:
            print(say("demo_unscripted", asked=asked))
            return
        elif isinstance(answers[asked], dict):
            message = ChoiceMessage(answers[asked]["choice"])
        else:
            message = TextMessage(str(answers[asked]))
        if verbose:
            shown = message.text if isinstance(message, TextMessage) else f"[{message.choice_id}]"
            print(f"  あなた> {shown}")
        replies = engine.handle(key, message)
