"""The pure intake flow as a transcript channel. Between turns the conversation goes through
JSON text, as storage keeps it, so every transcript also checks that a saved chat resumes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from typing import Any

from flows.conversation import Conversation, Outcome
from flows.intake import IntakeFlow
from flows.messages import (
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    InboundMessage,
    TextMessage,
    UnsupportedMessage,
)
from flows.states import STATE_PROMPTS, IntakeState
from flows.transitions_table import QUESTION_ORDER
from tests.fakes import FakeRouter, FakeTagger
from tests.transcripts import TRANSCRIPTS, Received, Sent, load, play, prefix

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def inbound(message: Sent) -> InboundMessage:
    if message.kind == "user":
        return TextMessage(message.value)
    if message.kind == "choice":
        return ChoiceMessage(message.value)
    if message.kind == "command":
        return CommandMessage(Command(message.value))
    if message.kind == "contact":
        return ContactMessage(message.value)
    return UnsupportedMessage(message.value)


class FlowChannel:
    def __init__(self) -> None:
        self.tagger = FakeTagger()
        self.router = FakeRouter()
        self.flow = IntakeFlow(self.tagger, self.router)
        self.stored: str | None = None  # the conversation as storage would keep it
        self.outcomes: list[Outcome] = []

    @property
    def conversation(self) -> Conversation | None:
        return Conversation.from_json(json.loads(self.stored)) if self.stored else None

    @property
    def stored_json(self) -> dict[str, Any]:
        assert self.stored is not None
        data: dict[str, Any] = json.loads(self.stored)
        return data

    def send(self, message: Sent) -> Received:
        return self.send_inbound(inbound(message))

    def send_inbound(self, message: InboundMessage) -> Received:
        outcome = self.flow.handle(
            self.conversation,
            message,
            now=NOW,
            reference=f"TS-TEST-{len(self.outcomes):04d}",
            channel="test",
        )
        self.outcomes.append(outcome)
        self.stored = json.dumps(outcome.conversation.to_json(), ensure_ascii=False)
        return Received(
            keys=tuple(r.key for r in outcome.replies),
            texts=tuple(r.text for r in outcome.replies),
            choices=tuple(c.id for r in outcome.replies for c in r.choices),
            state=outcome.conversation.state.value,
            effects=tuple(type(e).__name__ for e in outcome.effects),
        )


# Where each state is first reached in a transcript: (transcript, the key of its question).
REACH: dict[IntakeState, tuple[str, str]] = {
    **{state: ("third_party_subject_yes", STATE_PROMPTS[state]) for state in QUESTION_ORDER},
    IntakeState.DONE: ("third_party_subject_yes", "submitted"),
    IntakeState.GUIDED: ("no_record_consent", "guided"),
    IntakeState.CLOSED: ("cancel", "closed"),
}


def reach(state: IntakeState) -> FlowChannel:
    """A fresh channel whose conversation is at `state`, as a transcript left it."""
    channel = FlowChannel()
    channel.stored = _reached(state)
    assert channel.conversation is not None
    assert channel.conversation.state is state
    return channel


@cache
def _reached(state: IntakeState) -> str:
    name, key = REACH[state]
    channel = FlowChannel()
    play(prefix(load(TRANSCRIPTS / f"{name}.yaml"), key), channel, name)
    assert channel.stored is not None
    return channel.stored
