"""Button presses: the quick exit, staff buttons, a choice for the question the chat is at (its
buttons then removed), a choice for an earlier question (a kind note), and buttons no longer
understood."""

from __future__ import annotations

import asyncio
import logging

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError

from bot.channels.telegram_engine_calls import ConversationEngine, EngineCalls
from bot.channels.telegram_inbound import chat_id_of
from bot.channels.telegram_render import (
    ChoicePress,
    QuickExitPress,
    decode_callback,
    shown_in,
    texts,
)
from bot.channels.telegram_send import ChatSender
from bot.channels.telegram_turn import Context, TurnRunner
from bot.engine import Turn
from bot.handoff.staff import is_staff_choice
from flows.messages import ChoiceMessage

# The channel's log lines keep the one logger name they had before the channel was split up.
logger = logging.getLogger("bot.channels.telegram")


class PressHandler:
    def __init__(self, engine: ConversationEngine, calls: EngineCalls, sender: ChatSender,
                 turns: TurnRunner) -> None:
        self.engine = engine
        self.calls = calls
        self.sender = sender
        self.turns = turns

    async def on_press(self, update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None
        if update.effective_chat is None:  # a button on a message Telegram no longer shows
            await acknowledge(query)
            return
        press = decode_callback(query.data)
        chat_id = chat_id_of(update)
        private = query.message is not None and query.message.chat.type == ChatType.PRIVATE
        if isinstance(press, QuickExitPress) and private:  # never a sweep of a group
            await acknowledge(query)
            newest = query.message.message_id if query.message else 0
            await self.sender.quick_exit(context.bot, chat_id, newest)
            return
        if isinstance(press, ChoicePress) and is_staff_choice(press.choice_id):
            # Staff buttons are the desk's to judge (a stale one does nothing there).
            await acknowledge(query)
            await self.turns.run(update, context, ChoiceMessage(press.choice_id),
                                 exit_button=private)
            return
        if not private:
            await acknowledge(query)
            return
        if not isinstance(press, ChoicePress):  # an older deployment's button, or garbage
            await acknowledge(query, texts()["stale_button"])
            shown = await self.calls.run(chat_id, self.engine.current_turn)
            await self.sender.send(context.bot, chat_id, shown.replies, shown.state)
            return

        async def answer(turn: Turn) -> None:
            # Whether the button is stale is judged in the engine's transaction, with the press.
            if turn.stale:
                await acknowledge(query, texts()["stale_button"])
                return
            answered = [acknowledge(query)]
            if isinstance(query.message, Message):
                answered.append(drop_buttons(query.message))
            await asyncio.gather(*answered)  # two independent calls: one round trip, not two

        await self.turns.run(update, context, ChoiceMessage(press.choice_id, shown_in(press)),
                             answer=answer)


async def acknowledge(query: CallbackQuery, text: str | None = None) -> None:
    """Answers a button press. Only a courtesy (it stops the spinner): when it fails, e.g. a
    press delivered again after a restart whose query was answered already, the press itself
    must still be handled."""
    try:
        await query.answer(text)
    except TelegramError as exc:
        logger.warning("could not answer a button press: %s", type(exc).__name__)


async def drop_buttons(message: Message) -> None:
    """An answered question loses its buttons, so they cannot be pressed twice."""
    try:
        await message.edit_reply_markup(reply_markup=None)
    except BadRequest:
        pass  # already without buttons, or too old to edit
    except TelegramError as exc:
        # The press still counts; a second press of the kept buttons is answered as stale.
        logger.warning("could not remove the buttons: %s", type(exc).__name__)
