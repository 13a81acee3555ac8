"""Fixtures for the end-to-end tests: the fake Bot API server and the real engine on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import bot.engine_intake
from bot.config import Settings, sqlite_url
from bot.engine import Engine, build_engine
from storage.migrate import upgrade
from tests.e2e.fake_bot_api import FakeBotApi


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "tsunagu.db"
    upgrade(sqlite_url(path))
    return path


def open_engine(db_path: Path) -> Engine:
    return build_engine(Settings(database_url=sqlite_url(db_path)))


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    opened = open_engine(db_path)
    yield opened
    opened.store.close()


@pytest.fixture
def fixed_references(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """References numbered TS-TEST-0001... as in the flow's transcript channel."""
    counter = iter(range(1, 10_000))
    # Patched where the intake transaction looks it up (bot.engine only re-exports it).
    monkeypatch.setattr(
        bot.engine_intake, "new_reference", lambda now: f"TS-TEST-{next(counter):04d}"
    )
    yield
