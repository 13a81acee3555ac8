"""`tsunagu run`: what it logs."""

from __future__ import annotations

import logging

from bot.commands.run import RedactingFormatter

TOKEN = "123456:AAH-secret-token"


def test_the_token_never_reaches_a_log_line_nor_a_traceback() -> None:
    formatter = RedactingFormatter(TOKEN, "webhook-secret")
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/getMe failed")
    except RuntimeError as error:
        record = logging.LogRecord("httpx", logging.ERROR, __file__, 1,
                                   "request to %s (secret %s)", (TOKEN, "webhook-secret"),
                                   (type(error), error, error.__traceback__))
    line = formatter.format(record)
    assert TOKEN not in line and "webhook-secret" not in line
    assert "getMe failed" in line and "<secret>" in line
