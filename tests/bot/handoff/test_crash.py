"""The dispatcher killed between sending and marking delivered: staff still see one referral."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine import ChatKey
from bot.handoff.dispatcher import Dispatcher
from storage.models import OutboxRow
from storage.store import Store
from tests.bot.handoff.fakes import enrol_staff, submit
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
