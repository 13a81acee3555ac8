"""The aiohttp transport under python-telegram-bot's Bot, against the fake Bot API server and a
bare aiohttp server for what the fake does not take (file uploads)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.channels.telegram_http import AiohttpRequest
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser

HANAKO = FakeUser(7001, "花子")


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


def bot_on(api: FakeBotApi, request: AiohttpRequest) -> Bot:
    return Bot(api.token, base_url=api.base_url, request=request,
               get_updates_request=AiohttpRequest(1))


async def test_a_message_with_buttons_reaches_the_server_and_comes_back_as_a_message(
    api: FakeBotApi,
) -> None:
    api.send_text(HANAKO, "/start")  # the chat exists once the person has written
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("はい", callback_data="v1:x:yes")]])
    async with bot_on(api, AiohttpRequest()) as bot:
        sent = await bot.send_message(HANAKO.id, "こんにちは 👋", reply_markup=markup)
    [call] = api.calls_of("sendMessage")
    assert call.params["text"] == "こんにちは 👋"
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "v1:x:yes"
    assert sent.text == "こんにちは 👋" and sent.chat.id == HANAKO.id
    assert sent.reply_markup == markup


async def test_an_error_answer_becomes_the_matching_telegram_error(api: FakeBotApi) -> None:
    async with bot_on(api, AiohttpRequest()) as bot:
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(999, "だれもいない")


async def test_many_calls_at_once_all_get_their_own_answer(api: FakeBotApi) -> None:
    api.send_text(HANAKO, "/start")
    async with bot_on(api, AiohttpRequest(4)) as bot:
        sent = await asyncio.gather(*(bot.send_message(HANAKO.id, f"{n}番") for n in range(40)))
    assert [message.text for message in sent] == [f"{n}番" for n in range(40)]
    assert len({message.message_id for message in sent}) == 40


async def test_a_server_that_does_not_answer_in_time_is_a_timeout(api: FakeBotApi) -> None:
    async with bot_on(api, AiohttpRequest(read_timeout=0.1)) as bot:
        api.slow_next(1, seconds=1.0, method="getMe")
        with pytest.raises(TimedOut):
            await bot.get_me()


async def test_a_server_that_is_not_there_is_a_network_error() -> None:
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError):  # port 9 (discard) on loopback: nobody listens
            await request.post("http://127.0.0.1:9/bot1:x/getMe")
    finally:
        await request.shutdown()


@pytest.fixture
async def upload_server() -> AsyncIterator[tuple[str, list[dict[str, str]]]]:
    received: list[dict[str, str]] = []

    async def take(request: web.Request) -> web.Response:
        form = await request.post()
        document = form["document"]
        assert isinstance(document, web.FileField)
        received.append({"chat_id": str(form["chat_id"]), "filename": document.filename,
                         "content": document.file.read().decode(),
                         "content_type": document.content_type})
        message = {"message_id": 1, "date": 0, "chat": {"id": 7001, "type": "private"},
                   "document": {"file_id": "f", "file_unique_id": "u"}}
        return web.json_response({"ok": True, "result": message})

    async def me(request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "result": {"id": 1, "is_bot": True,
                                                         "first_name": "つなぐ"}})

    app = web.Application()
    app.router.add_post("/bot1:x/getMe", me)
    app.router.add_post("/bot1:x/sendDocument", take)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}/bot", received
    finally:
        await runner.cleanup()


async def test_a_file_goes_up_as_multipart_with_its_name_and_the_other_parameters(
    upload_server: tuple[str, list[dict[str, str]]],
) -> None:
    base_url, received = upload_server
    request = AiohttpRequest()
    async with Bot("1:x", base_url=base_url, request=request,
                   get_updates_request=AiohttpRequest(1)) as bot:
        await bot.send_document(7001, b"memo", filename="memo.txt")
    assert received == [{"chat_id": "7001", "filename": "memo.txt", "content": "memo",
                         "content_type": "text/plain"}]


async def test_a_proxy_from_the_environment_carries_the_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines: list[str] = []

    async def proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode()
        length = next((int(h.split(":")[1]) for h in head.split("\r\n")
                       if h.lower().startswith("content-length:")), 0)
        await reader.readexactly(length)
        lines.append(head.split("\r\n")[0])
        body = b'{"ok": true, "result": {"id": 1, "is_bot": true, "first_name": "x"}}'
        writer.write(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\n"
                     b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(proxy, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    for name in ("no_proxy", "NO_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
    request = AiohttpRequest()
    await request.initialize()
    try:
        # api.invalid does not resolve: only the proxy can have answered.
        await request.post("http://api.invalid/bot1:x/getMe")
        await request.post("http://api.invalid/bot1:x/getMe")
    finally:
        await request.shutdown()
        server.close()
    assert lines == ["POST http://api.invalid/bot1:x/getMe HTTP/1.1"] * 2
