"""Group chats: the intake never runs in a group. Only an invite code and the messages of a
bound staff chat reach the engine; a group the bot is added to is told how staff bind it."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType

from bot.channels.telegram_engine_calls import EngineCalls
from bot.channels.telegram_inbound import chat_id_of, group_inbound
from bot.channels.telegram_render import texts
from bot.channels.telegram_send import ChatSender
from bot.channels.telegram_staff import StaffChats
from bot.channels.telegram_turn import Context, TurnRunner
from bot.handoff.invites import normalise
from flows.messages import CommandMessage, TextMessage


class GroupHandler:
    def __init__(self, staff: StaffChats, calls: EngineCalls, sender: ChatSender,
                 turns: TurnRunner) -> None:
        self.staff = staff
        self.calls = calls
        self.sender = sender
        self.turns = turns

    async def on_group_text(self, update: Update, context: Context) -> None:
        """In a group only an invite code (`/bind CODE`, or the code alone) and the messages of
        a bound staff chat reach the engine: the intake never runs in a group."""
        message = update.effective_message
        assert message is not None and message.text is not None
        inbound = group_inbound(message)
        if inbound is None:
            return
        is_code = isinstance(inbound, TextMessage) and normalise(inbound.text) is not None
        if is_code or await self.calls.run(chat_id_of(update), self.staff.is_staff_chat):
            await self.turns.run(update, context, inbound, exit_button=False)
        elif isinstance(inbound, CommandMessage):
            await self.sender.say(context.bot, chat_id_of(update), texts()["group_unbound"],
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
            await self.sender.say(context.bot, change.chat.id, texts()["group_unbound"],
                                  exit_button=False)
