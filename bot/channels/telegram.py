"""The Telegram channel: handlers translate Updates into InboundMessages for the engine and
render its Replies back. The flow is the only record of where a person is.

`install` is the table of handlers, one per kind of update. The parts live beside this module:
telegram_inbound (what a message means to the engine), telegram_turn (one turn: engine, then
replies), telegram_engine_calls (the engine's threads and "typing…"), telegram_send (sending,
the quick exit), telegram_press (button presses), telegram_groups (group chats) and
telegram_errors (the error handler).
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.channels.telegram_engine_calls import (
    CHANNEL,
    TYPING_DELAY,
    ConversationEngine,
    EngineCalls,
)
from bot.channels.telegram_errors import report_error
from bot.channels.telegram_groups import GroupHandler
from bot.channels.telegram_inbound import (
    FLOW_COMMANDS,
    UNSUPPORTED_KINDS,
    chat_id_of,
    command_name,
    unsupported_kind,
)
from bot.channels.telegram_press import PressHandler
from bot.channels.telegram_render import texts
from bot.channels.telegram_send import ChatSender
from bot.channels.telegram_staff import NoStaffChats, StaffChats
from bot.channels.telegram_support import ChatMessageLog
from bot.channels.telegram_turn import Context, TurnRunner
from flows.messages import CommandMessage, ContactMessage, TextMessage, UnsupportedMessage

__all__ = [
    "CHANNEL",
    "FLOW_COMMANDS",
    "TYPING_DELAY",
    "UNSUPPORTED_KINDS",
    "Context",
    "ConversationEngine",
    "TelegramApp",
    "TelegramChannel",
]

TelegramApp = Application[Any, Any, Any, Any, Any, Any]


class TelegramChannel:
    def __init__(self, engine: ConversationEngine, log: ChatMessageLog | None = None,
                 staff: StaffChats | None = None, *, typing_delay: float = TYPING_DELAY,
                 engine_threads: int | None = None) -> None:
        """`engine_threads`: how many engine calls run at once (None: as many as asyncio's
        default executor would run)."""
        self.engine = engine
        self.log = log or ChatMessageLog()
        self.staff = staff or NoStaffChats()
        self._calls = EngineCalls(engine_threads, typing_delay)
        self._sender = ChatSender(self.log)
        self._turns = TurnRunner(engine, self._calls, self._sender)
        self._presses = PressHandler(engine, self._calls, self._sender, self._turns)
        self._groups = GroupHandler(self.staff, self._calls, self._sender, self._turns)

    @property
    def typing_delay(self) -> float:
        return self._calls.typing_delay

    @typing_delay.setter
    def typing_delay(self, seconds: float) -> None:
        self._calls.typing_delay = seconds

    def install(self, app: TelegramApp) -> None:
        private = filters.ChatType.PRIVATE
        new = filters.UpdateType.MESSAGE
        app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & private, self.on_edit))
        app.add_handler(CommandHandler("start", self.on_start, private & new))
        app.add_handler(CommandHandler("exit", self.on_exit_command, private & new))
        app.add_handler(CommandHandler("bind", self.on_bind, private & new))
        app.add_handler(CommandHandler(list(FLOW_COMMANDS), self.on_command, private & new))
        app.add_handler(MessageHandler(filters.COMMAND & private & new, self.on_unknown_command))
        app.add_handler(MessageHandler(filters.CONTACT & private & new, self.on_contact))
        app.add_handler(MessageHandler(filters.TEXT & private & new, self.on_text))
        app.add_handler(MessageHandler(private & new, self.on_unsupported))
        app.add_handler(MessageHandler(filters.TEXT & filters.ChatType.GROUPS & new,
                                       self.on_group_text))
        app.add_handler(ChatMemberHandler(self.on_added_to_group,
                                          ChatMemberHandler.MY_CHAT_MEMBER))
        app.add_handler(CallbackQueryHandler(self.on_press))
        app.add_error_handler(self.on_error)
        # Other group messages and channel posts get no handler: no reply, nothing stored.

    def close(self) -> None:
        """Lets the engine threads end once the calls already queued are done (a later call
        starts new ones)."""
        self._calls.close()

    # ---- private chats: translate, call the engine, render ---------------------------------

    async def on_start(self, update: Update, context: Context) -> None:
        """A new chat is greeted and its conversation begun (so the first button press counts);
        a chat under way is shown its current question, its progress untouched."""
        await self._turns.run(update, context, None, begin=True)

    async def on_command(self, update: Update, context: Context) -> None:
        name = command_name(update.effective_message)
        await self._turns.run(update, context, CommandMessage(FLOW_COMMANDS[name]))

    async def on_bind(self, update: Update, context: Context) -> None:
        """`/bind CODE` in a private chat: a volunteer's invite code, as if typed alone."""
        assert update.effective_message is not None and update.effective_message.text is not None
        argument = update.effective_message.text.partition(" ")[2].strip()
        await self._turns.run(update, context, TextMessage(argument) if argument else None)

    async def on_text(self, update: Update, context: Context) -> None:
        assert update.effective_message is not None and update.effective_message.text is not None
        await self._turns.run(update, context, TextMessage(update.effective_message.text))

    async def on_contact(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None and message.contact is not None
        await self._turns.run(update, context, ContactMessage(message.contact.phone_number),
                              remove_reply_keyboard=True)

    async def on_unsupported(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None
        await self._turns.run(update, context, UnsupportedMessage(unsupported_kind(message)))

    async def on_unknown_command(self, update: Update, context: Context) -> None:
        self._sender.remember(update.effective_message)
        await self._sender.say(context.bot, chat_id_of(update), texts()["unknown_command"],
                               exit_button=False)
        await self._turns.run(update, context, None)

    async def on_edit(self, update: Update, context: Context) -> None:
        await self._sender.say(context.bot, chat_id_of(update), texts()["edited_message"])

    async def on_exit_command(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None
        self._sender.remember(message)
        await self._sender.quick_exit(context.bot, chat_id_of(update), message.message_id)

    # ---- presses, groups, errors: each in its own module ----------------------------------

    async def on_press(self, update: Update, context: Context) -> None:
        await self._presses.on_press(update, context)

    async def on_group_text(self, update: Update, context: Context) -> None:
        await self._groups.on_group_text(update, context)

    async def on_added_to_group(self, update: Update, context: Context) -> None:
        await self._groups.on_added_to_group(update, context)

    async def on_error(self, update: object, context: Context) -> None:
        await report_error(self._sender, update, context)
