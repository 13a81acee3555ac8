"""One inbound message through engine, flow, tagger and a SQLite commit, in process.

10,000 messages over 500 conversations open at once: the people take turns round-robin, so
every message loads a different conversation than the one before, as in a busy bot. A person
who submits is replaced by a new chat, keeping 500 open. The time measured is Engine.handle
alone (load, flow, tagger, save, commit); the people's own choosing is outside it.
`engine_no_fsync_*`: 5,000 messages over 250 conversations with SQLite's synchronous=NORMAL,
to show what the disk's fsync at each commit costs (the product keeps the default, FULL).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench.checks import Verdict, check_cases
from bench.people import (
    Action,
    Ask,
    Burst,
    Offer,
    Person,
    Press,
    Say,
    SendPhoto,
    SharePhone,
    Start,
)
from bot.config import Settings, sqlite_url
from bot.engine import ChatKey, Engine, build_engine
from flows.messages import (
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    InboundMessage,
    Reply,
    TextMessage,
    UnsupportedMessage,
)
from storage.migrate import upgrade

MESSAGES = 10_000
CONVERSATIONS = 500
CHANNEL = "bench"


@dataclass
class EngineRun:
    latencies_ms: list[float] = field(default_factory=list)
    elapsed_s: float = 0.0
    finished: dict[str, Person] = field(default_factory=dict)  # chat id: said their last
    open: list[ChatKey] = field(default_factory=list)  # still mid-conversation at the end


def inbound(action: Action) -> list[InboundMessage]:
    """The messages a channel makes of a person's action (Telegram's /start on a new chat is
    a restart)."""
    if isinstance(action, Start):
        return [CommandMessage(Command.RESTART)]
    if isinstance(action, Say):
        return [TextMessage(action.text)]
    if isinstance(action, Burst):
        return [TextMessage(text) for text in action.texts]
    if isinstance(action, Press):
        return [ChoiceMessage(action.choice_id)]
    if isinstance(action, SharePhone):
        return [ContactMessage(action.phone)]
    if isinstance(action, Ask):
        return [CommandMessage(action.command)]
    assert isinstance(action, SendPhoto)
    return [UnsupportedMessage("photo")]


def offer_of(replies: Sequence[Reply]) -> Offer:
    choices = next((r.choices for r in reversed(replies) if r.choices), ())
    return Offer(tuple(c.id for c in choices), any(r.request_contact for r in replies))


def drive(engine: Engine, messages: int, conversations: int, *, seed: int = 7) -> EngineRun:
    """Sends `messages` messages from `conversations` people taking turns."""
    run = EngineRun()
    serial = 0

    def newcomer() -> tuple[ChatKey, Person, Action]:
        nonlocal serial
        serial += 1
        person = Person(seed * 1_000_003 + serial)
        return ChatKey(CHANNEL, f"{seed}-{serial}"), person, person.first()

    slots = [newcomer() for _ in range(conversations)]
    started = time.perf_counter()
    sent = 0
    while sent < messages:
        for index, (key, person, action) in enumerate(slots):
            if sent >= messages:
                break
            for message in inbound(action):
                before = time.perf_counter()
                replies = engine.handle(key, message)
                run.latencies_ms.append((time.perf_counter() - before) * 1000)
                sent += 1
            following = person.next(offer_of(replies))
            if following is None:
                run.finished[key.chat_id] = person
                slots[index] = newcomer()
            else:
                slots[index] = (key, person, following)
    run.elapsed_s = time.perf_counter() - started
    run.open = [key for key, _, _ in slots]
    return run


def open_engine(directory: Path) -> Engine:
    url = sqlite_url(directory / "bench.db")
    upgrade(url)
    return build_engine(Settings(database_url=url))


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def without_fsync(engine: Engine) -> None:
    """synchronous=NORMAL: in WAL mode a commit survives a crash of the process but not of
    the machine; measured only to show what the disk's fsync costs, never the default."""
    engine.store.engine.dispose()

    @event.listens_for(engine.store.engine, "connect")
    def _normal(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")


def measure(messages: int, conversations: int, *, fsync: bool = True) -> tuple[EngineRun, Verdict]:
    with tempfile.TemporaryDirectory(prefix="tsunagu-bench-") as directory:
        engine = open_engine(Path(directory))
        if not fsync:
            without_fsync(engine)
        try:
            drive(engine, 300, 20, seed=1)  # warm-up: tagger caches, SQLite pages, imports
            result = drive(engine, messages, conversations)
            return result, check_cases(engine.store, CHANNEL, result.finished)
        finally:
            engine.store.close()


def run() -> dict[str, float]:
    result, verdict = measure(MESSAGES, CONVERSATIONS)
    if not verdict.all_well:
        raise RuntimeError(f"cases wrong after the engine run: {verdict.problems[:3]}")
    no_fsync, _ = measure(MESSAGES // 2, CONVERSATIONS // 2, fsync=False)
    latencies = result.latencies_ms
    return {
        "engine_p50_ms": statistics.median(latencies),
        "engine_p99_ms": percentile(latencies, 99),
        "engine_max_ms": max(latencies),
        "engine_msgs_per_s": len(latencies) / result.elapsed_s,
        "engine_cases_submitted": float(verdict.submitted),
        "engine_cases_in_order": float(verdict.in_order),
        "engine_no_fsync_p50_ms": statistics.median(no_fsync.latencies_ms),
        "engine_no_fsync_p99_ms": percentile(no_fsync.latencies_ms, 99),
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:<34} {value:>12.3f}")
