"""The texts the storage commands print, from storage_texts.yaml."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def _texts() -> dict[str, str]:
    text = resources.files("bot.commands").joinpath("storage_texts.yaml").read_text("utf-8")
    data: dict[str, str] = yaml.safe_load(text)
    return data


def say(key: str, **values: object) -> str:
    return _texts()[key].format(**values)
