"""The fake Bot API server on a bad day: a share of calls answered 429 (with retry_after), 500,
slowly, or not at all within the bot's timeout.

Kinds of fault, and what Telegram would have done with the call:
- 429 and 500: refused, nothing done (the bot must try again);
- slow: done, answered late but within the bot's read timeout;
- timeout: no answer until the bot has given up, and nothing done (a request lost on the way).
A call answered after the bot gave up *and* done is not injected: the Bot API has no
idempotency key, so no client could tell it from a lost request (see the fault run's notes).
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


@dataclass(frozen=True)
class FaultShares:
    """The share of calls (0..1) that get each fault."""

    too_many_requests: float = 0.04
    server_error: float = 0.04
    slow: float = 0.03
    timeout: float = 0.005
    retry_after_s: int = 1
    slow_s: tuple[float, float] = (0.3, 2.0)


class FaultyBotApi(FakeBotApi):
    def __init__(self, shares: FaultShares, seed: int, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.shares = shares
        self.faults: Counter[str] = Counter()
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
        fault, delay = self._draw(method)
        if fault == "slow":
            time.sleep(delay)
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
                      ("timeout", s.timeout))
            for name, share in bounds:
                if roll < share:
                    self.faults[name] += 1
                    return name, delay
                roll -= share
        return None, 0.0
