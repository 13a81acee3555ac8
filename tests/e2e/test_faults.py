"""Faults during a load: the real `tsunagu run` killed (SIGKILL) at random moments and
restarted, the Bot API answering 429, 500, slowly or not at all; people resend when they get
no answer. Nothing submitted may be lost or delivered twice, and no conversation corrupted.

The full run is `python -m bench faults`; this is the same run, smaller.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.channels.telegram_staff import TelegramTransport
from bot.channels.telegram_support import ChatMessageLog
from bot.engine import ChatKey, Engine
from bot.handoff.dispatcher import Dispatcher
from bot.handoff.invites import create_invite
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser
from tests.e2e.fault_api import FaultShares
from tests.e2e.fault_people import PERSONAS
from tests.e2e.fault_run import FaultRunConfig, run_faults
from tests.e2e.telegram_harness import (
    FAST_RETRIES,
    RESIDENT_INTAKE,
    Person,
    buttons,
    play,
    polling_app,
    until,
)

SMALL = FaultRunConfig(users=4, personas=2, min_kills=3, max_kills=4, arrival_s=2.0,
                       uptime_s=(0.5, 3.0), patience_s=4.0, think_s=(0.02, 0.1),
                       deadline_s=150.0, drain_s=60.0, seed=11,
                       shares=FaultShares(timeout=0.0, slow_s=(0.2, 1.0)))
HANAKO = FakeUser(7101, "花子")
STAFF = FakeUser(8201, "社協 山田")
STAFF_GROUP = -100820


def test_killed_and_refused_the_bot_loses_and_doubles_no_referral(tmp_path: Path) -> None:
    findings = run_faults(SMALL, tmp_path)
    counts, problems = findings.counts, findings.problems
    assert problems == [], problems
    assert counts["kills"] >= SMALL.min_kills
    assert counts["faults_injected"] > 0
    assert counts["submitted"] == counts["users"] == SMALL.users
    assert counts["delivered"] == counts["submitted"] == counts["cases"]
    assert counts["lost"] == counts["corrupted"] == counts["duplicates"] == 0
    assert counts["crashes"] == 0 and counts["stop_exit_code"] == 0
    for persona in PERSONAS:  # the bot's log keeps none of what people said
        assert persona.concern not in findings.log and persona.phone not in findings.log


async def test_a_press_whose_answer_fails_is_still_handled(
    api: FakeBotApi, engine: Engine
) -> None:
    # A press delivered again after a restart has an already-answered query: Telegram refuses
    # the answer. The choice itself must still count.
    me = Person(api, HANAKO)
    async with polling_app(engine, api):
        await me.say("/start")
        api.fail_next(1, status=400, method="answerCallbackQuery",
                      description="Bad Request: query is too old and response timeout expired "
                                  "or query ID is invalid")
        await me.press("ご自身のこと")
    assert engine.state(ChatKey("telegram", str(HANAKO.id))) == "consent_record"


async def test_a_delivery_cut_off_after_its_placeholder_is_finished_in_the_same_message(
    api: FakeBotApi, engine: Engine
) -> None:
    # The referral's placeholder reached the staff chat, its content did not (as when the bot
    # dies in between). The next process, remembering nothing, writes the content into that
    # placeholder: staff see the referral once.
    resident = Person(api, HANAKO)
    group = api.group_chat(STAFF_GROUP, "自立相談支援 受付")
    async with polling_app(engine, api, store=engine.store, dispatch_interval=3600) as app:
        await play(resident, RESIDENT_INTAKE)
        [case] = engine.store.cases()
        invite = create_invite(engine.store, role="staff", site_id=case.site_id,
                               now=datetime.now(UTC), valid_for=timedelta(days=1))
        api.send_text(STAFF, f"/bind {invite.code}", chat=group)
        await until(api, lambda a: len(a.bot_messages(STAFF_GROUP)) == 1)  # bound

        def dispatcher() -> Dispatcher:
            transport = TelegramTransport(app.bot, asyncio.get_running_loop(), ChatMessageLog())
            return Dispatcher(engine.store, transport, channels={"telegram"})

        api.fail_next(len(FAST_RETRIES) + 1, status=500, method="editMessageText")
        first, later = dispatcher(), dispatcher()
        assert await asyncio.to_thread(first.run_once, datetime.now(UTC)) == 0
        placeholder = api.bot_messages(STAFF_GROUP)[1]
        assert "受理" not in buttons(placeholder)
        an_hour_on = datetime.now(UTC) + timedelta(hours=1)
        assert await asyncio.to_thread(later.run_once, an_hour_on) == 1
    [_, referral] = api.bot_messages(STAFF_GROUP)
    assert referral["message_id"] == placeholder["message_id"]
    assert case.reference in referral["text"] and "受理" in buttons(referral)
