"""The fake Bot API server keeps the Bot API's documented rules, as python-telegram-bot's own
Bot sees them over HTTP: what the bot tests rely on must hold for the real server too."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter

from tests.e2e.fake_bot_api import FakeBotApi, FakeUser

HANAKO = FakeUser(7001, "花子")


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url) as client:
        yield client


async def test_get_updates_confirms_by_offset_and_long_polls_until_an_update_comes(
    api: FakeBotApi, bot: Bot
) -> None:
    api.send_text(HANAKO, "一つ目")
    [first] = await bot.get_updates(timeout=0)
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [first.update_id]  # not confirmed yet
    waiting = asyncio.create_task(bot.get_updates(offset=first.update_id + 1, timeout=10))
    await asyncio.to_thread(api.wait_for, lambda a: a.waiting_polls == 1)
    api.send_text(HANAKO, "二つ目")
    [second] = await waiting
    assert second.message is not None and second.message.text == "二つ目"
    assert await bot.get_updates(offset=second.update_id + 1, timeout=0) == ()


async def test_errors_come_back_as_the_bot_api_documents_them(
    api: FakeBotApi, bot: Bot
) -> None:
    api.send_text(HANAKO, "こんにちは")
    api.fail_next(1, status=429, retry_after=3, method="sendMessage")
    with pytest.raises(RetryAfter, match="Retry in 3 seconds"):
        await bot.send_message(HANAKO.id, "x")
    api.fail_next(1, status=500)
    with pytest.raises(NetworkError):
        await bot.get_me()
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(999, "x")
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(HANAKO.id, "あ" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(HANAKO.id, "<b>閉じていない", parse_mode="HTML")
    wide = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(HANAKO.id, "x", reply_markup=wide)


async def test_an_edit_that_changes_nothing_is_refused(api: FakeBotApi, bot: Bot) -> None:
    api.send_text(HANAKO, "こんにちは")
    sent = await bot.send_message(HANAKO.id, "質問です")
    edited = await bot.edit_message_text("質問です（改）", HANAKO.id, sent.message_id)
    assert not isinstance(edited, bool) and edited.text == "質問です（改）"
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("質問です（改）", HANAKO.id, sent.message_id)


async def test_a_callback_query_is_answered_once(api: FakeBotApi, bot: Bot) -> None:
    api.send_text(HANAKO, "こんにちは")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("はい", callback_data="v1:x:yes")]])
    sent = await bot.send_message(HANAKO.id, "よろしいですか", reply_markup=keyboard)
    query = api.press(HANAKO, sent.message_id, "v1:x:yes")
    assert await bot.answer_callback_query(query)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query)


async def test_a_wrong_token_is_unauthorized(api: FakeBotApi) -> None:
    stranger = Bot("42:not-this-bot", base_url=api.base_url)
    with pytest.raises(InvalidToken):
        await stranger.initialize()  # getMe
    await stranger.shutdown()


async def test_get_updates_conflicts_with_a_webhook(api: FakeBotApi, bot: Bot) -> None:
    await bot.set_webhook("https://bot.example.jp/telegram", secret_token="s3cret")
    with pytest.raises(Conflict, match=r"(?i)webhook is active"):
        await bot.get_updates(timeout=0)
    await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == ()
