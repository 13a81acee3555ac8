"""Sending to a chat: the engine's replies rendered, a single text, the quick exit. Every
message of the chat is logged, so that the quick exit can delete it."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Bot, InlineKeyboardMarkup, Message

from bot.channels.telegram_exit import clear_chat
from bot.channels.telegram_render import quick_exit_row, render, texts
from bot.channels.telegram_support import ChatMessageLog
from flows.messages import Reply


class ChatSender:
    def __init__(self, log: ChatMessageLog) -> None:
        self.log = log

    async def send(self, bot: Bot, chat_id: int, replies: Sequence[Reply],
                   state: str | None, *, remove_reply_keyboard: bool = False,
                   exit_button: bool = True) -> None:
        for outgoing in render(replies, state, remove_reply_keyboard=remove_reply_keyboard,
                               exit_button=exit_button):
            sent = await bot.send_message(chat_id, outgoing.text, reply_markup=outgoing.markup)
            self.log.add(chat_id, sent.message_id)

    async def say(self, bot: Bot, chat_id: int, text: str, *, exit_button: bool = True) -> None:
        markup = InlineKeyboardMarkup([quick_exit_row()]) if exit_button else None
        sent = await bot.send_message(chat_id, text, reply_markup=markup)
        self.log.add(chat_id, sent.message_id)

    async def quick_exit(self, bot: Bot, chat_id: int, newest: int) -> None:
        refused = await clear_chat(bot, self.log, chat_id, newest)
        text = texts()["quick_exit_done"]
        if refused:
            text += "\n" + texts()["quick_exit_partial"].format(count=refused)
        await bot.send_message(chat_id, text)

    def remember(self, message: Message | None) -> None:
        if message is not None:
            self.log.add(message.chat_id, message.message_id)
