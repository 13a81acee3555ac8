"""A fake Telegram Bot API server for end-to-end tests.

It speaks HTTP on 127.0.0.1 (ephemeral port) the way https://core.telegram.org/bots/api
describes: `POST /bot<token>/<method>` with parameters in the query string, an urlencoded form
or a JSON body; answers `{"ok": true, "result": ...}` or `{"ok": false, "error_code": ...,
"description": ..., "parameters": {"retry_after": ...}}`. Tests play the people on the other side:
they inject updates (texts, button presses, photos, contacts, edits, group and channel posts),
inject failures for the next calls, and read every call the bot made.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message as MimeMessage
from html.parser import HTMLParser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

JsonDict = dict[str, Any]

MAX_TEXT_LENGTH = 4096  # characters after entity parsing, counted in UTF-16 code units
MAX_CALLBACK_DATA_BYTES = 64
DELETE_WINDOW_SECONDS = 48 * 3600
# Parameters Telegram expects as JSON-serialized objects; everything else is a plain string.
JSON_PARAMS = frozenset(
    {"reply_markup", "commands", "scope", "allowed_updates", "entities", "message_ids",
     "link_preview_options", "reply_parameters"}
)
INT_PARAMS = frozenset({"offset", "limit", "timeout", "message_id", "max_connections",
                        "cache_time"})
BOOL_PARAMS = frozenset({"drop_pending_updates", "show_alert", "disable_notification"})
HTML_TAGS = frozenset({"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code",
                       "pre", "span", "tg-spoiler", "blockquote", "tg-emoji"})
DEFAULT_ALLOWED = frozenset({"message", "edited_message", "channel_post", "edited_channel_post",
                             "callback_query", "inline_query", "my_chat_member"})


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made, and the HTTP status it got back."""

    method: str
    params: JsonDict
    status: int


@dataclass(frozen=True)
class FakeUser:
    id: int
    first_name: str
    username: str | None = None

    def to_json(self) -> JsonDict:
        user: JsonDict = {"id": self.id, "is_bot": False, "first_name": self.first_name,
                          "language_code": "ja"}
        if self.username:
            user["username"] = self.username
        return user

    def private_chat(self) -> JsonDict:
        return {"id": self.id, "type": "private", "first_name": self.first_name}


@dataclass
class _Failure:
    remaining: int
    status: int
    description: str
    retry_after: int | None
    delay: float
    method: str | None

    def matches(self, method: str) -> bool:
        return self.remaining > 0 and (self.method is None or self.method == method)


@dataclass
class _Chat:
    info: JsonDict
    messages: dict[int, JsonDict] = field(default_factory=dict)
    next_message_id: int = 1
    blocked: bool = False


class _HtmlChecker(HTMLParser):
    """Rejects what Telegram's HTML parse mode rejects: unknown or unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.error: str | None = None
        self.text: list[str] = []  # what the reader sees: tags gone, entities decoded

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS:
            self.error = f"Unsupported start tag \"{tag}\""
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.error = f"Unmatched end tag \"{tag}\""


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeBotApi:
    """Thread-safe state of one fake bot, served over HTTP while started."""

    def __init__(self, token: str = "123456:TEST-fake-token", username: str = "tsunagu_test_bot"):
        self.token = token
        self.bot_user: JsonDict = {"id": int(token.split(":")[0]), "is_bot": True,
                                   "first_name": "つなぐ", "username": username,
                                   "can_join_groups": True, "can_read_all_group_messages": False,
                                   "supports_inline_queries": False}
        self.calls: list[ApiCall] = []
        self.commands: dict[str, list[JsonDict]] = {}
        self.answered_queries: dict[str, JsonDict] = {}
        self.webhook: JsonDict | None = None
        # Reply keyboards (e.g. request_contact) are not echoed in Message; tests read them here.
        self.reply_keyboards: dict[tuple[int, int], JsonDict] = {}
        self._sent: dict[int, list[JsonDict]] = {}  # every message the bot sent, even deleted
        self.waiting_polls = 0  # getUpdates calls holding the line, waiting for an update
        self._cond = threading.Condition()
        self._updates: list[JsonDict] = []
        self._next_update_id = itertools.count(100_000)
        self._allowed_updates: frozenset[str] = DEFAULT_ALLOWED
        self._chats: dict[int, _Chat] = {}
        self._failures: list[_Failure] = []
        self._open_queries: set[str] = set()
        self._query_ids = itertools.count(1)
        self._clock: Callable[[], float] = time.time
        self._server: ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()

    # ---- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeBotApi:
        handler = _make_handler(self)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._spawn(self._server.serve_forever)
        self._spawn(self._deliver_webhooks)
        return self

    def stop(self) -> None:
        self._stopping.set()
        with self._cond:
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _spawn(self, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        self._threads.append(thread)

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the fake first"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """What `--base-url` gets: the bot appends `<token>/<method>`."""
        return f"http://127.0.0.1:{self.port}/bot"

    # ---- what the people on the other side do ----------------------------------------------

    def send_text(self, user: FakeUser, text: str, chat: JsonDict | None = None) -> int:
        extra: JsonDict = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            extra["entities"] = [{"type": "bot_command", "offset": 0,
                                  "length": _utf16_length(command)}]
        return self._user_message(user, extra, chat)

    def forged_text_update(self, user: FakeUser, text: str) -> JsonDict:
        """An update as Telegram would post it, kept out of the queue: for a test to POST
        to a webhook itself (e.g. without the secret token)."""
        with self._cond:
            stored = self._store(user.private_chat(), {"text": text}, user.to_json())
            return {"update_id": next(self._next_update_id), "message": stored}

    def send_photo(self, user: FakeUser, caption: str | None = None) -> int:
        photo = [{"file_id": f"photo-{size}", "file_unique_id": f"u{size}", "width": size,
                  "height": size, "file_size": size * 10} for size in (90, 320, 800)]
        extra: JsonDict = {"photo": photo}
        if caption:
            extra["caption"] = caption
        return self._user_message(user, extra)

    def send_sticker(self, user: FakeUser) -> int:
        sticker = {"file_id": "sticker-1", "file_unique_id": "s1", "type": "regular",
                   "width": 512, "height": 512, "is_animated": False, "is_video": False,
                   "emoji": "🙂"}
        return self._user_message(user, {"sticker": sticker})

    def send_voice(self, user: FakeUser) -> int:
        voice = {"file_id": "voice-1", "file_unique_id": "v1", "duration": 3}
        return self._user_message(user, {"voice": voice})

    def send_location(self, user: FakeUser) -> int:
        return self._user_message(user, {"location": {"latitude": 36.6959,
                                                      "longitude": 137.2137}})

    def send_document(self, user: FakeUser) -> int:
        document = {"file_id": "doc-1", "file_unique_id": "d1", "file_name": "memo.pdf"}
        return self._user_message(user, {"document": document})

    def send_contact(self, user: FakeUser, phone: str, *, own: bool = True) -> int:
        contact: JsonDict = {"phone_number": phone, "first_name": user.first_name}
        if own:
            contact["user_id"] = user.id
        return self._user_message(user, {"contact": contact})

    def edit_text(self, user: FakeUser, message_id: int, text: str) -> None:
        with self._cond:
            chat = self._chat(user.private_chat())
            message = dict(chat.messages[message_id])
            message.update(text=text, edit_date=int(self._clock()))
            chat.messages[message_id] = message
            self._queue_update({"edited_message": message})

    def press(self, user: FakeUser, message_id: int, data: str,
              chat: JsonDict | None = None) -> str:
        """Presses an inline button on a message the bot sent; returns the callback query id."""
        with self._cond:
            chat_info = chat or user.private_chat()
            message = self._chat(chat_info).messages[message_id]
            query_id = f"cq{next(self._query_ids)}"
            self._open_queries.add(query_id)
            self._queue_update({"callback_query": {
                "id": query_id, "from": user.to_json(), "message": message,
                "chat_instance": f"ci{chat_info['id']}", "data": data}})
            return query_id

    def channel_post(self, channel_id: int, text: str) -> int:
        chat = {"id": channel_id, "type": "channel", "title": "お知らせチャンネル"}
        with self._cond:
            stored = self._store(chat, {"text": text, "sender_chat": chat})
            self._queue_update({"channel_post": stored})
            return int(stored["message_id"])

    def group_chat(self, group_id: int, title: str = "グループ") -> JsonDict:
        return {"id": group_id, "type": "supergroup", "title": title}

    def add_bot_to(self, user: FakeUser, group: JsonDict) -> None:
        """`user` adds the bot to a group: a my_chat_member update."""
        bot = {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
        with self._cond:
            self._chat(group)
            self._queue_update({"my_chat_member": {
                "chat": group, "from": user.to_json(), "date": int(self._clock()),
                "old_chat_member": {"user": bot, "status": "left"},
                "new_chat_member": {"user": bot, "status": "member"}}})

    def block(self, chat_id: int) -> None:
        with self._cond:
            self._chats[chat_id].blocked = True

    def backdate(self, chat_id: int, message_id: int, seconds: int) -> None:
        """Makes a message older, e.g. past the 48 hours in which it may still be deleted."""
        with self._cond:
            message = self._chats[chat_id].messages[message_id]
            message["date"] = int(message["date"]) - seconds

    # ---- faults ----------------------------------------------------------------------------

    def fail_next(self, count: int, *, status: int, method: str | None = None,
                  retry_after: int | None = None, description: str | None = None) -> None:
        """The next `count` calls (of `method`, or any) get this error instead of an answer."""
        text = description or {
            HTTPStatus.TOO_MANY_REQUESTS: f"Too Many Requests: retry after {retry_after}",
            HTTPStatus.INTERNAL_SERVER_ERROR: "Internal Server Error",
            HTTPStatus.BAD_GATEWAY: "Bad Gateway",
        }.get(HTTPStatus(status), HTTPStatus(status).phrase)
        with self._cond:
            self._failures.append(_Failure(count, status, text, retry_after, 0.0, method))

    def slow_next(self, count: int, *, seconds: float, method: str | None = None) -> None:
        """The next `count` calls answer normally, but only after `seconds`."""
        with self._cond:
            self._failures.append(_Failure(count, 200, "", None, seconds, method))

    # ---- what tests read -------------------------------------------------------------------

    def calls_of(self, method: str) -> list[ApiCall]:
        with self._cond:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, predicate: Callable[[FakeBotApi], bool], timeout: float = 15.0) -> None:
        """Blocks until `predicate(self)` holds; a guard against hanging, not a timing check."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    methods = [call.method for call in self.calls[-15:]]
                    raise AssertionError(f"condition not met; last calls: {methods}")
                self._cond.wait(remaining)

    def wait_for_calls(self, method: str, count: int, timeout: float = 15.0) -> list[ApiCall]:
        self.wait_for(lambda api: len(api.calls_of(method)) >= count, timeout)
        return self.calls_of(method)

    def unanswered_queries(self) -> set[str]:
        with self._cond:
            return set(self._open_queries)

    def messages(self, chat_id: int) -> list[JsonDict]:
        """The messages still visible in a chat, oldest first."""
        with self._cond:
            chat = self._chats.get(chat_id)
            return [] if chat is None else [chat.messages[i] for i in sorted(chat.messages)]

    def bot_messages(self, chat_id: int) -> list[JsonDict]:
        """Every message the bot sent to the chat, oldest first, including deleted ones."""
        with self._cond:
            return list(self._sent.get(chat_id, []))

    def visible_ids(self, chat_id: int) -> set[int]:
        return {int(m["message_id"]) for m in self.messages(chat_id)}

    # ---- internals (call with self._cond held) ---------------------------------------------

    def _chat(self, info: JsonDict) -> _Chat:
        chat = self._chats.get(int(info["id"]))
        if chat is None:
            chat = self._chats[int(info["id"])] = _Chat(info=info)
        return chat

    def _store(self, chat_info: JsonDict, extra: JsonDict, sender: JsonDict | None = None
               ) -> JsonDict:
        chat = self._chat(chat_info)
        message: JsonDict = {"message_id": chat.next_message_id, "date": int(self._clock()),
                             "chat": chat.info, **extra}
        if sender is not None:
            message["from"] = sender
        chat.messages[chat.next_message_id] = message
        chat.next_message_id += 1
        return message

    def _user_message(self, user: FakeUser, extra: JsonDict, chat: JsonDict | None = None) -> int:
        with self._cond:
            stored = self._store(chat or user.private_chat(), extra, user.to_json())
            self._queue_update({"message": stored})
            return int(stored["message_id"])

    def _queue_update(self, payload: JsonDict) -> None:
        self._updates.append({"update_id": next(self._next_update_id), **payload})
        self._cond.notify_all()

    def _record(self, method: str, params: JsonDict, status: int) -> None:
        with self._cond:
            self.calls.append(ApiCall(method, params, status))
            self._cond.notify_all()

    def _take_failure(self, method: str) -> _Failure | None:
        with self._cond:
            for failure in self._failures:
                if failure.matches(method):
                    failure.remaining -= 1
                    return failure
            return None

    # ---- request handling ------------------------------------------------------------------

    def handle(self, method: str, params: JsonDict) -> tuple[int, JsonDict]:
        failure = self._take_failure(method)
        if failure is not None and failure.delay:
            time.sleep(failure.delay)
        elif failure is not None:
            error = ApiError(failure.status, failure.description, failure.retry_after)
            return self._error(method, params, error)
        implementation = _METHODS.get(method.lower())
        try:
            if implementation is None:
                raise ApiError(404, "Not Found")
            result = implementation(self, params)
        except ApiError as error:
            return self._error(method, params, error)
        self._record(method, params, 200)
        return 200, {"ok": True, "result": result}

    def _error(self, method: str, params: JsonDict, error: ApiError) -> tuple[int, JsonDict]:
        self._record(method, params, error.code)
        body: JsonDict = {"ok": False, "error_code": error.code, "description": error.description}
        if error.retry_after is not None:
            body["parameters"] = {"retry_after": error.retry_after}
        return error.code, body

    def _get_me(self, params: JsonDict) -> JsonDict:
        return self.bot_user

    def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        offset = int(params.get("offset", 0))
        limit = max(1, min(100, int(params.get("limit", 100))))
        timeout = float(params.get("timeout", 0))
        deadline = time.monotonic() + timeout
        with self._cond:
            if self.webhook is not None:
                raise ApiError(409, "Conflict: can't use getUpdates method while webhook is "
                                    "active; use deleteWebhook to delete the webhook first")
            if "allowed_updates" in params:
                self._allowed_updates = frozenset(params["allowed_updates"]) or DEFAULT_ALLOWED
            if offset:
                # An update is confirmed once getUpdates is called with a higher offset.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while True:
                ready = [u for u in self._updates if self._allowed(u)][:limit]
                remaining = deadline - time.monotonic()
                if ready or remaining <= 0 or self._stopping.is_set():
                    return ready
                self.waiting_polls += 1
                self._cond.notify_all()
                self._cond.wait(remaining)
                self.waiting_polls -= 1

    def _allowed(self, update: JsonDict) -> bool:
        return any(kind in self._allowed_updates for kind in update if kind != "update_id")

    def _send_message(self, params: JsonDict) -> JsonDict:
        chat = self._known_chat(params)
        text = self._parsed_text(params, str(params.get("text", "")))
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if _utf16_length(text) > MAX_TEXT_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        extra: JsonDict = {"text": text}
        markup = self._checked_markup(params)
        if markup is not None and "inline_keyboard" in markup:
            extra["reply_markup"] = markup  # Telegram echoes inline keyboards only
        with self._cond:
            sender = {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
            stored = self._store(chat.info, extra, sender)
            self._sent.setdefault(int(chat.info["id"]), []).append(stored)
            if markup is not None and "inline_keyboard" not in markup:
                self.reply_keyboards[(chat.info["id"], stored["message_id"])] = markup
            return stored

    def _edit_message_text(self, params: JsonDict) -> JsonDict:
        message = self._own_message(params)
        text = self._parsed_text(params, str(params.get("text", "")))
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        markup = self._checked_markup(params)
        if text == message.get("text") and markup == message.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified: specified new message "
                                "content and reply markup are exactly the same as a current "
                                "content and reply markup of the message")
        with self._cond:
            message["text"] = text
            message["edit_date"] = int(self._clock())
            self._set_markup(message, markup)
            return message

    def _edit_message_reply_markup(self, params: JsonDict) -> JsonDict:
        message = self._own_message(params)
        markup = self._checked_markup(params)
        if markup == message.get("reply_markup") or (markup is None
                                                     and "reply_markup" not in message):
            raise ApiError(400, "Bad Request: message is not modified: specified new message "
                                "content and reply markup are exactly the same as a current "
                                "content and reply markup of the message")
        with self._cond:
            self._set_markup(message, markup)
            return message

    @staticmethod
    def _set_markup(message: JsonDict, markup: JsonDict | None) -> None:
        if markup and markup.get("inline_keyboard"):
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)

    def _answer_callback_query(self, params: JsonDict) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        with self._cond:
            if query_id not in self._open_queries:
                raise ApiError(400, "Bad Request: query is too old and response timeout "
                                    "expired or query ID is invalid")
            self._open_queries.discard(query_id)
            self.answered_queries[query_id] = params
            return True

    def _set_my_commands(self, params: JsonDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands must be a list of at most 100 commands")
        for command in commands:
            name = str(command.get("command", ""))
            description = str(command.get("description", ""))
            if not (1 <= len(name) <= 32 and all(c.islower() or c.isdigit() or c == "_"
                                                 for c in name) and name.isascii()):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        with self._cond:
            self.commands[self._commands_key(params)] = commands
        return True

    def _get_my_commands(self, params: JsonDict) -> list[JsonDict]:
        with self._cond:
            return self.commands.get(self._commands_key(params), [])

    def _delete_my_commands(self, params: JsonDict) -> bool:
        with self._cond:
            self.commands.pop(self._commands_key(params), None)
        return True

    @staticmethod
    def _commands_key(params: JsonDict) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code", "")], sort_keys=True)

    def _send_chat_action(self, params: JsonDict) -> bool:
        self._known_chat(params)
        actions = {"typing", "upload_photo", "record_video", "upload_video", "record_voice",
                   "upload_voice", "upload_document", "choose_sticker", "find_location",
                   "record_video_note", "upload_video_note"}
        if params.get("action") not in actions:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _delete_message(self, params: JsonDict) -> bool:
        chat = self._known_chat(params)
        with self._cond:
            message = chat.messages.get(int(params.get("message_id", 0)))
            if message is None:
                raise ApiError(400, "Bad Request: message to delete not found")
            too_old = self._clock() - int(message["date"]) >= DELETE_WINDOW_SECONDS
            own = bool(message.get("from", {}).get("is_bot"))
            if too_old or (chat.info["type"] != "private" and not own):
                raise ApiError(400, "Bad Request: message can't be deleted")
            del chat.messages[int(message["message_id"])]
            return True

    def _delete_messages(self, params: JsonDict) -> bool:
        """Deletes those of 1-100 ids that may be deleted; the others are skipped."""
        ids = params.get("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise ApiError(400, "Bad Request: message_ids must be a list of 1-100 ids")
        for message_id in ids:
            with contextlib.suppress(ApiError):
                self._delete_message({"chat_id": params.get("chat_id"), "message_id": message_id})
        return True

    def _set_webhook(self, params: JsonDict) -> bool:
        url = str(params.get("url", ""))
        with self._cond:
            if not url:
                self.webhook = None
            elif not url.startswith("https://") and not url.startswith("http://127.0.0.1"):
                raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided "
                                    "for webhook")
            else:
                self.webhook = {"url": url, "secret_token": params.get("secret_token")}
            if params.get("drop_pending_updates"):
                self._updates.clear()
            if "allowed_updates" in params:
                self._allowed_updates = frozenset(params["allowed_updates"]) or DEFAULT_ALLOWED
            self._cond.notify_all()
        return True

    def _delete_webhook(self, params: JsonDict) -> bool:
        return self._set_webhook({"drop_pending_updates": params.get("drop_pending_updates")})

    def _get_webhook_info(self, params: JsonDict) -> JsonDict:
        with self._cond:
            return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                    "pending_update_count": len(self._updates)}

    def _true(self, params: JsonDict) -> bool:
        return True

    def _known_chat(self, params: JsonDict) -> _Chat:
        with self._cond:
            chat = self._chats.get(int(params.get("chat_id", 0)))
            if chat is None:
                raise ApiError(400, "Bad Request: chat not found")
            if chat.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            return chat

    def _own_message(self, params: JsonDict) -> JsonDict:
        chat = self._known_chat(params)
        with self._cond:
            message = chat.messages.get(int(params.get("message_id", 0)))
            if message is None:
                raise ApiError(400, "Bad Request: message to edit not found")
            if not message.get("from", {}).get("is_bot"):
                raise ApiError(400, "Bad Request: message can't be edited")
            return message

    @staticmethod
    def _checked_markup(params: JsonDict) -> JsonDict | None:
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        inline = markup.get("inline_keyboard", [])
        if sum(len(row) for row in inline) > 100 or any(len(row) > 8 for row in inline):
            raise ApiError(400, "Bad Request: REPLY_MARKUP_TOO_LONG")
        for row in inline:
            for button in row:
                if not str(button.get("text", "")):
                    raise ApiError(400, "Bad Request: BUTTON_TEXT_EMPTY")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        for row in markup.get("keyboard", []):
            for button in row:
                if not (button if isinstance(button, str) else button.get("text")):
                    raise ApiError(400, "Bad Request: BUTTON_TEXT_EMPTY")
        return markup

    @staticmethod
    def _parsed_text(params: JsonDict, text: str) -> str:
        """The message text as Telegram stores it: for HTML, the text after entity parsing."""
        mode = params.get("parse_mode")
        if mode is None:
            return text
        if str(mode).lower() != "html":
            return text  # Markdown is not used by Tsunagu; accept it unchecked
        checker = _HtmlChecker()
        checker.feed(text)
        checker.close()
        if checker.error is None and checker.stack:
            checker.error = f"Can't find end tag corresponding to start tag \"{checker.stack[-1]}\""
        if checker.error is not None:
            raise ApiError(400, f"Bad Request: can't parse entities: {checker.error}")
        return "".join(checker.text)

    # ---- webhook delivery ------------------------------------------------------------------

    def _deliver_webhooks(self) -> None:
        """Posts queued updates to the webhook like Telegram does, one at a time, in order."""
        while not self._stopping.is_set():
            with self._cond:
                while not self._stopping.is_set() and not (self.webhook and self._updates):
                    self._cond.wait(0.5)
                if self._stopping.is_set() or not self.webhook:
                    continue
                update, webhook = self._updates[0], dict(self.webhook)
            if self._post_update(webhook, update):
                with self._cond:
                    if self._updates and self._updates[0] is update:
                        self._updates.pop(0)
                    self._cond.notify_all()
            else:
                self._stopping.wait(0.2)

    @staticmethod
    def _post_update(webhook: JsonDict, update: JsonDict) -> bool:
        headers = {"Content-Type": "application/json"}
        if webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = str(webhook["secret_token"])
        request = urllib.request.Request(str(webhook["url"]), json.dumps(update).encode(),
                                         headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return 200 <= int(response.status) < 300
        except (urllib.error.URLError, OSError):
            return False


_METHODS: dict[str, Callable[[FakeBotApi, JsonDict], Any]] = {
    "getme": FakeBotApi._get_me,
    "getupdates": FakeBotApi._get_updates,
    "sendmessage": FakeBotApi._send_message,
    "editmessagetext": FakeBotApi._edit_message_text,
    "editmessagereplymarkup": FakeBotApi._edit_message_reply_markup,
    "answercallbackquery": FakeBotApi._answer_callback_query,
    "setmycommands": FakeBotApi._set_my_commands,
    "getmycommands": FakeBotApi._get_my_commands,
    "deletemycommands": FakeBotApi._delete_my_commands,
    "sendchataction": FakeBotApi._send_chat_action,
    "deletemessage": FakeBotApi._delete_message,
    "deletemessages": FakeBotApi._delete_messages,
    "setwebhook": FakeBotApi._set_webhook,
    "deletewebhook": FakeBotApi._delete_webhook,
    "getwebhookinfo": FakeBotApi._get_webhook_info,
    "close": FakeBotApi._true,
    "logout": FakeBotApi._true,
}


def _decode_params(pairs: Iterator[tuple[str, Any]]) -> JsonDict:
    params: JsonDict = {}
    for name, value in pairs:
        if isinstance(value, str) and name in JSON_PARAMS:
            try:
                value = json.loads(value)
            except ValueError as exc:
                raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from exc
        elif name in INT_PARAMS:
            value = int(value)
        elif name in BOOL_PARAMS:
            value = value in (True, "true", "True", "1")
        params[name] = value
    return params


def _make_handler(api: FakeBotApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; with Nagle on, the body waits for the client's
        # delayed ACK, 40 ms a call (bench/e2e.py: median turn 152 ms -> 28 ms). Telegram's
        # servers do not stall so.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output readable

        def _serve(self) -> None:
            url = urlsplit(self.path)
            parts = url.path.strip("/").split("/")
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length) if length else b""
            if len(parts) != 2 or not parts[0].startswith("bot"):
                return self._reply(404, {"ok": False, "error_code": 404,
                                         "description": "Not Found"})
            if parts[0][3:] != api.token:
                return self._reply(401, {"ok": False, "error_code": 401,
                                         "description": "Unauthorized"})
            try:
                params = _decode_params(iter(parse_qsl(url.query)))
                params.update(self._body_params(raw))
            except ApiError as error:
                return self._reply(error.code, {"ok": False, "error_code": error.code,
                                                "description": error.description})
            status, body = api.handle(parts[1], params)
            self._reply(status, body)

        def _body_params(self, raw: bytes) -> JsonDict:
            mime = MimeMessage()
            mime["Content-Type"] = self.headers.get("Content-Type", "")
            content_type = mime.get_content_type()
            if not raw:
                return {}
            if content_type == "application/json":
                body = json.loads(raw)
                # JSON bodies carry objects already decoded; re-encode so one decoder serves all.
                return _decode_params(iter(
                    (k, json.dumps(v) if k in JSON_PARAMS else v) for k, v in body.items()))
            if content_type == "application/x-www-form-urlencoded":
                return _decode_params(iter(parse_qsl(raw.decode(), keep_blank_values=True)))
            raise ApiError(400, "Bad Request: unsupported content type")

        def _reply(self, status: int, body: JsonDict) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            # The bot may give up on a long poll while shutting down.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

    return Handler
