"""The user dictionary is built from the CSV in git, skipped when fresh, rebuilt when stale or
when Sudachi says it no longer fits the installed system dictionary."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
import sudachipy

from dictionaries import sudachi_dictionary, userdict


def test_the_csv_has_the_0_7_header_and_index_forms_sudachi_can_find() -> None:
    with userdict.SOURCE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows, "empty user dictionary"
    for row in rows:
        assert row["index_form"] == row["index_form"].lower()
        assert row["normalized_form"], row["headword"]
        assert int(row["left_id"]) in (5133, 5146)


def test_build_writes_the_binary_and_then_leaves_a_fresh_one_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(userdict.DIR_ENV, str(tmp_path))
    built = userdict.build()
    assert built == tmp_path / "user.dic" and built.stat().st_size > 0
    stamp = built.stat().st_mtime_ns
    assert userdict.build() == built
    assert built.stat().st_mtime_ns == stamp  # fresh: not rebuilt

    # A CSV edited after the build makes it stale: the next build replaces the binary.
    source = tmp_path / "user.csv"
    source.write_bytes(userdict.SOURCE.read_bytes())
    os.utime(built, (1, 1))
    rebuilt = userdict.build(source=source)
    assert rebuilt.stat().st_mtime_ns != stamp
    assert not list(tmp_path.glob("*.tmp"))


def test_a_broken_csv_fails_loudly_and_leaves_no_binary(tmp_path: Path) -> None:
    source = tmp_path / "user.csv"
    source.write_text("index_form,left_id\nこわれ,not-a-number\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="ubuild failed"):
        userdict.build(source=source, target=tmp_path / "user.dic")
    assert not (tmp_path / "user.dic").exists()


def test_an_incompatible_binary_is_rebuilt_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    real = sudachipy.Dictionary

    def fake_build(*, force: bool = False) -> Path:
        calls.append(force)
        return userdict.dic_path()

    def dictionary(*args: object, **kwargs: object) -> sudachipy.Dictionary:
        if len(calls) == 1:
            raise sudachipy.errors.SudachiError("user dictionary is not compatible with the system")
        return real(*args, **kwargs)

    monkeypatch.setattr(userdict, "build", fake_build)
    monkeypatch.setattr(sudachi_dictionary, "Dictionary", dictionary)
    sudachi_dictionary.open_dictionary()
    assert calls == [False, True]
