"""The texts the storage commands print, from storage_texts.yaml."""

from __future__ import annotations

from functools import cache

from dictionaries.data_files import packaged_yaml


@cache
def _texts() -> dict[str, str]:
    data: dict[str, str] = packaged_yaml("bot.commands", "storage_texts.yaml")
    return data


def say(key: str, **values: object) -> str:
    return _texts()[key].format(**values)
