"""What comes into the flow from any channel, and what goes back out."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class TextMessage:
    text: str


@dataclass(frozen=True)
class ChoiceMessage:
    """A pressed button (or a numbered choice in the console). `choice_id` is the Choice.id."""

    choice_id: str


@dataclass(frozen=True)
class ContactMessage:
    """A phone number shared through the channel's own contact button."""

    phone: str


class Command(StrEnum):
    HELP = "help"
    BACK = "back"
    CANCEL = "cancel"
    RESTART = "restart"
    DELETE = "delete"
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class CommandMessage:
    command: Command


@dataclass(frozen=True)
class UnsupportedMessage:
    """Anything the intake cannot read: photo, sticker, voice, video, document, location..."""

    kind: str


InboundMessage = TextMessage | ChoiceMessage | ContactMessage | CommandMessage | UnsupportedMessage


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class Reply:
    """One bot turn. `key` names the prompt in the prompts data file; `text` is rendered."""

    key: str
    text: str
    choices: tuple[Choice, ...] = ()
    request_contact: bool = False
