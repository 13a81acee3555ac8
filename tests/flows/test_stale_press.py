"""Which presses are stale: a button counts only in the state it was shown in."""

from __future__ import annotations

import pytest

from flows.messages import (
    NO_CONVERSATION,
    ChoiceMessage,
    InboundMessage,
    TextMessage,
    is_stale,
)


def test_a_button_pressed_in_the_state_it_was_shown_in_is_not_stale() -> None:
    assert not is_stale(ChoiceMessage("yes", shown_in="consent_record"), "consent_record")


def test_a_button_of_an_earlier_question_is_stale_even_with_the_same_choice_id() -> None:
    assert is_stale(ChoiceMessage("yes", shown_in="consent_record"), "share_consent")


def test_a_welcome_button_counts_only_while_the_chat_has_no_conversation() -> None:
    welcome = ChoiceMessage("self", shown_in=NO_CONVERSATION)
    assert not is_stale(welcome, None)
    assert is_stale(welcome, "role")


def test_a_button_shown_in_a_conversation_since_erased_is_stale() -> None:
    assert is_stale(ChoiceMessage("self", shown_in="role"), None)


@pytest.mark.parametrize(
    "message", [ChoiceMessage("yes"), TextMessage("はい")], ids=["typed choice", "text"]
)
def test_typed_answers_and_console_choices_are_never_stale(message: InboundMessage) -> None:
    assert not is_stale(message, "share_consent")
    assert not is_stale(message, None)
