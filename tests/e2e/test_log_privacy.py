"""No log record carries what people said: whole conversations through the Telegram stack (the
real Application, engine, flow, tagger, SQLite, the outbox dispatcher to a bound staff chat,
staff acceptance and the closed loop), with failures on the way so warning and error paths
log too. tests/bot/test_engine.py checks the engine and SQL alone; this checks everything
that runs in `tsunagu run`.

Every record of Tsunagu's own loggers counts, down to DEBUG; other libraries' records count
from INFO, the level `tsunagu run` logs at (python-telegram-bot's DEBUG lines quote request
parameters by design and are never switched on).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.engine import Engine
from bot.handoff.invites import create_invite
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser, JsonDict
from tests.e2e.fault_people import Persona, SimUser, receiving_site
from tests.e2e.telegram_harness import buttons, polling_app, until

OWN_LOGGERS = ("bot", "flows", "storage", "dictionaries", "tests")
STAFF_GROUPS = -100810
PEOPLE = (
    Persona("family", "母が認知症で夜中に出て行ってしまう。連絡は 080-9876-5432 へ",
            "elderly", "80s", "wago", "phone", phone="090-1111-2222"),
    Persona("self", "夫に殴られて家に帰りたくない。死にたいと思う夜もあります", "abuse", "30s",
            "wago", "phone", phone="+81 76-444-3333"),
)
SECRETS = (*(p.concern for p in PEOPLE), "080-9876-5432", "08098765432", "090-1111-2222",
           "09011112222", "76-444-3333", "764443333", "殴られて", "死にたい")


def counts(record: logging.LogRecord) -> bool:
    own = record.name.split(".")[0] in OWN_LOGGERS
    return own or record.levelno >= logging.INFO


async def test_no_log_record_quotes_a_concern_or_a_phone(
    api: FakeBotApi, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    now = datetime.now(UTC)
    # One staff member per receiving site, each binding the site's own group with its code.
    groups: dict[str, tuple[FakeUser, JsonDict]] = {}
    for number, site in enumerate(sorted({receiving_site(p) for p in PEOPLE})):
        staff = FakeUser(8100 + number, f"職員{number}")
        group = api.group_chat(STAFF_GROUPS + number, f"受付窓口{number}")
        invite = create_invite(engine.store, role="staff", site_id=site, now=now,
                               valid_for=timedelta(hours=1))
        api.send_text(staff, f"/bind {invite.code}", chat=group)
        groups[site] = (staff, group)
    people = [SimUser(api, FakeUser(7200 + i, f"利用者{i}"), persona, random.Random(i),
                      patience=10.0, start_at=0.0, think_s=(0.0, 0.0))
              for i, persona in enumerate(PEOPLE)]
    # Failures on the way: a refused answer to a press, a send that needs its retries, a 429.
    api.fail_next(1, status=400, method="answerCallbackQuery")
    api.fail_next(2, status=500, method="sendMessage")
    api.fail_next(1, status=429, method="sendMessage", retry_after=1)
    async with polling_app(engine, api, store=engine.store, dispatch_interval=0.2):
        deadline = time.monotonic() + 120  # a bound against a hang, not a speed check
        while any(p.finished is None for p in people):
            assert time.monotonic() < deadline, "the people never finished"
            for person in people:
                person.step(time.monotonic())
            await asyncio.sleep(0.02)
        staff, group = next(iter(groups.values()))
        chat = int(group["id"])
        await until(api, lambda a: any("受理" in buttons(m) for m in a.bot_messages(chat)))
        referral = next(m for m in api.bot_messages(chat) if "受理" in buttons(m))
        told = sum(len(api.bot_messages(p.user.id)) for p in people)
        api.press(staff, referral["message_id"], buttons(referral)["受理"], chat=group)
        # The reporter hears that their case was taken (the closed loop).
        await until(api, lambda a: sum(len(a.bot_messages(p.user.id)) for p in people) > told)
    records = [r for r in caplog.records if counts(r)]
    assert any(r.levelno >= logging.WARNING for r in records), "the failures must have logged"
    for record in records:
        line = record.getMessage() + (record.exc_text or "") + str(record.args or "")
        for secret in SECRETS:
            assert secret not in line, f"{record.name} logged personal data"
