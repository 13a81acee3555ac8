"""The engine process killed mid-transaction, right after the case insert: no half case."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from storage.models import CaseRow, ConsentRow, OutboxRow
from storage.store import Store
from tests.databases import StoreConfig

ROOT = Path(__file__).resolve().parents[2]

# Talks to the engine up to the review, then dies by SIGKILL inside the submitting transaction.
SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from bot.engine import ChatKey, Engine
    from flows.messages import ChoiceMessage, ContactMessage, TextMessage
    from storage.store import Store
    from storage.unit_of_work import UnitOfWork
    from tests.databases import StoreConfig
    from tests.fakes_flow import FakeConversation, FakeFlow

    store = Store.from_settings(StoreConfig(sys.argv[1]))
    engine = Engine(store, FakeFlow(), FakeConversation.from_json)
    key = ChatKey("console", "c1")
    for message in (TextMessage("hi"), ChoiceMessage("yes"), TextMessage("母のこと"),
                    ContactMessage("090-0000-0000")):
        engine.handle(key, message)
    original = UnitOfWork.add_case

    def add_case_then_die(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.session.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    UnitOfWork.add_case = add_case_then_die
    engine.handle(key, ChoiceMessage("submit"))
    """
)


def _count(url: str, model: object) -> int:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[arg-type]
    finally:
        engine.dispose()


def test_a_killed_engine_leaves_no_half_case_and_the_chat_resumes(migrated_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, migrated_url], cwd=ROOT, env=env, timeout=60, check=False
    )
    assert done.returncode == -signal.SIGKILL
    assert _count(migrated_url, CaseRow) == 0
    assert _count(migrated_url, OutboxRow) == 0
    assert _count(migrated_url, ConsentRow) == 1  # given earlier, committed then
    store = Store.from_settings(StoreConfig(migrated_url))
    stored = store.conversation("console", "c1")
    store.close()
    assert stored is not None and stored.state == "review"
