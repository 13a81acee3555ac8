"""The schema: SQLAlchemy 2 typed models. Alembic migrations (storage/migrations) create them.

Sensitive personal data (要配慮個人情報: what a person wrote, how to reach them, the details
taken from their words) only lives in Encrypted* columns. Every other column holds ids, codes,
times and flags, which is what logs, the audit log and the outbox may carry.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.crypto import EncryptedJSON, EncryptedText
from storage.types import UTCDateTime

# Named constraints, so later migrations can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CASE_STATUSES = ("submitted", "accepted", "forwarded", "closed")
OUTBOX_STATUSES = ("pending", "sent", "failed")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Meta(Base):
    """Facts about the database itself, e.g. the encryption key check."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ConversationRow(Base):
    """Where one chat is in the intake. `state_json` is NULL while nothing may be kept.
    `last_update_id`: the newest channel update (Telegram's update_id) whose effects this row
    holds, saved with them, so an update delivered again after a crash is not applied twice."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("channel", "chat_id", name="uq_conversations_chat"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(128))
    state: Mapped[str] = mapped_column(String(64))
    state_json: Mapped[Any | None] = mapped_column(EncryptedJSON, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    consent_to_record: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_update_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class CaseRow(Base):
    """One submitted concern (相談). `site_id` is the primary site it currently sits with."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(32))
    reporter_channel: Mapped[str] = mapped_column(String(32))
    reporter_chat_id: Mapped[str] = mapped_column(String(128), index=True)
    reporter_role: Mapped[str] = mapped_column(String(16))
    # A report from a chat registered as a volunteer (民生委員) through an invite.
    volunteer_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    legal_basis: Mapped[str] = mapped_column(String(32))
    subject_consent: Mapped[str | None] = mapped_column(String(16), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    site_id: Mapped[str] = mapped_column(String(64), index=True)
    categories: Mapped[list[str]] = mapped_column(JSON)
    route: Mapped[dict[str, Any]] = mapped_column(JSON)
    area: Mapped[str | None] = mapped_column(String(64), nullable=True)
    subject: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    evidence: Mapped[Any | None] = mapped_column(EncryptedJSON, nullable=True)
    slots: Mapped[Any | None] = mapped_column(EncryptedJSON, nullable=True)
    concern_text: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    contact: Mapped[Any | None] = mapped_column(EncryptedJSON, nullable=True)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReferralRow(Base):
    """One handoff (つなぎ) of a case to a site; forwarding adds another row."""

    __tablename__ = "referrals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    forwarded_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("referrals.id", ondelete="SET NULL"), nullable=True
    )
    # Staff's words when forwarding (他窓口へ). Not the resident's words, still kept encrypted.
    reason: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)


class ConsentRow(Base):
    """The consent ledger: one row per consent given; withdrawal sets `withdrawn_at`."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), nullable=True, index=True
    )
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), nullable=True, index=True
    )
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(128), index=True)
    given_by: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(32))
    text_version: Mapped[str] = mapped_column(String(32))
    text_hash: Mapped[str] = mapped_column(String(64))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    site_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class OutboxRow(Base):
    """A message to deliver after commit. `payload` holds ids only, never personal data."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    target_channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    target_chat_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    target_site_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=True, index=True
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # An error class name or code, never a message that could quote the payload.
    last_error: Mapped[str | None] = mapped_column(String(200), nullable=True)


class SiteStaffChatRow(Base):
    """A chat bound to a site: its referrals are delivered there."""

    __tablename__ = "site_staff_chats"
    __table_args__ = (
        UniqueConstraint("site_id", "channel", "chat_id", name="uq_site_staff_chats_binding"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(128))
    bound_at: Mapped[datetime] = mapped_column(UTCDateTime)
    unbound_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class InviteRow(Base):
    """A one-time enrolment code. Only its hash is stored."""

    __tablename__ = "invites"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # "staff" | "volunteer"
    site_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    used_by_channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    used_by_user_id: Mapped[str | None] = mapped_column(String(128), nullable=True)


class MemberRow(Base):
    """Staff of a site or a volunteer (民生委員・児童委員), enrolled through an invite."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("channel", "user_id", "role", name="uq_members_identity"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(128))
    chat_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    role: Mapped[str] = mapped_column(String(16))  # "staff" | "volunteer"
    site_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AuditRow(Base):
    """Who saw or changed what, when. `detail` names fields and codes, never their contents."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(160))
    action: Mapped[str] = mapped_column(String(64))
    case_reference: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class StaffPromptRow(Base):
    """A staff member's unfinished action in a staff chat (他窓口へ asks the reason, then the
    site). Kept here, not in a process, so any worker can take the next message."""

    __tablename__ = "staff_prompts"
    __table_args__ = (
        UniqueConstraint("channel", "chat_id", "user_id", name="uq_staff_prompts_actor"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(128))
    user_id: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(16))  # "forward"
    step: Mapped[str] = mapped_column(String(16))  # "reason" | "site"
    case_reference: Mapped[str] = mapped_column(String(32))
    site_id: Mapped[str] = mapped_column(String(64))  # the site the staff member acts for
    # Staff's words, kept encrypted like ReferralRow.reason.
    reason: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
