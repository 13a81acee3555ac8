"""Hand-written fakes for the handoff: a recording transport and what a chat's people see."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from bot.engine import ChatKey
from bot.handoff.invites import create_invite
from bot.handoff.staff import StaffDesk
from bot.handoff.transport import OutboundMessage
from flows.domain import Referral
from flows.messages import Reply, TextMessage
from storage.store import Store
from tests.storage.helpers import NOW


class TransportDown(Exception):
    """What a chat platform's outage looks like to the dispatcher."""


@dataclass
class RecordingTransport:
    """Records every send, in order; fails the next `failures` sends first."""

    failures: int = 0
    sent: list[OutboundMessage] = field(default_factory=list)

    def send(self, message: OutboundMessage) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise TransportDown("the platform did not answer")
        self.sent.append(message)

    def seen_in(self, key: ChatKey) -> list[OutboundMessage]:
        """What people in the chat see when the platform drops a key it has delivered."""
        seen: dict[str, OutboundMessage] = {}
        for message in self.sent:
            if message.key == key:
                seen.setdefault(message.idempotency_key, message)
        return list(seen.values())


def enrol_staff(
    store: Store, site_id: str, key: ChatKey, user_id: str, *, desk: StaffDesk | None = None
) -> list[Reply] | None:
    """A staff member redeems a fresh invite for `site_id` from the chat `key`."""
    invite = create_invite(
        store, role="staff", site_id=site_id, now=NOW, valid_for=timedelta(hours=24)
    )
    return (desk or StaffDesk(store)).handle(key, TextMessage(invite.code), user_id, NOW)


REPORTER = ChatKey(channel="telegram", chat_id="reporter-1")


def submit(store: Store, referral: Referral, reporter: ChatKey = REPORTER) -> None:
    """What the engine stores for a submitted intake: case, referral and its outbox row."""
    with store.unit_of_work() as uow:
        uow.add_case(
            referral,
            reporter_channel=reporter.channel,
            reporter_chat_id=reporter.chat_id,
            conversation_id=None,
            keep_text=True,
            volunteer_verified=False,
            now=NOW,
        )
        uow.commit()
