"""Two workers answering the same chat at once: every message counts, none is lost."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.engine import ChatKey, Engine
from flows.domain import Effect
from flows.messages import InboundMessage, Reply
from storage.store import Store

MESSAGES_PER_WORKER = 15


@dataclass
class Counter:
    state: str = "concern"
    seen: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"seen": self.seen}


@dataclass(frozen=True)
class CounterOutcome:
    conversation: Counter
    replies: tuple[Reply, ...]
    effects: tuple[Effect, ...] = ()


class CountingFlow:
    def handle(
        self,
        conversation: Counter | None,
        message: InboundMessage,
        *,
        now: datetime,
        reference: str,
        channel: str,
    ) -> CounterOutcome:
        seen = (conversation.seen if conversation else 0) + 1
        return CounterOutcome(Counter(seen=seen), (Reply(key="n", text=str(seen)),))

    def current(self, conversation: Counter | None) -> tuple[Reply, ...]:
        return ()


def test_concurrent_messages_to_one_chat_are_all_counted(store: Store) -> None:
    from flows.messages import TextMessage

    key = ChatKey("telegram", "42")
    errors: list[BaseException] = []

    def worker() -> None:
        engine = Engine(
            store,
            CountingFlow(),
            lambda d: Counter(seen=d["seen"]),
            clock=lambda: datetime.now(UTC),
        )
        try:
            for _ in range(MESSAGES_PER_WORKER):
                engine.handle(key, TextMessage("x"))
        except BaseException as exc:  # reported below, with the assertion
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    stored = store.conversation(key.channel, key.chat_id)
    assert stored is not None
    assert stored.state_json == {"seen": 2 * MESSAGES_PER_WORKER}
    assert stored.version == 2 * MESSAGES_PER_WORKER
