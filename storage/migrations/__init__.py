"""Alembic migration scripts (script_location "storage:migrations")."""
