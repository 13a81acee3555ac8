"""What comes into the flow from any channel, and what goes back out."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class TextMessage:
    text: str


@dataclass(frozen=True)
class ChoiceMessage:
    """A pressed button (or a numbered choice in the console). `choice_id` is the Choice.id.

    `shown_in`: the conversation state the button was shown in (NO_CONVERSATION before the
    chat had one). A press from an earlier question must not answer the current one, even one
    with a choice of the same id. None (a typed or console choice) is not checked.
    """

    choice_id: str
    shown_in: str | None = None


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

NO_CONVERSATION = ""  # `ChoiceMessage.shown_in` of a button shown before there was a conversation


def is_stale(message: InboundMessage, state: str | None) -> bool:
    """Whether `message` presses a button shown in another state than the chat's `state`
    (None: the chat has no conversation)."""
    if not isinstance(message, ChoiceMessage) or message.shown_in is None:
        return False
    return message.shown_in != (state or NO_CONVERSATION)


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
