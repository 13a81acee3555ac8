"""Building blocks shared by storage tests: a referral with sensitive text, and raw reads."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text

from flows.domain import Referral
from tests.fakes_flow import FakeConversation, referral

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
CONCERN = "母が認知症で、夜中に家を出て行ってしまい困っています"
PHONE = "090-1234-5678"


def sample_referral(reference: str = "TS-261126-AAAA", *, at: datetime = NOW) -> Referral:
    conversation = FakeConversation(state="review", consent=True, text=[CONCERN], phone=PHONE)
    return referral(conversation, at, reference, "console")


def raw_values(url: str, table: str, column: str) -> list[str | None]:
    """Column values as the database holds them, read without the store's cipher."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [row[0] for row in conn.execute(text(f"SELECT {column} FROM {table}"))]
    finally:
        engine.dispose()


def sqlite_bytes(url: str) -> bytes:
    """Every byte of a SQLite database on disk, write-ahead log included."""
    path = Path(url.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
