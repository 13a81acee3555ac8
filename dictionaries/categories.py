"""Japanese labels of the need categories, from data/categories.yaml."""

from __future__ import annotations

from functools import cache

from dictionaries.data_files import packaged_yaml


@cache
def category_labels() -> dict[str, str]:
    labels: dict[str, str] = packaged_yaml("dictionaries", "data/categories.yaml")
    return labels


def category_label(category_id: str) -> str:
    return category_labels().get(category_id, category_id)
