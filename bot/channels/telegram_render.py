"""Replies as Telegram messages: long texts split, choices as inline buttons, phone as a
contact button; and the small, versioned callback data those buttons carry."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from dictionaries.data_files import packaged_yaml
from flows.messages import NO_CONVERSATION, Choice, Reply
from flows.states import IntakeState

_TAG = re.compile(r"<(/?)[a-zA-Z-]+[^>]*>")
MAX_MESSAGE_LENGTH = 4096  # Telegram's limit, counted in UTF-16 code units
CALLBACK_VERSION = "v1"
QUICK_EXIT_DATA = f"{CALLBACK_VERSION}:exit"
# Telegram allows 64 bytes of callback data: "v1:<state tag>:<choice id>".
MAX_CALLBACK_BYTES = 64

# Telegram takes at most 100 buttons in one keyboard; one is kept for the quick exit.
MAX_CHOICE_BUTTONS = 99
SHORT_LIST = 5

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


@cache
def texts() -> dict[str, Any]:
    data: dict[str, Any] = packaged_yaml("bot.channels", "data/telegram_texts.yaml")
    return data


@dataclass(frozen=True)
class ChoicePress:
    """A pressed choice button: the conversation state it was shown in (`tag`), the choice."""

    tag: str
    choice_id: str


@dataclass(frozen=True)
class QuickExitPress:
    pass


@dataclass(frozen=True)
class Outgoing:
    text: str
    markup: Markup | None = None


def state_tag(state: str | None) -> str:
    """A short mark of the conversation state a button was shown in. A button pressed after
    the conversation moved on is stale, even if the new question has a choice of the same id
    (an old 「はい」 to recording must never count as 「はい」 to sharing)."""
    return hashlib.sha256((state or "").encode()).hexdigest()[:6]


def encode_choice(state: str | None, choice_id: str) -> str:
    data = f"{CALLBACK_VERSION}:{state_tag(state)}:{choice_id}"
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"choice id too long for Telegram callback data: {choice_id!r}")
    return data


def decode_callback(data: str | None) -> ChoicePress | QuickExitPress | None:
    """None for data this version did not write (an old deployment's button, or garbage)."""
    if data == QUICK_EXIT_DATA:
        return QuickExitPress()
    parts = (data or "").split(":", 2)
    if len(parts) != 3 or parts[0] != CALLBACK_VERSION or not parts[2]:
        return None
    return ChoicePress(tag=parts[1], choice_id=parts[2])


@cache
def _states_by_tag() -> dict[str, str]:
    return {state_tag(state): str(state) for state in (NO_CONVERSATION, *IntakeState)}


def shown_in(press: ChoicePress) -> str:
    """The state the pressed button was shown in, for `ChoiceMessage.shown_in`; a tag no state
    has (an older deployment's) gives a name no state has, so the press counts as stale."""
    return _states_by_tag().get(press.tag, f"unknown:{press.tag}")


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH, *, html: bool = False) -> list[str]:
    """Pieces of at most `limit`, cut at a paragraph, a line, or a sentence end when possible;
    with `html`, never inside a tag or an entity such as &amp;."""
    pieces: list[str] = []
    rest = text
    while _utf16_length(rest) > limit:
        window = rest[:limit]
        while _utf16_length(window) > limit:  # astral characters count twice
            window = window[:-1]
        cut = _best_cut(window)
        if html:
            cut = _outside_markup(window, cut)
        pieces.append(rest[:cut].rstrip("\n"))
        rest = rest[cut:].lstrip("\n")
    pieces.append(rest)
    return [piece for piece in pieces if piece.strip()] or [text]


def _best_cut(window: str) -> int:
    for separator in ("\n\n", "\n", "。", "、", " "):
        position = window.rfind(separator)
        if position > len(window) // 2:
            return position + len(separator)
    return len(window)


def _outside_markup(window: str, cut: int) -> int:
    """Moves `cut` back before an unfinished tag or entity, or an element still open."""
    head = window[:cut]
    opened = max(head.rfind("<"), head.rfind("&"))
    if opened > 0 and opened > max(head.rfind(">"), head.rfind(";")):
        head = head[:opened]
    stack: list[int] = []
    for tag in _TAG.finditer(head):
        if tag.group(1):
            if stack:
                stack.pop()
        else:
            stack.append(tag.start())
    if stack and stack[0] > 0:
        return stack[0]
    return len(head) if head else cut


def quick_exit_row() -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(texts()["quick_exit_button"], callback_data=QUICK_EXIT_DATA)]


def render(
    replies: Sequence[Reply],
    state: str | None,
    *,
    remove_reply_keyboard: bool = False,
    exit_button: bool = True,
) -> list[Outgoing]:
    """The messages for one bot turn, its buttons marked with the conversation's `state`.
    The last message carries the quick-exit button (in a person's private chat)."""
    out: list[Outgoing] = []
    for index, reply in enumerate(replies):
        last = exit_button and index == len(replies) - 1
        *head, tail = split_text(reply.text)
        out.extend(Outgoing(piece) for piece in head)
        if reply.request_contact:
            out.append(Outgoing(tail, _contact_keyboard()))
            if reply.choices:
                out.append(Outgoing(texts()["choices_besides_phone"],
                                    _inline(reply.choices, state, last)))
        elif reply.choices or last:
            out.append(Outgoing(tail, _inline(reply.choices, state, last)))
        else:
            out.append(Outgoing(tail))
    if remove_reply_keyboard:
        # Only a message without an inline keyboard can take the keyboard removal.
        for i, message in enumerate(out):
            if message.markup is None:
                out[i] = Outgoing(message.text, ReplyKeyboardRemove())
                break
    return out


@lru_cache(maxsize=1024)
def _inline(choices: tuple[Choice, ...], state: str | None,
            with_exit: bool) -> InlineKeyboardMarkup:
    # Cached: the same question gets the same keyboard, and PTB's objects are frozen, so one
    # can be shared (building them was 2% of the bot's CPU under load).
    buttons = [
        InlineKeyboardButton(choice.label, callback_data=encode_choice(state, choice.id))
        for choice in choices[:MAX_CHOICE_BUTTONS]
    ]
    width = _row_width(choices)
    rows = [buttons[i : i + width] for i in range(0, len(buttons), width)]
    if with_exit:
        rows.append(quick_exit_row())
    return InlineKeyboardMarkup(rows)


def _row_width(choices: Sequence[Choice]) -> int:
    """Long lists of short labels (ages, districts) go several to a row to stay on one screen."""
    if len(choices) <= SHORT_LIST:
        return 1
    longest = max(len(choice.label) for choice in choices)
    return 3 if longest <= 5 else 2 if longest <= 10 else 1


def _contact_keyboard() -> ReplyKeyboardMarkup:
    button = KeyboardButton(texts()["share_phone_button"], request_contact=True)
    return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
