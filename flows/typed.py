"""Reading a typed reply to the current question as one of its choices."""

from __future__ import annotations

from dataclasses import dataclass

from flows import answers
from flows.messages import Reply
from flows.prompts import choice_ids
from flows.render import question
from flows.routing_types import AreaChoice
from flows.states import STATE_PROMPTS
from flows.states import IntakeState as S
from flows.text import has_words
from flows.turn import Turn

MAX_FREE_ANSWER_CHARS = 100  # typed times to call, kept as the person wrote them


@dataclass(frozen=True)
class Picked:
    choice_id: str
    # What goes with the choice: an area's name, a time to call, a phone number, or the
    # person a family member named (「母です」).
    typed: str = ""


def interpret(turn: Turn, text: str) -> Picked | Reply | None:
    """The choice a typed reply picks in the current state; a narrower question; or None."""
    conv = turn.conv
    key = STATE_PROMPTS[conv.state]
    choices = question(conv, turn.router).choices
    labels = {c.id: c.label for c in choices}
    picked = answers.match_choice(key, text, choices)
    if picked is not None:
        return Picked(picked, labels.get(picked, "") if conv.state is S.AREA else "")
    if conv.state is S.ROLE:
        subject = answers.alias_match("ask_subject", text)
        if subject is not None and subject not in ("neighbour", "acquaintance", "other"):
            # 「母です」 to 「どなたのご相談ですか」: a family member, about their mother.
            return Picked("family", subject)
    if conv.state is S.AGE_GROUP:
        age = answers.age_group(text, choice_ids("ask_age_group"))
        return Picked(age) if age is not None else None
    if conv.state is S.AREA:
        area = turn.router.match_area(text)
        if area is not None and area.candidates:
            return area_which(turn, area)
        return Picked(area.id, area.label) if area is not None else None
    if conv.state in (S.CONTACT_METHOD, S.CONTACT_PHONE):
        # A number typed (or shared) at the method question answers both questions at once.
        phone = answers.phone_number(text)
        if phone is not None:
            return Picked("phone", phone)
        return None
    if conv.state is S.CONTACT_WHEN and has_words(text) and len(text) <= MAX_FREE_ANSWER_CHARS:
        return Picked("typed", text)
    return None


def area_which(turn: Turn, area: AreaChoice) -> Reply:
    """「水橋」 names two areas: from now on the area question offers just those."""
    turn.conv.slots["area_named"] = area.label
    turn.conv.slots["area_candidates"] = ",".join(area.candidates)
    return question(turn.conv, turn.router)
