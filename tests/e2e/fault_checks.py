"""After the fault run: what was stored, and what the staff chat received, counted.

A delivery is a staff-chat message the fake server accepted a referral into (sendMessage, or
editMessageText filling a placeholder), carrying its 受理 button (`staff:accept:<reference>`):
counted once per message, however often it was written and however its text was split. Each
case has one outbox row, so every delivery of a reference carries the same idempotency key,
and a second message for it is what staff would see twice.

How a key could still reach a second message: the bot dies between Telegram taking it and the
row being marked sent, and a later process posts it again (bot/handoff/transport.py). The
two-step delivery (placeholder, its id noted, then the content written into it) is there to
rule that out. A second message is counted as `resent_after_kill` when a kill fell within
KILL_WINDOW_S of the first (the request in flight, a slow answer, the marking commit), and as
`duplicates_unexplained` otherwise: a repeat no crash explains is a bug.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.channels.telegram_render import texts
from flows.conversation import Conversation
from flows.states import IntakeState
from storage.models import CaseRow, ConversationRow, OutboxRow, ReferralRow
from storage.records import conversation_from_row
from storage.store import Store
from tests.e2e.fault_api import Delivery, FaultyBotApi
from tests.e2e.fault_people import SimUser

CHANNEL = "telegram"
PLACEHOLDER = texts()["delivery_placeholder"]
KILL_WINDOW_S = (-0.5, 5.0)  # around the first delivery's arrival at the server


@dataclass
class Findings:
    counts: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # ids and references only
    log: str = ""


def repeats(deliveries: Sequence[Delivery], staff_chat: int, kills: Sequence[float]
            ) -> tuple[Counter[str], int, list[str]]:
    """Messages per reference in the staff chat, repeats explained by a kill, and the others.
    Writing a referral into the same message again is not a repeat: staff see one message."""
    first_seen: dict[str, dict[int, float]] = {}
    for delivery in deliveries:
        if delivery.chat_id == staff_chat:
            messages = first_seen.setdefault(delivery.reference, {})
            messages.setdefault(delivery.message_id, delivery.arrived)
    explained, unexplained = 0, []
    for reference, messages in first_seen.items():
        for first, again in pairwise(sorted(messages.values())):
            low, high = first + KILL_WINDOW_S[0], min(first + KILL_WINDOW_S[1], again)
            if any(low <= kill <= high for kill in kills):
                explained += 1
            else:
                unexplained.append(reference)
    return Counter({r: len(m) for r, m in first_seen.items()}), explained, unexplained


def check(store: Store, api: FaultyBotApi, people: list[SimUser], staff_chat: int,
          kills: Sequence[float]) -> Findings:
    findings = Findings()
    problems = findings.problems
    states = {state.value for state in IntakeState}
    delivered, resent_after_kill, unexplained = repeats(api.deliveries, staff_chat, kills)
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
    duplicates = sum(n - 1 for n in delivered.values() if n > 1)
    strangers = [ref for ref in delivered if ref not in submitted]
    problems += [f"{ref}: never delivered" for ref in lost]
    problems += [f"{ref}: delivered again with no kill to explain it" for ref in unexplained]
    problems += [f"{ref}: delivered but not a submitted case" for ref in strangers]
    findings.counts.update(
        users=len(people),
        saw_reference=sum(p.finished is IntakeState.DONE for p in people),
        submitted=len(submitted),
        cases=sum(cases_by_chat.values()),
        delivered=sum(1 for ref in submitted if delivered[ref]),
        duplicates=duplicates,
        resent_after_kill=resent_after_kill,
        duplicates_unexplained=len(unexplained),
        lost=len(lost),
        corrupted=corrupted,
        unfinished=sum(p.finished is None for p in people),
        placeholders_left=sum(m.get("text") == PLACEHOLDER
                              for m in api.bot_messages(staff_chat)),
        user_messages=sum(p.sent for p in people),
        resends=sum(p.resends for p in people),
    )
    return findings
