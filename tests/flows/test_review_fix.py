"""Asking the details again at the review: what was read from the concern can be put right."""

from __future__ import annotations

from flows.messages import ChoiceMessage, Command, CommandMessage
from flows.states import IntakeState
from tests.flows.flow_channel import NOW, reach


def test_going_back_from_the_first_detail_question_returns_to_the_review_unchanged() -> None:
    channel = reach(IntakeState.REVIEW)
    before = channel.conversation
    assert before is not None

    fixing = channel.flow.handle(before, ChoiceMessage("fix_details"), now=NOW, reference="R",
                                 channel="test").conversation
    assert fixing.state is not IntakeState.REVIEW
    assert "age_group" not in fixing.slots
    back = channel.flow.handle(fixing, CommandMessage(Command.BACK), now=NOW, reference="R",
                               channel="test").conversation

    assert back.state is IntakeState.REVIEW
    assert back.slots == before.slots


def test_asking_the_details_again_keeps_the_concern_and_the_contact() -> None:
    channel = reach(IntakeState.REVIEW)
    before = channel.conversation
    assert before is not None

    fixing = channel.flow.handle(before, ChoiceMessage("fix_details"), now=NOW, reference="R",
                                 channel="test").conversation

    assert fixing.concern_parts == before.concern_parts
    assert fixing.phone == before.phone
    assert fixing.slots.get("contact_method") == before.slots.get("contact_method")
