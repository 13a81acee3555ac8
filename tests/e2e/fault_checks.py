"""After the fault run: what was stored, and what the staff chat received, counted.

A delivery is a sendMessage the fake server answered 200 in the staff chat, carrying the
referral's 受理 button (`staff:accept:<reference>`): one per referral message, however its
text was split. The dispatcher's key is per outbox row and chat, so a repeat of the same
reference in the same chat is a duplicate whatever its cause.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.conversation import Conversation
from flows.states import IntakeState
from storage.models import CaseRow, ConversationRow, OutboxRow, ReferralRow
from storage.records import conversation_from_row
from storage.store import Store
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.fault_people import SimUser

CHANNEL = "telegram"
ACCEPT = "staff:accept:"


@dataclass
class Findings:
    counts: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # ids and references only
    log: str = ""


def deliveries(api: FakeBotApi, staff_chat: int) -> Counter[str]:
    """Referral messages delivered to the staff chat, by reference."""
    delivered: Counter[str] = Counter()
    for call in api.calls_of("sendMessage"):
        if call.status != 200 or int(call.params.get("chat_id", 0)) != staff_chat:
            continue
        markup = call.params.get("reply_markup") or {}
        data = [b.get("callback_data", "") for row in markup.get("inline_keyboard", [])
                for b in row]
        for item in data:
            if ACCEPT in item:
                delivered[item.split(ACCEPT, 1)[1]] += 1
    return delivered


def check(store: Store, api: FakeBotApi, people: list[SimUser], staff_chat: int) -> Findings:
    findings = Findings()
    problems = findings.problems
    states = {state.value for state in IntakeState}
    delivered = deliveries(api, staff_chat)
    submitted: list[str] = []  # references of the conversations that reached "done"
    corrupted = 0
    with Session(store.engine) as session:
        for row in session.scalars(select(ConversationRow)):
            stored = conversation_from_row(row)
            try:
                loaded = Conversation.from_json(stored.state_json) if stored.state_json else None
                ok = stored.state in states and (loaded is None or loaded.state == stored.state)
            except (ValueError, KeyError, TypeError) as exc:
                ok = False
                problems.append(f"chat {row.chat_id}: state JSON does not load "
                                f"({type(exc).__name__})")
            corrupted += not ok
        cases_by_chat = Counter(session.scalars(
            select(CaseRow.reporter_chat_id).where(CaseRow.reporter_channel == CHANNEL)))
        for person in people:
            chat_id = str(person.user.id)
            conversation = store.conversation(CHANNEL, chat_id)
            if conversation is None or conversation.state != IntakeState.DONE:
                where = conversation.state if conversation else "nothing stored"
                problems.append(f"chat {chat_id}: not submitted, at {where} after "
                                f"{person.sent} messages")
                if cases_by_chat[chat_id]:
                    problems.append(f"chat {chat_id}: a case without a submitted conversation")
                continue
            cases = session.scalars(select(CaseRow).where(
                CaseRow.reporter_channel == CHANNEL, CaseRow.reporter_chat_id == chat_id)).all()
            if len(cases) != 1:
                problems.append(f"chat {chat_id}: {len(cases)} cases")
            for case in cases:
                submitted.append(case.reference)
                referrals = session.scalars(
                    select(ReferralRow).where(ReferralRow.case_id == case.id)).all()
                rows = session.scalars(select(OutboxRow).where(
                    OutboxRow.case_id == case.id, OutboxRow.kind == "referral")).all()
                if len(referrals) != 1 or len(rows) != 1:
                    problems.append(f"{case.reference}: {len(referrals)} referrals, "
                                    f"{len(rows)} outbox rows")
                if rows and rows[0].status != "sent":
                    problems.append(f"{case.reference}: outbox row {rows[0].status}")
    lost = [ref for ref in submitted if delivered[ref] == 0]
    duplicates = {ref: n - 1 for ref, n in delivered.items() if n > 1}
    strangers = [ref for ref in delivered if ref not in submitted]
    problems += [f"{ref}: never delivered" for ref in lost]
    problems += [f"{ref}: delivered {n + 1} times" for ref, n in duplicates.items()]
    problems += [f"{ref}: delivered but not a submitted case" for ref in strangers]
    findings.counts.update(
        users=len(people),
        saw_reference=sum(p.finished is IntakeState.DONE for p in people),
        submitted=len(submitted),
        cases=sum(cases_by_chat.values()),
        delivered=sum(1 for ref in submitted if delivered[ref]),
        duplicates=sum(duplicates.values()),
        lost=len(lost),
        corrupted=corrupted,
        unfinished=sum(p.finished is None for p in people),
        user_messages=sum(p.sent for p in people),
        resends=sum(p.resends for p in people),
    )
    return findings
