"""The channel's error handler: what a failed update leaves in the log, and what the person
is told."""

from __future__ import annotations

import contextlib
import logging
import traceback

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError

from bot.channels.telegram_render import texts
from bot.channels.telegram_send import ChatSender
from bot.channels.telegram_turn import Context
from bot.engine import EngineUnavailable

# The channel's log lines keep the one logger name they had before the channel was split up.
logger = logging.getLogger("bot.channels.telegram")


async def report_error(sender: ChatSender, update: object, context: Context) -> None:
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
        await sender.say(context.bot, update.effective_chat.id,
                         texts()["unavailable" if unavailable else "error"])
    except TelegramError as exc:
        logger.warning("could not tell the person about the error: %s", type(exc).__name__)
