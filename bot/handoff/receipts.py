"""Delivery receipts kept in the outbox row itself (its payload: ids only, never content).

The dispatcher holds the row's lease while it sends, so no one else writes the row meanwhile;
each note is committed on its own, before the transport goes on (see transport.py).
"""

from __future__ import annotations

from sqlalchemy import select

from storage.models import OutboxRow
from storage.store import Store

FIELD = "receipts"


class OutboxReceipts:
    def __init__(self, store: Store, outbox_id: int, known: object = None) -> None:
        self._store = store
        self._outbox_id = outbox_id
        self._known = dict(known) if isinstance(known, dict) else {}

    def get(self, key: str) -> str | None:
        value = self._known.get(key)
        return str(value) if value is not None else None

    def put(self, key: str, receipt: str) -> None:
        with self._store.unit_of_work() as uow:
            row = uow.session.scalars(
                select(OutboxRow).where(OutboxRow.id == self._outbox_id)
            ).one()
            payload = dict(row.payload or {})
            payload[FIELD] = {**dict(payload.get(FIELD) or {}), key: receipt}
            row.payload = payload  # a new dict: the JSON column sees the change
            uow.commit()
        self._known[key] = receipt
