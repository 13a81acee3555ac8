"""What staff receive: the referral, its legal basis and the consents behind it."""

from __future__ import annotations

import hashlib

from flows.domain import ConsentGiven, ConsentWithdrawn, Referral, ReferralSubmitted
from flows.messages import Command, CommandMessage
from flows.prompts import CONSENTS
from tests.flows.flow_channel import FlowChannel
from tests.transcripts import TRANSCRIPTS, load, run


def play(name: str) -> FlowChannel:
    channel = FlowChannel()
    run(load(TRANSCRIPTS / f"{name}.yaml"), channel)
    return channel


def submitted(channel: FlowChannel) -> Referral:
    effects = [e for o in channel.outcomes for e in o.effects if isinstance(e, ReferralSubmitted)]
    assert len(effects) == 1
    return effects[0].referral


def test_a_family_referral_carries_the_words_needs_area_and_phone() -> None:
    referral = submitted(play("family_path"))
    assert referral.reporter == "family" and referral.subject == "母"
    assert referral.categories == ("elderly",)
    assert referral.concern_text == "80代の母が認知症で、\n水橋でひとり暮らしをしています。"
    assert referral.area == "mizuhashi_minami"
    assert referral.slots["age_group"] == "80s" and referral.slots["household"] == "alone"
    assert (referral.contact.method, referral.contact.value) == ("phone", "09012345678")
    assert referral.contact.when == "平日の夕方"
    assert referral.legal_basis == "consent" and referral.subject_consent is None
    assert not referral.urgent
    assert [c.scope for c in referral.consents] == ["record", "share"]


def test_each_consent_record_hashes_the_whole_message_it_was_asked_with() -> None:
    channel = play("self_path")
    given = [e.consent for o in channel.outcomes for e in o.effects if isinstance(e, ConsentGiven)]
    record, share = given
    asked = {r.key: r.text for o in channel.outcomes for r in o.replies}

    def sha256(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    assert CONSENTS["record"].text in asked["ask_consent_record"]
    assert record.text_hash == sha256(asked["ask_consent_record"])
    assert record.text_version == CONSENTS["record"].version and record.given_by == "self"
    # The sharing question lists the sites and reasons the consent is about.
    assert "富山市社会福祉協議会 自立相談支援" in asked["ask_share_consent"]
    assert share.text_hash == sha256(asked["ask_share_consent"])
    assert share.text_version == CONSENTS["share"].version
    assert share.site_ids == ("social_welfare_council",)


def test_a_third_party_report_with_the_subjects_consent_rests_on_consent() -> None:
    referral = submitted(play("third_party_subject_yes"))
    assert referral.reporter == "third_party" and referral.subject == "近所の方"
    assert referral.subject_consent == "yes" and referral.legal_basis == "consent"
    assert referral.consents[0].given_by == "reporter"


def test_without_the_subjects_consent_a_third_party_report_goes_to_the_support_meeting() -> None:
    for name, answer in (("third_party_subject_no", "no"), ("third_party_subject_unknown",
                                                            "unknown")):
        referral = submitted(play(name))
        assert referral.subject_consent == answer
        assert referral.legal_basis == "support_meeting"
        assert referral.route.meeting == "support_meeting"
        share = next(c for c in referral.consents if c.scope == "share")
        assert share.text_version == CONSENTS["share_meeting"].version


def test_a_danger_sign_makes_the_referral_urgent_on_the_emergency_basis() -> None:
    channel = play("danger_interrupts")
    referral = submitted(channel)
    assert referral.urgent and referral.legal_basis == "emergency"
    assert "もう死にたい" in referral.concern_text
    assert channel.router.requests[-1].emergency


def test_needs_corrected_by_the_person_are_what_is_routed() -> None:
    channel = play("third_party_subject_yes")
    assert channel.router.requests[-1].categories == ("poverty", "isolation")
    assert submitted(channel).categories == ("poverty", "isolation")


def test_no_referral_and_no_share_consent_when_sharing_is_declined() -> None:
    channel = FlowChannel()
    transcript = load(TRANSCRIPTS / "share_declined.yaml")
    run(transcript, channel)
    effects = [type(e).__name__ for o in channel.outcomes for e in o.effects]
    assert "ReferralSubmitted" not in effects
    assert effects == ["ConsentGiven", "ConsentGiven"]  # record; share only after going back


def test_a_compound_case_with_consent_records_consent_to_the_multilayer_meeting() -> None:
    referral = submitted(play("third_party_subject_yes"))  # poverty and isolation
    assert referral.route.meeting == "multilayer_meeting"
    scopes = {c.scope: c for c in referral.consents}
    assert set(scopes) == {"record", "share", "multilayer_meeting"}
    assert scopes["share"].text_version == CONSENTS["share_multilayer"].version
    assert scopes["multilayer_meeting"].text_hash == scopes["share"].text_hash


def test_withdrawing_after_submission_withdraws_every_consent_given() -> None:
    channel = play("third_party_subject_yes")
    received = channel.send_inbound(CommandMessage(Command.WITHDRAW))
    assert received.keys == ("withdrawn", "done")
    withdrawn = [e.scope for e in channel.outcomes[-1].effects if isinstance(e, ConsentWithdrawn)]
    assert withdrawn == ["record", "share", "multilayer_meeting"]


def test_an_area_the_person_does_not_know_is_routed_as_no_area() -> None:
    channel = play("no_record_consent")  # answers わからない to the area question
    assert channel.router.requests[-1].area is None


def test_a_family_report_the_person_refuses_rests_on_the_support_meeting_the_router_chose() -> None:
    from flows.conversation import Conversation
    from flows.records import legal_basis
    from flows.routing_types import RouteDecision, SiteRef

    conv = Conversation()
    conv.reporter = "family"
    conv.subject_consent = "no"
    coordinator = SiteRef("coordinator_elderly", "多機関協働調整担当（長寿福祉課）", "coordinator")
    conv.route = RouteDecision(primary=coordinator, meeting="support_meeting")
    assert legal_basis(conv) == "support_meeting"
    conv.route = RouteDecision(primary=coordinator, meeting="none")
    conv.subject_consent = "yes"
    assert legal_basis(conv) == "consent"
