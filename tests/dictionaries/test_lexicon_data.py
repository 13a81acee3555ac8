"""The lexicons are data that must load: one file per category id plus danger, every pattern
a valid expression, every term something Sudachi can read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dictionaries.lexicon import LEXICON_DIR
from dictionaries.tag_result import CATEGORY_IDS
from dictionaries.tagger import get_tagger


@pytest.mark.parametrize("name", [*CATEGORY_IDS, "danger"])
def test_each_category_has_its_lexicon(name: str) -> None:
    data = yaml.safe_load((LEXICON_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    assert data["category"] == name
    assert data["rules"]
    for rule in data["rules"]:
        assert rule.get("terms") or rule.get("patterns"), rule.get("id")


def test_no_lexicon_file_is_left_unread() -> None:
    names = {p.stem for p in Path(LEXICON_DIR).glob("*.yaml")}
    assert names == {*CATEGORY_IDS, "danger", "negation"}


def test_the_loaded_lexicon_covers_every_category() -> None:
    lexicon = get_tagger()._lexicon
    categories = {r.category for rules in lexicon.terms.values() for r, _ in rules}
    assert categories == {*CATEGORY_IDS, "danger"}
    assert set(lexicon.thresholds) == set(CATEGORY_IDS)
