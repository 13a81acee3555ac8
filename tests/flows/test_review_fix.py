"""Asking the details again at the review: what was read from the concern can be put right."""

from __future__ import annotations

from flows.conversation import Conversation
from flows.domain import ReferralSubmitted
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


def test_a_refusal_given_on_asking_again_takes_back_the_multilayer_meeting_consent() -> None:
    """A neighbour's report the person agreed to goes to a 重層的支援会議; asked again, the
    person has refused, so it goes to a 支援会議 and no consent to the other may remain."""
    channel, before, conv = fixing_from_the_review()
    assert before.route is not None and before.route.meeting == "multilayer_meeting"
    answers = {IntakeState.SUBJECT_CONSENT: "no", IntakeState.SHARE_CONSENT: "yes",
               IntakeState.REVIEW: "submit"}
    referral = None
    while referral is None:
        offered = [c.id for r in channel.flow.current(conv) for c in r.choices]
        outcome = channel.flow.handle(conv, ChoiceMessage(answers.get(conv.state, offered[0])),
                                      now=NOW, reference="R", channel="test")
        conv = outcome.conversation
        referral = next((e.referral for e in outcome.effects
                         if isinstance(e, ReferralSubmitted)), None)

    assert referral.route.meeting == "support_meeting"
    assert not [c for c in referral.consents
                if c.scope == "multilayer_meeting" and c.withdrawn_at is None]
