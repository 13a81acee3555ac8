"""The engine's retry loop: a turn's transaction is tried again on a transient database failure."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError

from bot.engine_types import EngineUnavailable
from storage.errors import ConcurrencyConflict

# The engine's log lines keep the one logger name they had before the engine was split up.
logger = logging.getLogger("bot.engine")
T = TypeVar("T")

# Transient failures worth another try: a locked or unreachable database, a writer that got
# there first (version conflict, the same new chat inserted twice, a reference already taken).
RETRYABLE = (OperationalError, IntegrityError, ConcurrencyConflict)
ATTEMPTS = 4
BACKOFF_SECONDS = 0.05


def with_retries(attempt_once: Callable[[], T], sleep: Callable[[float], None]) -> T:
    """`attempt_once()`, tried up to ATTEMPTS times with a doubling pause between tries."""
    for attempt in range(ATTEMPTS):
        try:
            return attempt_once()
        except RETRYABLE as exc:
            # The class name only: a driver's message can quote SQL parameters.
            logger.warning(
                "engine attempt %d/%d failed: %s", attempt + 1, ATTEMPTS, type(exc).__name__
            )
            if attempt + 1 < ATTEMPTS:
                sleep(BACKOFF_SECONDS * 2**attempt)
    raise EngineUnavailable("the database stayed unavailable; nothing was stored")
