"""The quick exit: clear a person's chat with the bot from their screen, at once.

Known message ids (this process saw them) are deleted one by one, so that what Telegram refuses
(older than 48 hours) can be counted and told. Ids this process never saw (before a restart, or
handled by another worker) are swept in batches of `deleteMessages` below the newest id: in a
private chat every id belongs to this person's chat with the bot, and Telegram skips those that
are gone or may not be deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import Bot
from telegram.error import BadRequest, TelegramError

from bot.channels.telegram_support import ChatMessageLog

logger = logging.getLogger(__name__)

SWEEP_IDS = 1000  # how far below the newest id the sweep reaches
BATCH = 100  # deleteMessages takes 1-100 ids


async def clear_chat(bot: Bot, log: ChatMessageLog, chat_id: int, newest: int) -> int:
    """Deletes what the bot may delete in the chat; returns how many known messages stayed."""
    known = log.take(chat_id)
    refused = 0
    for message_id in known:
        try:
            await bot.delete_message(chat_id, message_id)
        except BadRequest as exc:
            if "not found" not in str(exc).lower():
                refused += 1
    top = max([newest, *known])
    unseen = [i for i in range(top, max(0, top - SWEEP_IDS), -1) if i not in set(known)]
    for batch in _batches(unseen):
        try:
            await bot.delete_messages(chat_id, batch)
        except TelegramError as exc:
            logger.warning("quick exit sweep incomplete: %s", type(exc).__name__)
    return refused


def _batches(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]
