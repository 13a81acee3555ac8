from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine import ChatKey
from bot.handoff.invites import create_invite
from bot.handoff.staff import StaffDesk
from flows.messages import ChoiceMessage, Command, CommandMessage, TextMessage
from storage.models import AuditRow, InviteRow, MemberRow, SiteStaffChatRow
from storage.store import Store
from tests.bot.handoff.fakes import enrol_staff, submit
from tests.fakes_flow import SITE
from tests.storage.helpers import NOW, raw_values, sample_referral

STAFF_CHAT = ChatKey(channel="telegram", chat_id="-100site")
RESIDENT = ChatKey(channel="telegram", chat_id="555")


def audit(store: Store) -> list[AuditRow]:
    with Session(store.engine) as session:
        return list(session.scalars(select(AuditRow).order_by(AuditRow.id)))


def test_staff_invite_binds_the_chat_it_is_sent_from_to_the_site(store: Store) -> None:
    replies = enrol_staff(store, SITE.id, STAFF_CHAT, "u1")

    assert replies is not None and replies[0].key == "staff_staff_bound"
    with Session(store.engine) as session:
        [chat] = session.scalars(select(SiteStaffChatRow))
        [member] = session.scalars(select(MemberRow))
    assert (chat.site_id, chat.channel, chat.chat_id) == (SITE.id, "telegram", "-100site")
    assert (member.role, member.site_id, member.user_id) == ("staff", SITE.id, "u1")


def test_an_invite_code_works_once(store: Store) -> None:
    invite = create_invite(
        store, role="staff", site_id=SITE.id, now=NOW, valid_for=timedelta(hours=24)
    )
    desk = StaffDesk(store)
    desk.handle(STAFF_CHAT, TextMessage(invite.code), "u1", NOW)

    again = desk.handle(ChatKey("telegram", "-100x"), TextMessage(invite.code), "u2", NOW)

    assert again is not None and again[0].key == "staff_invite_invalid"
    with Session(store.engine) as session:
        assert [c.chat_id for c in session.scalars(select(SiteStaffChatRow))] == ["-100site"]
    assert audit(store)[-1].action == "invite_refused"


def test_an_expired_invite_is_refused(store: Store) -> None:
    invite = create_invite(
        store, role="staff", site_id=SITE.id, now=NOW, valid_for=timedelta(hours=1)
    )

    replies = StaffDesk(store).handle(
        STAFF_CHAT, TextMessage(invite.code), "u1", NOW + timedelta(hours=1)
    )

    assert replies is not None and replies[0].key == "staff_invite_invalid"
    with Session(store.engine) as session:
        assert session.scalars(select(SiteStaffChatRow)).all() == []


def test_invite_code_is_forgiving_about_width_and_case(store: Store) -> None:
    invite = create_invite(
        store, role="staff", site_id=SITE.id, now=NOW, valid_for=timedelta(hours=1)
    )
    typed = " " + invite.code.lower().translate(
        str.maketrans(
            "-abcdefghjkmnpqrstuvwxyz23456789",
            "－ａｂｃｄｅｆｇｈｊｋｍｎｐｑｒｓｔｕｖｗｘｙｚ２３４５６７８９",
        )
    )

    replies = StaffDesk(store).handle(STAFF_CHAT, TextMessage(typed), "u1", NOW)

    assert replies is not None and replies[0].key == "staff_staff_bound"


def test_only_the_hash_of_an_invite_code_is_stored(store: Store, migrated_url: str) -> None:
    invite = create_invite(
        store, role="volunteer", site_id=None, now=NOW, valid_for=timedelta(hours=1)
    )

    stored = raw_values(migrated_url, "invites", "code_hash")
    assert len(stored) == 1 and invite.code not in str(stored)
    assert invite.code.replace("-", "") not in str(stored)


def test_volunteer_invite_registers_the_volunteer(store: Store) -> None:
    invite = create_invite(
        store, role="volunteer", site_id=None, now=NOW, valid_for=timedelta(days=7)
    )

    replies = StaffDesk(store).handle(RESIDENT, TextMessage(invite.code), "v1", NOW)

    assert replies is not None and replies[0].key == "staff_volunteer_enrolled"
    with store.unit_of_work() as uow:
        assert uow.is_volunteer("telegram", "v1")
        session = uow.session
        assert session.scalars(select(SiteStaffChatRow)).all() == []
        assert session.scalars(select(InviteRow.used_at)).one() == NOW


def test_ordinary_messages_in_a_residents_chat_go_to_the_intake(store: Store) -> None:
    desk = StaffDesk(store)
    for message in (
        TextMessage("母のことで相談です"),
        ChoiceMessage("yes"),
        CommandMessage(Command.HELP),
    ):
        assert desk.handle(RESIDENT, message, "r1", NOW) is None


def test_a_bound_staff_chat_never_starts_an_intake(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    desk = StaffDesk(store)

    assert desk.handle(STAFF_CHAT, TextMessage("おはようございます"), "u1", NOW) == []
    help_replies = desk.handle(STAFF_CHAT, CommandMessage(Command.HELP), "u9", NOW)
    assert help_replies is not None and help_replies[0].key == "staff_chat_help"


def test_a_stale_staff_button_is_not_passed_to_the_intake(store: Store) -> None:
    submit(store, sample_referral())
    assert StaffDesk(store).handle(RESIDENT, ChoiceMessage("staff:to:x"), "r1", NOW) == []


@pytest.mark.parametrize(
    "form", ["/start {code}", "@tsunagu_bot {code}", "/bind@tsunagu_bot {code}"]
)
def test_invite_code_may_follow_a_command_or_a_mention(store: Store, form: str) -> None:
    invite = create_invite(
        store, role="staff", site_id=SITE.id, now=NOW, valid_for=timedelta(hours=1)
    )

    replies = StaffDesk(store).handle(
        STAFF_CHAT, TextMessage(form.format(code=invite.code)), "u1", NOW
    )

    assert replies is not None and replies[0].key == "staff_staff_bound"


def test_a_message_merely_mentioning_a_code_is_left_to_the_intake(store: Store) -> None:
    invite = create_invite(
        store, role="staff", site_id=SITE.id, now=NOW, valid_for=timedelta(hours=1)
    )
    text = f"母のことで相談です {invite.code}"

    assert StaffDesk(store).handle(RESIDENT, TextMessage(text), "r1", NOW) is None
