"""A hand-written stand-in for bot.engine.Engine: a three-question intake kept in memory.

It lets the Telegram layer's own behaviour (buttons, splitting, ordering, errors) be tested
without the flow's wording; the e2e tests drive the real engine.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from bot.engine import ChatKey, Turn
from flows.messages import (
    Choice,
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    InboundMessage,
    Reply,
    TextMessage,
    UnsupportedMessage,
    is_stale,
)

ROLE = Reply("ask_role", "どなたの相談ですか。",
             (Choice("self", "自分"), Choice("family", "家族"), Choice("third_party", "民生委員")))
CONCERN = Reply("ask_concern", "ご心配なことを教えてください。")
PHONE = Reply("ask_phone", "電話番号を教えてください。", (Choice("no_phone", "電話はしない"),),
              request_contact=True)
DONE = Reply("submitted", "受け付けました。")
QUESTIONS = {"role": ROLE, "concern": CONCERN, "phone": PHONE, "done": DONE}


@dataclass
class FakeEngine:
    states: dict[ChatKey, str] = field(default_factory=dict)
    received: list[tuple[ChatKey, InboundMessage]] = field(default_factory=list)
    long_reply: str | None = None
    fail_next: Exception | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self, key: ChatKey) -> list[Reply]:
        with self._lock:
            return [QUESTIONS[self.states.get(key, "role")]]

    def state(self, key: ChatKey) -> str | None:
        with self._lock:
            return self.states.get(key)

    def handle(self, key: ChatKey, message: InboundMessage, *,
               user_id: str | None = None) -> list[Reply]:
        with self._lock:
            if self.fail_next is not None:
                error, self.fail_next = self.fail_next, None
                raise error
            self.received.append((key, message))
            state = self.states.setdefault(key, "role")
            match message, state:
                case ChoiceMessage(choice_id), "role" if choice_id in {"self", "family",
                                                                       "third_party"}:
                    self.states[key] = "concern"
                case TextMessage(_), "concern":
                    self.states[key] = "phone"
                    if self.long_reply is not None:
                        return [Reply("echo", self.long_reply), PHONE]
                case (ContactMessage(_) | TextMessage(_) | ChoiceMessage("no_phone")), "phone":
                    self.states[key] = "done"
                case UnsupportedMessage(kind), _:
                    return [Reply("unsupported", f"{kind} は読めません。"), QUESTIONS[state]]
                case CommandMessage(Command.RESTART), _:
                    self.states[key] = "role"
                    return [ROLE]
                case CommandMessage(command), _:
                    return [Reply("command", f"{command.value} を受けました。"), QUESTIONS[state]]
            return [QUESTIONS[self.states.get(key, "role")]]

    def handle_turn(self, key: ChatKey, message: InboundMessage, *,
                    user_id: str | None = None, update_id: int | None = None) -> Turn:
        if is_stale(message, self.state(key)):  # as the engine does: not applied, not received
            turn = self.current_turn(key)
            return Turn(turn.replies, turn.state, turn.done, stale=True)
        replies = self.handle(key, message, user_id=user_id)
        state = self.state(key)
        return Turn(replies, state, state == "done")

    def current_turn(self, key: ChatKey) -> Turn:
        state = self.state(key)
        return Turn(self.current(key), state, state == "done")
