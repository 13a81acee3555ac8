"""The SQL of one message's transaction, built once, with bound parameters.

A statement built at import is compiled once per engine (its cache key is memoised on the
object); building it per call cost more Python than the database took to run it. The unit of
work passes values only. Parameters that name no column start with `key_`: SQLAlchemy takes
the others as the columns an UPDATE sets.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, bindparam, delete, insert, select, update

from storage.models import AuditRow, CaseRow, ConsentRow, ConversationRow, OutboxRow, ReferralRow

CONVERSATIONS = cast(Table, ConversationRow.__table__)
CASES = cast(Table, CaseRow.__table__)
REFERRALS = cast(Table, ReferralRow.__table__)
CONSENTS = cast(Table, ConsentRow.__table__)
OUTBOX = cast(Table, OutboxRow.__table__)
AUDIT = cast(Table, AuditRow.__table__)

_THIS_CHAT = (
    CONVERSATIONS.c.channel == bindparam("key_channel"),
    CONVERSATIONS.c.chat_id == bindparam("key_chat_id"),
)

LOAD_CONVERSATION = (
    select(
        CONVERSATIONS.c.id,
        CONVERSATIONS.c.state,
        CONVERSATIONS.c.state_json,
        CONVERSATIONS.c.version,
        CONVERSATIONS.c.consent_to_record,
        CONVERSATIONS.c.updated_at,
        CONVERSATIONS.c.last_update_id,
    )
    .where(*_THIS_CHAT)
    .with_for_update()
)
CONVERSATION_ID = select(CONVERSATIONS.c.id).where(*_THIS_CHAT)
INSERT_CONVERSATION = insert(CONVERSATIONS)
# Sets the columns given; matches only the version the caller loaded (optimistic lock).
UPDATE_CONVERSATION = update(CONVERSATIONS).where(
    *_THIS_CHAT, CONVERSATIONS.c.version == bindparam("key_version")
)

INSERT_CONSENT = insert(CONSENTS)
WITHDRAW_CONSENTS = update(CONSENTS).where(
    CONSENTS.c.channel == bindparam("key_channel"),
    CONSENTS.c.chat_id == bindparam("key_chat_id"),
    CONSENTS.c.scope == bindparam("key_scope"),
    CONSENTS.c.withdrawn_at.is_(None),
)
_UNSUBMITTED = (
    CONSENTS.c.conversation_id == bindparam("key_conversation_id"),
    CONSENTS.c.case_id.is_(None),
)
FORGET_INTAKE = delete(CONSENTS).where(*_UNSUBMITTED)
# Sets case_id on the intake's consents and tells which they were, in one statement.
LINK_CONSENTS = (
    update(CONSENTS)
    .where(*_UNSUBMITTED)
    .returning(CONSENTS.c.scope, CONSENTS.c.text_hash, CONSENTS.c.given_at)
)

INSERT_CASE = insert(CASES)
INSERT_REFERRAL = insert(REFERRALS)
INSERT_OUTBOX = insert(OUTBOX)
INSERT_AUDIT = insert(AUDIT)
