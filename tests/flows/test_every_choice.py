"""Every offered choice, pressed or typed as its number, in every state: the flow answers with
the question of the state it moves to, and the conversation stays valid JSON."""

from __future__ import annotations

import json

import pytest

from flows.conversation import Conversation
from flows.messages import ChoiceMessage, InboundMessage, TextMessage
from flows.states import IntakeState
from tests.flows.flow_channel import REACH, FlowChannel, reach

# Replies that end a turn without being the next state's question: a received part of the
# concern, and the confirmation of a submitted referral.
TURN_ENDINGS = {"concern_received", "submitted"}


def offered(state: IntakeState) -> list[tuple[IntakeState, InboundMessage]]:
    channel = reach(state)
    choices = [c for r in channel.flow.current(channel.conversation) for c in r.choices]
    return [(state, ChoiceMessage(c.id)) for c in choices] + [
        (state, TextMessage(str(n))) for n in range(1, len(choices) + 1)
    ]


CASES = [case for state in REACH for case in offered(state)]


@pytest.mark.parametrize(("state", "message"), CASES, ids=lambda v: str(getattr(v, "value", v)))
def test_every_choice_leads_to_a_question_and_valid_state(
    state: IntakeState, message: InboundMessage
) -> None:
    channel: FlowChannel = reach(state)
    received = channel.send_inbound(message)
    conversation = channel.conversation
    assert conversation is not None
    current = channel.flow.current(conversation)
    assert received.keys, "every turn says something"
    assert received.keys[-1] in {current[-1].key, *TURN_ENDINGS}
    stored = json.loads(channel.stored or "")
    assert Conversation.from_json(stored).to_json() == stored


def test_numbers_and_buttons_do_the_same() -> None:
    # In the concern question typed words, a number too, are part of the concern.
    for state in set(REACH) - {IntakeState.CONCERN}:
        pairs = offered(state)
        half = len(pairs) // 2
        for (_, button), (_, number) in zip(pairs[:half], pairs[half:], strict=True):
            pressed, typed = reach(state), reach(state)
            assert pressed.send_inbound(button) == typed.send_inbound(number), (state, button)
