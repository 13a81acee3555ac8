"""Danger words interrupt in every state; bad input gets a kind reply in every state."""

from __future__ import annotations

import pytest

from flows.messages import (
    ChoiceMessage,
    ContactMessage,
    InboundMessage,
    TextMessage,
    UnsupportedMessage,
)
from flows.states import TERMINAL_STATES, IntakeState
from tests.flows.flow_channel import REACH, FlowChannel, reach

STATES = list(REACH)
ASKS_FOR_A_PHONE = (IntakeState.CONTACT_METHOD, IntakeState.CONTACT_PHONE)


def question_key(channel: FlowChannel) -> str:
    return channel.flow.current(channel.conversation)[0].key


@pytest.mark.parametrize("state", STATES)
def test_danger_words_show_crisis_lines_at_once_then_the_same_question(
    state: IntakeState,
) -> None:
    channel = reach(state)
    key = question_key(channel)
    received = channel.send_inbound(TextMessage("もう死にたいです"))
    then = "concern_received" if state is IntakeState.CONCERN else key
    assert received.keys == ("danger", then)
    assert "110" in received.texts[0] and "119" in received.texts[0]
    assert received.effects == ("DangerDetected",)
    assert received.state == state
    conversation = channel.conversation
    assert conversation is not None and conversation.urgent


def test_danger_effect_names_the_terms_never_the_text() -> None:
    channel = reach(IntakeState.AGE_GROUP)
    channel.send_inbound(TextMessage("夫に殴られています。助けて"))
    effect = channel.outcomes[-1].effects[0]
    assert effect.terms == ("殴られ",)  # type: ignore[union-attr]
    assert "助けて" not in repr(effect)


def test_the_first_message_can_be_a_danger_sign() -> None:
    channel = FlowChannel()
    received = channel.send_inbound(TextMessage("死にたい"))
    assert received.keys == ("welcome", "danger", "ask_role")


def test_kinodokuna_is_thanks_not_danger() -> None:
    channel = reach(IntakeState.AGE_GROUP)
    received = channel.send_inbound(TextMessage("きのどくな"))
    assert received.keys == ("thanks_reply", "ask_age_group")
    assert received.effects == ()


BAD_INPUTS: dict[str, InboundMessage] = {
    "empty": TextMessage(""),
    "spaces": TextMessage("  \u3000 "),
    "control characters": TextMessage("\x00\x07\x1b\x7f"),
    "10,000 characters": TextMessage("あ" * 10_000),
    "only emoji": TextMessage("😀🙏🌸"),
    "half-width katakana": TextMessage("ｱｲｳｴｵ"),
    "unknown choice id": ChoiceMessage("no-such-choice"),
    "photo": UnsupportedMessage("photo"),
    "sticker": UnsupportedMessage("sticker"),
    "a phone shared out of turn": ContactMessage("09011112222"),
}


def expected_keys(state: IntakeState, bad: str, question: str) -> tuple[str, ...]:
    """What a patient person at the window would say: a kind word, then the question again."""
    if bad in ("empty", "spaces", "control characters"):
        return ("error_empty", question)
    if bad == "unknown choice id":
        return ("error_unknown_choice", question)
    if bad in ("photo", "sticker"):
        return ("error_unsupported", question)
    if bad == "a phone shared out of turn":
        return ("contact_not_now", question)
    if state is IntakeState.CONCERN:  # any words are part of the concern
        return ("concern_cut", "concern_received") if bad == "10,000 characters" else (
            "concern_received",)
    if bad == "10,000 characters":
        return ("error_too_long", question)
    if state in TERMINAL_STATES:
        return (question,)  # the closing message again is reply enough
    return ("error_not_understood", question)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("bad", list(BAD_INPUTS))
def test_bad_input_gets_a_kind_reply_and_the_state_stays(state: IntakeState, bad: str) -> None:
    channel = reach(state)
    question = question_key(channel)
    before = channel.stored
    received = channel.send_inbound(BAD_INPUTS[bad])
    if state in ASKS_FOR_A_PHONE and bad.startswith("a phone"):
        assert received.state == IntakeState.CONTACT_WHEN  # the answer to these questions
        return
    if state is IntakeState.CONTACT_WHEN and bad == "half-width katakana":
        # Typed words are a valid answer to 「電話がつながりやすい時間帯は」, kept as written.
        assert received.state == IntakeState.SUBJECT_CONSENT
        return
    assert received.keys == expected_keys(state, bad, question)
    assert received.state == state
    if state is not IntakeState.CONCERN or received.keys[0].startswith("error"):
        assert channel.stored == before


def test_a_very_long_concern_is_cut_at_the_limit_and_control_characters_are_dropped() -> None:
    channel = reach(IntakeState.CONCERN)
    channel.send_inbound(TextMessage("お金\x00が\x1bない" + "あ" * 10_000))
    conversation = channel.conversation
    assert conversation is not None
    assert conversation.concern_parts[-1].startswith("お金がない")
    assert len(conversation.concern_parts[-1]) == 2000


def test_when_the_concern_is_full_the_person_is_told_and_nothing_more_is_kept() -> None:
    channel = reach(IntakeState.CONCERN)
    for _ in range(4):
        received = channel.send_inbound(TextMessage("あ" * 2000))
        assert received.keys == ("concern_received",)
    received = channel.send_inbound(TextMessage("まだ続きがあります"))
    assert received.keys == ("concern_full", "concern_received")
    conversation = channel.conversation
    assert conversation is not None
    assert sum(len(p) for p in conversation.concern_parts) == 8000
