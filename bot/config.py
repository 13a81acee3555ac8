"""Settings from the environment and the command line. Built in main(), never at import."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB_PATH = Path("var/tsunagu.db")
DEFAULT_RETENTION_DAYS = 30


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path)}"


@dataclass(frozen=True)
class Settings:
    database_url: str
    encryption_key: str | None = None
    telegram_token: str | None = None
    retention_days: int = DEFAULT_RETENTION_DAYS

    @classmethod
    def from_env(cls, db_path: str | None = None) -> Settings:
        """`--db PATH` wins over TSUNAGU_DATABASE_URL, which wins over ./var/tsunagu.db."""
        env = os.environ
        if db_path:
            url = sqlite_url(db_path)
        else:
            url = env.get("TSUNAGU_DATABASE_URL") or sqlite_url(DEFAULT_DB_PATH)
        return cls(
            database_url=url,
            encryption_key=env.get("TSUNAGU_ENCRYPTION_KEY") or None,
            telegram_token=env.get("TSUNAGU_TELEGRAM_TOKEN") or None,
            retention_days=int(env.get("TSUNAGU_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)),
        )

    def __repr__(self) -> str:
        # Secrets never reach a log line or a traceback through repr().
        return f"Settings(database_url={self.database_url.split('@')[-1]!r}, ...)"
