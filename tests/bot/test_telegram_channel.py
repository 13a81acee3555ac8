"""The Telegram layer over HTTP against the fake Bot API, with a hand-written fake engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.channels.telegram_render import QUICK_EXIT_DATA, texts
from bot.engine import ChatKey, EngineUnavailable
from flows.messages import (
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    TextMessage,
    UnsupportedMessage,
)
from tests.bot.fake_engine import FakeEngine
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser, JsonDict
from tests.e2e.telegram_harness import bot_turn, buttons, polling_app, until

HANAKO = FakeUser(7001, "花子")
KEY = ChatKey("telegram", str(HANAKO.id))
START = CommandMessage(Command.RESTART)  # what /start begins a new chat's conversation with


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


async def started(api: FakeBotApi) -> JsonDict:
    """Hanako sends /start; the bot's first question to her."""
    api.send_text(HANAKO, "/start")
    [question] = await bot_turn(api, HANAKO.id, 0)
    return question


async def test_start_shows_the_first_question_with_buttons_and_a_quick_exit(
    api: FakeBotApi,
) -> None:
    async with polling_app(FakeEngine(), api):
        question = await started(api)
    assert question["text"] == "どなたの相談ですか。"
    assert list(buttons(question)) == ["自分", "家族", "民生委員", texts()["quick_exit_button"]]
    assert all(len(data.encode()) <= 64 for data in buttons(question).values())


async def test_commands_are_registered_in_japanese(api: FakeBotApi) -> None:
    async with polling_app(FakeEngine(), api):
        pass
    calls = {call.params["scope"]["type"]: call.params["commands"]
             for call in api.calls_of("setMyCommands")}
    names = [c["command"] for c in calls["all_private_chats"]]
    assert names[:5] == ["start", "help", "back", "cancel", "delete"]
    assert all(c["description"] == texts()["commands"][c["command"]]
               for c in calls["all_private_chats"])
    assert [c["command"] for c in calls["all_group_chats"]] == ["bind", "help"]


async def test_pressing_a_button_answers_the_query_and_removes_the_buttons(
    api: FakeBotApi,
) -> None:
    engine = FakeEngine()
    async with polling_app(engine, api):
        question = await started(api)
        query = api.press(HANAKO, question["message_id"], buttons(question)["家族"])
        [nxt] = await bot_turn(api, HANAKO.id, 1)
        await until(api, lambda a: "reply_markup" not in question)
    assert nxt["text"] == "ご心配なことを教えてください。"
    assert query in api.answered_queries
    assert engine.received == [(KEY, START), (KEY, ChoiceMessage("family", shown_in="role"))]


async def test_a_stale_button_gets_a_kind_answer_and_the_current_question_again(
    api: FakeBotApi,
) -> None:
    engine = FakeEngine()
    async with polling_app(engine, api):
        question = await started(api)
        data = buttons(question)["自分"]
        api.press(HANAKO, question["message_id"], data)
        await bot_turn(api, HANAKO.id, 1)
        stale = api.press(HANAKO, question["message_id"], data)
        [again] = await bot_turn(api, HANAKO.id, 2)
        old_version = api.press(HANAKO, question["message_id"], "v0:self")
        [again2] = await bot_turn(api, HANAKO.id, 3)
    assert api.answered_queries[stale]["text"] == texts()["stale_button"]
    assert api.answered_queries[old_version]["text"] == texts()["stale_button"]
    assert again["text"] == again2["text"] == "ご心配なことを教えてください。"
    assert engine.received == [(KEY, START), (KEY, ChoiceMessage("self", shown_in="role"))]
    assert not api.unanswered_queries()


async def test_texts_commands_contacts_and_media_reach_the_engine_translated(
    api: FakeBotApi,
) -> None:
    engine = FakeEngine()
    async with polling_app(engine, api):
        api.send_text(HANAKO, "/help")
        api.send_photo(HANAKO, caption="これを見て")
        api.send_sticker(HANAKO)
        api.send_voice(HANAKO)
        api.send_location(HANAKO)
        api.send_document(HANAKO)
        api.send_text(HANAKO, "/back")
        api.send_contact(HANAKO, "+81764000000")
        await until(api, lambda a: len(engine.received) == 8)
    assert [message for _, message in engine.received] == [
        CommandMessage(Command.HELP), UnsupportedMessage("photo"), UnsupportedMessage("sticker"),
        UnsupportedMessage("voice"), UnsupportedMessage("location"),
        UnsupportedMessage("document"), CommandMessage(Command.BACK),
        ContactMessage("+81764000000"),
    ]


async def test_one_persons_messages_are_handled_in_the_order_sent(api: FakeBotApi) -> None:
    engine = FakeEngine()
    words = [f"{n}番目のメッセージ" for n in range(30)]
    async with polling_app(engine, api):
        for word in words:
            api.send_text(HANAKO, word)
        await until(api, lambda a: len(engine.received) == len(words))
    assert [message for _, message in engine.received] == [TextMessage(w) for w in words]


async def test_the_phone_question_offers_a_contact_button(api: FakeBotApi) -> None:
    engine = FakeEngine(states={KEY: "concern"})
    async with polling_app(engine, api):
        api.send_text(HANAKO, "母のことで")
        phone, alternatives = await bot_turn(api, HANAKO.id, 0, count=2)
    keyboard = api.reply_keyboards[(HANAKO.id, phone["message_id"])]
    assert keyboard["keyboard"][0][0]["request_contact"] is True
    assert next(iter(buttons(alternatives))) == "電話はしない"


async def test_edits_group_messages_and_channel_posts_leave_the_state_alone(
    api: FakeBotApi,
) -> None:
    engine = FakeEngine()
    group = api.group_chat(-100123)
    async with polling_app(engine, api):
        first = api.send_text(HANAKO, "こんにちは")
        await bot_turn(api, HANAKO.id, 0)
        api.edit_text(HANAKO, first, "こんばんは")
        [said] = await bot_turn(api, HANAKO.id, 1)
        api.send_text(HANAKO, "相談したいのですが", chat=group)
        api.channel_post(-100999, "お知らせ")
        api.send_text(HANAKO, "/start")
        await bot_turn(api, HANAKO.id, 2)
    assert said["text"] == texts()["edited_message"]
    assert engine.received == [(KEY, TextMessage("こんにちは"))]
    assert api.bot_messages(-100123) == [] and api.bot_messages(-100999) == []


async def test_a_reply_longer_than_telegram_allows_is_split_at_line_ends(
    api: FakeBotApi,
) -> None:
    line = "地域包括支援センターの電話番号と受付時間のご案内です。" * 3
    long_text = "\n".join([line] * 80)
    engine = FakeEngine(states={KEY: "concern"}, long_reply=long_text)
    async with polling_app(engine, api):
        api.send_text(HANAKO, "母のことで")
        await until(api, lambda a: "電話はしない" in buttons([{}, *a.bot_messages(HANAKO.id)][-1]))
    messages = api.bot_messages(HANAKO.id)
    pieces = [m["text"] for m in messages[:-2]]
    assert len(pieces) >= 2 and all(len(p) <= 4096 for p in pieces)
    assert "\n".join(pieces) == long_text


async def test_quick_exit_deletes_the_chat_and_says_what_it_could_not(api: FakeBotApi) -> None:
    async with polling_app(FakeEngine(), api):
        question = await started(api)
        old = api.send_text(HANAKO, "夫に見られたくない")
        await bot_turn(api, HANAKO.id, 1)
        api.backdate(HANAKO.id, old, seconds=49 * 3600)
        api.press(HANAKO, question["message_id"], buttons(question)[texts()["quick_exit_button"]])
        await until(api, lambda a: any(texts()["quick_exit_done"] in m["text"]
                                       for m in a.bot_messages(HANAKO.id)))
    remaining = api.messages(HANAKO.id)
    assert [m["message_id"] for m in remaining[:-1]] == [old]
    assert remaining[-1]["text"] == "\n".join(
        [texts()["quick_exit_done"], texts()["quick_exit_partial"].format(count=1)])


async def test_server_errors_are_retried_and_a_429_waits_as_told(api: FakeBotApi) -> None:
    async with polling_app(FakeEngine(), api):
        api.fail_next(1, status=429, retry_after=1, method="sendMessage")
        api.fail_next(2, status=500, method="sendMessage")
        question = await started(api)
    statuses = [call.status for call in api.calls_of("sendMessage")]
    assert statuses == [429, 500, 500, 200]
    assert question["text"] == "どなたの相談ですか。"


async def test_a_failure_inside_is_logged_without_the_words_and_the_person_is_told(
    api: FakeBotApi, caplog: pytest.LogCaptureFixture,
) -> None:
    engine = FakeEngine(fail_next=RuntimeError("電話 090-1234-5678 の件"))
    async with polling_app(engine, api):
        api.send_text(HANAKO, "電話 090-1234-5678 の件")
        [said] = await bot_turn(api, HANAKO.id, 0)
    assert said["text"] == texts()["error"]
    assert "RuntimeError" in caplog.text
    assert "090-1234-5678" not in caplog.text


async def test_an_unknown_command_is_explained_and_the_question_asked_again(
    api: FakeBotApi,
) -> None:
    engine = FakeEngine()
    async with polling_app(engine, api):
        await started(api)
        api.send_text(HANAKO, "/foo")
        told, again = await bot_turn(api, HANAKO.id, 1, count=2)
    assert told["text"] == texts()["unknown_command"]
    assert again["text"] == "どなたの相談ですか。"
    assert engine.received == [(KEY, START)]


async def test_a_slow_server_delays_the_reply_without_losing_or_doubling_it(
    api: FakeBotApi,
) -> None:
    async with polling_app(FakeEngine(), api):
        api.slow_next(2, seconds=1.0, method="sendMessage")
        api.send_text(HANAKO, "/start")
        api.send_text(HANAKO, "/help")
        await bot_turn(api, HANAKO.id, 0, count=3)
    texts_sent = [m["text"] for m in api.bot_messages(HANAKO.id)]
    assert texts_sent == ["どなたの相談ですか。", "help を受けました。", "どなたの相談ですか。"]


async def test_a_database_outage_is_told_as_such_and_nothing_is_acknowledged(
    api: FakeBotApi,
) -> None:
    engine = FakeEngine(fail_next=EngineUnavailable("database away"))
    async with polling_app(engine, api):
        api.send_text(HANAKO, "家賃が払えません")
        [said] = await bot_turn(api, HANAKO.id, 0)
    assert said["text"] == texts()["unavailable"]
    assert engine.received == []


async def test_a_group_learns_how_to_bind_and_nothing_else_happens_there(
    api: FakeBotApi,
) -> None:
    engine = FakeEngine()
    group = api.group_chat(-100321, "地域の集まり")
    async with polling_app(engine, api):
        api.add_bot_to(HANAKO, group)
        await until(api, lambda a: len(a.bot_messages(-100321)) == 1)
        api.send_text(HANAKO, "こんにちは", chat=group)
        api.send_text(HANAKO, "/help@tsunagu_test_bot", chat=group)
        await until(api, lambda a: len(a.bot_messages(-100321)) == 2)
    assert [m["text"] for m in api.bot_messages(-100321)] == [texts()["group_unbound"]] * 2
    assert engine.received == []


async def test_quick_exit_after_a_restart_still_clears_what_came_before(api: FakeBotApi) -> None:
    engine = FakeEngine()
    async with polling_app(engine, api):
        await started(api)
        api.send_text(HANAKO, "/help")
        await bot_turn(api, HANAKO.id, 1, count=2)
    assert len(api.messages(HANAKO.id)) == 5
    async with polling_app(engine, api):  # a new process: it never saw those messages
        api.send_text(HANAKO, "/exit")
        await until(api, lambda a: len(a.bot_messages(HANAKO.id)) == 4)
    assert [m["text"] for m in api.messages(HANAKO.id)] == [texts()["quick_exit_done"]]


async def test_a_quick_exit_press_in_a_group_deletes_nothing(api: FakeBotApi) -> None:
    group = api.group_chat(-100321, "地域の集まり")
    async with polling_app(FakeEngine(), api):
        api.add_bot_to(HANAKO, group)
        await until(api, lambda a: len(a.bot_messages(-100321)) == 1)
        [notice] = api.bot_messages(-100321)
        query = api.press(HANAKO, notice["message_id"], QUICK_EXIT_DATA, chat=group)
        await until(api, lambda a: query in a.answered_queries)
    assert api.messages(-100321)[-1] == notice
    assert not api.calls_of("deleteMessage") and not api.calls_of("deleteMessages")
