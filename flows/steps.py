"""What an answer to each question does to the conversation."""

from __future__ import annotations

from dataclasses import replace

from flows import records
from flows.domain import ConsentGiven, ConsentScope, ConsentWithdrawn, ReferralSubmitted
from flows.machine import fire
from flows.prompts import CONSENTS, ConsentText, choice_label, label_map, reply
from flows.render import question, route_sites, share_consent_for
from flows.routing_types import Reporter, SubjectConsent
from flows.states import IntakeState as S
from flows.turn import Turn

# Slots a plain choice fills: state → slot name.
_SLOT_OF: dict[S, str] = {
    S.SUBJECT: "subject",
    S.AGE_GROUP: "age_group",
    S.HOUSEHOLD: "household",
    S.CONTACT_METHOD: "contact_method",
}
_REPORTERS: dict[str, Reporter] = {"self": "self", "family": "family", "third_party": "third_party"}
_SUBJECT_CONSENTS: dict[str, SubjectConsent] = {"yes": "yes", "no": "no", "unknown": "unknown"}


def answer(turn: Turn, choice_id: str, *, typed: str = "") -> None:
    """Apply the choice `choice_id` (already checked against the offered ones) and move on."""
    conv = turn.conv
    before = conv.snapshot()
    state = conv.state
    if state is S.CONCERN:
        finish_concern(turn)
        return
    if state is S.CONFIRM_NEEDS and choice_id != "ok":
        toggle_need(turn, choice_id)
        return
    if state is S.CONFIRM_NEEDS and not conv.categories:
        turn.say(reply("needs_pick_one"))
        turn.ask()
        return
    trigger = "next"
    if state is S.ROLE:
        conv.reporter = _REPORTERS[choice_id]
        if typed:
            conv.slots["subject"] = typed
    elif state is S.CONSENT_RECORD:
        record_consent(turn, choice_id == "yes")
    elif state in _SLOT_OF:
        conv.slots[_SLOT_OF[state]] = choice_id
        if state is S.CONTACT_METHOD and typed and conv.consent_record:
            conv.phone = typed
    elif state is S.AREA:
        conv.slots.pop("area_candidates", None)
        conv.slots.pop("area_named", None)
        conv.slots["area"] = choice_id
        conv.slots["area_label"] = typed or choice_id
    elif state is S.CONTACT_PHONE:
        if choice_id == "chat":
            conv.slots["contact_method"] = "chat"
        else:
            conv.phone = typed
    elif state is S.CONTACT_WHEN:
        conv.contact_when = typed or choice_label("ask_contact_when", choice_id)
    elif state is S.SUBJECT_CONSENT:
        conv.subject_consent = _SUBJECT_CONSENTS[choice_id]
    elif state is S.SHARE_CONSENT:
        trigger = "next" if choice_id == "yes" else "guide"
        share_consent(turn, choice_id == "yes")
    elif state is S.REVIEW and choice_id == "fix_details":
        fix_details(turn)
        return
    elif state is S.REVIEW:
        submit(turn)
        return
    conv.back.append(before)
    turn.advance(trigger)


# The details the review lets a person answer again, with what was derived from them.
_DETAIL_SLOTS = ("subject", "age", "age_group", "age_words", "household", "area", "area_label",
                 "area_named", "area_candidates")


def fix_details(turn: Turn) -> None:
    """Ask who, age, household and area again, whether they were answered or read from the
    concern. The route may change with them, so the consent to share is asked again too."""
    conv = turn.conv
    conv.back.append(conv.snapshot())
    for slot in _DETAIL_SLOTS:
        conv.slots.pop(slot, None)
    turn.advance("fix")


def finish_concern(turn: Turn) -> None:
    conv = turn.conv
    if conv.concern_count == 0:
        turn.say(reply("concern_empty"))
        turn.ask()
        return
    conv.back.append(conv.snapshot())
    turn.advance()


def toggle_need(turn: Turn, choice_id: str) -> None:
    action, _, category = choice_id.partition(".")
    categories = turn.conv.categories
    if action == "add" and category not in categories:
        categories.append(category)
    elif action == "remove" and category in categories:
        categories.remove(category)
    turn.ask()


def withdraw(turn: Turn, scope: ConsentScope) -> None:
    conv = turn.conv
    if any(c.scope == scope and c.withdrawn_at is None for c in conv.consents):
        conv.consents = [
            replace(c, withdrawn_at=turn.now) if c.scope == scope and c.withdrawn_at is None else c
            for c in conv.consents
        ]
        turn.effects.append(ConsentWithdrawn(scope=scope, at=turn.now))


def _give(
    turn: Turn, scope: ConsentScope, consent: ConsentText, shown: str,
    site_ids: tuple[str, ...] = (),
) -> None:
    """Record a consent to `shown`, the whole message asked with it, unless already in force."""
    conv = turn.conv
    record = records.consent_record(
        conv, scope, consent, shown, now=turn.now, channel=turn.channel, site_ids=site_ids
    )
    if any(
        c.scope == scope and (c.text_hash, c.site_ids) == (record.text_hash, record.site_ids)
        for c in records.active_consents(conv)
    ):
        return
    withdraw(turn, scope)
    conv.consents.append(record)
    turn.effects.append(ConsentGiven(record))


def record_consent(turn: Turn, given: bool) -> None:
    turn.conv.consent_record = given
    if given:
        _give(turn, "record", CONSENTS["record"], question(turn.conv, turn.router).text)
    else:
        withdraw(turn, "record")
        turn.say(reply("record_declined"))


def share_consent(turn: Turn, given: bool) -> None:
    conv = turn.conv
    conv.consent_share = given
    if given and conv.route is not None:
        consent, shown = share_consent_for(conv), question(conv, turn.router).text
        site_ids = tuple(s.id for s in route_sites(conv.route))
        _give(turn, "share", consent, shown, site_ids)
        if conv.route.meeting == "multilayer_meeting":
            _give(turn, "multilayer_meeting", consent, shown, site_ids)
        else:
            # The details asked again at the review can change the route: a consent to a
            # 重層的支援会議 given for the old one must not ride along.
            withdraw(turn, "multilayer_meeting")
    elif not given:
        withdraw(turn, "share")
        withdraw(turn, "multilayer_meeting")


def submit(turn: Turn) -> None:
    conv = turn.conv
    conv.reference = turn.reference
    referral = records.referral(conv, reference=turn.reference, now=turn.now, channel=turn.channel)
    turn.effects.append(ReferralSubmitted(referral))
    method = conv.slots.get("contact_method", "none")
    conv.state = fire(conv.state, "submit")
    # The referral now holds the person's words; the conversation keeps no second copy.
    conv.forget_personal_data()
    steps_by_method = label_map("next_steps")
    next_steps = steps_by_method.get(method, steps_by_method["none"])
    turn.say(reply("submitted", reference=turn.reference, next_steps=next_steps))
