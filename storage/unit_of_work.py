"""One transaction over the tables: what the engine does for one inbound message.

Nothing here commits on its own: the caller commits once, so the new conversation state, the
consents, the case, its referral and its outbox row are stored together or not at all.

A message's reads and writes are Core statements (storage/statements.py) on the session's
connection, not ORM objects: each row is one statement run at once, nothing waits for a flush,
nothing written is loaded back. The engine's p99 is set by submissions, where the ORM's flushes
cost more than the SQL did.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, select
from sqlalchemy.orm import Session

from flows.domain import ConsentRecord, ConsentScope, Referral
from storage import statements as sql
from storage.errors import ConcurrencyConflict
from storage.models import CaseRow, MemberRow
from storage.records import StoredConversation, case_columns, conversation_from_row

# What erasure clears on a case: everything taken from the person's words or about reaching them.
ERASED_FIELDS = ("concern_text", "contact", "subject", "evidence", "slots")


class UnitOfWork:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._open: Connection | None = None

    def commit(self) -> None:
        self._open = None
        self.session.commit()

    def rollback(self) -> None:
        self._open = None
        self.session.rollback()

    @property
    def _connection(self) -> Connection:
        """The transaction's connection, begun on first use as the session would begin it; kept
        until commit or rollback (asking the session each time cost more than some statements)."""
        if self._open is None:
            self._open = self.session.connection()
        return self._open

    # conversations

    def load_conversation(self, channel: str, chat_id: str) -> StoredConversation | None:
        """The chat's conversation, row-locked until commit (FOR UPDATE; SQLite locks at BEGIN)."""
        row = self._connection.execute(sql.LOAD_CONVERSATION, _chat(channel, chat_id)).one_or_none()
        return None if row is None else conversation_from_row(row)

    def save_conversation(
        self,
        channel: str,
        chat_id: str,
        *,
        state: str,
        state_json: dict[str, Any] | None,
        consent_to_record: bool,
        expected_version: int | None,
        now: datetime,
        known_id: int | None = None,
        update_id: int | None = None,
    ) -> int:
        """Insert (expected_version None) or update if still at `expected_version`; returns the id.

        `known_id`, the id the caller loaded, saves a query per message. `update_id`, the channel
        update being applied, becomes `last_update_id` in the same statement (None keeps it).

        Raises ConcurrencyConflict when another writer saved in between.
        """
        values: dict[str, Any] = {
            "state": state,
            "state_json": state_json,
            "consent_to_record": consent_to_record,
            "updated_at": now,
        }
        if expected_version is None:
            inserted = self._connection.execute(
                sql.INSERT_CONVERSATION,
                {
                    **values,
                    "channel": channel,
                    "chat_id": chat_id,
                    "version": 1,
                    "created_at": now,
                    "last_update_id": update_id,
                },
            )
            return _new_id(inserted)
        values.update(_chat(channel, chat_id), key_version=expected_version)
        values["version"] = expected_version + 1
        if update_id is not None:
            values["last_update_id"] = update_id
        if self._connection.execute(sql.UPDATE_CONVERSATION, values).rowcount != 1:
            raise ConcurrencyConflict("conversation changed since it was loaded")
        if known_id is not None:
            return known_id
        conversation_id: int | None = self._connection.scalar(
            sql.CONVERSATION_ID, _chat(channel, chat_id)
        )
        assert conversation_id is not None
        return conversation_id

    # consents

    def record_consent(
        self, channel: str, chat_id: str, consent: ConsentRecord, *, conversation_id: int | None
    ) -> int:
        row = _consent_values(channel, chat_id, consent, conversation_id=conversation_id)
        return _new_id(self._connection.execute(sql.INSERT_CONSENT, row))

    def withdraw_consent(
        self, channel: str, chat_id: str, scope: ConsentScope, at: datetime
    ) -> int:
        """Mark this chat's standing consents of `scope` withdrawn; returns how many."""
        withdrawn: int = self._connection.execute(
            sql.WITHDRAW_CONSENTS,
            {**_chat(channel, chat_id), "key_scope": scope, "withdrawn_at": at},
        ).rowcount
        return withdrawn

    def forget_intake(self, conversation_id: int) -> int:
        """やめる: drop the consents of an intake that never became a case."""
        forgotten: int = self._connection.execute(
            sql.FORGET_INTAKE, {"key_conversation_id": conversation_id}
        ).rowcount
        return forgotten

    # cases

    def add_case(
        self,
        referral: Referral,
        *,
        reporter_channel: str,
        reporter_chat_id: str,
        conversation_id: int | None,
        keep_text: bool,
        volunteer_verified: bool,
        now: datetime,
    ) -> int:
        """The case, its referral to the primary site and the outbox row that delivers it."""
        connection = self._connection
        case = {
            **case_columns(referral, keep_text=keep_text),
            "reporter_channel": reporter_channel,
            "reporter_chat_id": reporter_chat_id,
            "volunteer_verified": volunteer_verified,
            "status": "submitted",
            "updated_at": now,
        }
        case_id = _new_id(connection.execute(sql.INSERT_CASE, case))
        site_id = referral.route.primary.id
        connection.execute(
            sql.INSERT_REFERRAL,
            {
                "case_id": case_id,
                "site_id": site_id,
                "status": "submitted",
                "created_at": now,
                "updated_at": now,
            },
        )
        self._link_consents(case_id, referral, reporter_channel, reporter_chat_id, conversation_id)
        connection.execute(
            sql.INSERT_OUTBOX,
            {
                "idempotency_key": f"referral:{referral.reference}:{site_id}",
                "kind": "referral",
                "target_site_id": site_id,
                "case_id": case_id,
                "payload": {"reference": referral.reference, "site_id": site_id},
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            },
        )
        self.audit("engine", "case_submitted", at=now, reference=referral.reference)
        return case_id

    def _link_consents(
        self,
        case_id: int,
        referral: Referral,
        channel: str,
        chat_id: str,
        conversation_id: int | None,
    ) -> None:
        """Attach the intake's ledger rows to the case; add any the referral names but the ledger
        does not have yet (a flow may report consents only inside the referral)."""
        known: set[tuple[str, str, datetime]] = set()
        if conversation_id is not None:
            linked = self._connection.execute(
                sql.LINK_CONSENTS, {"key_conversation_id": conversation_id, "case_id": case_id}
            )
            known = {(row.scope, row.text_hash, row.given_at) for row in linked}
        missing = [
            {
                **_consent_values(channel, chat_id, c, conversation_id=conversation_id),
                "case_id": case_id,
            }
            for c in referral.consents
            if (c.scope, c.text_hash, c.given_at) not in known
        ]
        if missing:
            self._connection.execute(sql.INSERT_CONSENT, missing)

    def erase(self, channel: str, chat_id: str, *, at: datetime, actor: str) -> list[str]:
        """Remove the text and contact of every case this chat reported; keep an audit line each.

        Returns the references erased.
        """
        cases = self.session.scalars(
            select(CaseRow).where(
                CaseRow.reporter_channel == channel,
                CaseRow.reporter_chat_id == chat_id,
                CaseRow.erased_at.is_(None),
            )
        ).all()
        for case in cases:
            for name in ERASED_FIELDS:
                setattr(case, name, None)
            case.erased_at = at
            case.updated_at = at
            self.audit(
                actor,
                "erased",
                at=at,
                reference=case.reference,
                detail="fields=" + ",".join(ERASED_FIELDS),
            )
        self.session.flush()
        return [c.reference for c in cases]

    def is_volunteer(self, channel: str, user_id: str | None) -> bool:
        if user_id is None:
            return False
        found = self.session.scalar(
            select(MemberRow.id).where(
                MemberRow.channel == channel,
                MemberRow.user_id == user_id,
                MemberRow.role == "volunteer",
                MemberRow.revoked_at.is_(None),
            )
        )
        return found is not None

    # audit

    def audit(
        self,
        actor: str,
        action: str,
        *,
        at: datetime,
        reference: str | None = None,
        detail: str = "",
    ) -> None:
        """One audit line. `detail` names fields and codes only, never their contents."""
        self._connection.execute(
            sql.INSERT_AUDIT,
            {
                "at": at,
                "actor": actor,
                "action": action,
                "case_reference": reference,
                "detail": detail,
            },
        )


def _chat(channel: str, chat_id: str) -> dict[str, Any]:
    return {"key_channel": channel, "key_chat_id": chat_id}


def _new_id(result: CursorResult[Any]) -> int:
    """The primary key of the one row `result` inserted."""
    key = result.inserted_primary_key
    assert key is not None
    new_id: int = key[0]
    return new_id


def _consent_values(
    channel: str, chat_id: str, consent: ConsentRecord, *, conversation_id: int | None
) -> dict[str, Any]:
    return {
        "conversation_id": conversation_id,
        "channel": channel,
        "chat_id": chat_id,
        "given_by": consent.given_by,
        "scope": consent.scope,
        "text_version": consent.text_version,
        "text_hash": consent.text_hash,
        "given_at": consent.given_at,
        "site_ids": list(consent.site_ids),
        "withdrawn_at": consent.withdrawn_at,
    }
