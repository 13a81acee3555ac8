"""The question of each state as a Reply, filled from the conversation. No decisions here."""

from __future__ import annotations

from dictionaries.categories import category_label
from dictionaries.tag_result import CATEGORY_IDS
from flows.answers import format_phone
from flows.conversation import Conversation
from flows.messages import Choice, Reply
from flows.ports import Router
from flows.prompts import CONSENTS, ConsentText, choice_label, label, label_map, prompt, reply
from flows.routing_types import CrisisLine, RouteDecision, SiteRef
from flows.states import STATE_PROMPTS, IntakeState

CONCERN_PREVIEW_CHARS = 200


def question(conv: Conversation, router: Router) -> Reply:
    """The state's question, as asked now."""
    key = STATE_PROMPTS[conv.state]
    state = conv.state
    who = label("who_self") if conv.reporter == "self" else label("who_other")
    if state is IntakeState.CONSENT_RECORD:
        return reply(key, consent=CONSENTS["record"].text)
    if state is IntakeState.CONFIRM_NEEDS:
        return reply(key, needs=needs_text(conv.categories), choices=needs_choices(conv))
    if state in (IntakeState.AGE_GROUP, IntakeState.HOUSEHOLD):
        return reply(key, who=who)
    if state is IntakeState.AREA:
        return area_question(conv, router, who)
    if state is IntakeState.CONTACT_PHONE:
        return reply(key, request_contact=True)
    if state is IntakeState.SHARE_CONSENT:
        return reply(key, route=route_text(conv), consent=share_consent_for(conv).text)
    if state is IntakeState.REVIEW:
        return reply(key, summary=summary(conv))
    if state is IntakeState.DONE:
        return reply(key, reference=conv.reference or "")
    if state is IntakeState.GUIDED:
        return reply(key, route=route_text(conv))
    return reply(key)


def area_question(conv: Conversation, router: Router, who: str) -> Reply:
    areas = tuple(Choice(a.id, a.label) for a in router.areas())
    narrowed = conv.slots.get("area_candidates")
    if narrowed:
        # The person named a part two areas share (「水橋」): just those, and わからない.
        ids = narrowed.split(",")
        choices = tuple(a for a in areas if a.id in ids) + prompt("ask_area").choices
        return reply("area_which", label=conv.slots.get("area_named", ""), choices=choices)
    return reply("ask_area", who=who, choices=areas + prompt("ask_area").choices)


def needs_text(categories: list[str]) -> str:
    if not categories:
        return prompt("needs_none").text
    return "\n".join(label("need_line", label=category_label(c)) for c in categories)


def needs_choices(conv: Conversation) -> tuple[Choice, ...]:
    toggles = tuple(
        Choice(f"remove.{c}", label("toggle_remove", label=category_label(c)))
        if c in conv.categories
        else Choice(f"add.{c}", label("toggle_add", label=category_label(c)))
        for c in CATEGORY_IDS
    )
    return prompt("ask_confirm_needs").choices + toggles


def route_sites(route: RouteDecision) -> tuple[SiteRef, ...]:
    seen: dict[str, SiteRef] = {}
    for site in (route.primary, *route.sites):
        seen.setdefault(site.id, site)
    return tuple(seen.values())


def route_text(conv: Conversation) -> str:
    if conv.route is None:
        return ""
    lines = [
        label("site_line_phone", name=s.name, phone=s.phone)
        if s.phone
        else label("site_line", name=s.name)
        for s in route_sites(conv.route)
    ]
    lines += [label("reason_line", reason=r) for r in conv.route.reasons]
    if conv.urgent:
        lines.append(label("urgent_note"))
    return "\n".join(lines)


def share_consent_for(conv: Conversation) -> ConsentText:
    """The consent asked for sharing with the routed sites, by the path the case takes."""
    if conv.reporter == "third_party" and conv.subject_consent != "yes":
        return CONSENTS["share_meeting"]  # 支援会議 under 社会福祉法 第106条の6
    if conv.route is not None and conv.route.meeting == "multilayer_meeting":
        return CONSENTS["share_multilayer"]  # 重層的支援会議, with the person's consent
    return CONSENTS["share"]


def crisis_text(lines: tuple[CrisisLine, ...]) -> str:
    return "\n".join(
        label("crisis_line", name=c.name, phone=c.phone, hours=c.hours, use_for=c.use_for)
        for c in lines
    )


def subject_label(conv: Conversation) -> str:
    if conv.reporter == "self":
        return label("subject_self")
    subject = conv.slots.get("subject")
    return choice_label("ask_subject", subject) if subject else label("not_answered")


def _slot_label(conv: Conversation, key: str, slot: str) -> str:
    value = conv.slots.get(slot)
    return choice_label(key, value) if value else label("not_answered")


def summary(conv: Conversation) -> str:
    method = conv.slots.get("contact_method", "none")
    if method == "phone":
        when = conv.contact_when or label("not_answered")
        contact = label("contact_phone", phone=format_phone(conv.phone), when=when)
    else:
        contact = choice_label("ask_contact_method", method)
    concern = "\n".join(conv.concern_parts)
    if len(concern) > CONCERN_PREVIEW_CHARS:
        concern = concern[:CONCERN_PREVIEW_CHARS] + "…"
    sites = route_sites(conv.route) if conv.route else ()
    return label(
        "summary",
        reporter=label_map("reporter").get(conv.reporter or "", label("not_answered")),
        subject=subject_label(conv),
        needs=label("sites_joiner").join(category_label(c) for c in conv.categories),
        age_group=_slot_label(conv, "ask_age_group", "age_group"),
        household=_slot_label(conv, "ask_household", "household"),
        area=conv.slots.get("area_label", label("not_answered")),
        contact=contact,
        sites=label("sites_joiner").join(s.name for s in sites),
        concern=concern or label("not_answered"),
    )
