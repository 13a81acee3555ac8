"""The e2e load on PostgreSQL with two `tsunagu run` workers in webhook mode.

A fresh schema on the server of TSUNAGU_TEST_POSTGRES_URL (default: the local test server),
migrated with `tsunagu db upgrade`, dropped afterwards. The fake server keeps each chat on one
worker and posts a chat's updates one at a time, so the order a person typed survives; the
benchmark checks it where it matters: concern texts sent in a burst must be stored in the
order sent, and no chat's updates may have reached both workers.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.checks import Verdict, check_cases
from bench.people import Person
from bench.telegram_load import (
    REPO,
    BotProcess,
    LoadReport,
    WebhookLoadApi,
    free_port,
    people_for,
    wait_ready,
)
from bot.config import Settings
from storage.store import Store
from tests.databases import fresh_schema

USERS = 200
WORKERS = 2
TIMEOUT_S = 240.0
DEFAULT_URL = "postgresql+psycopg://tsunagu:tsunagu@127.0.0.1:5432/tsunagu_test"


@dataclass
class WebhookRun:
    load: LoadReport
    verdict: Verdict
    per_worker: list[int]
    chats_on_two_workers: int
    exit_codes: list[int]
    workers_cpu_s: float
    people: list[Person]


def upgrade(url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", "upgrade"], cwd=REPO, capture_output=True,
        text=True, env={**os.environ, "TSUNAGU_DATABASE_URL": url}, timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"tsunagu db upgrade failed: {done.stderr.strip()[-300:]}")


def webhook_run(users: int, url: str, directory: Path, *, timeout: float = TIMEOUT_S
                ) -> WebhookRun:
    secret = secrets.token_urlsafe(24)
    api = WebhookLoadApi(people_for(users), secret)
    with api:
        env = {"TSUNAGU_TELEGRAM_TOKEN": api.token, "TSUNAGU_DATABASE_URL": url,
               "TSUNAGU_WEBHOOK_SECRET": secret}
        workers = []
        for index in range(WORKERS):
            port = free_port()
            workers.append(BotProcess(
                ["--base-url", api.base_url, "--webhook-url", f"http://127.0.0.1:{port}/telegram",
                 "--listen", "127.0.0.1", "--port", str(port), "--max-rate", "0"],
                env, directory / f"worker{index}.log"))
        try:
            for worker in workers:
                wait_ready(api, worker, "setWebhook", count=WORKERS)
            api.start_delivery()
            cpu_before = sum(worker.cpu_seconds() for worker in workers)
            api.begin()
            load = api.wait(timeout)
            workers_cpu = sum(worker.cpu_seconds() for worker in workers) - cpu_before
        finally:
            codes = [worker.stop() for worker in workers]
        per_worker = [api.delivered[hook] for hook in api.webhooks]
        split = sum(len(hooks) > 1 for hooks in api.chat_workers.values())
    store = Store.from_settings(Settings(database_url=url))
    try:
        verdict = check_cases(store, "telegram", {str(k): p for k, p in api.finished.items()})
    finally:
        store.close()
    return WebhookRun(load, verdict, per_worker, split, codes, workers_cpu,
                      list(api.people.values()))


def run() -> dict[str, float]:
    server = os.environ.get("TSUNAGU_TEST_POSTGRES_URL") or DEFAULT_URL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tsunagu-bench-") as directory, \
            fresh_schema(server, prefix="bench") as url:
        upgrade(url)
        result = webhook_run(USERS, url, Path(directory))
    load, verdict = result.load, result.verdict
    load.require(verdict, *([f"{result.chats_on_two_workers} chats reached both workers"]
                            if result.chats_on_two_workers else []))
    return {
        **load.numbers("e2e_pg"),
        "e2e_pg_cases_in_order": float(verdict.in_order),
        "e2e_pg_burst_messages": float(sum(p.burst_messages for p in result.people)),
        "e2e_pg_chats_on_two_workers": float(result.chats_on_two_workers),
        "e2e_pg_worker1_updates": float(result.per_worker[0]),
        "e2e_pg_worker2_updates": float(result.per_worker[1]),
        "e2e_pg_workers_cpu_cores": result.workers_cpu_s / load.elapsed_s,
        "e2e_pg_bench_s": time.perf_counter() - started,
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:<34} {value:>12.3f}")
