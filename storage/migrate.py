"""Alembic, driven from code: `upgrade(url)` and `check_current(url)`.

The migration scripts live inside the package (storage/migrations), so this works from an
installed wheel as well as from the repository; no alembic.ini is needed.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from storage.db import make_engine, sqlite_path
from storage.errors import SchemaNotCurrent, message

SCRIPT_LOCATION = "storage:migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "storage/migrations has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(url: str, revision: str = "head") -> str:
    """Migrate the database at `url` to `revision`; returns the revision it is at afterwards."""
    engine = make_engine(url)
    try:
        upgrade_engine(engine, revision)
        return current_revision(engine) or ""
    finally:
        engine.dispose()


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def check_current(url: str) -> None:
    """Raise SchemaNotCurrent, saying what to run, unless the database is at the head revision."""
    engine = make_engine(url)
    try:
        check_engine(engine, url)
    finally:
        engine.dispose()


def check_engine(engine: Engine, url: str) -> None:
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    command_text = upgrade_command(url)
    if current is None:
        raise SchemaNotCurrent(message("not_migrated", command=command_text))
    known = {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}
    if current not in known:
        raise SchemaNotCurrent(message("newer", current=current))
    raise SchemaNotCurrent(message("outdated", current=current, head=head, command=command_text))


def upgrade_command(url: str) -> str:
    path = sqlite_path(url)
    return f"tsunagu db upgrade --db {path}" if path else "tsunagu db upgrade"
