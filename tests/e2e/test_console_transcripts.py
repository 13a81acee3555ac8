"""The shared transcripts (tests/data/transcripts), played through the console's JSON lines:
one format, three channels (the pure flow, Telegram, the console)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings, sqlite_url
from bot.engine import build_engine
from tests.e2e.console_transcript_channel import ConsoleTranscriptChannel
from tests.fakes import FakeRouter, FakeTagger
from tests.transcripts import Transcript, load_all, run


@pytest.mark.parametrize("transcript", load_all(), ids=lambda t: t.name)
def test_transcript_plays_through_the_console(
    transcript: Transcript, db_path: Path, fixed_references: None
) -> None:
    settings = Settings(database_url=sqlite_url(db_path))
    engine = build_engine(settings, tagger=FakeTagger(), router=FakeRouter())
    try:
        run(transcript, ConsoleTranscriptChannel(engine))
    finally:
        engine.store.close()
