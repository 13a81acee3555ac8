"""Errors of the storage layer, with texts from messages.yaml.

No message here ever carries a person's words, a key, or SQL parameters.
"""

from __future__ import annotations

from functools import cache

from dictionaries.data_files import packaged_yaml


@cache
def _messages() -> dict[str, str]:
    data: dict[str, str] = packaged_yaml("storage", "messages.yaml")
    return data


def message(key: str, **values: str) -> str:
    return _messages()[key].format(**values)


class StorageError(Exception):
    """Base of what storage raises on purpose."""


class ConfigError(StorageError):
    """The configuration cannot work (bad key, bad URL). Raised at start, before any chat."""


class SchemaNotCurrent(StorageError):
    """The database is not at the schema this code expects. The message says what to run."""


class ConcurrencyConflict(StorageError):
    """Someone else saved this conversation since it was loaded. Reload and try again."""
