"""Japanese labels of the need categories, from data/categories.yaml."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def category_labels() -> dict[str, str]:
    text = resources.files("dictionaries").joinpath("data/categories.yaml").read_text("utf-8")
    labels: dict[str, str] = yaml.safe_load(text)
    return labels


def category_label(category_id: str) -> str:
    return category_labels().get(category_id, category_id)
