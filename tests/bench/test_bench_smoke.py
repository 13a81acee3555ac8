"""The benchmarks' cores on a tiny load, checked for correctness only (never for time): every
simulated person reaches a submitted case, with their concern texts stored in the order sent,
over the engine, the real Telegram stack, and two webhook workers on PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.checks import check_cases
from bench.engine import CHANNEL, drive, open_engine
from bench.startup import start_bot, start_chat

POSTGRES_URL = os.environ.get("TSUNAGU_TEST_POSTGRES_URL")


def test_engine_people_reach_submitted_cases_with_their_words_in_order(tmp_path: Path) -> None:
    engine = open_engine(tmp_path)
    try:
        result = drive(engine, 120, 5, seed=3)
        verdict = check_cases(engine.store, CHANNEL, result.finished)
    finally:
        engine.store.close()
    assert len(result.latencies_ms) == 120
    assert verdict.people >= 3
    assert verdict.all_well, verdict.problems


def test_the_order_check_notices_texts_stored_out_of_order(tmp_path: Path) -> None:
    engine = open_engine(tmp_path)
    try:
        result = drive(engine, 400, 8, seed=5)
        several = [p for p in result.finished.values() if len(p.concern_sent) > 1]
        assert several, "some person sent more than one concern message"
        several[0].concern_sent.reverse()
        verdict = check_cases(engine.store, CHANNEL, result.finished)
    finally:
        engine.store.close()
    assert verdict.in_order == verdict.people - 1
    assert not verdict.all_well


@pytest.mark.e2e
def test_people_on_the_real_telegram_stack_all_submit_in_order(tmp_path: Path) -> None:
    from bench.e2e import polling_run

    result = polling_run(6, tmp_path, timeout=120)
    assert result.load.finished == 6
    assert sum(p.burst_messages for p in result.people) > 0, "some texts sent in a burst"
    assert result.verdict.all_well, result.verdict.problems
    assert len(result.load.latencies_ms) == result.load.messages
    assert result.exit_code == 0


@pytest.mark.e2e
def test_startup_sees_the_bot_ready_and_reads_its_memory_after_warm_up(tmp_path: Path) -> None:
    ready, rss = start_bot(tmp_path, 2)
    assert ready > 0
    assert rss is not None and rss > 0
    assert start_chat(tmp_path) > 0


if POSTGRES_URL:  # like tests/databases.py: PostgreSQL only when configured, then it must work

    @pytest.mark.e2e
    @pytest.mark.postgres
    def test_two_webhook_workers_on_postgresql_keep_each_chat_in_order(tmp_path: Path) -> None:
        from bench.e2e_pg import upgrade, webhook_run
        from tests.databases import fresh_schema

        assert POSTGRES_URL is not None
        with fresh_schema(POSTGRES_URL, prefix="bench") as url:
            upgrade(url)
            result = webhook_run(8, url, tmp_path, timeout=120)
        assert result.load.finished == 8
        assert sum(p.burst_messages for p in result.people) > 0, "some texts sent in a burst"
        assert result.verdict.all_well, result.verdict.problems
        assert result.chats_on_two_workers == 0
        assert all(count > 0 for count in result.per_worker)
        assert result.exit_codes == [0, 0]
