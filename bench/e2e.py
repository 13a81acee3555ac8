"""200 people at once through the real Telegram stack: `tsunagu run` (Application, long polling)
against the fake Bot API server on 127.0.0.1, SQLite, each person playing a whole intake.

The bot is its own process, as an operator runs it, with `--max-rate 0`: the fake server has
no flood limit, so this measures our stack. The people answer each turn at once, so the bot is
saturated and the latency is mostly queueing (Little's law: 200 people / throughput);
`e2e_light_*` is 20 people who answer after a second, below saturation.
`e2e_flood_limited_msgs_per_s` is the default 30 calls/s, Telegram's limit per bot (50 people,
20 s window): the real ceiling on Telegram, set by `e2e_api_calls_per_msg`. The fake server
and the people share the benchmark's process; both processes' CPU use is reported (in cores),
so a reader can see which side was busy.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.checks import Verdict, check_cases
from bench.people import Person
from bench.telegram_load import BotProcess, LoadApi, LoadReport, people_for, wait_ready
from bot.config import Settings, sqlite_url
from storage.store import Store

USERS = 200
TIMEOUT_S = 240.0
# The calls a turn makes; all but answerCallbackQuery count against Telegram's flood limit.
TURN_METHODS = frozenset({"sendMessage", "sendChatAction", "editMessageReplyMarkup",
                          "answerCallbackQuery", "deleteMessage"})
# Below saturation, for the latency of a message rather than of a queue: 20 people who each
# answer a second after the bot's turn offer about 18 messages a second.
LIGHT_USERS = 20
LIGHT_THINK_S = 1.0
FLOOD_LIMITED_USERS = 50
FLOOD_LIMITED_WINDOW_S = 20.0


@dataclass
class PollingRun:
    load: LoadReport
    verdict: Verdict
    startup_s: float
    bot_cpu_s: float
    bench_cpu_s: float
    exit_code: int
    api_calls: int  # Bot API calls made while the people talked (getUpdates aside)
    people: list[Person]
    polls: int = 0  # getUpdates calls while the people talked


def polling_run(users: int, directory: Path, *, max_rate: float = 0, think_s: float = 0.0,
                timeout: float = TIMEOUT_S) -> PollingRun:
    db = directory / "e2e.db"
    api = LoadApi(people_for(users), think_s=think_s)
    with api:
        bot = BotProcess(["--db", str(db), "--base-url", api.base_url,
                          "--max-rate", str(max_rate)],
                         {"TSUNAGU_TELEGRAM_TOKEN": api.token}, directory / "bot.log")
        try:
            startup = wait_ready(api, bot, "getUpdates")
            cpu_before, bench_before = bot.cpu_seconds(), time.process_time()
            api.begin()
            load = api.wait(timeout)
            calls = sum(len(starts) for method, starts in api.call_starts.items()
                        if method in TURN_METHODS)
            polls = sum(1 for start in api.call_starts.get("getUpdates", ())
                        if start >= api.started)
            bot_cpu = bot.cpu_seconds() - cpu_before
            bench_cpu = time.process_time() - bench_before
        finally:
            code = bot.stop()
    store = Store.from_settings(Settings(database_url=sqlite_url(db)))
    try:
        verdict = check_cases(store, "telegram", {str(k): p for k, p in api.finished.items()})
    finally:
        store.close()
    return PollingRun(load, verdict, startup, bot_cpu, bench_cpu, code, calls,
                      list(api.people.values()), polls)


def run() -> dict[str, float]:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="tsunagu-bench-") as directory:
        result = polling_run(USERS, Path(directory))
    with tempfile.TemporaryDirectory(prefix="tsunagu-bench-") as directory:
        light = polling_run(LIGHT_USERS, Path(directory), think_s=LIGHT_THINK_S).load
    with tempfile.TemporaryDirectory(prefix="tsunagu-bench-") as directory:
        # The default --max-rate (Telegram's 30 calls/s): what one bot token gets on Telegram.
        limited = polling_run(FLOOD_LIMITED_USERS, Path(directory), max_rate=30,
                              timeout=FLOOD_LIMITED_WINDOW_S).load
    load = result.load
    load.require(result.verdict)
    return {
        **load.numbers("e2e"),
        **light.numbers("e2e_light"),
        "e2e_cases_in_order": float(result.verdict.in_order),
        "e2e_burst_messages": float(sum(p.burst_messages for p in result.people)),
        "e2e_error_replies": float(load.error_replies),
        "e2e_api_calls_per_msg": result.api_calls / load.messages,
        "e2e_flood_limited_msgs_per_s": len(limited.latencies_ms) / limited.elapsed_s,
        "e2e_get_updates_per_msg": result.polls / load.messages,
        "e2e_bot_cpu_cores": result.bot_cpu_s / load.elapsed_s,
        # CPU per message: what the bot's own work costs, whatever else the machine runs.
        "e2e_bot_cpu_ms_per_msg": result.bot_cpu_s * 1000 / load.messages,
        "e2e_fake_server_cpu_cores": result.bench_cpu_s / load.elapsed_s,
        "e2e_load_avg_before": load_before,
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:<34} {value:>12.3f}")
