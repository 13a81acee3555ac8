"""Global commands in every state, both as commands and as typed words."""

from __future__ import annotations

import json

import pytest

from flows.conversation import Conversation
from flows.messages import Command, CommandMessage, TextMessage
from flows.states import IntakeState
from flows.transitions_table import QUESTION_ORDER
from tests.flows.flow_channel import REACH, FlowChannel, reach

STATES = list(REACH)
# Words every transcript typed that only a consenting person's conversation may keep.
TYPED_CONCERNS = ("新聞がたまって", "子育てがつらい", "お金のことで困って")


def question_key(channel: FlowChannel) -> str:
    return channel.flow.current(channel.conversation)[0].key


def keeps_no_typed_words(channel: FlowChannel) -> bool:
    stored = channel.stored or ""
    return not any(words in stored for words in TYPED_CONCERNS) and "09011112222" not in stored


@pytest.mark.parametrize("state", STATES)
def test_help_explains_and_asks_the_same_question_again(state: IntakeState) -> None:
    channel = reach(state)
    key = question_key(channel)
    received = channel.send_inbound(CommandMessage(Command.HELP))
    assert received.keys == ("help", key)
    assert received.state == state


@pytest.mark.parametrize("state", STATES)
def test_back_returns_to_the_previous_question_or_says_there_is_none(state: IntakeState) -> None:
    channel = reach(state)
    before = channel.conversation
    assert before is not None
    received = channel.send_inbound(CommandMessage(Command.BACK))
    after = channel.conversation
    assert after is not None
    if before.back:
        # The question asked last before this one, as it was before it was answered.
        assert after.to_json() == {**before.back[-1], "back": before.back[:-1],
                                   **{k: v for k, v in before.to_json().items()
                                      if k not in before.back[-1] and k != "back"}}
        assert after.state in QUESTION_ORDER
        assert received.keys == (question_key(channel),)
    else:
        assert received.keys == ("back_none", question_key(channel))
        assert after.state is state


@pytest.mark.parametrize("state", STATES)
def test_cancel_keeps_nothing_and_says_so(state: IntakeState) -> None:
    channel = reach(state)
    received = channel.send_inbound(CommandMessage(Command.CANCEL))
    assert received.keys == ("cancelled", "closed")
    assert received.effects == ("IntakeCancelled",)
    assert channel.stored_json == Conversation(state=IntakeState.CLOSED).to_json()


@pytest.mark.parametrize("state", STATES)
def test_restart_begins_again_from_the_role_question(state: IntakeState) -> None:
    channel = reach(state)
    received = channel.send_inbound(CommandMessage(Command.RESTART))
    assert received.keys == ("restarted", "ask_role")
    assert channel.stored_json == Conversation().to_json()


@pytest.mark.parametrize("state", STATES)
def test_delete_asks_for_erasure_and_keeps_nothing(state: IntakeState) -> None:
    channel = reach(state)
    received = channel.send_inbound(CommandMessage(Command.DELETE))
    assert received.keys == ("erased", "closed")
    assert received.effects == ("ErasureRequested",)
    assert keeps_no_typed_words(channel)
    assert channel.stored_json == Conversation(state=IntakeState.CLOSED).to_json()


@pytest.mark.parametrize("state", STATES)
def test_withdrawing_consent_drops_the_words_or_says_there_was_none(state: IntakeState) -> None:
    channel = reach(state)
    before = channel.conversation
    assert before is not None
    active = {c.scope for c in before.consents if c.withdrawn_at is None}
    received = channel.send_inbound(CommandMessage(Command.WITHDRAW))
    if active:
        assert received.keys[0] == "withdrawn"
        assert set(received.effects or ()) == {"ConsentWithdrawn"}
        assert len(received.effects or ()) == len(active)
        assert keeps_no_typed_words(channel)
        after = channel.conversation
        assert after is not None and not after.consent_record
    else:
        assert received.keys == ("withdraw_none", question_key(channel))
        assert received.state == state


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize(
    ("words", "first_key"),
    [("ヘルプ", "help"), ("戻る", None), ("やめる", "cancelled"), ("最初から", "restarted"),
     ("/delete", "erased"), ("同意の撤回", None)],
)
def test_typed_command_words_act_like_the_commands(
    state: IntakeState, words: str, first_key: str | None
) -> None:
    typed, pressed = reach(state), reach(state)
    by_words = typed.send_inbound(TextMessage(words))
    command = {"ヘルプ": Command.HELP, "戻る": Command.BACK, "やめる": Command.CANCEL,
               "最初から": Command.RESTART, "/delete": Command.DELETE,
               "同意の撤回": Command.WITHDRAW}[words]
    by_command = pressed.send_inbound(CommandMessage(command))
    assert by_words == by_command
    assert json.loads(typed.stored or "") == json.loads(pressed.stored or "")
    if first_key is not None:
        assert by_words.keys[0] == first_key
