from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from storage.errors import SchemaNotCurrent
from storage.migrate import check_current, head_revision, upgrade
from storage.models import Base
from storage.store import Store
from tests.databases import StoreConfig


def test_upgrade_from_empty_creates_every_table(db_url: str) -> None:
    assert upgrade(db_url) == head_revision()
    engine = create_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def test_upgrade_twice_changes_nothing(db_url: str) -> None:
    upgrade(db_url)
    assert upgrade(db_url) == head_revision()
    check_current(db_url)


def test_store_refuses_an_unmigrated_database_and_says_what_to_run(db_url: str) -> None:
    with pytest.raises(SchemaNotCurrent) as raised:
        Store.from_settings(StoreConfig(db_url))
    assert "tsunagu db upgrade" in str(raised.value)
    assert "データベース" in str(raised.value)


def test_sqlite_message_names_the_file_to_upgrade(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/x.db"
    with pytest.raises(SchemaNotCurrent, match=r"tsunagu db upgrade --db .*x\.db"):
        check_current(url)


def test_store_refuses_a_database_from_a_newer_tsunagu(migrated_url: str) -> None:
    engine = create_engine(migrated_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    engine.dispose()
    with pytest.raises(SchemaNotCurrent, match="ffff_future"):
        Store.from_settings(StoreConfig(migrated_url))


def test_store_refuses_an_outdated_database_and_says_what_to_run(db_url: str) -> None:
    assert head_revision() != "0001", "needs a second revision to be outdated against"
    upgrade(db_url, "0001")
    with pytest.raises(SchemaNotCurrent, match="0001") as raised:
        Store.from_settings(StoreConfig(db_url))
    assert "tsunagu db upgrade" in str(raised.value)


def test_migrations_create_exactly_what_the_models_declare(migrated_url: str) -> None:
    engine = create_engine(migrated_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_migrated_database_opens(migrated_url: str) -> None:
    Store.from_settings(StoreConfig(migrated_url)).close()


def test_a_conversation_saved_before_0003_survives_it_knowing_no_update_yet(db_url: str) -> None:
    upgrade(db_url, "0002")
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO conversations (channel, chat_id, state, version,"
                    " consent_to_record, created_at, updated_at) VALUES ('telegram', '1',"
                    " 'concern', 3, false, '2026-11-26 09:00:00+00', '2026-11-26 09:00:00+00')"
                )
            )
    finally:
        engine.dispose()
    upgrade(db_url)
    store = Store.from_settings(StoreConfig(db_url))
    try:
        stored = store.conversation("telegram", "1")
    finally:
        store.close()
    assert stored is not None and (stored.state, stored.version) == ("concern", 3)
    assert stored.last_update_id is None
