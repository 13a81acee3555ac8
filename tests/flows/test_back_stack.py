"""The back-stack's snapshots are shared between copies of a conversation (copying them on
every turn made late questions slow): going back and answering again must never change a
saved conversation or an earlier copy."""

from __future__ import annotations

import json

from flows.conversation import Conversation
from flows.messages import ChoiceMessage, Command, CommandMessage, TextMessage
from flows.states import IntakeState
from tests.flows.flow_channel import NOW, reach


def test_going_back_and_answering_again_leaves_the_saved_conversation_as_it_was() -> None:
    channel = reach(IntakeState.REVIEW)
    saved = channel.stored_json
    saved_text = json.dumps(saved, ensure_ascii=False, sort_keys=True)
    conversation = Conversation.from_json(saved)
    earlier = [conversation.to_json()]
    for _ in range(len(conversation.back)):
        conversation = channel.flow.handle(conversation, CommandMessage(Command.BACK), now=NOW,
                                           reference="R", channel="test").conversation
        earlier.append(conversation.to_json())
    texts = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in earlier]
    for _ in range(6):  # answer forward again, changing slots and typed words
        offered = [c.id for r in channel.flow.current(conversation) for c in r.choices]
        message = ChoiceMessage(offered[-1]) if offered else TextMessage("家賃が払えない")
        conversation = channel.flow.handle(conversation, message, now=NOW, reference="R",
                                           channel="test").conversation
    assert json.dumps(saved, ensure_ascii=False, sort_keys=True) == saved_text
    assert [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in earlier] == texts


def test_a_conversation_gone_back_to_the_start_equals_its_first_snapshot() -> None:
    channel = reach(IntakeState.REVIEW)
    conversation = channel.conversation
    assert conversation is not None
    first = conversation.back[0]
    while conversation.back:
        conversation = channel.flow.handle(conversation, CommandMessage(Command.BACK), now=NOW,
                                           reference="R", channel="test").conversation
    restored = conversation.to_json()
    assert {k: restored[k] for k in first} == first
