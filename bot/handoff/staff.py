"""StaffDesk: the staff side of a chat, asked by the engine before the intake flow.

It takes invite codes (binding a site's staff chat, or registering a volunteer), staff buttons
("staff:accept:<reference>", "staff:forward:<reference>", "staff:close:<reference>", and the
forward's "staff:to:<site_id>" / "staff:cancel"), and the words of an open 他窓口へ. Everything
else in a bound staff chat is answered with a short help and never reaches the intake: a staff
chat is not a resident's conversation. Any other message returns None, for the intake flow.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import Session

from bot.engine import ChatKey
from bot.handoff import actions, forwarding
from bot.handoff.invites import code_hash, normalise
from bot.handoff.texts import site_name, text
from flows.messages import ChoiceMessage, CommandMessage, InboundMessage, Reply, TextMessage
from storage import staff_repo
from storage.models import SiteStaffChatRow, StaffPromptRow
from storage.store import Store
from storage.unit_of_work import UnitOfWork

PREFIX = "staff:"


def is_staff_choice(choice_id: str) -> bool:
    """Whether a button belongs to the staff desk (channels let these through to the engine)."""
    return choice_id.startswith(PREFIX)


class StaffDesk:
    def __init__(self, store: Store) -> None:
        self.store = store

    def claims(
        self, uow: UnitOfWork, key: ChatKey, message: InboundMessage, user_id: str | None
    ) -> bool:
        """Whether `handle` may answer this message, asked in the caller's transaction: one
        read for a resident's message, so staff business costs them no session of its own.
        Read each time, never cached: a chat bound by another worker counts at once."""
        if isinstance(message, TextMessage) and normalise(message.text) is not None:
            return True
        if isinstance(message, ChoiceMessage) and is_staff_choice(message.choice_id):
            return True
        bound, prompting = _chat_facts(uow.session, actions.Actor(key, user_id))
        return bound or (prompting and isinstance(message, TextMessage))

    def handle(
        self, key: ChatKey, message: InboundMessage, user_id: str | None, now: datetime
    ) -> list[Reply] | None:
        actor = actions.Actor(key, user_id)
        if isinstance(message, TextMessage):
            code = normalise(message.text)
            if code is not None:
                return self._redeem(actor, code, now)
        if isinstance(message, ChoiceMessage) and is_staff_choice(message.choice_id):
            return self._press(actor, message.choice_id.removeprefix(PREFIX), now)
        with Session(self.store.engine) as session:
            bound, prompting = _chat_facts(session, actor)
        if prompting and isinstance(message, TextMessage):
            answered = forwarding.answer(self.store, actor, message.text, now)
            if answered is not None:
                return answered
        if bound:
            help_wanted = isinstance(message, CommandMessage)
            return actions.reply("chat_help", text("staff", "chat_help")) if help_wanted else []
        return None

    def _press(self, actor: actions.Actor, rest: str, now: datetime) -> list[Reply]:
        verb, _, argument = rest.partition(":")
        if verb in ("accept", "close") and argument:
            return actions.settle(self.store, actor, verb, argument, now)
        if verb == "forward" and argument:
            return actions.start_forward(self.store, actor, argument, now)
        if verb == "to" and argument:
            chosen = forwarding.choose_site(self.store, actor, argument, now)
            if chosen is not None:
                return chosen
        if verb == "cancel":
            return forwarding.cancel(self.store, actor, now)
        # A stale or foreign button: nothing to do, and nothing for the intake either.
        return []

    def _redeem(self, actor: actions.Actor, code: str, now: datetime) -> list[Reply]:
        with self.store.unit_of_work() as uow:
            enrolment = None
            if actor.user_id is not None:
                enrolment = staff_repo.redeem_invite(
                    uow.session,
                    code_hash(code),
                    channel=actor.key.channel,
                    chat_id=actor.key.chat_id,
                    user_id=actor.user_id,
                    now=now,
                )
            if enrolment is None:
                uow.audit(actor.name, "invite_refused", at=now, detail=f"chat={actor.key.chat_id}")
            else:
                uow.audit(
                    actor.name,
                    f"enrolled_{enrolment.role}",
                    at=now,
                    detail=f"site={enrolment.site_id or '-'} chat={actor.key.chat_id}",
                )
            uow.commit()
        if enrolment is None:
            return actions.reply("invite_invalid", text("invite", "invalid"))
        if enrolment.role == "staff" and enrolment.site_id is not None:
            body = text("invite", "staff_bound", site=site_name(enrolment.site_id))
            return actions.reply("staff_bound", body)
        return actions.reply("volunteer_enrolled", text("invite", "volunteer_enrolled"))


def _chat_facts(session: Session, actor: actions.Actor) -> tuple[bool, bool]:
    """(is a bound staff chat, the actor has an open prompt here): one query, built once."""
    found = session.execute(
        _CHAT_FACTS,
        {"channel": actor.key.channel, "chat_id": actor.key.chat_id, "user_id": actor.user_id},
    ).one()
    return bool(found[0]), bool(found[1])


# "Bound" is what staff_repo.sites_of_chat finds, asked as EXISTS. Without a user id the
# prompt test compares with NULL, which is never true: no prompt.
_CHAT_FACTS = select(
    exists().where(
        SiteStaffChatRow.channel == bindparam("channel"),
        SiteStaffChatRow.chat_id == bindparam("chat_id"),
        SiteStaffChatRow.unbound_at.is_(None),
    ),
    exists().where(
        StaffPromptRow.channel == bindparam("channel"),
        StaffPromptRow.chat_id == bindparam("chat_id"),
        StaffPromptRow.user_id == bindparam("user_id"),
    ),
)
