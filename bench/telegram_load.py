"""Simulated people on the fake Bot API server, and `tsunagu run` processes serving them.

Each person answers a bot turn the moment it ends (the turn's last message carries the
quick-exit button), so N people keep N conversations busy at once. Latency is measured on the
server: from queuing a person's update to the bot's sendMessage that ends the turn it caused.
"""

from __future__ import annotations

import functools
import http.client
import json
import os
import queue
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from bench.checks import Verdict
from bench.engine import percentile
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
from bot.channels.telegram_render import QUICK_EXIT_DATA, ChoicePress, decode_callback, texts
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser, JsonDict

REPO = Path(__file__).resolve().parent.parent
FIRST_USER_ID = 500_000_000


def inline_buttons(message: JsonDict) -> list[JsonDict]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]


def ends_turn(message: JsonDict) -> bool:
    return any(b.get("callback_data") == QUICK_EXIT_DATA for b in inline_buttons(message))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def people_for(count: int, seed: int = 11) -> dict[int, Person]:
    return {FIRST_USER_ID + i: Person(seed * 1_000_003 + i) for i in range(count)}


@dataclass
class LoadReport:
    messages: int
    finished: int
    people: int
    elapsed_s: float
    latencies_ms: list[float]
    error_replies: int

    def numbers(self, prefix: str) -> dict[str, float]:
        """Throughput and latency under the results.json names `<prefix>_msgs_per_s` ..."""
        return {
            f"{prefix}_msgs_per_s": self.messages / self.elapsed_s,
            f"{prefix}_p50_ms": statistics.median(self.latencies_ms),
            f"{prefix}_p99_ms": percentile(self.latencies_ms, 99),
            f"{prefix}_messages": float(self.messages),
        }

    def require(self, verdict: Verdict, *problems: str) -> None:
        """Raise unless every person finished and every case arrived whole and in order."""
        if self.finished < self.people or not verdict.all_well or problems:
            raise RuntimeError(
                f"{self.finished}/{self.people} people finished in {self.elapsed_s:.0f} s; "
                f"{verdict.submitted} cases, {verdict.in_order} in order; "
                + "".join(f"{p}; " for p in problems)
                + f"first problems: {verdict.problems[:3]}"
            )


class LoadApi(FakeBotApi):
    """The fake Bot API server, with people who answer each bot turn at once."""

    def __init__(self, people: Mapping[int, Person], *, think_s: float = 0.0) -> None:
        super().__init__()
        self.people = dict(people)
        self.think_s = think_s  # how long a person takes to answer a turn
        self.finished: dict[int, Person] = {}
        self.all_done = threading.Event()
        self._lock = threading.Lock()
        self._queued: dict[int, deque[float]] = {}  # chat: when each unanswered update was queued
        self._turn: dict[int, list[JsonDict]] = {}  # chat: bot messages of the turn under way
        self._offered: dict[int, dict[str, tuple[int, str]]] = {}  # choice id: message, data
        self._latencies_ms: list[float] = []
        self._messages = 0
        self._errors = 0
        self._started = 0.0
        self._last_turn = 0.0
        self.call_starts: dict[str, list[float]] = {}  # method: when each call arrived

    def start(self) -> LoadApi:
        super().start()
        assert self._server is not None
        # A bot that stops drops its keep-alive connections; that is not worth a traceback.
        self._server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        return self

    # ---- the load ------------------------------------------------------------------------

    @property
    def started(self) -> float:
        """When begin() let the people loose (perf_counter), as the call times are kept."""
        return self._started

    def begin(self) -> None:
        self._started = time.perf_counter()
        for index, (chat_id, person) in enumerate(self.people.items()):
            if self.think_s:
                # People who take their time do not all start in the same millisecond: spread
                # over one think time, they do not come back in a burst every round either.
                delay = self.think_s * index / len(self.people)
                timer = threading.Timer(delay, self._act, (chat_id, person.first()))
                timer.daemon = True
                timer.start()
            else:
                self._act(chat_id, person.first())

    def wait(self, timeout: float) -> LoadReport:
        self.all_done.wait(timeout)
        with self._lock:
            end = self._last_turn if self.all_done.is_set() else time.perf_counter()
            return LoadReport(
                messages=self._messages,
                finished=len(self.finished),
                people=len(self.people),
                elapsed_s=end - self._started,
                latencies_ms=list(self._latencies_ms),
                error_replies=self._errors,
            )

    def handle(self, method: str, params: JsonDict) -> tuple[int, JsonDict]:
        arrived = time.perf_counter()
        with self._lock:
            self.call_starts.setdefault(method, []).append(arrived)
        status, body = super().handle(method, params)
        if status == 200 and method.lower() == "sendmessage":
            self._on_bot_message(body["result"])
        return status, body

    def _on_bot_message(self, message: JsonDict) -> None:
        now = time.perf_counter()
        chat_id = int(message["chat"]["id"])
        person = self.people.get(chat_id)
        if person is None:
            return
        with self._lock:
            turn = self._turn.setdefault(chat_id, [])
            turn.append(message)
            if message.get("text") == texts()["error"]:
                self._errors += 1
            if not ends_turn(message):
                return
            queued = self._queued[chat_id]
            self._latencies_ms.append((now - queued.popleft()) * 1000)
            self._last_turn = now
            self._turn[chat_id] = []
            if queued:  # a burst: its other messages get their own turns
                return
        action = person.next(self._offer(chat_id, turn))
        if action is not None and self.think_s:
            timer = threading.Timer(self.think_s, self._act, (chat_id, action))
            timer.daemon = True
            timer.start()
            return
        if action is not None:
            self._act(chat_id, action)
            return
        with self._lock:
            self.finished[chat_id] = person
            if len(self.finished) == len(self.people):
                self.all_done.set()

    def _offer(self, chat_id: int, turn: Sequence[JsonDict]) -> Offer:
        offered: dict[str, tuple[int, str]] = {}
        for message in reversed(turn):
            for button in inline_buttons(message):
                press = decode_callback(button.get("callback_data"))
                if isinstance(press, ChoicePress):
                    offered[press.choice_id] = (int(message["message_id"]),
                                                str(button["callback_data"]))
            if offered:
                break
        self._offered[chat_id] = offered
        contact = any(
            any(isinstance(b, dict) and b.get("request_contact")
                for row in self.reply_keyboards.get((chat_id, m["message_id"]), {})
                .get("keyboard", []) for b in row)
            for m in turn
        )
        return Offer(tuple(offered), contact)

    def _act(self, chat_id: int, action: Action) -> None:
        user = FakeUser(chat_id, "利用者")
        if isinstance(action, Burst):
            for text in action.texts:
                self._note_queued(chat_id)
                self.send_text(user, text)
            return
        self._note_queued(chat_id)
        if isinstance(action, Start):
            self.send_text(user, "/start")
        elif isinstance(action, Say):
            self.send_text(user, action.text)
        elif isinstance(action, Press):
            message_id, data = self._offered[chat_id][action.choice_id]
            self.press(user, message_id, data)
        elif isinstance(action, SharePhone):
            self.send_contact(user, action.phone)
        elif isinstance(action, Ask):
            self.send_text(user, f"/{action.command.value}")
        else:
            assert isinstance(action, SendPhoto)
            self.send_photo(user)

    def _note_queued(self, chat_id: int) -> None:
        # Before the update is queued: the bot may answer before this thread runs again.
        with self._lock:
            self._queued.setdefault(chat_id, deque()).append(time.perf_counter())
            self._messages += 1


# ---- `tsunagu run` processes ----------------------------------------------------------------


class BotProcess:
    """A `tsunagu run` process; its log goes to a file, never to the benchmark's output."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str], log: Path) -> None:
        self.started = time.perf_counter()
        self._log: IO[bytes] = log.open("wb")
        self.log_path = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run", *args],
            cwd=REPO, env={**os.environ, **env}, stdout=self._log, stderr=subprocess.STDOUT,
        )

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS in /proc status")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return int(self.process.returncode)

    def tail(self, lines: int = 5) -> str:
        """The end of the log, for a failure message (the log never holds what people wrote)."""
        return "\n".join(self.log_path.read_text("utf-8", "replace").splitlines()[-lines:])


def wait_ready(api: LoadApi, bot: BotProcess, method: str, count: int = 1,
               timeout: float = 90.0) -> float:
    """Seconds from process start until the server received the bot's first call of `method`
    (once `count` such calls arrived: one per worker)."""
    deadline = time.monotonic() + timeout
    while len(api.call_starts.get(method, ())) < count:
        if bot.process.poll() is not None:
            raise RuntimeError(f"tsunagu run exited with {bot.process.returncode}: {bot.tail()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"tsunagu run not ready after {timeout:.0f} s: {bot.tail()}")
        time.sleep(0.005)
    return min(api.call_starts[method]) - bot.started


class WebhookLoadApi(LoadApi):
    """The fake server posting to several webhooks, one per worker, as a reverse proxy that
    keeps each chat on one worker would. Each chat has one delivery lane: its updates are
    posted one at a time, in order, the next only after the worker accepted the last."""

    def __init__(self, people: Mapping[int, Person], secret: str, lanes_per_worker: int = 8
                 ) -> None:
        super().__init__(people)
        self.secret = secret
        self.webhooks: list[str] = []
        self.delivered: dict[str, int] = {}  # webhook url: updates accepted
        self.chat_workers: dict[int, set[str]] = {}  # chat: the webhooks its updates went to
        self._lanes_per_worker = lanes_per_worker
        self._lanes: list[queue.Queue[JsonDict]] = []

    def handle(self, method: str, params: JsonDict) -> tuple[int, JsonDict]:
        name = method.lower()
        if name in ("setwebhook", "deletewebhook"):
            with self._lock:
                self.call_starts.setdefault(method, []).append(time.perf_counter())
        if name == "setwebhook":
            # Every worker registers its own URL; keep them all (Telegram keeps one).
            with self._cond:
                url = str(params.get("url", ""))
                if url and url not in self.webhooks:
                    self.webhooks.append(url)
                    self.delivered[url] = 0
                self._record(method, params, 200)
            return 200, {"ok": True, "result": True}
        if name == "deletewebhook":
            self._record(method, params, 200)
            return 200, {"ok": True, "result": True}
        return super().handle(method, params)

    def start_delivery(self) -> None:
        """Call once every worker has registered its webhook."""
        urls = list(self.webhooks)
        for index in range(len(urls) * self._lanes_per_worker):
            lane: queue.Queue[JsonDict] = queue.Queue()
            self._lanes.append(lane)
            url = urls[index % len(urls)]
            self._spawn(functools.partial(self._deliver, lane, url))

    def _queue_update(self, payload: JsonDict) -> None:
        update = {"update_id": next(self._next_update_id), **payload}
        chat_id = _chat_of(payload)
        self._lanes[chat_id % len(self._lanes)].put(update)

    def _deliver(self, lane: queue.Queue[JsonDict], url: str) -> None:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.netloc, timeout=30)
        body_headers = {"Content-Type": "application/json",
                        "X-Telegram-Bot-Api-Secret-Token": self.secret}
        while not self._stopping.is_set():
            try:
                update = lane.get(timeout=0.2)
            except queue.Empty:
                continue
            body = json.dumps(update).encode()
            while not self._stopping.is_set():
                try:
                    connection.request("POST", parts.path, body, body_headers)
                    response = connection.getresponse()
                    response.read()
                    if response.status == 200:
                        break
                except OSError:
                    connection.close()
                self._stopping.wait(0.05)  # not accepted: the same update again, in order
            with self._cond:
                self.delivered[url] += 1
                self.chat_workers.setdefault(_chat_of(update), set()).add(url)
        connection.close()


def _chat_of(update: JsonDict) -> int:
    if "callback_query" in update:
        return int(update["callback_query"]["message"]["chat"]["id"])
    message = next(v for k, v in update.items() if k != "update_id")
    return int(message["chat"]["id"])
