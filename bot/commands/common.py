"""What several sub-commands share: the --db option and opening the store."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import Settings

if TYPE_CHECKING:
    from bot.engine import Engine


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite file (default: $TSUNAGU_DATABASE_URL, else var/tsunagu.db)",
    )


def settings_for(db: str | None) -> Settings:
    """Settings, with a local SQLite file brought up to the current schema.

    A SQLite file is this machine's own, so it is created and migrated on first use; a shared
    PostgreSQL database is migrated on purpose with `tsunagu db upgrade`, never implicitly.
    """
    from storage.migrate import upgrade

    settings = Settings.from_env(db)
    if settings.database_url.startswith("sqlite:///"):
        Path(settings.database_url.removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
        upgrade(settings.database_url)
    return settings


def open_engine(db: str | None) -> Engine:
    from bot.engine import build_engine

    return build_engine(settings_for(db))
