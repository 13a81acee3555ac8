"""What staff read of a referral: the words each need was read from."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.handoff.summary import render_summary
from dictionaries.tagger import get_tagger
from flows.domain import Contact, Referral
from flows.routing_types import RouteDecision
from tests.fakes_flow import SITE


def _referral(*messages: str) -> Referral:
    evidence = tuple(e for text in messages for e in get_tagger().tag(text).evidence)
    return Referral(
        reference="TS-TEST-0001", created_at=datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
        channel="console", reporter="family", subject="兄", categories=("isolation", "elderly"),
        evidence=evidence, slots={}, area=None,
        route=RouteDecision(primary=SITE, reasons=("テスト",)), urgent=False,
        legal_basis="consent", subject_consent=None, concern_text="\n".join(messages),
        contact=Contact(method="none"))


def _needs_line(summary: str, label: str) -> str:
    return next(line for line in summary.splitlines() if line.startswith(f"  ・{label}"))


def test_staff_see_each_word_once_and_not_the_pieces_of_a_longer_one() -> None:
    summary = render_summary(_referral("兄は10年家から出ていない。", "兄は10年家から出ていない"),
                             markup="text")
    line = _needs_line(summary, "ひきこもり")
    assert line.count("「家から出ていない」") == 1
    assert "「10年家から」" not in line  # inside 「10年家から出て」


def test_staff_read_the_words_in_the_order_the_person_wrote_them() -> None:
    summary = render_summary(_referral("足腰が弱ってきて、物忘れもある母"), markup="text")
    line = _needs_line(summary, "高齢")
    assert line.index("足腰") < line.index("物忘れ")  # not the order of the characters' codes
