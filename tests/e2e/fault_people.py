"""The people of the fault run: what each answers to each question, and how they behave in a
Telegram chat when the bot goes quiet (they wait, then send again, as a person would).

A person reads the question off the newest bot message that has buttons: its choice ids, and
the state tag the buttons carry (bot/channels/telegram_render.py). The same `answer` also
drives the pure flow in process, to learn which sites will receive the referrals.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.channels.telegram_render import QUICK_EXIT_DATA, state_tag
from dictionaries.tagger import get_tagger
from flows.intake import IntakeFlow
from flows.messages import ChoiceMessage, Command, CommandMessage, ContactMessage, TextMessage
from flows.routing import get_router
from flows.states import IntakeState
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser, JsonDict

REFERENCE = re.compile(r"TS-\d{6}-[A-Z0-9]{4}")
STATE_OF_TAG = {state_tag(s.value): s for s in IntakeState}
FINISHED = frozenset({IntakeState.DONE, IntakeState.GUIDED, IntakeState.CLOSED})


@dataclass(frozen=True)
class Persona:
    role: str
    concern: str
    need: str  # the category they add when the tagger found none in their words
    age: str
    area: str
    contact: str  # "phone" or "chat"
    subject_consent: str = "yes"
    phone: str = "090-1234-5678"


PERSONAS = (
    Persona("family", "母が認知症で、夜中に家を出て行ってしまいます", "elderly", "80s", "wago",
            "phone"),
    Persona("self", "仕事がなくなって家賃が払えません。貯金もありません", "poverty", "40s",
            "shinjo", "chat"),
    Persona("third_party", "隣のおばあさんが最近ゴミを出していない。見かけない日が多い", "elderly",
            "80s", "mizuhashi_kita", "chat", "no"),
    Persona("family", "息子が十年ほど部屋から出てこない。親も八十を過ぎました", "isolation", "40s",
            "toyota", "phone"),
    Persona("self", "障害のある弟の将来が心配で、仕事も探しています", "disability", "50s",
            "iwase_hagiura", "chat"),
    Persona("third_party", "近所の子どもが夜遅くまで一人で外にいる", "child", "10s", "harihara",
            "chat", "unknown"),
)

Action = tuple[str, str]  # ("press", choice id) | ("say", text) | ("contact", phone)


def answer(persona: Persona, state: IntakeState, choices: list[str], concern_typed: bool
           ) -> Action:
    """What this person does at this question."""
    wanted = {
        IntakeState.ROLE: persona.role,
        IntakeState.CONSENT_RECORD: "yes",
        IntakeState.CONFIRM_NEEDS: "ok",
        IntakeState.AGE_GROUP: persona.age,
        IntakeState.AREA: persona.area,
        IntakeState.CONTACT_METHOD: persona.contact,
        IntakeState.SUBJECT_CONSENT: persona.subject_consent,
        IntakeState.SHARE_CONSENT: "yes",
        IntakeState.REVIEW: "submit",
    }.get(state)
    if state is IntakeState.CONCERN:
        return ("press", "done") if concern_typed else ("say", persona.concern)
    if state is IntakeState.CONTACT_PHONE:
        return ("contact", persona.phone)
    if state is IntakeState.CONFIRM_NEEDS and not any(c.startswith("remove.") for c in choices):
        return ("press", f"add.{persona.need}")
    if wanted in choices:
        return ("press", wanted)
    return ("press", choices[0]) if choices else ("say", "/start")


def receiving_site(persona: Persona) -> str:
    """The site the persona's referral goes to, found by playing it through the pure flow."""
    flow = IntakeFlow(get_tagger(), get_router())
    now = datetime.now(UTC)
    outcome = flow.handle(None, CommandMessage(Command.RESTART), now=now, reference="TS-X",
                          channel="probe")
    typed = False
    for _ in range(40):
        for effect in outcome.effects:
            referral = getattr(effect, "referral", None)
            if referral is not None:
                return str(referral.route.primary.id)
        conv = outcome.conversation
        choices = [c.id for r in flow.current(conv) for c in r.choices]
        kind, value = answer(persona, conv.state, choices, typed)
        typed = typed or (conv.state is IntakeState.CONCERN and kind == "say")
        message = (ChoiceMessage(value) if kind == "press" else ContactMessage(value)
                   if kind == "contact" else TextMessage(value))
        outcome = flow.handle(conv, message, now=now, reference="TS-X", channel="probe")
    raise AssertionError(f"persona {persona.role}/{persona.area} never submits")


def inline_buttons(message: JsonDict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row if "callback_data" in b]


@dataclass
class SimUser:
    """One person in a private chat, stepped by the run's loop (no thread of their own)."""

    api: FakeBotApi
    user: FakeUser
    persona: Persona
    rng: random.Random
    patience: float  # seconds without an answer before sending again
    start_at: float
    think_s: tuple[float, float] = (0.05, 0.4)
    next_at: float = 0.0
    waiting_since: float | None = None
    seen_before: int = 0
    last: Action | None = None
    concern_typed: bool = False
    finished: IntakeState | None = None
    sent: int = 0
    resends: int = field(default=0)

    def step(self, now: float) -> None:
        if self.finished is not None or now < max(self.start_at, self.next_at):
            return
        if self.waiting_since is not None:
            if self._turn_over():
                self.waiting_since = None
                self.next_at = now + self.rng.uniform(*self.think_s)  # reading, thinking
            elif now - self.waiting_since > self.patience:
                self.resends += 1
                self._act(now, again=True)
            return
        self._act(now, again=False)

    def _turn_over(self) -> bool:
        new = self.api.bot_messages(self.user.id)[self.seen_before:]
        return bool(new) and QUICK_EXIT_DATA in inline_buttons(new[-1])

    def _question(self) -> tuple[JsonDict, IntakeState, list[str]] | None:
        for message in reversed(self.api.bot_messages(self.user.id)):
            data = [d for d in inline_buttons(message) if d != QUICK_EXIT_DATA]
            parts = [d.split(":", 2) for d in data]
            tagged = [(STATE_OF_TAG.get(p[1]), p[2]) for p in parts if len(p) == 3]
            if tagged and tagged[0][0] is not None:
                state = tagged[0][0]
                return message, state, [choice for _, choice in tagged]
        return None

    def _act(self, now: float, *, again: bool) -> None:
        said = self.api.bot_messages(self.user.id)
        if any(REFERENCE.search(str(m.get("text", ""))) for m in said[self.seen_before:]):
            self.finished = IntakeState.DONE  # they read their reference number: done
            return
        self.seen_before = len(said)
        self.waiting_since = now
        question = self._question()
        if question is None:
            self._send(("say", "/start"))
            return
        message, state, choices = question
        if state in FINISHED:
            self.finished = state
            self.waiting_since = None
            return
        if state is IntakeState.CONCERN and self.last == ("press", "done") and not again:
            # Still asked for the concern after 以上です: the words never arrived (the bot
            # died before storing them, unanswered). A person writes them again.
            self.concern_typed = False
        action = self.last if again and self.last is not None else answer(
            self.persona, state, choices, self.concern_typed)
        if action[0] == "press" and again and action[1] not in choices:
            action = ("say", "/start")  # the buttons are gone: ask for the question again
        if state is IntakeState.CONCERN and action[0] == "say":
            self.concern_typed = True
        self.last = action
        self._send(action, message)

    def _send(self, action: Action, message: JsonDict | None = None) -> None:
        kind, value = action
        self.sent += 1
        if kind == "press" and message is not None:
            data = next(d for d in inline_buttons(message) if d.endswith(f":{value}"))
            self.api.press(self.user, int(message["message_id"]), data)
        elif kind == "contact":
            self.api.send_contact(self.user, value)
        else:
            self.api.send_text(self.user, value)
