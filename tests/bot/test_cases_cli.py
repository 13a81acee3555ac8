"""`tsunagu cases` on an empty database answers in words, not silence or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def test_cases_list_on_an_empty_database_says_there_are_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cases", "list", "--db", str(tmp_path / "t.db")]) == 0
    assert "該当する相談はありません" in capsys.readouterr().out


def test_cases_show_of_an_unknown_reference_says_so_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cases", "show", "TS-000000-NONE", "--db", str(tmp_path / "t.db")]) == 1
    assert "TS-000000-NONE の相談は見つかりません" in capsys.readouterr().err
