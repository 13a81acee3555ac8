"""A misconfigured start says what to do, in words, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def test_a_wrong_encryption_key_stops_with_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TSUNAGU_ENCRYPTION_KEY", "not-a-key")
    code = main(["cases", "list", "--db", str(tmp_path / "t.db")])
    err = capsys.readouterr().err
    assert code == 2
    assert "TSUNAGU_ENCRYPTION_KEY" in err and "Traceback" not in err
    assert "not-a-key" not in err
