"""The transcript runner's Telegram channel: each step goes over HTTP through the fake Bot API
to the real Application (running on its own event loop in a thread) and the real engine."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from bot.channels.telegram_render import QUICK_EXIT_DATA, ChoicePress, decode_callback
from bot.engine import ChatKey, Turn
from flows.messages import InboundMessage, Reply
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser, JsonDict
from tests.e2e.telegram_harness import TelegramApp, buttons, polling_app
from tests.transcripts import Received, Sent

TURN_TIMEOUT = 30.0


class RecordingEngine:
    """The real engine, noting the reply keys of each turn: Telegram messages carry only text."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.keys: tuple[str, ...] = ()

    def handle(self, key: ChatKey, message: InboundMessage, *,
               user_id: str | None = None) -> list[Reply]:
        return self._note(self.engine.handle(key, message, user_id=user_id))

    def current(self, key: ChatKey) -> list[Reply]:
        return self._note(self.engine.current(key))

    def handle_turn(self, key: ChatKey, message: InboundMessage, *,
                    user_id: str | None = None, update_id: int | None = None) -> Turn:
        turn: Turn = self.engine.handle_turn(key, message, user_id=user_id, update_id=update_id)
        self._note(turn.replies)
        return turn

    def current_turn(self, key: ChatKey) -> Turn:
        turn: Turn = self.engine.current_turn(key)
        self._note(turn.replies)
        return turn

    def state(self, key: ChatKey) -> str | None:
        state: str | None = self.engine.state(key)
        return state

    def _note(self, replies: list[Reply]) -> list[Reply]:
        self.keys = tuple(reply.key for reply in replies)
        return replies


class TelegramTranscriptChannel:
    def __init__(self, engine: Any, api: FakeBotApi, user: FakeUser) -> None:
        self.engine = RecordingEngine(engine)
        self.api = api
        self.user = user
        self.key = ChatKey("telegram", str(user.id))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._app: AbstractAsyncContextManager[TelegramApp] = polling_app(self.engine, api)
        self._await(self._app.__aenter__())

    def close(self) -> None:
        self._await(self._app.__aexit__(None, None, None))
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def _await(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(TURN_TIMEOUT)

    def send(self, message: Sent) -> Received:
        before = len(self.api.bot_messages(self.user.id))
        self._act(message)()
        self.api.wait_for(lambda a: self._turn_over(before), TURN_TIMEOUT)
        turn = self.api.bot_messages(self.user.id)[before:]
        return Received(
            keys=self.engine.keys,
            texts=tuple(str(m["text"]) for m in turn),
            choices=tuple(
                press.choice_id for m in turn for data in buttons(m).values()
                if isinstance(press := decode_callback(data), ChoicePress)
            ),
            state=self.engine.state(self.key),
        )

    def _act(self, message: Sent) -> Callable[[], object]:
        api, user, value = self.api, self.user, message.value
        if message.kind == "user":
            return lambda: api.send_text(user, value)
        if message.kind == "command":
            return lambda: api.send_text(user, f"/{value}")
        if message.kind == "contact":
            return lambda: api.send_contact(user, value)
        if message.kind == "unsupported":
            media = {"photo": api.send_photo, "sticker": api.send_sticker,
                     "voice": api.send_voice, "location": api.send_location}
            return lambda: media.get(value, api.send_document)(user)
        target = self._button(value)
        return lambda: api.press(user, int(target["message_id"]), target["data"])

    def _button(self, choice_id: str) -> JsonDict:
        for shown in reversed(self.api.bot_messages(self.user.id)):
            for data in buttons(shown).values():
                press = decode_callback(data)
                if isinstance(press, ChoicePress) and press.choice_id == choice_id:
                    return {"message_id": shown["message_id"], "data": data}
        raise AssertionError(f"no button for choice {choice_id!r} on screen")

    def _turn_over(self, before: int) -> bool:
        new = self.api.bot_messages(self.user.id)[before:]
        return bool(new) and QUICK_EXIT_DATA in buttons(new[-1]).values()
