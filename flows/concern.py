"""The person's concern in free text: kept only with consent, always tagged."""

from __future__ import annotations

from dictionaries.tag_result import TagResult
from flows import answers
from flows.domain import DangerDetected
from flows.prompts import choice_ids, prompt, reply
from flows.render import crisis_text
from flows.turn import Turn

MAX_MESSAGE_CHARS = 2000  # one message; more is cut with a kind note
MAX_CONCERN_CHARS = 8000  # all messages of one concern together


def danger(turn: Turn, tag: TagResult) -> None:
    """Crisis lines at once; the case is urgent from now on. Terms only, never the text."""
    conv = turn.conv
    conv.urgent = True
    terms = tuple(dict.fromkeys(e.term for e in tag.danger))
    conv.danger_terms = list(dict.fromkeys([*conv.danger_terms, *terms]))
    lines = turn.router.crisis_lines(tuple(tag.categories) or tuple(conv.categories))
    turn.say(reply("danger", lines=crisis_text(lines)))
    turn.effects.append(DangerDetected(terms=terms))


def receive(turn: Turn, text: str, tag: TagResult) -> None:
    """One message of the concern: its categories always, its words only with consent."""
    add_needs(turn, text, tag)
    turn.say(reply("concern_received"))


def add_needs(turn: Turn, text: str, tag: TagResult) -> None:
    """Take in more of the concern: categories and slots always, the words with consent."""
    conv = turn.conv
    conv.concern_count += 1
    for category in tag.categories:
        if category not in conv.tagged:
            conv.tagged.append(category)
        if category not in conv.categories:
            conv.categories.append(category)
    _prefill(turn, tag.slots)
    if conv.consent_record:
        room = MAX_CONCERN_CHARS - sum(len(p) for p in conv.concern_parts)
        if room > 0:
            conv.concern_parts.append(text[:room])
        if room < len(text):
            turn.say(reply("concern_full"))
        conv.evidence.extend(tag.evidence)
        for key in ("duration", "age"):
            if key in tag.slots:
                conv.slots.setdefault(key, tag.slots[key])


def _prefill(turn: Turn, slots: dict[str, str]) -> None:
    """Slots the tagger found, as choice ids, so their questions are not asked again."""
    conv = turn.conv
    found: dict[str, str | None] = {}
    if "relation" in slots and conv.reporter != "self":
        relation = slots["relation"]
        found["subject"] = (
            relation if relation in choice_ids("ask_subject")
            else answers.alias_match("ask_subject", relation)
        )
    age = _age_group(slots)
    if age is not None:
        found["age_group"] = age
        # The tagger's own word (幼児, 80代) tells the router more than the decade does.
        found["age_words"] = slots.get("age_group")
    if "household" in slots:
        household = slots["household"]
        found["household"] = (
            household if household in choice_ids("ask_household")
            else answers.alias_match("ask_household", household)
        )
    if "district" in slots:
        area = turn.router.match_area(slots["district"])
        if area is not None and area.candidates:
            # 「水橋」 is two areas: the area question will offer just those.
            found["area_named"], found["area_candidates"] = area.label, ",".join(area.candidates)
        elif area is not None:
            found["area"], found["area_label"] = area.id, area.label
    if slots.get("pregnancy", "").lower() in ("true", "yes", "1"):
        found["pregnancy"] = "true"
    if answers.is_long(slots.get("duration", "")):
        found["long_duration"] = "true"
    for key, value in found.items():
        if value is not None and value != "unknown":
            conv.slots.setdefault(key, value)



def _age_group(slots: dict[str, str]) -> str | None:
    """The age-group choice id for the tagger's age_group (「80代」「10歳未満」「幼児」) or age."""
    if "age_group" in slots:
        word = slots["age_group"]
        choices = prompt("ask_age_group").choices
        by_label = next((c.id for c in choices if c.label == word), None)
        return by_label or answers.age_group(word, choice_ids("ask_age_group"))
    return answers.age_in_years(slots["age"]) if "age" in slots else None
