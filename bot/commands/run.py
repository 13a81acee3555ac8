"""`tsunagu run`: the Telegram bot, by long polling (default) or as a webhook server."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import sys
from urllib.parse import urlsplit

from bot.commands.common import add_db_argument

TOKEN_VARIABLE = "TSUNAGU_TELEGRAM_TOKEN"
SECRET_VARIABLE = "TSUNAGU_WEBHOOK_SECRET"
# Telegram's rule for secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "run",
        help="run the Telegram bot (long polling, or a webhook server)",
        description=(
            "Telegram のボットを動かします。"
            "トークンは環境変数 TSUNAGU_TELEGRAM_TOKEN から読みます。"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  TSUNAGU_TELEGRAM_TOKEN=123:ABC tsunagu run --db var/tsunagu.db\n"
            "  TSUNAGU_TELEGRAM_TOKEN=123:ABC TSUNAGU_WEBHOOK_SECRET=s3cret tsunagu run \\\n"
            "      --webhook-url https://bot.example.jp/telegram --listen 127.0.0.1 --port 8443"
        ),
    )
    add_db_argument(parser)
    parser.add_argument("--base-url", metavar="URL",
                        help="Bot API server (default https://api.telegram.org/bot)")
    parser.add_argument("--webhook-url", metavar="URL",
                        help="serve a webhook at this public URL instead of long polling")
    parser.add_argument("--listen", default="127.0.0.1", metavar="ADDR",
                        help="address the webhook server binds (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8443, metavar="N",
                        help="port the webhook server binds (default 8443)")
    parser.add_argument("--secret-token", metavar="S",
                        help=f"webhook secret checked on every request (or ${SECRET_VARIABLE})")
    parser.add_argument("--max-rate", type=float, default=30.0, metavar="N",
                        help="Bot API calls per second towards chats (default 30, Telegram's "
                             "flood limit; 0: no limit, for a local test server)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        print(f"{TOKEN_VARIABLE} is not set: put the bot token from @BotFather there.",
              file=sys.stderr)
        return 2
    secret = args.secret_token or os.environ.get(SECRET_VARIABLE, "")
    if args.webhook_url and not SECRET_PATTERN.fullmatch(secret):
        print(f"webhook mode needs --secret-token or {SECRET_VARIABLE}: 1-256 characters of "
              "A-Z, a-z, 0-9, _ and -.", file=sys.stderr)
        return 2
    _configure_logging(token, secret)

    from telegram.error import InvalidToken

    from bot.channels.telegram_app import ALLOWED_UPDATES, POLL_INTERVAL, build_application
    from bot.commands.common import open_engine

    engine = open_engine(args.db)
    # With the store, bound staff chats are recognised and the outbox dispatcher runs.
    app = build_application(engine, token, base_url=args.base_url, store=engine.store,
                            max_rate=args.max_rate)
    # The loop stays open after a failed start, to close the HTTP sessions it opened.
    try:
        if args.webhook_url:
            app.run_webhook(
                listen=args.listen,
                port=args.port,
                url_path=urlsplit(args.webhook_url).path.lstrip("/"),
                webhook_url=args.webhook_url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
                # One update at a time, so each chat's updates arrive in order: the engine
                # takes an update id not newer than the chat's last for a redelivery.
                max_connections=1,
                close_loop=False,
            )
        else:
            app.run_polling(allowed_updates=ALLOWED_UPDATES, poll_interval=POLL_INTERVAL,
                            close_loop=False)
    except InvalidToken:
        asyncio.get_event_loop().run_until_complete(app.bot.shutdown())
        # PTB's message quotes the token; say it without.
        print(f"the Bot API server rejected the token in {TOKEN_VARIABLE}.", file=sys.stderr)
        return 1
    finally:
        asyncio.get_event_loop().close()
    return 0


class RedactingFormatter(logging.Formatter):
    """The token is in every Bot API URL; no log line, traceback included, may show it
    (nor the webhook secret)."""

    def __init__(self, *secrets: str) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._secrets = [secret for secret in secrets if secret]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, "<secret>")
        return text


def _configure_logging(*secrets: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(*secrets))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    # httpx logs each request URL, token included, at INFO.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # transitions logs two INFO lines for every state change, i.e. for every message.
    logging.getLogger("transitions").setLevel(logging.WARNING)
