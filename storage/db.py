"""Building a SQLAlchemy engine from a URL: SQLite (WAL, busy timeout) or PostgreSQL (psycopg)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError

from storage.errors import ConfigError, message

BUSY_TIMEOUT_MS = 5000
# Execution option: this transaction will write, so on SQLite take the write lock at BEGIN
# (BEGIN IMMEDIATE). Two workers then queue up instead of both reading a conversation and the
# second failing to upgrade its read lock; PostgreSQL uses row locks (FOR UPDATE) instead.
WRITE = "tsunagu_write"


def normalise_url(url: str) -> str:
    """Plain postgresql:// URLs go through psycopg 3, the driver we ship."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        raise ConfigError(message("unsupported_url", url="?")) from None
    backend = parsed.get_backend_name()
    # hide_parameters: SQL errors and echo never print bound values, which may be personal data.
    if backend == "sqlite":
        engine = create_engine(parsed, hide_parameters=True)
        _configure_sqlite(engine)
        return engine
    if backend == "postgresql":
        return create_engine(parsed, hide_parameters=True, pool_pre_ping=True)
    raise ConfigError(message("unsupported_url", url=parsed.render_as_string(hide_password=True)))


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event, not the driver, decide how a transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def sqlite_path(url: str) -> str | None:
    """The file of a SQLite URL, for messages that tell what to run."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return None
