"""Staff actions on a referral: 受理 (accept), 他窓口へ (forward), 対応完了 (close).

Each action is one transaction: the referral's and the case's status, an audit line, and the
reporter's status message in the outbox. Only enrolled staff of the referral's current site,
acting from that site's bound chat, may act; anyone else is refused and the refusal audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.engine import ChatKey
from bot.handoff.closed_loop import notify_reporter
from bot.handoff.texts import staff_texts, text
from flows.messages import Choice, Reply
from flows.routing_types import RouteDecision
from storage import referral_repo, staff_repo
from storage.models import CaseRow, ReferralRow
from storage.store import Store
from storage.unit_of_work import UnitOfWork

# Which referral statuses each action may start from.
ALLOWED_FROM = {
    "accept": ("submitted",),
    "forward": ("submitted", "accepted"),
    "close": ("submitted", "accepted"),
}
NEW_STATUS = {"accept": "accepted", "forward": "forwarded", "close": "closed"}
PROMPT_LIFETIME = timedelta(hours=1)
MAX_REASON_LENGTH = 500
CANCEL_ID = "staff:cancel"


@dataclass(frozen=True)
class Actor:
    key: ChatKey
    user_id: str | None

    @property
    def name(self) -> str:
        """For the audit log: who acted (platform ids, never a person's words)."""
        return f"staff:{self.key.channel}:{self.user_id or '-'}"


def reply(key: str, body: str, choices: tuple[Choice, ...] = ()) -> list[Reply]:
    return [Reply(key=f"staff_{key}", text=body, choices=choices)]


def cancel_choice() -> Choice:
    return Choice(CANCEL_ID, staff_texts()["buttons"]["cancel"])


def authorise(
    uow: UnitOfWork, actor: Actor, action: str, reference: str, now: datetime
) -> tuple[CaseRow, ReferralRow] | list[Reply]:
    """The case and its current referral if `actor` may act on it now; else the reply to give."""
    found = referral_repo.case_for_update(uow.session, reference)
    allowed = (
        found is not None
        and actor.user_id is not None
        and staff_repo.may_act(
            uow.session, found[1].site_id, actor.key.channel, actor.key.chat_id, actor.user_id
        )
    )
    if found is None or not allowed:
        uow.audit(
            actor.name,
            "staff_action_refused",
            at=now,
            reference=reference if found is not None else None,
            detail=f"action={action} chat={actor.key.chat_id}"
            + ("" if found is not None else " case=unknown"),
        )
        uow.commit()
        return reply("refused", text("staff", "refused"))
    case, current = found
    if current.status not in ALLOWED_FROM[action]:
        label = staff_texts()["buttons"].get(_action_of(current.status), current.status)
        return reply("already", text("staff", "already", reference=reference, status=label))
    return case, current


def _action_of(status: str) -> str:
    return {"accepted": "accept", "forwarded": "forward", "closed": "close"}.get(status, status)


def settle(store: Store, actor: Actor, action: str, reference: str, now: datetime) -> list[Reply]:
    """受理 or 対応完了."""
    with store.unit_of_work() as uow:
        checked = authorise(uow, actor, action, reference, now)
        if isinstance(checked, list):
            return checked
        case, current = checked
        status = NEW_STATUS[action]
        current.status, current.updated_at = status, now
        case.status, case.updated_at = status, now
        notify_reporter(
            uow.session,
            case,
            status=status,
            referral_id=current.id,
            site_id=current.site_id,
            now=now,
        )
        uow.audit(
            actor.name,
            f"staff_{status}",
            at=now,
            reference=reference,
            detail=f"site={current.site_id}",
        )
        uow.commit()
    return reply(status, text("staff", status, reference=reference))


def start_forward(store: Store, actor: Actor, reference: str, now: datetime) -> list[Reply]:
    """他窓口へ, step one: remember who is forwarding what, and ask why."""
    with store.unit_of_work() as uow:
        checked = authorise(uow, actor, "forward", reference, now)
        if isinstance(checked, list):
            return checked
        _case, current = checked
        assert actor.user_id is not None  # authorise refuses anonymous actors
        referral_repo.open_prompt(
            uow.session,
            channel=actor.key.channel,
            chat_id=actor.key.chat_id,
            user_id=actor.user_id,
            reference=reference,
            site_id=current.site_id,
            now=now,
            expires_at=now + PROMPT_LIFETIME,
        )
        uow.commit()
    return reply(
        "forward_reason", text("staff", "forward_reason", reference=reference), (cancel_choice(),)
    )


def suggested_sites(case: CaseRow, current_site: str) -> dict[str, str]:
    """The other sites the router named for this case (id -> name), the first offered."""
    route = RouteDecision.from_json(case.route)
    named = (route.primary, *route.sites, route.coordinator)
    return {s.id: s.name for s in named if s is not None and s.id != current_site}


def site_choices(case: CaseRow, current_site: str) -> tuple[Choice, ...]:
    sites = suggested_sites(case, current_site)
    return tuple(Choice(f"staff:to:{site_id}", name) for site_id, name in sites.items())
