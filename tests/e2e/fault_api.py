"""The fake Bot API server on a bad day: a share of calls answered 429 (with retry_after), 500,
slowly, or not at all within the bot's timeout.

Kinds of fault, and what Telegram would have done with the call:
- 429 and 500: refused, nothing done (the bot must try again);
- slow: done, answered late but within the bot's read timeout;
- timeout: no answer until the bot has given up, and nothing done (a request lost on the way);
- late (off by default): done, but answered only after the bot gave up (the answer lost).
The Bot API has no idempotency key, so no client can tell `late` from `timeout`: a retried
sendMessage then shows twice. The default run leaves it out; `late` measures that limit.
"""

from __future__ import annotations

import random
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass

from tests.e2e.fake_bot_api import ApiError, FakeBotApi, JsonDict

BOT_READ_TIMEOUT_S = 5.0  # python-telegram-bot's default read timeout
# Methods never faulted (none: start-up calls get their share too).
SPARED: frozenset[str] = frozenset()
ACCEPT = "staff:accept:"


@dataclass(frozen=True)
class FaultShares:
    """The share of calls (0..1) that get each fault."""

    too_many_requests: float = 0.04
    server_error: float = 0.04
    slow: float = 0.03
    timeout: float = 0.005
    late: float = 0.0
    retry_after_s: int = 1
    slow_s: tuple[float, float] = (0.3, 2.0)


@dataclass(frozen=True)
class Delivery:
    """A referral the server accepted into a message (posted whole, or written into a
    placeholder): its reference, the chat and message, when the call came."""

    reference: str
    chat_id: int
    message_id: int
    arrived: float  # time.monotonic()


def _referral_of(params: JsonDict) -> str | None:
    """The reference on a staff message's 受理 button (`staff:accept:<reference>`)."""
    markup = params.get("reply_markup")
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    for row in rows:
        for button in row:
            data = str(button.get("callback_data", ""))
            if ACCEPT in data:
                return data.split(ACCEPT, 1)[1]
    return None


class FaultyBotApi(FakeBotApi):
    def __init__(self, shares: FaultShares, seed: int, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.shares = shares
        self.faults: Counter[str] = Counter()
        self.deliveries: list[Delivery] = []
        self.faulty = False  # switched on once the staff chat is bound
        self._rng = random.Random(seed)
        self._rng_lock = threading.Lock()

    def start(self) -> FaultyBotApi:
        super().start()
        server = self._server
        assert server is not None
        report = server.handle_error

        def quiet(request: object, address: object) -> None:
            # A killed bot drops its connections mid-request: expected here, not news.
            if not isinstance(sys.exc_info()[1], ConnectionError):
                report(request, address)  # type: ignore[arg-type]

        server.handle_error = quiet  # type: ignore[method-assign,assignment]
        return self

    def handle(self, method: str, params: JsonDict) -> tuple[int, JsonDict]:
        arrived = time.monotonic()
        status, body = self._answer(method, params)
        posting = method.lower() in ("sendmessage", "editmessagetext")
        reference = _referral_of(params) if posting else None
        if status == 200 and reference is not None:
            message_id = int(body["result"]["message_id"])
            with self._rng_lock:
                self.deliveries.append(
                    Delivery(reference, int(params.get("chat_id", 0)), message_id, arrived))
        return status, body

    def _answer(self, method: str, params: JsonDict) -> tuple[int, JsonDict]:
        fault, delay = self._draw(method)
        if fault == "slow":
            time.sleep(delay)
        elif fault == "late":
            answer = super().handle(method, params)
            time.sleep(BOT_READ_TIMEOUT_S + 1.0)
            return answer
        elif fault == "timeout":
            time.sleep(BOT_READ_TIMEOUT_S + 1.0)
            return self._error(method, params, ApiError(504, "Gateway Timeout"))
        elif fault == "429":
            error = ApiError(429, f"Too Many Requests: retry after {self.shares.retry_after_s}",
                             self.shares.retry_after_s)
            return self._error(method, params, error)
        elif fault == "500":
            return self._error(method, params, ApiError(500, "Internal Server Error"))
        return super().handle(method, params)

    def _draw(self, method: str) -> tuple[str | None, float]:
        if not self.faulty or method.lower() in SPARED:
            return None, 0.0
        s = self.shares
        with self._rng_lock:
            roll = self._rng.random()
            delay = self._rng.uniform(*s.slow_s)
            bounds = (("429", s.too_many_requests), ("500", s.server_error), ("slow", s.slow),
                      ("timeout", s.timeout), ("late", s.late))
            for name, share in bounds:
                if roll < share:
                    self.faults[name] += 1
                    return name, delay
                roll -= share
        return None, 0.0
