"""Persistence: SQLAlchemy 2 models, the unit of work, Alembic migrations, encryption at rest."""
