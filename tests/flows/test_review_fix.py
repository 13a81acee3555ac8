"""Asking the details again at the review: what was read from the concern can be put right."""

from __future__ import annotations

from flows.conversation import Conversation
from flows.messages import ChoiceMessage, Command, CommandMessage, InboundMessage
from flows.states import IntakeState
from tests.flows.flow_channel import NOW, FlowChannel, reach


def handle(channel: FlowChannel, conversation: Conversation,
           message: InboundMessage) -> Conversation:
    return channel.flow.handle(conversation, message, now=NOW, reference="R",
                               channel="test").conversation


def fixing_from_the_review() -> tuple[FlowChannel, Conversation, Conversation]:
    """A conversation at the review, and what pressing 「たずね直す」 made of it."""
    channel = reach(IntakeState.REVIEW)
    before = channel.conversation
    assert before is not None
    return channel, before, handle(channel, before, ChoiceMessage("fix_details"))


def test_going_back_from_the_first_detail_question_returns_to_the_review_unchanged() -> None:
    channel, before, fixing = fixing_from_the_review()
    assert fixing.state is not IntakeState.REVIEW
    assert "age_group" not in fixing.slots

    back = handle(channel, fixing, CommandMessage(Command.BACK))

    assert back.state is IntakeState.REVIEW
    assert back.slots == before.slots


def test_asking_the_details_again_keeps_the_concern_and_the_contact() -> None:
    _, before, fixing = fixing_from_the_review()

    assert fixing.concern_parts == before.concern_parts
    assert fixing.phone == before.phone
    assert fixing.slots.get("contact_method") == before.slots.get("contact_method")
