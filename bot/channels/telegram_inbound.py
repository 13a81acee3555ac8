"""From a Telegram message to what the engine reads: commands by name, invite codes in groups,
the kinds of message the intake cannot read."""

from __future__ import annotations

from telegram import Message, Update

from flows.messages import Command, CommandMessage, InboundMessage, TextMessage

FLOW_COMMANDS: dict[str, Command] = {
    "help": Command.HELP,
    "back": Command.BACK,
    "cancel": Command.CANCEL,
    "restart": Command.RESTART,
    "delete": Command.DELETE,
    "withdraw": Command.WITHDRAW,
}
# What the intake cannot read, by the Message attribute that carries it.
UNSUPPORTED_KINDS = ("photo", "sticker", "voice", "video", "video_note", "audio", "animation",
                     "document", "location", "venue", "poll", "dice")


def chat_id_of(update: Update) -> int:
    assert update.effective_chat is not None
    return update.effective_chat.id


def command_name(message: Message | None) -> str:
    assert message is not None and message.text is not None
    return message.text.split()[0].lstrip("/").split("@")[0].lower()


def unsupported_kind(message: Message) -> str:
    return next((k for k in UNSUPPORTED_KINDS if getattr(message, k, None)), "other")


def group_inbound(message: Message) -> InboundMessage | None:
    """A group's text as the engine reads it: `/bind CODE` is the code as if typed alone, the
    intake's commands and /start are commands (/bind and /start alone: help), other text is
    text; None for a command the bot does not know."""
    assert message.text is not None
    if not message.text.startswith("/"):
        return TextMessage(message.text)
    name, argument = command_name(message), message.text.partition(" ")[2].strip()
    return (TextMessage(argument) if name == "bind" and argument
            else CommandMessage(FLOW_COMMANDS.get(name, Command.HELP))
            if name in (*FLOW_COMMANDS, "bind", "start") else None)
