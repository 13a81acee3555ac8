"""Process start to ready, and resident memory after warm-up.

`startup_s`: `tsunagu run` (long polling, SQLite) from process start until the fake Bot API
server receives its first getUpdates, i.e. it can take messages. `startup_chat_s`:
`tsunagu chat --jsonl` from process start until its first line (the greeting). Both the median
of three starts after one unmeasured start (which warms the OS file cache). `rss_mb`: the bot's
resident memory after 20 people went through whole conversations.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.telegram_load import REPO, BotProcess, LoadApi, people_for, wait_ready

STARTS = 3
WARM_UP_PEOPLE = 20


def start_bot(directory: Path, people: int) -> tuple[float, float | None]:
    """(seconds to ready, resident MB after `people` whole conversations, if any)."""
    api = LoadApi(people_for(people))
    with api:
        bot = BotProcess(["--db", str(directory / "startup.db"), "--base-url", api.base_url],
                         {"TSUNAGU_TELEGRAM_TOKEN": api.token}, directory / "bot.log")
        try:
            ready = wait_ready(api, bot, "getUpdates")
            rss = None
            if people:
                api.begin()
                report = api.wait(120)
                if report.finished < people:
                    raise RuntimeError(f"warm-up: {report.finished}/{people} finished")
                rss = bot.rss_mb()
        finally:
            bot.stop()
    return ready, rss


def start_chat(directory: Path) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "chat", "--jsonl", "--db", str(directory / "chat.db")],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    first = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.stdin.close()
    process.wait(timeout=60)
    if not first.startswith("{"):
        raise RuntimeError("tsunagu chat --jsonl printed no greeting")
    return elapsed


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="tsunagu-bench-") as name:
        directory = Path(name)
        start_bot(directory, 0)
        bot_starts = [start_bot(directory, 0)[0] for _ in range(STARTS - 1)]
        ready, rss = start_bot(directory, WARM_UP_PEOPLE)
        bot_starts.append(ready)
        start_chat(directory)
        chat_starts = [start_chat(directory) for _ in range(STARTS)]
    assert rss is not None
    return {
        "startup_s": statistics.median(bot_starts),
        "startup_chat_s": statistics.median(chat_starts),
        "rss_mb": rss,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<34} {value:>12.3f}")
