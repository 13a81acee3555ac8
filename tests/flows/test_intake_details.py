"""Smaller promises of the intake: greeting, shortcuts, what the tagger already said."""

from __future__ import annotations

from dictionaries.tag_result import TagResult
from flows.conversation import Conversation
from flows.intake import IntakeFlow
from flows.messages import ChoiceMessage, ContactMessage, TextMessage
from flows.routing_types import RouteRequest
from flows.states import IntakeState
from tests.fakes import FakeRouter, FakeTagger
from tests.flows.flow_channel import NOW, FlowChannel, reach


def test_the_first_message_is_greeted_and_the_role_is_asked() -> None:
    received = FlowChannel().send_inbound(TextMessage("母が認知症で困っています"))
    assert received.keys == ("welcome", "ask_role")
    assert received.state == "role"


def test_a_first_button_press_answers_the_greeting_the_channel_showed() -> None:
    channel = FlowChannel()
    shown = channel.flow.current(None)
    assert [r.key for r in shown] == ["welcome", "ask_role"]
    received = channel.send_inbound(ChoiceMessage("family"))
    assert received.keys == ("ask_consent_record",)


def test_a_first_typed_answer_to_the_shown_greeting_is_taken_as_the_answer() -> None:
    assert FlowChannel().send_inbound(TextMessage("2")).keys == ("ask_consent_record",)
    channel = FlowChannel()
    assert channel.send_inbound(TextMessage("母です")).keys == ("ask_consent_record",)
    conversation = channel.conversation
    assert conversation is not None
    assert (conversation.reporter, conversation.slots["subject"]) == ("family", "mother")


def test_more_of_the_concern_typed_at_the_needs_question_adds_its_needs() -> None:
    channel = reach(IntakeState.CONFIRM_NEEDS)
    received = channel.send_inbound(TextMessage("離婚のことでも悩んでいるようです"))
    assert received.keys == ("ask_confirm_needs",)
    conversation = channel.conversation
    assert conversation is not None
    assert conversation.categories[-1] == "general"
    assert conversation.concern_parts[-1] == "離婚のことでも悩んでいるようです"


def test_a_phone_number_typed_at_the_contact_question_answers_both_questions() -> None:
    channel = reach(IntakeState.CONTACT_METHOD)
    received = channel.send_inbound(TextMessage("090-2222-3333"))
    assert received.keys == ("ask_contact_when",)
    conversation = channel.conversation
    assert conversation is not None
    assert (conversation.slots["contact_method"], conversation.phone) == ("phone", "09022223333")


def test_a_phone_shared_with_the_contact_button_at_the_contact_question_is_taken() -> None:
    channel = reach(IntakeState.CONTACT_METHOD)
    received = channel.send_inbound(ContactMessage("819022223333"))
    assert received.keys == ("ask_contact_when",)


def test_an_invalid_phone_number_is_explained() -> None:
    channel = reach(IntakeState.CONTACT_PHONE)
    received = channel.send_inbound(TextMessage("090-12"))
    assert received.keys == ("phone_invalid", "ask_contact_phone")


def test_the_phone_question_offers_the_channels_contact_button() -> None:
    channel = reach(IntakeState.CONTACT_PHONE)
    (question,) = channel.flow.current(channel.conversation)
    assert question.request_contact


class SlotTagger:
    """Tags every text with the same slots, as the real tagger reports them."""

    def __init__(self, slots: dict[str, str], categories: tuple[str, ...] = ("child",)) -> None:
        self.slots = slots
        self.categories = categories

    def tag(self, text: str) -> TagResult:
        return TagResult(categories=self.categories, slots=self.slots)


def concern_with_slots(slots: dict[str, str]) -> Conversation:
    flow = IntakeFlow(SlotTagger(slots), FakeRouter())
    conversation = Conversation(state=IntakeState.CONCERN, reporter="family",
                                consent_record=True)
    outcome = flow.handle(conversation, TextMessage("..."), now=NOW, reference="R",
                          channel="test")
    return outcome.conversation


def test_the_taggers_age_words_skip_the_age_question_and_reach_the_router() -> None:
    conversation = concern_with_slots({"age_group": "幼児", "relation": "息子"})
    assert conversation.slots["age_group"] == "under_10"
    assert conversation.slots["age_words"] == "幼児"
    assert conversation.slots["subject"] == "child"
    assert concern_with_slots({"age_group": "10歳未満"}).slots["age_group"] == "under_10"
    assert concern_with_slots({"age": "83"}).slots["age_group"] == "80s"


def test_slots_the_intake_cannot_place_leave_their_question_to_be_asked() -> None:
    conversation = concern_with_slots({"age_group": "小学生", "household": "高齢者世帯",
                                       "relation": "両親", "district": "どこか"})
    assert not {"age_group", "household", "subject", "area"} & set(conversation.slots)


def guided_route_request(tagger: SlotTagger) -> RouteRequest:
    """Route a no-record concern of one message, answering every question with a choice."""
    router = FakeRouter()
    flow = IntakeFlow(tagger, router)
    conversation = Conversation(state=IntakeState.CONCERN, reporter="self", consent_record=False)
    for message in (TextMessage("..."), TextMessage("以上です"), ChoiceMessage("ok"),
                    ChoiceMessage("30s"), ChoiceMessage("with_family"), ChoiceMessage("iwase")):
        if conversation.state is IntakeState.GUIDED:
            break
        conversation = flow.handle(conversation, message, now=NOW, reference="R",
                                   channel="test").conversation
    assert conversation.state is IntakeState.GUIDED
    return router.requests[-1]


def test_withdrawal_for_half_a_year_or_more_asks_for_outreach() -> None:
    long = guided_route_request(SlotTagger({"duration": "3年"}, ("isolation",)))
    short = guided_route_request(SlotTagger({"duration": "2週間"}, ("isolation",)))
    other = guided_route_request(SlotTagger({"duration": "3年"}, ("poverty",)))
    assert (long.long_withdrawal, short.long_withdrawal, other.long_withdrawal) == (
        True, False, False)


def test_the_router_hears_the_taggers_age_word() -> None:
    router = FakeRouter()
    flow = IntakeFlow(SlotTagger({"age_group": "幼児"}), router)
    conversation = Conversation(state=IntakeState.CONCERN, reporter="self", consent_record=False)
    for message in (TextMessage("..."), TextMessage("以上です"), ChoiceMessage("ok"),
                    ChoiceMessage("with_family"), ChoiceMessage("iwase")):
        conversation = flow.handle(conversation, message, now=NOW, reference="R",
                                   channel="test").conversation
    assert conversation.state is IntakeState.GUIDED
    assert router.requests[-1].age_group == "幼児"


def test_fake_tagger_is_the_only_tagger_used_by_the_transcripts() -> None:
    channel = FlowChannel()
    assert isinstance(channel.tagger, FakeTagger)
