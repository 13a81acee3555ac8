"""Database fixtures for storage and engine tests: a SQLite file always, PostgreSQL when
TSUNAGU_TEST_POSTGRES_URL is set (then an unreachable server fails the test, it never skips).
Each test gets its own SQLite file or its own PostgreSQL schema. conftest files import these."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from storage.db import normalise_url
from storage.migrate import upgrade
from storage.store import Store

POSTGRES_URL = os.environ.get("TSUNAGU_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]


@dataclass(frozen=True)
class StoreConfig:
    database_url: str
    encryption_key: str | None = None


@contextmanager
def fresh_schema(server_url: str, *, prefix: str) -> Iterator[str]:
    """A database URL whose search_path is a new, empty schema; dropped afterwards."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(server_url))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in server_url else "?"
    try:
        yield f"{server_url}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (no tables) on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tsunagu.db'}"
        return
    assert POSTGRES_URL is not None
    with fresh_schema(POSTGRES_URL, prefix="t") as url:
        yield url


@pytest.fixture
def migrated_url(db_url: str) -> str:
    upgrade(db_url)
    return db_url


@pytest.fixture
def store(migrated_url: str) -> Iterator[Store]:
    opened = Store.from_settings(StoreConfig(migrated_url))
    yield opened
    opened.close()
