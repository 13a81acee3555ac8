"""One turn of the conversation: the working copy, what is said and what happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flows.conversation import Conversation
from flows.domain import Effect
from flows.machine import fire
from flows.messages import Reply
from flows.ports import Router, Tagger
from flows.records import route_request
from flows.render import question
from flows.states import IntakeState as S


@dataclass
class Turn:
    conv: Conversation
    tagger: Tagger
    router: Router
    now: datetime
    reference: str
    channel: str
    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)

    def say(self, reply: Reply) -> None:
        self.replies.append(reply)

    def ask(self) -> None:
        """The current question (again)."""
        self.replies.append(question(self.conv, self.router))

    def advance(self, trigger: str = "next") -> None:
        """Fire `trigger`, then pass every question that is answered already or does not apply."""
        self.conv.state = fire(self.conv.state, trigger)
        self.settle()

    def settle(self) -> None:
        while (skip := skip_trigger(self.conv)) is not None:
            self.conv.state = fire(self.conv.state, skip)
        if self.conv.state in (S.SHARE_CONSENT, S.GUIDED):
            self.conv.route = self.router.route(route_request(self.conv))
        self.ask()


def skip_trigger(conv: Conversation) -> str | None:
    """The trigger that passes the current question, or None when it must be asked."""
    state, slots, recorded = conv.state, conv.slots, bool(conv.consent_record)
    by_phone = recorded and slots.get("contact_method") == "phone"
    skipped = {
        S.SUBJECT: conv.reporter == "self" or "subject" in slots,
        S.AGE_GROUP: "age_group" in slots,
        S.HOUSEHOLD: "household" in slots,
        S.AREA: "area" in slots,
        # Answered contact questions are passed when the review asks the details again.
        S.CONTACT_METHOD: not recorded or "contact_method" in slots,
        S.CONTACT_PHONE: not by_phone or bool(conv.phone),
        S.CONTACT_WHEN: not by_phone or bool(conv.contact_when),
        S.SUBJECT_CONSENT: conv.reporter != "third_party",
    }
    if state in (S.SHARE_CONSENT, S.REVIEW) and not recorded:
        return "guide"
    return "next" if skipped.get(state, False) else None
