"""One transcript format for every channel, and the one runner that plays it.

A transcript is a YAML file in tests/data/transcripts/: a title and a list of steps.

    title: 家族が母の認知症を相談する
    steps:
      - user: こんにちは            # a typed message
      - expect: [welcome, ask_role] # the reply keys of the last turn, in order
      - choice: family              # a pressed button, by choice id
      - expect: ask_consent_record  # one key: the last reply of the last turn (the question)
      - command: back               # a command: help back cancel restart delete withdraw
      - contact: "090-1234-5678"    # a phone number shared with the channel's contact button
      - unsupported: sticker        # a photo, sticker, voice... that the intake cannot read
      - state: concern              # where the conversation is (channels that can see it)
      - effects: [ConsentGiven]     # what the last turn did (channels that can see it)
      - expect_text: 受付番号       # words that must appear in the last turn's replies
      - expect_choice: add.child    # a choice id the last turn offered

A channel (the pure flow here; the console and Telegram later) implements `Channel`:
it sends one step and reports what came back. Checks a channel cannot see (state, effects)
are reported as None by it and skipped for it only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import yaml

TRANSCRIPTS = Path(__file__).parent / "data" / "transcripts"
SendKind = Literal["user", "choice", "command", "contact", "unsupported"]
SEND_KINDS: tuple[SendKind, ...] = ("user", "choice", "command", "contact", "unsupported")
CHECK_KINDS = ("expect", "state", "effects", "expect_text", "expect_choice")


@dataclass(frozen=True)
class Sent:
    kind: SendKind
    value: str


@dataclass(frozen=True)
class Received:
    keys: tuple[str, ...]
    texts: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()  # the choice ids offered in the last turn
    state: str | None = None  # None: this channel cannot see it
    effects: tuple[str, ...] | None = None  # effect class names; None: cannot see them


class Channel(Protocol):
    def send(self, message: Sent) -> Received: ...


@dataclass(frozen=True)
class Transcript:
    name: str
    title: str
    steps: tuple[dict[str, Any], ...]


def load(path: Path) -> Transcript:
    data = yaml.safe_load(path.read_text("utf-8"))
    steps = tuple(data["steps"])
    for index, step in enumerate(steps):
        if len(step) != 1 or next(iter(step)) not in (*SEND_KINDS, *CHECK_KINDS):
            raise ValueError(f"{path.name} step {index}: one of {SEND_KINDS + CHECK_KINDS}")
    return Transcript(name=path.stem, title=str(data.get("title", path.stem)), steps=steps)


def load_all(directory: Path = TRANSCRIPTS) -> list[Transcript]:
    return [load(p) for p in sorted(directory.glob("*.yaml"))]


def prefix(transcript: Transcript, key: str) -> tuple[dict[str, Any], ...]:
    """The steps up to the first check that the question `key` was asked."""
    for index, step in enumerate(transcript.steps):
        expected = step.get("expect")
        last = expected[-1] if isinstance(expected, list) and expected else expected
        if last == key:
            return transcript.steps[: index + 1]
    raise KeyError(f"{transcript.name} never asks {key}")


def play(steps: tuple[dict[str, Any], ...], channel: Channel, name: str = "") -> Received | None:
    """Send each step to `channel` and check each expectation; the last turn is returned."""
    last: Received | None = None
    for index, step in enumerate(steps):
        kind, value = next(iter(step.items()))
        where = f"{name} step {index} ({kind}: {value!r})"
        if kind in SEND_KINDS:
            last = channel.send(Sent(kind, str(value)))
            continue
        assert last is not None, f"{where}: nothing was sent yet"
        if kind == "expect":
            if isinstance(value, list):
                assert list(last.keys) == value, f"{where}: got {list(last.keys)}"
            else:
                assert last.keys and last.keys[-1] == value, f"{where}: got {list(last.keys)}"
        elif kind == "state" and last.state is not None:
            assert last.state == value, f"{where}: in state {last.state}"
        elif kind == "effects" and last.effects is not None:
            assert list(last.effects) == list(value), f"{where}: got {list(last.effects)}"
        elif kind == "expect_text":
            assert any(str(value) in t for t in last.texts), f"{where}: not in {last.texts}"
        elif kind == "expect_choice":
            assert str(value) in last.choices, f"{where}: offered {last.choices}"
    return last


def run(transcript: Transcript, channel: Channel) -> Received | None:
    return play(transcript.steps, channel, transcript.name)
