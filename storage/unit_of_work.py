"""One transaction over the tables: what the engine does for one inbound message.

Nothing here commits on its own: the caller commits once, so the new conversation state, the
consents, the case, its referral and its outbox row are stored together or not at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session

from flows.domain import ConsentRecord, ConsentScope, Referral
from storage.errors import ConcurrencyConflict
from storage.models import (
    AuditRow,
    CaseRow,
    ConsentRow,
    ConversationRow,
    MemberRow,
    OutboxRow,
    ReferralRow,
)
from storage.records import StoredConversation, case_columns, conversation_from_row

# What erasure clears on a case: everything taken from the person's words or about reaching them.
ERASED_FIELDS = ("concern_text", "contact", "subject", "evidence", "slots")


class UnitOfWork:
    def __init__(self, session: Session) -> None:
        self.session = session

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    # conversations

    def load_conversation(self, channel: str, chat_id: str) -> StoredConversation | None:
        """The chat's conversation, row-locked until commit (FOR UPDATE; SQLite locks at BEGIN)."""
        row = self.session.scalars(
            select(ConversationRow)
            .where(ConversationRow.channel == channel, ConversationRow.chat_id == chat_id)
            .with_for_update()
        ).one_or_none()
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
        if expected_version is None:
            row = ConversationRow(
                channel=channel,
                chat_id=chat_id,
                state=state,
                state_json=state_json,
                version=1,
                consent_to_record=consent_to_record,
                created_at=now,
                updated_at=now,
                last_update_id=update_id,
            )
            self.session.add(row)
            self.session.flush()
            return row.id
        values: dict[str, Any] = {
            "state": state,
            "state_json": state_json,
            "consent_to_record": consent_to_record,
            "version": expected_version + 1,
            "updated_at": now,
        }
        if update_id is not None:
            values["last_update_id"] = update_id
        result = cast(
            CursorResult[Any],
            self.session.execute(
                update(ConversationRow)
                .where(
                    ConversationRow.channel == channel,
                    ConversationRow.chat_id == chat_id,
                    ConversationRow.version == expected_version,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            ),
        )
        if result.rowcount != 1:
            raise ConcurrencyConflict("conversation changed since it was loaded")
        if known_id is not None:
            return known_id
        conversation_id = self.session.scalar(
            select(ConversationRow.id).where(
                ConversationRow.channel == channel, ConversationRow.chat_id == chat_id
            )
        )
        assert conversation_id is not None
        return conversation_id

    # consents

    def record_consent(
        self, channel: str, chat_id: str, consent: ConsentRecord, *, conversation_id: int | None
    ) -> int:
        row = _consent_row(channel, chat_id, consent, conversation_id=conversation_id)
        self.session.add(row)
        self.session.flush()
        return row.id

    def withdraw_consent(
        self, channel: str, chat_id: str, scope: ConsentScope, at: datetime
    ) -> int:
        """Mark this chat's standing consents of `scope` withdrawn; returns how many."""
        result = cast(
            CursorResult[Any],
            self.session.execute(
                update(ConsentRow)
                .where(
                    ConsentRow.channel == channel,
                    ConsentRow.chat_id == chat_id,
                    ConsentRow.scope == scope,
                    ConsentRow.withdrawn_at.is_(None),
                )
                .values(withdrawn_at=at)
                .execution_options(synchronize_session=False)
            ),
        )
        return result.rowcount

    def forget_intake(self, conversation_id: int) -> int:
        """やめる: drop the consents of an intake that never became a case."""
        result = cast(
            CursorResult[Any],
            self.session.execute(
                delete(ConsentRow)
                .where(ConsentRow.conversation_id == conversation_id, ConsentRow.case_id.is_(None))
                .execution_options(synchronize_session=False)
            ),
        )
        return result.rowcount

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
        case = CaseRow(
            **case_columns(referral, keep_text=keep_text),
            reporter_channel=reporter_channel,
            reporter_chat_id=reporter_chat_id,
            volunteer_verified=volunteer_verified,
            status="submitted",
            updated_at=now,
        )
        self.session.add(case)
        self.session.flush()
        site_id = referral.route.primary.id
        self.session.add(
            ReferralRow(
                case_id=case.id, site_id=site_id, status="submitted", created_at=now, updated_at=now
            )
        )
        self._link_consents(case.id, referral, reporter_channel, reporter_chat_id, conversation_id)
        self.session.add(
            OutboxRow(
                idempotency_key=f"referral:{referral.reference}:{site_id}",
                kind="referral",
                target_site_id=site_id,
                case_id=case.id,
                payload={"reference": referral.reference, "site_id": site_id},
                status="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
        self.audit("engine", "case_submitted", at=now, reference=referral.reference)
        self.session.flush()
        return case.id

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
        rows: list[ConsentRow] = []
        if conversation_id is not None:
            rows = list(
                self.session.scalars(
                    select(ConsentRow).where(
                        ConsentRow.conversation_id == conversation_id,
                        ConsentRow.case_id.is_(None),
                    )
                )
            )
        for row in rows:
            row.case_id = case_id
        known = {(r.scope, r.text_hash, r.given_at) for r in rows}
        for consent in referral.consents:
            if (consent.scope, consent.text_hash, consent.given_at) not in known:
                row = _consent_row(channel, chat_id, consent, conversation_id=conversation_id)
                row.case_id = case_id
                self.session.add(row)

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
        self.session.add(
            AuditRow(at=at, actor=actor, action=action, case_reference=reference, detail=detail)
        )


def _consent_row(
    channel: str, chat_id: str, consent: ConsentRecord, *, conversation_id: int | None
) -> ConsentRow:
    return ConsentRow(
        conversation_id=conversation_id,
        channel=channel,
        chat_id=chat_id,
        given_by=consent.given_by,
        scope=consent.scope,
        text_version=consent.text_version,
        text_hash=consent.text_hash,
        given_at=consent.given_at,
        site_ids=list(consent.site_ids),
        withdrawn_at=consent.withdrawn_at,
    )
