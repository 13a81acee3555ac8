"""The dispatcher killed between sending and marking delivered: staff still see one referral."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine import ChatKey
from bot.handoff.dispatcher import Dispatcher
from storage.models import OutboxRow
from storage.store import Store
from tests.bot.handoff.fakes import RecordingTransport, enrol_staff, submit
from tests.bot.handoff.file_transport import FileTransport
from tests.fakes_flow import SITE
from tests.storage.helpers import NOW, sample_referral

REPO = Path(__file__).resolve().parents[3]
STAFF_CHAT = ChatKey(channel="telegram", chat_id="-100site")


def test_killed_dispatcher_resends_with_the_same_key_and_staff_see_one_referral(
    store: Store, migrated_url: str, tmp_path: Path
) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, sample_referral())
    delivered = tmp_path / "delivered.jsonl"

    worker = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.bot.handoff.crash_worker",
            migrated_url,
            str(delivered),
            NOW.isoformat(),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        timeout=60,
    )
    assert worker.returncode == -signal.SIGKILL
    with Session(store.engine) as session:
        row = session.scalars(select(OutboxRow)).one()
        assert (row.status, row.attempts) == ("pending", 1)

    # A restarted dispatcher: nothing until the dead one's lease has run out, then a resend.
    chat = FileTransport(delivered)
    restarted = Dispatcher(store, chat)
    assert restarted.run_once(NOW + timedelta(seconds=1)) == 0
    assert restarted.run_once(NOW + timedelta(minutes=3)) == 1

    first, second = chat.deliveries()
    assert first["key"] == second["key"] and first["text"] == second["text"]
    assert len(chat.seen_by_staff(STAFF_CHAT.chat_id)) == 1
    with Session(store.engine) as session:
        assert session.scalars(select(OutboxRow.status)).one() == "sent"
    assert restarted.run_once(NOW + timedelta(hours=1)) == 0
    assert len(chat.deliveries()) == 2


def test_two_dispatchers_at_once_deliver_each_referral_exactly_once(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    references = [f"TS-261126-A{n:03d}" for n in range(12)]
    for reference in references:
        submit(store, sample_referral(reference))
    transports = [RecordingTransport(), RecordingTransport()]
    dispatchers = [Dispatcher(store, t, batch=3) for t in transports]
    start = threading.Barrier(2)

    def work(dispatcher: Dispatcher) -> int:
        start.wait()
        return sum(dispatcher.run_once(NOW) for _ in range(6))

    with ThreadPoolExecutor(2) as pool:
        marked = sum(pool.map(work, dispatchers))

    keys = [m.idempotency_key for t in transports for m in t.sent]
    assert marked == 12
    assert len(keys) == 12 and len(set(keys)) == 12
