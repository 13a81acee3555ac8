"""The fault run: simulated people talk to the real `tsunagu run` process over the fake Bot API
while the server misbehaves and the bot is killed (SIGKILL) at random moments and restarted.
Then it counts: every submitted conversation must have exactly one case and one referral,
delivered to the staff chat exactly once, and every stored conversation must still load.

Used by `python -m bench faults` (bench/faults.py) and, smaller, by tests/e2e/test_faults.py.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.config import Settings, sqlite_url
from storage.models import OutboxRow
from storage.store import Store
from tests.e2e.fake_bot_api import FakeUser
from tests.e2e.fault_api import FaultShares, FaultyBotApi
from tests.e2e.fault_checks import Findings, check
from tests.e2e.fault_people import PERSONAS, SimUser, receiving_site

REPO = Path(__file__).resolve().parents[2]
STAFF = FakeUser(9001, "受付担当")
STAFF_GROUP = -100900
CODE = re.compile(r"TSG-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")
TICK_S = 0.02
READY_LINE = b"Application started"  # python-telegram-bot, once polling has begun


@dataclass(frozen=True)
class FaultRunConfig:
    users: int = 40
    personas: int = len(PERSONAS)  # how many of the personas the users cycle through
    min_kills: int = 12
    max_kills: int = 1_000  # a test caps them to stay short
    arrival_s: float = 60.0  # people arrive spread over this window
    uptime_s: tuple[float, float] = (0.5, 6.0)  # the bot works this long once ready
    patience_s: float = 6.0  # a person waits this long for an answer before sending again
    think_s: tuple[float, float] = (0.05, 0.4)  # a person reads and thinks this long
    deadline_s: float = 300.0  # the whole load phase, a bound, never an assertion
    drain_s: float = 90.0  # after the people: until every referral is delivered
    shares: FaultShares = field(default_factory=FaultShares)
    seed: int = 7


@dataclass
class BotProcess:
    """`tsunagu run` as an operator starts it; its log goes to a file, appended per start."""

    db: Path
    api: FaultyBotApi
    log: Path
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0
    log_at_start: int = 0
    is_ready: bool = False
    crashes: list[int] = field(default_factory=list)  # exit codes of deaths we did not cause

    def start(self) -> None:
        env = {**os.environ, "TSUNAGU_TELEGRAM_TOKEN": self.api.token}
        self.log_at_start = self.log.stat().st_size if self.log.exists() else 0
        self.is_ready = False
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--db", str(self.db),
                 "--base-url", self.api.base_url],
                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.starts += 1

    def ready(self) -> bool:
        """This process has logged that it started (it polls by then). Its log, not the
        server's calls: a killed process's long poll can still end after the restart."""
        if self.process is not None and not self.is_ready:
            with self.log.open("rb") as log:
                log.seek(self.log_at_start)
                self.is_ready = READY_LINE in log.read()
        return self.process is not None and self.is_ready

    def died(self) -> bool:
        """True (and noted as a crash) when the bot ended without being told to."""
        if self.process is None or self.process.poll() is None:
            return False
        self.crashes.append(self.process.returncode)
        self.process = None
        return True

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=60)
        self.process = None
        return code


def tsunagu(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def expire_leases(store: Store) -> int:
    """What waiting out the lease of a killed dispatcher (2 minutes) and any retry backoff
    would do, done at once: pending rows become due now. Only while no bot runs."""
    with Session(store.engine) as session:
        result = session.execute(
            update(OutboxRow)
            .where(OutboxRow.status == "pending", OutboxRow.next_attempt_at > datetime.now(UTC))
            .values(next_attempt_at=datetime.now(UTC))
        )
        session.commit()
        return int(getattr(result, "rowcount", 0) or 0)


def invite_codes(db: Path, sites: set[str]) -> list[str]:
    """One `tsunagu staff invite` per receiving site (the first also creates the database)."""
    codes = []
    for site in sorted(sites):
        code = CODE.search(tsunagu("staff", "invite", "--site", site, "--db", str(db)))
        assert code is not None, "tsunagu staff invite printed no code"
        codes.append(code.group())
    return codes


def bind_staff_chat(api: FaultyBotApi, codes: list[str], sites: set[str], store: Store,
                    bot: BotProcess) -> None:
    """The staff member sends each code in the staff group, and the bot binds it."""
    group = api.group_chat(STAFF_GROUP, "受付窓口")
    for code in codes:
        api.send_text(STAFF, f"/bind {code}", chat=group)
    bot.start()
    deadline = time.monotonic() + 120
    while bound_sites(store) < sites:
        assert time.monotonic() < deadline, "the staff chat was never bound"
        if bot.died():
            bot.start()
        time.sleep(0.1)


def bound_sites(store: Store) -> set[str]:
    from storage.models import SiteStaffChatRow

    with Session(store.engine) as session:
        rows = session.query(SiteStaffChatRow.site_id).filter(
            SiteStaffChatRow.unbound_at.is_(None)).all()
        return {row[0] for row in rows}


@dataclass
class Tally:
    kills: int = 0
    kill_times: list[float] = field(default_factory=list)  # time.monotonic()
    leases_expired: int = 0
    load_s: float = 0.0
    drain_s: float = 0.0


def run_faults(config: FaultRunConfig, workdir: Path) -> Findings:
    rng = random.Random(config.seed)
    db = workdir / "tsunagu.db"
    began = time.monotonic()
    personas = [PERSONAS[i % config.personas] for i in range(config.users)]
    sites = {receiving_site(p) for p in set(personas)}
    codes = invite_codes(db, sites)
    store = Store.from_settings(Settings(database_url=sqlite_url(db)))
    api = FaultyBotApi(config.shares, config.seed).start()
    bot = BotProcess(db, api, workdir / "bot.log")
    try:
        bind_staff_chat(api, codes, sites, store, bot)
        api.faulty = True
        arrive = time.monotonic()
        setup_s = arrive - began
        people = [
            SimUser(api, FakeUser(50_000 + i, f"利用者{i}"), persona,
                    random.Random(rng.random()), config.patience_s,
                    start_at=arrive + rng.uniform(0, config.arrival_s), think_s=config.think_s)
            for i, persona in enumerate(personas)
        ]
        tally = _load(config, rng, people, bot, store)
        _drain(config, bot, store, tally)
        stopped = bot.stop()
        findings = check(store, api, people, STAFF_GROUP, tally.kill_times)
    finally:
        if bot.process is not None:
            bot.process.kill()
        api.stop()
        store.close()
    findings.counts.update(
        kills=tally.kills, restarts=bot.starts - 1, crashes=len(bot.crashes),
        leases_expired=tally.leases_expired, stop_exit_code=stopped,
        setup_s=round(setup_s, 1), load_s=round(tally.load_s, 1),
        drain_s=round(tally.drain_s, 1),
        **{f"faults_{k}": v for k, v in sorted(api.faults.items())},
        faults_injected=sum(api.faults.values()),
    )
    findings.log = (workdir / "bot.log").read_text("utf-8", "replace")
    return findings


def _load(config: FaultRunConfig, rng: random.Random, people: list[SimUser], bot: BotProcess,
          store: Store) -> Tally:
    """People act while the bot is killed at random moments: most a while after it is ready
    (polling), some while it is still starting."""
    tally = Tally()
    started = time.monotonic()
    kill_at: float | None = None
    while time.monotonic() - started < config.deadline_s:
        now = time.monotonic()
        if all(p.finished is not None for p in people) and tally.kills >= config.min_kills:
            break
        for person in people:
            person.step(now)
        if kill_at is None and bot.ready():
            kill_at = now + rng.uniform(*config.uptime_s)  # let it work a while
        if bot.died():
            bot.start()
            kill_at = None
        elif kill_at is not None and now >= kill_at and tally.kills < config.max_kills:
            bot.kill()
            tally.kills += 1
            tally.kill_times.append(time.monotonic())
            tally.leases_expired += expire_leases(store)
            bot.start()
            # One kill in five comes while the new process is still starting up.
            kill_at = now + rng.uniform(0.2, 1.5) if rng.random() < 0.2 else None
        time.sleep(TICK_S)
    tally.load_s = time.monotonic() - started
    return tally


def _drain(config: FaultRunConfig, bot: BotProcess, store: Store, tally: Tally) -> None:
    """Lets the last bot (no more kills) deliver what is still in the outbox; it is stopped
    only once it polls, never while still starting."""
    started = time.monotonic()
    while time.monotonic() - started < config.drain_s and (
            _undelivered(store) or not bot.ready()):
        if bot.died():
            bot.start()
        time.sleep(0.2)
    tally.drain_s = time.monotonic() - started


def _undelivered(store: Store) -> int:
    with Session(store.engine) as session:
        return session.query(OutboxRow).filter(OutboxRow.kind == "referral",
                                               OutboxRow.status != "sent").count()
