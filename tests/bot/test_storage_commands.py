"""`tsunagu db`, `tsunagu purge` and `tsunagu keygen`, run as the CLI runs them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from storage.migrate import head_revision
from storage.store import Store
from tests.databases import StoreConfig


def test_db_upgrade_creates_the_schema_and_check_then_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "t.db")
    assert main(["db", "check", "--db", db]) == 1
    assert f"tsunagu db upgrade --db {db}" in capsys.readouterr().err
    assert main(["db", "upgrade", "--db", db]) == 0
    assert main(["db", "check", "--db", db]) == 0
    assert head_revision() in capsys.readouterr().out


def test_db_upgrade_honours_the_database_url_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'from-env.db'}"
    monkeypatch.setenv("TSUNAGU_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    Store.from_settings(StoreConfig(url)).close()


def test_purge_deletes_idle_intakes_and_reports_how_many(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "t.db"
    main(["db", "upgrade", "--db", str(db)])
    store = Store.from_settings(StoreConfig(f"sqlite:///{db}"))
    now = datetime.now(UTC)
    with store.unit_of_work() as uow:
        for chat, age in (("a", 10), ("b", 2)):
            uow.save_conversation(
                "console",
                chat,
                state="concern",
                state_json={},
                consent_to_record=False,
                expected_version=None,
                now=now - timedelta(days=age),
            )
        uow.commit()
    assert main(["purge", "--days", "7", "--db", str(db)]) == 0
    assert "1 conversations" in capsys.readouterr().out
    assert store.conversation("console", "a") is None
    assert store.conversation("console", "b") is not None
    store.close()


def test_purge_refuses_an_unmigrated_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["purge", "--db", str(tmp_path / "new.db")]) == 1
    assert "tsunagu db upgrade" in capsys.readouterr().err


def test_keygen_prints_a_key_the_store_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["keygen"]) == 0
    out = capsys.readouterr()
    key = out.out.strip()
    assert len(key) == 44 and "\n" not in key
    assert "TSUNAGU_ENCRYPTION_KEY" in out.err
    db = tmp_path / "k.db"
    main(["db", "upgrade", "--db", str(db)])
    Store.from_settings(StoreConfig(f"sqlite:///{db}", key)).close()
