"""`tsunagu run` as an operator starts it: a real process polling the Bot API at --base-url."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.fake_bot_api import FakeBotApi, FakeUser
from tests.e2e.telegram_harness import buttons, free_port, post_json

HANAKO = FakeUser(7001, "花子")
REPO = Path(__file__).resolve().parents[2]


def start_bot(api: FakeBotApi, db: Path, *extra: str,
              token: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "TSUNAGU_TELEGRAM_TOKEN": token or api.token}
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--db", str(db), "--base-url", api.base_url,
         *extra],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def stop_bot(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    return process.returncode, err


def wait_until_listening(port: int) -> None:
    """setWebhook may come before the bot's HTTP server accepts connections."""
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def bot_replied(api: FakeBotApi, count: int) -> None:
    api.wait_for(lambda a: len(a.bot_messages(HANAKO.id)) >= count, timeout=90)


def test_tsunagu_run_converses_and_resumes_after_a_restart(
    api: FakeBotApi, tmp_path: Path
) -> None:
    db = tmp_path / "tsunagu.db"
    bot = start_bot(api, db)
    try:
        api.send_text(HANAKO, "/start")
        bot_replied(api, 2)
        roles = api.bot_messages(HANAKO.id)[-1]
        api.press(HANAKO, roles["message_id"], buttons(roles)["ご家族のこと"])
        bot_replied(api, 3)
    finally:
        code, err = stop_bot(bot)
    asked = api.bot_messages(HANAKO.id)[-1]
    assert code == 0, err
    assert api.token not in err and api.token.split(":")[1] not in err
    assert "同意して記録する" in buttons(asked)
    assert [c["command"] for c in api.calls_of("setMyCommands")[0].params["commands"]][:5] == [
        "start", "help", "back", "cancel", "delete"]

    again = start_bot(api, db)
    try:
        api.send_text(HANAKO, "/start")
        bot_replied(api, 4)
    finally:
        code, err = stop_bot(again)
    assert code == 0, err
    assert api.bot_messages(HANAKO.id)[-1]["text"] == asked["text"]


def test_tsunagu_run_without_a_token_says_so_and_exits_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TSUNAGU_TELEGRAM_TOKEN"}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", "--db", str(tmp_path / "t.db")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2
    assert "TSUNAGU_TELEGRAM_TOKEN" in done.stderr


def test_a_rejected_token_is_reported_without_the_token(tmp_path: Path) -> None:
    with FakeBotApi(token="999:SERVER-KNOWS-ANOTHER") as api:
        env = {**os.environ, "TSUNAGU_TELEGRAM_TOKEN": "123:WRONG-secret-token"}
        done = subprocess.run(
            [sys.executable, "-m", "bot.cli", "run", "--db", str(tmp_path / "t.db"),
             "--base-url", api.base_url],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=90,
        )
    assert done.returncode == 1
    assert "WRONG-secret-token" not in done.stderr + done.stdout
    assert "rejected" in done.stderr


def test_webhook_mode_needs_a_secret_token(tmp_path: Path) -> None:
    env = {**os.environ, "TSUNAGU_TELEGRAM_TOKEN": "123:ABC"}
    env.pop("TSUNAGU_WEBHOOK_SECRET", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", "--db", str(tmp_path / "t.db"),
         "--webhook-url", "https://bot.example.jp/telegram"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2
    assert "--secret-token" in done.stderr


def test_tsunagu_run_as_a_webhook_server_checks_the_secret_on_every_request(
    api: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    bot = start_bot(api, tmp_path / "tsunagu.db", "--webhook-url", url, "--listen", "127.0.0.1",
                    "--port", str(port), "--secret-token", "s3cret-token")
    try:
        api.wait_for(lambda a: a.webhook is not None, timeout=90)
        wait_until_listening(port)
        assert api.webhook == {"url": url, "secret_token": "s3cret-token"}
        forged = api.forged_text_update(HANAKO, "/cancel")
        assert post_json(url, forged) == 403
        assert post_json(url, forged, {"X-Telegram-Bot-Api-Secret-Token": "guess"}) == 403
        api.send_text(HANAKO, "/start")  # delivered by the fake with the secret
        bot_replied(api, 2)
    finally:
        code, err = stop_bot(bot)
    assert code == 0, err
    assert "s3cret-token" not in err and api.token not in err
    assert "ご自身のこと" in buttons(api.bot_messages(HANAKO.id)[-1])
    assert not api.calls_of("getUpdates")


def test_a_rejected_token_is_said_plainly_and_leaves_nothing_open(
    api: FakeBotApi, tmp_path: Path
) -> None:
    bot = start_bot(api, tmp_path / "t.db", token="123:not-the-token")
    _, err = bot.communicate(timeout=120)
    assert bot.returncode == 1
    assert "rejected the token" in err
    assert "not-the-token" not in err
    assert "Unclosed" not in err  # the HTTP sessions were closed before exiting
