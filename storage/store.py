"""The store: an engine built from configuration, units of work, case queries, retention.

Built in main() (or a test) through `Store.from_settings`, never at import.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol, cast

from sqlalchemy import CursorResult, Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage import crypto
from storage.crypto import KEY_CHECK_TEXT, Cipher
from storage.db import WRITE, make_engine
from storage.errors import ConfigError, message
from storage.migrate import check_engine
from storage.models import AuditRow, CaseRow, ConsentRow, ConversationRow, Meta
from storage.records import (
    CaseRecord,
    StoredConversation,
    case_from_row,
    conversation_from_row,
)
from storage.unit_of_work import UnitOfWork

KEY_CHECK = "encryption_key_check"


class StoreSettings(Protocol):
    """What the store needs from the app's settings (bot.config.Settings has it)."""

    @property
    def database_url(self) -> str: ...

    @property
    def encryption_key(self) -> str | None: ...


@dataclass(frozen=True)
class PurgeResult:
    conversations: int
    consents: int


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(**{WRITE: True})
        # SQLite has one writer at a time. Threads of this process queue here, in order, instead
        # of in SQLite's busy handler, which sleeps up to 100 ms a try: bench/engine.py measured
        # a p99 of 1.3 s with six threads writing that way. Other processes still meet the
        # busy timeout; PostgreSQL locks rows instead.
        self._write_turn: AbstractContextManager[object] = (
            threading.RLock() if engine.dialect.name == "sqlite" else nullcontext()
        )

    @classmethod
    def from_settings(cls, settings: StoreSettings, *, check_schema: bool = True) -> Store:
        """Open the database. Raises ConfigError (bad key) or SchemaNotCurrent (not migrated)."""
        cipher = Cipher(settings.encryption_key) if settings.encryption_key else None
        engine = make_engine(settings.database_url)
        crypto.install(engine, cipher)
        store = cls(engine)
        try:
            if check_schema:
                check_engine(engine, settings.database_url)
                store._check_key(cipher)
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def _check_key(self, cipher: Cipher | None) -> None:
        """The key opens what this database holds: a wrong or missing key fails now, not mid-chat.

        The first start with a key seals a known text with it; later starts must open it.
        """
        with Session(self._writer) as session:
            row = session.get(Meta, KEY_CHECK)
            if row is None and cipher is not None:
                session.add(Meta(key=KEY_CHECK, value=cipher.seal(KEY_CHECK_TEXT)))
                try:
                    session.commit()
                    return
                except IntegrityError:
                    # Another worker starting at the same moment sealed it first: check theirs.
                    session.rollback()
                    row = session.get(Meta, KEY_CHECK)
            if row is None:
                return
            if cipher is None:
                raise ConfigError(message("missing_key"))
            if cipher.open(row.value) != KEY_CHECK_TEXT:
                raise ConfigError(message("wrong_key"))

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """A write transaction; it commits only when the caller calls `commit()`."""
        with self._write_turn, Session(self._writer, expire_on_commit=False) as session:
            uow = UnitOfWork(session)
            try:
                yield uow
            finally:
                if session.in_transaction():
                    session.rollback()

    def conversation(self, channel: str, chat_id: str) -> StoredConversation | None:
        """Read a chat's conversation without locking it (for showing, not for changing)."""
        with Session(self.engine) as session:
            row = session.scalars(
                select(ConversationRow).where(
                    ConversationRow.channel == channel, ConversationRow.chat_id == chat_id
                )
            ).one_or_none()
            return None if row is None else conversation_from_row(row)

    # queries for staff and the CLI

    def cases(self, *, site_id: str | None = None, status: str | None = None) -> list[CaseRecord]:
        """Cases, newest first, optionally only those of one site and/or status."""
        with Session(self.engine) as session:
            query = select(CaseRow).order_by(CaseRow.created_at.desc(), CaseRow.id.desc())
            if site_id is not None:
                query = query.where(CaseRow.site_id == site_id)
            if status is not None:
                query = query.where(CaseRow.status == status)
            rows = session.scalars(query).all()
            return [case_from_row(row, self._consents(session, row.id)) for row in rows]

    def case(self, reference: str) -> CaseRecord | None:
        with Session(self.engine) as session:
            row = session.scalars(select(CaseRow).where(CaseRow.reference == reference)).first()
            return None if row is None else case_from_row(row, self._consents(session, row.id))

    def case_dicts(
        self, *, site_id: str | None = None, status: str | None = None
    ) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.cases(site_id=site_id, status=status)]

    @staticmethod
    def _consents(session: Session, case_id: int) -> list[ConsentRow]:
        return list(session.scalars(select(ConsentRow).where(ConsentRow.case_id == case_id)))

    # retention

    def purge(self, *, days: int, now: datetime) -> PurgeResult:
        """Delete intakes untouched for more than `days` days, with the consents of intakes that
        never became a case. Submitted cases are kept: they have their own lifecycle with staff."""
        if days < 0:
            raise ValueError("days must be zero or more")
        cutoff = now - timedelta(days=days)
        with Session(self._writer) as session:
            stale = select(ConversationRow.id).where(ConversationRow.updated_at < cutoff)
            consents = cast(
                CursorResult[Any],
                session.execute(
                    delete(ConsentRow)
                    .where(ConsentRow.conversation_id.in_(stale), ConsentRow.case_id.is_(None))
                    .execution_options(synchronize_session=False)
                ),
            )
            conversations = cast(
                CursorResult[Any],
                session.execute(
                    delete(ConversationRow)
                    .where(ConversationRow.updated_at < cutoff)
                    .execution_options(synchronize_session=False)
                ),
            )
            result = PurgeResult(conversations.rowcount, consents.rowcount)
            session.add(
                AuditRow(
                    at=now,
                    actor="purge",
                    action="purged",
                    detail=f"days={days} conversations={result.conversations} "
                    f"consents={result.consents}",
                )
            )
            session.commit()
            return result
