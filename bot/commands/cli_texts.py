"""The few words the CLI itself prints, from bot/data/cli_texts.yaml."""

from __future__ import annotations

from functools import cache

from dictionaries.data_files import packaged_yaml


@cache
def _texts() -> dict[str, str]:
    data: dict[str, str] = packaged_yaml("bot", "data/cli_texts.yaml")
    return data


def say(key: str, **values: str) -> str:
    return _texts()[key].format(**values)
