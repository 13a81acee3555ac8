"""A saved conversation resumes at the same question; without consent no typed word is kept."""

from __future__ import annotations

import json

import pytest

from flows.conversation import SCHEMA_VERSION, Conversation
from flows.messages import TextMessage
from flows.states import IntakeState
from tests.flows.flow_channel import NOW, REACH, FlowChannel, reach
from tests.transcripts import TRANSCRIPTS, load, play

STATES = list(REACH)


@pytest.mark.parametrize("state", STATES)
def test_a_conversation_restored_from_json_asks_the_same_question(state: IntakeState) -> None:
    channel = reach(state)
    original = channel.conversation
    assert original is not None
    restored = Conversation.from_json(json.loads(json.dumps(original.to_json())))
    assert restored.to_json() == original.to_json()
    assert channel.flow.current(restored) == channel.flow.current(original)


@pytest.mark.parametrize("state", STATES)
def test_a_restored_conversation_continues_exactly_like_the_original(state: IntakeState) -> None:
    channel = reach(state)
    original = channel.conversation
    assert original is not None
    restored = Conversation.from_json(original.to_json())
    message = TextMessage("1")
    a = channel.flow.handle(original, message, now=NOW, reference="R", channel="test")
    b = channel.flow.handle(restored, message, now=NOW, reference="R", channel="test")
    assert a.replies == b.replies and a.effects == b.effects
    assert a.conversation.to_json() == b.conversation.to_json()


def test_handle_never_changes_the_conversation_it_was_given() -> None:
    channel = reach(IntakeState.CONCERN)
    conversation = channel.conversation
    assert conversation is not None
    before = conversation.to_json()
    channel.flow.handle(conversation, TextMessage("お金がない"), now=NOW, reference="R",
                        channel="test")
    assert conversation.to_json() == before


def test_an_unknown_schema_version_is_refused_without_quoting_the_data() -> None:
    data = Conversation(concern_parts=["秘密の相談"]).to_json()
    data["version"] = SCHEMA_VERSION + 1
    with pytest.raises(ValueError) as error:
        Conversation.from_json(data)
    assert "秘密" not in str(error.value)


def test_without_consent_to_record_no_typed_word_is_ever_stored() -> None:
    channel = FlowChannel()
    concern = "仕事がなくて、お金のことで困っています"
    transcript = load(TRANSCRIPTS / "no_record_consent.yaml")
    play(transcript.steps, channel, transcript.name)
    for outcome in channel.outcomes:
        stored = json.dumps(outcome.conversation.to_json(), ensure_ascii=False)
        assert concern not in stored and "仕事" not in stored and "お金" not in stored
    conversation = channel.conversation
    assert conversation is not None
    assert conversation.categories == ["poverty"]  # the tags are kept, not the text
    assert conversation.concern_parts == [] and conversation.evidence == []
    assert conversation.state is IntakeState.GUIDED


def test_danger_words_typed_without_consent_are_not_stored_either() -> None:
    channel = FlowChannel()
    for text in ("こんにちは", "1", "いいえ"):
        channel.send_inbound(TextMessage(text))
    channel.send_inbound(TextMessage("夫に殴られています"))
    assert "夫に" not in (channel.stored or "")
    conversation = channel.conversation
    assert conversation is not None and conversation.urgent
    assert conversation.danger_terms == ["殴られ"]


def test_withdrawing_consent_mid_way_drops_the_words_and_ends_with_guidance() -> None:
    channel = reach(IntakeState.CONTACT_WHEN)
    assert "新聞がたまって" in (channel.stored or "")
    received = channel.send_inbound(TextMessage("同意の撤回"))
    assert "新聞がたまって" not in (channel.stored or "")
    assert "09011112222" not in (channel.stored or "")
    # Third-party report: the subject's consent is still asked, then nothing is shared.
    assert received.keys == ("withdrawn", "ask_subject_consent")
    received = channel.send_inbound(TextMessage("はい"))
    assert received.keys == ("guided",)


def test_after_submission_the_conversation_keeps_no_copy_of_the_words() -> None:
    channel = reach(IntakeState.DONE)
    assert "新聞がたまって" not in (channel.stored or "")
    assert "09011112222" not in (channel.stored or "")
