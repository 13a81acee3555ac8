"""Random sequences of inbound messages against the pure flow with the real tagger and router.

Whatever a person sends, in whatever order, the flow answers, never raises, and keeps its
promises: no typed word kept without consent to record, nothing shared without a share consent
or a recorded legal basis, a declared state, and a saved conversation that loads back equal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dictionaries.tagger import get_tagger
from flows.conversation import Conversation
from flows.domain import DangerDetected, ReferralSubmitted
from flows.intake import IntakeFlow
from flows.messages import (
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    InboundMessage,
    TextMessage,
    UnsupportedMessage,
)
from flows.routing import get_router
from flows.states import IntakeState
from flows.text import clean

START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)

# Whole concerns: if one of these shows up in a saved conversation, a person's words were kept.
CONCERNS = (
    "母が認知症で、夜中に家を出て行ってしまいます",
    "仕事がなくなって家賃が払えません",
    "息子が十年ほど部屋から出てこない",
    "隣のおばあさんが最近ゴミを出していない",
    "死にたいと思うことがあります",
    "夫に殴られて家に帰りたくない",
    "三日も何も食べていないです",
    "子どもの発達のことで相談したいがです",
    "介護は必要ないけど、お金がない",
    "障がいのある弟の将来が心配やちゃ",
)
# Words a person types at a question: answers, Japanese commands, numbers, phones, chatter.
TYPED = (
    "はい", "いいえ", "1", "2", "3", "9", "０", "以上です", "戻る", "やめる", "最初から",
    "記録を消して", "同意を撤回", "ヘルプ", "母", "自分", "隣の人", "80代", "ひとり暮らし",
    "水橋", "水橋北", "和合", "わからない", "平日の午前", "090-1234-5678", "0764441234",
    "ありがとう", "ちがう", "え？", "🙂", "<b>太字</b>", "",
)
STALE_CHOICES = (
    "self", "family", "third_party", "yes", "no", "done", "ok", "submit", "back", "restart",
    "remove.elderly", "add.poverty", "add.nonsense", "phone", "chat", "none", "under_10",
    "80s", "alone", "mizuhashi_kita", "weekday_morning", "unknown", "staff:accept:TS-1",
    "v1:yes", "", "💥",
)
PHONES = ("090-1234-5678", "+81 76-444-1234", "0764441234", "12", "", "電話番号")
UNSUPPORTED = ("photo", "sticker", "voice", "document", "location", "other")


@dataclass(frozen=True)
class Answer:
    """Answer the question the person is looking at: press its n-th button (modulo its count),
    or, where it asks for words (the concern, the phone), type them."""

    index: int


Step = Answer | InboundMessage

texts = st.one_of(
    st.sampled_from(CONCERNS),
    st.sampled_from(TYPED),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=400),
)
steps: st.SearchStrategy[Step] = st.one_of(
    st.builds(Answer, st.integers(0, 40)),
    st.builds(Answer, st.integers(0, 40)),  # twice: answering is what people mostly do
    st.builds(TextMessage, texts),
    st.builds(ChoiceMessage, st.one_of(st.sampled_from(STALE_CHOICES), st.text(max_size=20))),
    st.builds(CommandMessage, st.sampled_from(Command)),
    st.builds(ContactMessage, st.one_of(st.sampled_from(PHONES), st.text(max_size=20))),
    st.builds(UnsupportedMessage, st.sampled_from(UNSUPPORTED)),
)
# A conversation that mostly answers its questions reaches review and submission; the walk
# below starts from one, so random steps also hit the late states.
HAPPY_PATH: tuple[Step, ...] = (
    TextMessage("こんにちは"), Answer(0), Answer(0), TextMessage(CONCERNS[0]), Answer(0),
    Answer(0), Answer(8), Answer(0), Answer(0), Answer(0), TextMessage("090-1234-5678"),
    Answer(0), Answer(0), Answer(0),
)


@cache
def flow() -> IntakeFlow:
    return IntakeFlow(get_tagger(), get_router())


@dataclass
class Walk:
    """The flow as storage drives it: the conversation goes through JSON text between turns."""

    stored: str | None = None
    turns: int = 0
    typed: tuple[str, ...] = ()  # every free text a person sent (texts and contacts)

    def conversation(self) -> Conversation | None:
        return Conversation.from_json(json.loads(self.stored)) if self.stored else None

    def state(self) -> str:
        conversation = self.conversation()
        return "new" if conversation is None else conversation.state.value

    def send(self, step: Step) -> None:
        conversation = self.conversation()
        message = self._message(step, conversation)
        if isinstance(message, TextMessage):
            self.typed += (message.text,)
        elif isinstance(message, ContactMessage):
            self.typed += (message.phone,)
        now = START + timedelta(minutes=self.turns)
        outcome = flow().handle(conversation, message, now=now,
                                reference=f"TS-261126-{self.turns:04d}", channel="test")
        self.turns += 1
        after = outcome.conversation
        assert outcome.replies, f"no reply to {type(message).__name__} in {after.state}"
        assert isinstance(after.state, IntakeState)
        saved = after.to_json()
        self.stored = json.dumps(saved, ensure_ascii=False)
        assert Conversation.from_json(json.loads(self.stored)).to_json() == saved
        if after.consent_record is not True:
            self._assert_no_typed_words_kept()
        for effect in outcome.effects:
            if isinstance(effect, ReferralSubmitted):
                _assert_may_share(effect)

    def _message(self, step: Step, conversation: Conversation | None) -> InboundMessage:
        if not isinstance(step, Answer):
            return step
        if conversation is not None and conversation.state is IntakeState.CONCERN \
                and conversation.concern_count == 0:
            return TextMessage(CONCERNS[step.index % len(CONCERNS)])
        if conversation is not None and conversation.state is IntakeState.CONTACT_PHONE \
                and step.index % 2 == 0:
            return ContactMessage(PHONES[0])
        choices = [c for r in flow().current(conversation) for c in r.choices]
        if not choices:
            return TextMessage("はい")
        return ChoiceMessage(choices[step.index % len(choices)].id)

    def _assert_no_typed_words_kept(self) -> None:
        assert self.stored is not None
        for typed in self.typed:
            words = clean(typed)
            # Short answers (「1」, 「はい」) match ids and labels by chance; whole phrases do not.
            if len(words) >= 8:
                assert words not in self.stored, "a typed text was kept without consent"


def _assert_may_share(effect: ReferralSubmitted) -> None:
    referral = effect.referral
    if referral.legal_basis in ("support_meeting", "emergency"):
        return
    assert referral.legal_basis == "consent"
    shares = [c for c in referral.consents if c.scope == "share" and c.withdrawn_at is None]
    assert shares, "a referral submitted on consent without a share consent"


PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(st.lists(steps, max_size=25))
def test_any_message_sequence_from_the_start_is_answered_and_keeps_the_promises(
    sequence: list[Step],
) -> None:
    walk = Walk()
    for step in sequence:
        walk.send(step)
    event(f"ended in {walk.state()}")


@PROPERTY_SETTINGS
@given(st.lists(steps, max_size=12), st.lists(steps, max_size=12))
def test_random_messages_around_a_nearly_finished_intake_keep_the_promises(
    before: list[Step], after: list[Step]
) -> None:
    walk = Walk()
    for step in (*before, *HAPPY_PATH, *after):
        walk.send(step)
    event(f"ended in {walk.state()}")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.builds(Answer, st.one_of(st.just(0), st.integers(0, 40))), min_size=5,
                max_size=40))
def test_any_buttons_pressed_in_any_order_keep_the_promises(presses: list[Answer]) -> None:
    walk = Walk()
    walk.send(TextMessage("こんにちは"))
    for press in presses:
        walk.send(press)
    event(f"ended in {walk.state()}")


def test_the_happy_path_used_by_the_properties_reaches_a_submitted_referral() -> None:
    # Guards the walk above: without it the late states would go untested by chance.
    walk = Walk()
    for step in HAPPY_PATH:
        walk.send(step)
    conversation = walk.conversation()
    assert conversation is not None and conversation.state is IntakeState.DONE


@pytest.mark.parametrize("hidden", ["死\u200bに\u200dたい", "\u202e死にたい\u202c", "死に\x00たい",
                                    "\ufeff死にたい"])
def test_invisible_characters_do_not_hide_a_danger_word_from_the_intake(hidden: str) -> None:
    outcome = flow().handle(None, TextMessage(hidden), now=START, reference="R", channel="test")
    assert any(isinstance(effect, DangerDetected) for effect in outcome.effects)
