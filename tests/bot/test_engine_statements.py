"""What one submission costs the database: each row one statement, nothing read back after the
conversation's own load. (The engine's p99 is set by submissions; an ORM flush per row, and
reloads of rows just written, had made them three times a plain message's cost.)"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from bot.engine import ChatKey, Engine
from flows.messages import ChoiceMessage, ContactMessage, TextMessage
from storage.store import Store
from tests.fakes_flow import FakeConversation, FakeFlow
from tests.storage.helpers import CONCERN, NOW, PHONE

KEY = ChatKey("telegram", "31337")
VERB_AND_TABLE = re.compile(r"^\s*(INSERT INTO|UPDATE|DELETE FROM|SELECT\b.*?\bFROM)\s+(\w+)", re.S)


@contextmanager
def statements(store: Store) -> Iterator[Counter[str]]:
    seen: Counter[str] = Counter()

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        found = VERB_AND_TABLE.match(statement)
        if found:
            verb = found.group(1).split()[0]
            seen[f"{verb} {found.group(2)}"] += 1

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", note)


def test_a_submission_writes_each_row_once_and_reads_nothing_back(store: Store) -> None:
    engine = Engine(
        store,
        FakeFlow(),
        FakeConversation.from_json,
        clock=lambda: NOW,
        terminal_states=frozenset({"done"}),
        sleep=lambda _s: None,
    )
    for message in (
        TextMessage("こんにちは"),
        ChoiceMessage("yes"),
        TextMessage(CONCERN),
        ContactMessage(PHONE),
    ):
        engine.handle_turn(KEY, message)

    with statements(store) as seen:
        turn = engine.handle_turn(KEY, ChoiceMessage("submit"))

    assert turn.state == "done"
    assert seen == Counter(
        {
            "SELECT conversations": 1,  # the row-locked load
            "UPDATE conversations": 1,
            "INSERT cases": 1,
            "INSERT referrals": 1,
            "UPDATE consents": 1,  # linked to the case, returning which they were
            "INSERT outbox": 1,
            "INSERT audit_log": 1,
        }
    )
