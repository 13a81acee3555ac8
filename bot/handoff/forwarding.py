"""他窓口へ after its first step: the reason, then the target site, then the forward itself.

The half-done forward lives in the staff_prompts table, so the next message may reach any
worker. The forward re-checks the actor's rights: they may have changed in between.
"""

from __future__ import annotations

from datetime import datetime

from bot.handoff.actions import (
    MAX_REASON_LENGTH,
    Actor,
    authorise,
    cancel_choice,
    reply,
    site_choices,
    suggested_sites,
)
from bot.handoff.closed_loop import notify_reporter
from bot.handoff.texts import site_name, text
from dictionaries.directory import load_directory
from flows.messages import Reply
from storage import referral_repo
from storage.models import StaffPromptRow
from storage.store import Store
from storage.unit_of_work import UnitOfWork


def cancel(store: Store, actor: Actor, now: datetime) -> list[Reply]:
    with store.unit_of_work() as uow:
        prompt = _prompt(uow, actor, now)
        if prompt is not None:
            uow.session.delete(prompt)
        uow.commit()
    return reply("forward_cancelled", text("staff", "forward_cancelled"))


def answer(store: Store, actor: Actor, words: str, now: datetime) -> list[Reply] | None:
    """Typed words for an open prompt: the reason, or a site id. None: no prompt is open."""
    with store.unit_of_work() as uow:
        prompt = _prompt(uow, actor, now)
        if prompt is None:
            uow.commit()
            return None
        if prompt.step == "reason":
            return _take_reason(uow, prompt, words.strip()[:MAX_REASON_LENGTH])
    return choose_site(store, actor, words.strip(), now)


def choose_site(store: Store, actor: Actor, site_id: str, now: datetime) -> list[Reply] | None:
    """The target site, chosen by button or typed as an id: forward the case there."""
    with store.unit_of_work() as uow:
        prompt = _prompt(uow, actor, now)
        if prompt is None or prompt.step != "site":
            uow.commit()
            return None
        checked = authorise(uow, actor, "forward", prompt.case_reference, now)
        if isinstance(checked, list):
            return checked
        case, current = checked
        suggested = suggested_sites(case, current.site_id)
        choices = (*site_choices(case, current.site_id), cancel_choice())
        if site_id == current.site_id:
            return reply("forward_same_site", text("staff", "forward_same_site"), choices)
        if site_id not in suggested and load_directory().find(site_id) is None:
            return reply("forward_unknown_site", text("staff", "forward_unknown_site"), choices)
        new = referral_repo.forward(
            uow.session, case, current, site_id=site_id, reason=prompt.reason or "", now=now
        )
        notify_reporter(
            uow.session, case, status="forwarded", referral_id=new.id, site_id=site_id, now=now
        )
        uow.audit(
            actor.name,
            "staff_forwarded",
            at=now,
            reference=case.reference,
            detail=f"from={current.site_id} to={site_id}",
        )
        uow.session.delete(prompt)
        uow.commit()
        name = suggested.get(site_id) or site_name(site_id)
    return reply("forwarded", text("staff", "forwarded", reference=case.reference, site=name))


def _take_reason(uow: UnitOfWork, prompt: StaffPromptRow, reason: str) -> list[Reply]:
    found = referral_repo.case_for_update(uow.session, prompt.case_reference)
    if not reason or found is None:
        uow.commit()
        return reply(
            "forward_reason",
            text("staff", "forward_reason", reference=prompt.case_reference),
            (cancel_choice(),),
        )
    prompt.reason, prompt.step = reason, "site"
    choices = (*site_choices(found[0], prompt.site_id), cancel_choice())
    uow.commit()
    return reply("forward_site", text("staff", "forward_site"), choices)


def _prompt(uow: UnitOfWork, actor: Actor, now: datetime) -> StaffPromptRow | None:
    if actor.user_id is None:
        return None
    return referral_repo.prompt_for(
        uow.session, actor.key.channel, actor.key.chat_id, actor.user_id, now
    )
