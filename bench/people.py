"""Simulated people for the benchmarks: each plays one whole intake, choosing its next message
from what the bot's last turn offered (the choice ids and whether it asked for a phone).

The same person drives the in-process engine and the Telegram stack, so both benchmarks carry
the same realistic mix: the three roles, consent, concern texts of varied length from the
labelled development set (one to three messages, sometimes typed in a burst without waiting
for the bot), typed and pressed answers, an occasional /help or photo on the way, and the
submission at the end.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flows.messages import Command

DEV_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "dev_set.jsonl"
# Bounds a person who never reaches the end (a flow change the player does not know): the
# benchmark then reports the conversation as unfinished instead of looping.
MAX_TURNS = 40
DETOUR_RATE = 0.06
DONE_CHOICES = ("restart",)  # what the submitted (and guided) answer still offers


@dataclass(frozen=True)
class Start:
    """The first message of a chat (Telegram's /start)."""


@dataclass(frozen=True)
class Say:
    text: str


@dataclass(frozen=True)
class Burst:
    """Several messages typed in a row without waiting for the bot: their order must survive."""

    texts: tuple[str, ...]


@dataclass(frozen=True)
class Press:
    choice_id: str


@dataclass(frozen=True)
class SharePhone:
    phone: str


@dataclass(frozen=True)
class Ask:
    command: Command


@dataclass(frozen=True)
class SendPhoto:
    """Something the intake cannot read."""


Action = Start | Say | Burst | Press | SharePhone | Ask | SendPhoto


@dataclass(frozen=True)
class Offer:
    """What the bot's last turn offered."""

    choice_ids: tuple[str, ...]
    request_contact: bool = False

    @property
    def finished(self) -> bool:
        return self.choice_ids == DONE_CHOICES


@cache
def concern_texts() -> tuple[str, ...]:
    """Chat-length texts as residents write them, danger words left out (those stop at the
    crisis lines by design and would not measure the whole intake)."""
    rows = [json.loads(line) for line in DEV_SET.read_text("utf-8").splitlines() if line.strip()]
    return tuple(row["text"] for row in rows if not row.get("emergency"))


class Person:
    """One simulated person; deterministic for a seed."""

    def __init__(self, seed: int, texts: Sequence[str] | None = None) -> None:
        self._rng = random.Random(seed)
        pool = texts or concern_texts()
        self.role = self._rng.choice(("self", "family", "third_party"))
        self._concern = self._rng.sample(list(pool), k=self._rng.choice((1, 1, 2, 3)))
        self._detours = self._rng.choice((0, 0, 1, 2))
        self.turns = 0
        self.concern_sent: list[str] = []  # in the order sent, to check the stored order
        self.gave_up = False
        self.burst_messages = 0  # messages sent without waiting for the bot in between
        self._pressed: str | None = None

    def first(self) -> Action:
        self.turns = 1
        return Start()

    def next(self, offer: Offer) -> Action | None:
        """The next message, or None when the intake is finished (or the person gave up)."""
        if offer.finished:
            return None
        if self.turns >= MAX_TURNS:
            self.gave_up = True
            return None
        self.turns += 1
        if self._detours and self.turns > 2 and self._rng.random() < DETOUR_RATE:
            self._detours -= 1
            return self._rng.choice((Ask(Command.HELP), SendPhoto()))
        action = self._answer(offer)
        self._pressed = action.choice_id if isinstance(action, Press) else None
        return action

    def _answer(self, offer: Offer) -> Action:
        ids = offer.choice_ids
        if offer.request_contact:
            if self._rng.random() < 0.7:
                return SharePhone(f"+81 90-{self._rng.randrange(10**4):04d}-5678")
            return Say(f"090-{self._rng.randrange(10**4):04d}-1234")
        if "self" in ids:
            return Press(self.role)
        if "done" in ids:
            if len(self._concern) > 1 and self._rng.random() < 0.5:
                burst, self._concern = tuple(self._concern), []
                self.concern_sent.extend(burst)
                self.burst_messages += len(burst)
                return Burst(burst)
            if self._concern:
                self.concern_sent.append(self._concern[0])
                return Say(self._concern.pop(0))
            return Press("done") if self._rng.random() < 0.7 else Say("以上です")
        if "mizuhashi_kita" in ids and len(ids) > 3:
            # The area list: press a 地区, or type a name part that asks which one.
            if self._rng.random() < 0.3:
                return Say("水橋")
            return Press(self._rng.choice([i for i in ids if i != "unknown"]))
        if "ok" in ids and self._pressed == "ok":
            # The tagger found no need: 「これで合っています」 asks to pick one first.
            return Press(self._rng.choice([i for i in ids if i.startswith("add.")] or ["ok"]))
        for preferred in ("submit", "ok", "yes"):
            if preferred in ids:
                return Press(preferred)
        if "phone" in ids:
            return Press(self._rng.choice(("phone", "phone", "chat")))
        usable = [i for i in ids if i not in ("unknown", "none", "back", "restart")]
        if usable:
            return Press(self._rng.choice(usable))
        return Say("はい")
