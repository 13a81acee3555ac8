from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.engine import ChatKey
from bot.handoff.dispatcher import Dispatcher, RetryPolicy, run_dispatcher
from bot.handoff.transport import OutboundMessage
from flows.domain import ConsentRecord
from storage import outbox_repo
from storage.models import AuditRow, OutboxRow
from storage.store import Store
from tests.bot.handoff.fakes import REPORTER, RecordingTransport, enrol_staff, submit
from tests.fakes_flow import SITE
from tests.storage.helpers import CONCERN, NOW, sample_referral

STAFF_CHAT = ChatKey(channel="telegram", chat_id="-100site")
OTHER_CHAT = ChatKey(channel="telegram", chat_id="-100other")


def outbox_rows(store: Store) -> list[OutboxRow]:
    with Session(store.engine) as session:
        return list(session.scalars(select(OutboxRow).order_by(OutboxRow.id)))


def test_referral_reaches_only_the_bound_chat_of_its_site(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    enrol_staff(store, "social_welfare_council", OTHER_CHAT, "u2")
    submit(store, sample_referral())
    # Even a row that names some other chat goes to the site's own bound chat only.
    with Session(store.engine) as session:
        session.execute(update(OutboxRow).values(target_channel="telegram", target_chat_id="evil"))
        session.commit()
    transport = RecordingTransport()

    assert Dispatcher(store, transport).run_once(NOW) == 1

    assert [m.key for m in transport.sent] == [STAFF_CHAT]
    message = transport.sent[0]
    assert "TS-261126-AAAA" in message.text
    assert [c.id for c in message.choices] == [
        "staff:accept:TS-261126-AAAA",
        "staff:forward:TS-261126-AAAA",
        "staff:close:TS-261126-AAAA",
    ]
    assert [c.label for c in message.choices] == ["受理", "他窓口へ", "対応完了"]


def test_a_sent_referral_is_not_sent_again(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, sample_referral())
    transport = RecordingTransport()
    dispatcher = Dispatcher(store, transport)

    assert dispatcher.run_once(NOW) == 1
    assert dispatcher.run_once(NOW + timedelta(hours=5)) == 0

    assert len(transport.sent) == 1
    [row] = outbox_rows(store)
    assert (row.status, row.attempts, row.sent_at) == ("sent", 1, NOW)


def test_referral_waits_pending_until_its_site_binds_a_chat(store: Store) -> None:
    submit(store, sample_referral())
    transport = RecordingTransport()
    dispatcher = Dispatcher(store, transport)

    assert dispatcher.run_once(NOW) == 0
    assert dispatcher.run_once(NOW + timedelta(days=3)) == 0

    [row] = outbox_rows(store)
    assert (row.status, row.attempts) == ("pending", 0)
    assert transport.sent == []
    with Session(store.engine) as session:
        waiting = outbox_repo.summary(session)
    assert waiting.waiting_for_chat == {SITE.id: 1}
    assert waiting.pending == 1

    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    assert dispatcher.run_once(NOW + timedelta(days=3)) == 1
    assert [m.key for m in transport.sent] == [STAFF_CHAT]


def test_failed_send_is_retried_later_with_a_growing_delay(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, sample_referral())
    transport = RecordingTransport(failures=2)
    dispatcher = Dispatcher(store, transport, retry=RetryPolicy(first_delay=timedelta(seconds=30)))

    assert dispatcher.run_once(NOW) == 0
    [row] = outbox_rows(store)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "TransportDown")
    assert row.next_attempt_at == NOW + timedelta(seconds=30)

    assert dispatcher.run_once(NOW + timedelta(seconds=29)) == 0  # not due yet: no attempt
    assert outbox_rows(store)[0].attempts == 1

    second = NOW + timedelta(seconds=30)
    assert dispatcher.run_once(second) == 0
    assert outbox_rows(store)[0].next_attempt_at == second + timedelta(seconds=60)

    assert dispatcher.run_once(second + timedelta(seconds=60)) == 1
    [row] = outbox_rows(store)
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, None)
    assert len(transport.sent) == 1


def test_dispatcher_gives_up_after_the_last_attempt_and_status_counts_it(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, sample_referral())
    dispatcher = Dispatcher(
        store, RecordingTransport(failures=5), retry=RetryPolicy(max_attempts=2)
    )

    dispatcher.run_once(NOW)
    dispatcher.run_once(NOW + timedelta(hours=1))
    assert dispatcher.run_once(NOW + timedelta(days=1)) == 0

    [row] = outbox_rows(store)
    assert (row.status, row.attempts) == ("failed", 2)
    with Session(store.engine) as session:
        assert outbox_repo.summary(session).failed == 1
        assert outbox_repo.retry_failed(session, NOW) == 1
        session.commit()
    assert outbox_rows(store)[0].status == "pending"


def test_summary_sent_to_staff_escapes_markup_in_the_persons_words(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    words = '<script>alert("x")</script> & <b>母</b>'
    submit(store, replace(sample_referral(), concern_text=words, subject="<i>母</i>"))
    transport = RecordingTransport()

    Dispatcher(store, transport).run_once(NOW)

    text = transport.sent[0].text
    assert "<script>" not in text and "<i>" not in text and "<b>母</b>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;母&lt;/b&gt;" in text


def test_a_site_with_two_chats_gets_the_referral_in_each_with_its_own_key(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    enrol_staff(store, SITE.id, OTHER_CHAT, "u2")
    submit(store, sample_referral())
    transport = RecordingTransport()

    assert Dispatcher(store, transport).run_once(NOW) == 1

    assert {m.key for m in transport.sent} == {STAFF_CHAT, OTHER_CHAT}
    assert len({m.idempotency_key for m in transport.sent}) == 2


def test_dispatcher_leaves_rows_for_channels_its_transport_cannot_reach(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, sample_referral(), reporter=ChatKey("console", "local"))
    transport = RecordingTransport()

    assert Dispatcher(store, transport, channels={"line"}).run_once(NOW) == 0
    assert transport.sent == []
    assert outbox_rows(store)[0].attempts == 0


def test_no_log_line_quotes_the_message_when_sending_fails(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, sample_referral())
    Dispatcher(store, RecordingTransport(failures=1)).run_once(NOW)

    assert "TransportDown" in caplog.text
    assert CONCERN not in caplog.text and "090-1234-5678" not in caplog.text


def test_each_delivery_of_a_referral_leaves_an_audit_line_naming_the_chat(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, sample_referral())

    Dispatcher(store, RecordingTransport()).run_once(NOW)

    with Session(store.engine) as session:
        line = session.scalars(
            select(AuditRow).where(AuditRow.action == "referral_delivered")
        ).one()
    assert line.case_reference == "TS-261126-AAAA"
    assert line.detail == f"site={SITE.id} chats=telegram:-100site"


async def test_the_loop_helper_runs_passes_until_told_to_stop(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, sample_referral())
    stop = asyncio.Event()

    class StopAfterSend(RecordingTransport):
        def send(self, message: OutboundMessage) -> None:
            super().send(message)
            stop.set()

    transport = StopAfterSend()
    await run_dispatcher(Dispatcher(store, transport), lambda: NOW, stop, interval=0.01)

    assert [m.key for m in transport.sent] == [STAFF_CHAT]


def test_a_case_erased_before_delivery_is_withheld_from_staff(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, sample_referral())
    with store.unit_of_work() as uow:
        uow.erase(REPORTER.channel, REPORTER.chat_id, at=NOW, actor="reporter")
        uow.commit()
    transport = RecordingTransport()

    assert Dispatcher(store, transport).run_once(NOW) == 0

    assert transport.sent == []
    [row] = outbox_rows(store)
    assert (row.status, row.last_error) == ("failed", "withheld:erased")


def test_a_referral_whose_share_consent_was_withdrawn_is_withheld(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    share = ConsentRecord(
        scope="share",
        given_by="self",
        text_version="1",
        text_hash="0" * 64,
        given_at=NOW,
        channel="telegram",
        site_ids=(SITE.id,),
    )
    submit(store, replace(sample_referral(), consents=(share,)))
    with store.unit_of_work() as uow:
        uow.withdraw_consent(REPORTER.channel, REPORTER.chat_id, "share", NOW)
        uow.commit()
    transport = RecordingTransport()

    assert Dispatcher(store, transport).run_once(NOW) == 0

    assert transport.sent == []
    assert outbox_rows(store)[0].last_error == "withheld:consent_withdrawn"
    with Session(store.engine) as session:
        assert session.scalars(select(AuditRow.action)).all()[-1] == "referral_withheld"


def test_a_report_from_someone_else_carries_no_volunteer_mark(store: Store) -> None:
    enrol_staff(store, SITE.id, STAFF_CHAT, "u1")
    submit(store, sample_referral())
    transport = RecordingTransport()

    Dispatcher(store, transport).run_once(NOW)

    assert "民生委員・児童委員（招待コード" not in transport.sent[0].text
