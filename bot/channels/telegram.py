"""The Telegram channel: handlers translate Updates into InboundMessages for the engine and
render its Replies back. The flow is the only record of where a person is."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import traceback
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatMemberStatus, ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channels.telegram_exit import clear_chat
from bot.channels.telegram_render import (
    ChoicePress,
    QuickExitPress,
    decode_callback,
    quick_exit_row,
    render,
    shown_in,
    texts,
)
from bot.channels.telegram_staff import (
    NoStaffChats,
    StaffChats,
)
from bot.channels.telegram_support import (
    ChatMessageLog,
)
from bot.engine import ChatKey, EngineUnavailable, Turn
from bot.handoff.invites import normalise
from bot.handoff.staff import is_staff_choice
from flows.messages import (
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    InboundMessage,
    Reply,
    TextMessage,
    UnsupportedMessage,
)

logger = logging.getLogger(__name__)
T = TypeVar("T")

CHANNEL = "telegram"
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

# "typing…" only when the engine has not answered by then: it usually answers within a few
# milliseconds, and a chat action on every turn was a third of the bot's Bot API calls.
TYPING_DELAY = 0.5

Context = ContextTypes.DEFAULT_TYPE
TelegramApp = Application[Any, Any, Any, Any, Any, Any]


class ConversationEngine(Protocol):
    """The part of bot.engine.Engine this channel drives."""

    def handle_turn(self, key: ChatKey, message: InboundMessage, *,
                    user_id: str | None = None, update_id: int | None = None) -> Turn: ...

    def current_turn(self, key: ChatKey) -> Turn: ...

    def state(self, key: ChatKey) -> str | None: ...


class TelegramChannel:
    def __init__(self, engine: ConversationEngine, log: ChatMessageLog | None = None,
                 staff: StaffChats | None = None, *, typing_delay: float = TYPING_DELAY,
                 engine_threads: int | None = None) -> None:
        """`engine_threads`: how many engine calls run at once (None: as many as asyncio's
        default executor would run)."""
        self.engine = engine
        self.log = log or ChatMessageLog()
        self.staff = staff or NoStaffChats()
        self.typing_delay = typing_delay
        self._engine_threads = engine_threads
        self._executor: ThreadPoolExecutor | None = None
        self._working_since: dict[int, float] = {}  # chat id: when its engine call began

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

    # ---- handlers: translate, call the engine, render ------------------------------------

    async def on_start(self, update: Update, context: Context) -> None:
        """A new chat is greeted and its conversation begun (so the first button press counts);
        a chat under way is shown its current question, its progress untouched."""
        await self._turn(update, context, None, begin=True)

    async def on_command(self, update: Update, context: Context) -> None:
        name = _command_name(update.effective_message)
        await self._turn(update, context, CommandMessage(FLOW_COMMANDS[name]))

    async def on_bind(self, update: Update, context: Context) -> None:
        """`/bind CODE` in a private chat: a volunteer's invite code, as if typed alone."""
        assert update.effective_message is not None and update.effective_message.text is not None
        argument = update.effective_message.text.partition(" ")[2].strip()
        await self._turn(update, context, TextMessage(argument) if argument else None)

    async def on_text(self, update: Update, context: Context) -> None:
        assert update.effective_message is not None and update.effective_message.text is not None
        await self._turn(update, context, TextMessage(update.effective_message.text))

    async def on_contact(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None and message.contact is not None
        await self._turn(update, context, ContactMessage(message.contact.phone_number),
                         remove_reply_keyboard=True)

    async def on_unsupported(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None
        kind = next((k for k in UNSUPPORTED_KINDS if getattr(message, k, None)), "other")
        await self._turn(update, context, UnsupportedMessage(kind))

    async def on_unknown_command(self, update: Update, context: Context) -> None:
        self._remember(update.effective_message)
        await self._say(context, _chat_id(update), texts()["unknown_command"], exit_button=False)
        await self._turn(update, context, None)

    async def on_group_text(self, update: Update, context: Context) -> None:
        """In a group only an invite code (`/bind CODE`, or the code alone) and the messages of
        a bound staff chat reach the engine: the intake never runs in a group."""
        message = update.effective_message
        assert message is not None and message.text is not None
        inbound: InboundMessage | None = TextMessage(message.text)
        if message.text.startswith("/"):
            name, argument = _command_name(message), message.text.partition(" ")[2].strip()
            inbound = (TextMessage(argument) if name == "bind" and argument
                       else CommandMessage(FLOW_COMMANDS.get(name, Command.HELP))
                       if name in (*FLOW_COMMANDS, "bind", "start") else None)
        if inbound is None:
            return
        is_code = isinstance(inbound, TextMessage) and normalise(inbound.text) is not None
        if is_code or await self._engine(_chat_id(update), self.staff.is_staff_chat):
            await self._turn(update, context, inbound, exit_button=False)
        elif isinstance(inbound, CommandMessage):
            await self._say(context, _chat_id(update), texts()["group_unbound"],
                            exit_button=False)

    async def on_added_to_group(self, update: Update, context: Context) -> None:
        """Added to a group: say how a site's staff bind it (nothing else happens there)."""
        change = update.my_chat_member
        assert change is not None
        joined = change.new_chat_member.status in (ChatMemberStatus.MEMBER,
                                                   ChatMemberStatus.ADMINISTRATOR)
        was_out = change.old_chat_member.status in (ChatMemberStatus.LEFT,
                                                    ChatMemberStatus.BANNED)
        if joined and was_out and change.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
            await self._say(context, change.chat.id, texts()["group_unbound"], exit_button=False)

    async def on_edit(self, update: Update, context: Context) -> None:
        await self._say(context, _chat_id(update), texts()["edited_message"])

    async def on_press(self, update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None
        if update.effective_chat is None:  # a button on a message Telegram no longer shows
            await _acknowledge(query)
            return
        press = decode_callback(query.data)
        chat_id = _chat_id(update)
        private = query.message is not None and query.message.chat.type == ChatType.PRIVATE
        if isinstance(press, QuickExitPress) and private:  # never a sweep of a group
            await _acknowledge(query)
            newest = query.message.message_id if query.message else 0
            await self._quick_exit(context, chat_id, newest)
            return
        if isinstance(press, ChoicePress) and is_staff_choice(press.choice_id):
            # Staff buttons are the desk's to judge (a stale one does nothing there).
            await _acknowledge(query)
            await self._turn(update, context, ChoiceMessage(press.choice_id), exit_button=private)
            return
        if not private:
            await _acknowledge(query)
            return
        if not isinstance(press, ChoicePress):  # an older deployment's button, or garbage
            await _acknowledge(query, texts()["stale_button"])
            shown = await self._engine(chat_id, self.engine.current_turn)
            await self._send(context, chat_id, shown.replies, shown.state)
            return

        async def answer(turn: Turn) -> None:
            # Whether the button is stale is judged in the engine's transaction, with the press.
            if turn.stale:
                await _acknowledge(query, texts()["stale_button"])
                return
            answered = [_acknowledge(query)]
            if isinstance(query.message, Message):
                answered.append(self._drop_buttons(query.message))
            await asyncio.gather(*answered)  # two independent calls: one round trip, not two

        await self._turn(update, context, ChoiceMessage(press.choice_id, shown_in(press)),
                         answer=answer)

    async def on_exit_command(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None
        self._remember(message)
        await self._quick_exit(context, _chat_id(update), message.message_id)

    async def on_error(self, update: object, context: Context) -> None:
        """Logs the error's type and code location only (its message may quote what a person
        wrote), and tells the person their progress is kept."""
        error = context.error
        unavailable = isinstance(error, EngineUnavailable)
        where = "" if unavailable or error is None else "".join(
            traceback.format_tb(error.__traceback__))
        logger.error("telegram error: %s\n%s", type(error).__name__, where)
        if not isinstance(update, Update) or update.effective_chat is None \
                or update.effective_chat.type != ChatType.PRIVATE:
            return
        try:
            if update.callback_query is not None:
                with contextlib.suppress(BadRequest):  # already answered
                    await update.callback_query.answer()
            await self._say(context, update.effective_chat.id,
                            texts()["unavailable" if unavailable else "error"])
        except TelegramError as exc:
            logger.warning("could not tell the person about the error: %s", type(exc).__name__)

    # ---- the turn ----------------------------------------------------------------------------

    async def _turn(self, update: Update, context: Context, message: InboundMessage | None,
                    *, begin: bool = False, remove_reply_keyboard: bool = False,
                    exit_button: bool = True,
                    answer: Callable[[Turn], Awaitable[None]] | None = None) -> None:
        """One bot turn: the engine's answer to `message`, or the current question when None.
        `answer` runs once the engine has answered, before the replies are sent."""
        self._remember(update.effective_message if update.callback_query is None else None)
        chat_id = _chat_id(update)
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

        typing = asyncio.create_task(self._typing(context, chat_id))
        try:
            turn = await self._engine(chat_id, call)
        finally:
            typing.cancel()
        if answer is not None:
            await answer(turn)
        await self._send(context, chat_id, turn.replies, turn.state,
                         remove_reply_keyboard=remove_reply_keyboard, exit_button=exit_button)

    async def _engine(self, chat_id: int, call: Callable[[ChatKey], T]) -> T:
        """The engine is synchronous (database I/O): it runs in the channel's engine threads.
        EngineUnavailable goes on to the error handler, which says so to the person."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self._engine_threads,
                                                thread_name_prefix="engine")
        key = ChatKey(channel=CHANNEL, chat_id=str(chat_id))

        def timed(key: ChatKey) -> T:
            # One call per chat at a time (PerChatUpdateProcessor), so the chat id is the key.
            self._working_since[chat_id] = time.monotonic()
            try:
                return call(key)
            finally:
                self._working_since.pop(chat_id, None)

        return await asyncio.get_running_loop().run_in_executor(self._executor, timed, key)

    def _worked(self, chat_id: int) -> float:
        """Seconds the engine has been at this chat's call (0 while it waits its turn)."""
        since = self._working_since.get(chat_id)
        return 0.0 if since is None else time.monotonic() - since

    def close(self) -> None:
        """Lets the engine threads end once the calls already queued are done (a later call
        starts new ones)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None

    async def _send(self, context: Context, chat_id: int, replies: Sequence[Reply],
                    state: str | None, *, remove_reply_keyboard: bool = False,
                    exit_button: bool = True) -> None:
        for outgoing in render(replies, state, remove_reply_keyboard=remove_reply_keyboard,
                               exit_button=exit_button):
            sent = await context.bot.send_message(chat_id, outgoing.text,
                                                  reply_markup=outgoing.markup)
            self.log.add(chat_id, sent.message_id)

    async def _say(self, context: Context, chat_id: int, text: str, *,
                   exit_button: bool = True) -> None:
        markup = InlineKeyboardMarkup([quick_exit_row()]) if exit_button else None
        sent = await context.bot.send_message(chat_id, text, reply_markup=markup)
        self.log.add(chat_id, sent.message_id)

    async def _typing(self, context: Context, chat_id: int) -> None:
        """"typing…" once the engine has worked on this chat's turn for `typing_delay`; Telegram
        shows it for 5 seconds, so it is renewed while the engine works. A turn waiting behind
        other chats' turns does not count: under overload a chat action on every turn only
        made that wait longer (bench/e2e.py: 0.6 calls more per message)."""
        try:
            await asyncio.sleep(self.typing_delay)
            while (worked := self._worked(chat_id)) < self.typing_delay:
                await asyncio.sleep(self.typing_delay - worked)
            while True:
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
                await asyncio.sleep(4.5)
        except TelegramError:
            pass  # only a courtesy

    async def _drop_buttons(self, message: Message) -> None:
        """An answered question loses its buttons, so they cannot be pressed twice."""
        try:
            await message.edit_reply_markup(reply_markup=None)
        except BadRequest:
            pass  # already without buttons, or too old to edit
        except TelegramError as exc:
            # The press still counts; a second press of the kept buttons is answered as stale.
            logger.warning("could not remove the buttons: %s", type(exc).__name__)

    async def _quick_exit(self, context: Context, chat_id: int, newest: int) -> None:
        refused = await clear_chat(context.bot, self.log, chat_id, newest)
        text = texts()["quick_exit_done"]
        if refused:
            text += "\n" + texts()["quick_exit_partial"].format(count=refused)
        await context.bot.send_message(chat_id, text)

    def _remember(self, message: Message | None) -> None:
        if message is not None:
            self.log.add(message.chat_id, message.message_id)


async def _acknowledge(query: CallbackQuery, text: str | None = None) -> None:
    """Answers a button press. Only a courtesy (it stops the spinner): when it fails, e.g. a
    press delivered again after a restart whose query was answered already, the press itself
    must still be handled."""
    try:
        await query.answer(text)
    except TelegramError as exc:
        logger.warning("could not answer a button press: %s", type(exc).__name__)


def _chat_id(update: Update) -> int:
    assert update.effective_chat is not None
    return update.effective_chat.id


def _command_name(message: Message | None) -> str:
    assert message is not None and message.text is not None
    return message.text.split()[0].lstrip("/").split("@")[0].lower()
