"""One bot turn in a Telegram chat: the message to the engine (or the current question asked
again), "typing…" while the engine is slow, then the replies to the chat."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import ContextTypes

from bot.channels.telegram_engine_calls import ConversationEngine, EngineCalls
from bot.channels.telegram_inbound import chat_id_of
from bot.channels.telegram_send import ChatSender
from bot.engine import ChatKey, Turn
from flows.messages import Command, CommandMessage, InboundMessage

Context = ContextTypes.DEFAULT_TYPE


class TurnRunner:
    def __init__(self, engine: ConversationEngine, calls: EngineCalls,
                 sender: ChatSender) -> None:
        self.engine = engine
        self.calls = calls
        self.sender = sender

    async def run(self, update: Update, context: Context, message: InboundMessage | None,
                  *, begin: bool = False, remove_reply_keyboard: bool = False,
                  exit_button: bool = True,
                  answer: Callable[[Turn], Awaitable[None]] | None = None) -> None:
        """One bot turn: the engine's answer to `message`, or the current question when None.
        `answer` runs once the engine has answered, before the replies are sent."""
        self.sender.remember(update.effective_message if update.callback_query is None else None)
        chat_id = chat_id_of(update)
        user_id = str(update.effective_user.id) if update.effective_user else None

        def call(key: ChatKey) -> Turn:
            inbound = message
            if begin or inbound is None:
                shown = self.engine.current_turn(key)
                if begin and shown.state is None:
                    inbound = CommandMessage(Command.RESTART)
                elif inbound is None:
                    return shown
            assert inbound is not None
            # The update id lets the engine apply an update redelivered after a crash once.
            return self.engine.handle_turn(key, inbound, user_id=user_id,
                                           update_id=update.update_id)

        typing = asyncio.create_task(self.calls.typing(context.bot, chat_id))
        try:
            turn = await self.calls.run(chat_id, call)
        finally:
            typing.cancel()
        if answer is not None:
            await answer(turn)
        await self.sender.send(context.bot, chat_id, turn.replies, turn.state,
                               remove_reply_keyboard=remove_reply_keyboard,
                               exit_button=exit_button)
