"""Seeded random conversations: whatever a person sends, in any order, the flow answers, keeps
valid JSON, and keeps no typed word without consent to record. Deterministic (fixed seeds)."""

from __future__ import annotations

import json
import random

import pytest

from flows.messages import (
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    InboundMessage,
    TextMessage,
    UnsupportedMessage,
)
from tests.flows.flow_channel import FlowChannel

CONCERNS = ("母の介護で眠れない", "家賃が払えない", "息子がひきこもりで10年", "もう死にたい")
TYPED = ("はい", "いいえ", "なーん", "わからない", "以上です", "1", "2", "3", "80代", "母です",
         "水橋", "岩瀬", "090-1234-5678", "平日の午前", "きのどくな", "", "😀", "ｱｲｳ",
         "戻る", "ヘルプ", "同意の撤回")
TURN_ENDINGS = {"concern_received", "submitted", "concern_full"}


def a_message(rng: random.Random, channel: FlowChannel) -> InboundMessage:
    roll = rng.random()
    offered = [c.id for r in channel.flow.current(channel.conversation) for c in r.choices]
    if roll < 0.25 and offered:
        return ChoiceMessage(offered[0])  # usually the way forward: 「これで合っています」
    if roll < 0.45 and offered:
        return ChoiceMessage(rng.choice(offered))
    if roll < 0.6:
        return TextMessage(rng.choice(CONCERNS))
    if roll < 0.9:
        return TextMessage(rng.choice(TYPED))
    if roll < 0.95:
        return CommandMessage(rng.choice(list(Command)))
    odd: list[InboundMessage] = [
        UnsupportedMessage("sticker"), ContactMessage("09011112222"), ChoiceMessage("nothing")
    ]
    return rng.choice(odd)


@pytest.mark.parametrize("seed", range(40))
def test_a_random_conversation_is_always_answered_and_keeps_consent(seed: int) -> None:
    rng = random.Random(seed)
    channel = FlowChannel()
    for _ in range(60):
        received = channel.send_inbound(a_message(rng, channel))
        conversation = channel.conversation
        assert conversation is not None
        assert received.keys
        assert received.keys[-1] in {channel.flow.current(conversation)[-1].key, *TURN_ENDINGS}
        if not conversation.consent_record:
            stored = json.dumps(conversation.to_json(), ensure_ascii=False)
            assert not any(text in stored for text in CONCERNS), seed
            assert "09012345678" not in stored and "09011112222" not in stored
