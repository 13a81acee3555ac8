"""The shared transcripts (tests/data/transcripts), played through Telegram: one format, the
flow, console and Telegram channels.

Like the flow's own transcript channel, this one understands Japanese through the hand-written
FakeTagger and FakeRouter the transcripts were written against; everything else is real: the
Application over HTTP, the engine, SQLite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings, sqlite_url
from bot.engine import build_engine
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser
from tests.e2e.telegram_transcript_channel import TelegramTranscriptChannel
from tests.fakes import FakeRouter, FakeTagger
from tests.transcripts import Transcript, load_all, run


@pytest.mark.parametrize("transcript", load_all(), ids=lambda t: t.name)
def test_transcript_plays_through_telegram(
    transcript: Transcript, api: FakeBotApi, db_path: Path, fixed_references: None
) -> None:
    settings = Settings(database_url=sqlite_url(db_path))
    engine = build_engine(settings, tagger=FakeTagger(), router=FakeRouter())
    channel = TelegramTranscriptChannel(engine, api, FakeUser(7100, "利用者"))
    try:
        run(transcript, channel)
    finally:
        channel.close()
        engine.store.close()
