"""The package boundaries of the architecture hold: a change that breaks them fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN: dict[str, set[str]] = {
    "dictionaries": {"flows", "storage", "bot", "telegram", "sqlalchemy", "alembic"},
    # flows is pure: no persistence, no channel, no network, no clock or randomness of its own.
    "flows": {"storage", "bot", "telegram", "sqlalchemy", "alembic", "socket", "random",
              "time", "secrets", "sqlite3", "httpx", "subprocess"},
    "storage": {"bot", "telegram"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_the_architecture_allows(package: str) -> None:
    modules = sorted((ROOT / package).rglob("*.py"))
    assert modules, f"{package} has no modules"
    broken = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in modules
    }
    assert {p: names for p, names in broken.items() if names} == {}


def test_flows_never_reads_the_clock() -> None:
    for path in (ROOT / "flows").rglob("*.py"):
        text = path.read_text("utf-8")
        assert ".now(" not in text and "utcnow" not in text, path.name
