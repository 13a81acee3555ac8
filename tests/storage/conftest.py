"""Database fixtures (tests/databases.py) for the storage tests."""

from tests.databases import db_url, migrated_url, store  # noqa: F401
