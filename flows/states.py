"""The intake's states: stored as text in saved conversations, so named, not numbered."""

from __future__ import annotations

from enum import StrEnum


class IntakeState(StrEnum):
    ROLE = "role"
    CONSENT_RECORD = "consent_record"
    CONCERN = "concern"
    CONFIRM_NEEDS = "confirm_needs"
    SUBJECT = "subject"
    AGE_GROUP = "age_group"
    HOUSEHOLD = "household"
    AREA = "area"
    CONTACT_METHOD = "contact_method"
    CONTACT_PHONE = "contact_phone"
    CONTACT_WHEN = "contact_when"
    SUBJECT_CONSENT = "subject_consent"
    SHARE_CONSENT = "share_consent"
    REVIEW = "review"
    DONE = "done"  # a referral was submitted
    GUIDED = "guided"  # told where to go; nothing shared
    CLOSED = "closed"  # cancelled or erased; nothing kept


# The reply key of each state's question in flows/data/prompts.yaml.
STATE_PROMPTS: dict[IntakeState, str] = {
    IntakeState.ROLE: "ask_role",
    IntakeState.CONSENT_RECORD: "ask_consent_record",
    IntakeState.CONCERN: "ask_concern",
    IntakeState.CONFIRM_NEEDS: "ask_confirm_needs",
    IntakeState.SUBJECT: "ask_subject",
    IntakeState.AGE_GROUP: "ask_age_group",
    IntakeState.HOUSEHOLD: "ask_household",
    IntakeState.AREA: "ask_area",
    IntakeState.CONTACT_METHOD: "ask_contact_method",
    IntakeState.CONTACT_PHONE: "ask_contact_phone",
    IntakeState.CONTACT_WHEN: "ask_contact_when",
    IntakeState.SUBJECT_CONSENT: "ask_subject_consent",
    IntakeState.SHARE_CONSENT: "ask_share_consent",
    IntakeState.REVIEW: "ask_review",
    IntakeState.DONE: "done",
    IntakeState.GUIDED: "guided",
    IntakeState.CLOSED: "closed",
}

TERMINAL_STATES: frozenset[IntakeState] = frozenset(
    {IntakeState.DONE, IntakeState.GUIDED, IntakeState.CLOSED}
)
