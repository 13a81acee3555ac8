"""Rendering replies for Telegram: splitting, callback data, and the texts file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from telegram import InlineKeyboardMarkup

from bot.channels.telegram_render import (
    MAX_CALLBACK_BYTES,
    QUICK_EXIT_DATA,
    ChoicePress,
    QuickExitPress,
    decode_callback,
    encode_choice,
    render,
    shown_in,
    split_text,
    texts,
)
from flows.messages import Choice, Reply
from flows.states import IntakeState

REPO = Path(__file__).resolve().parents[2]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_a_short_reply_is_one_message() -> None:
    assert split_text("こんにちは") == ["こんにちは"]


def test_a_long_reply_is_cut_at_line_ends_and_loses_nothing() -> None:
    lines = [f"{n}行目：地域包括支援センターのご案内です。" for n in range(400)]
    text = "\n".join(lines)
    pieces = split_text(text)
    assert len(pieces) > 1
    assert all(utf16(piece) <= 4096 for piece in pieces)
    assert "\n".join(pieces) == text
    assert all(piece.split("\n")[-1] in lines for piece in pieces)


def test_emoji_count_twice_against_the_limit() -> None:
    text = "😀" * 3000  # 6,000 UTF-16 code units, no place to cut
    pieces = split_text(text)
    assert all(utf16(piece) <= 4096 for piece in pieces)
    assert "".join(pieces) == text


def test_a_sentence_end_is_preferred_to_a_hard_cut() -> None:
    text = "あ" * 3000 + "。" + "い" * 3000
    first, second = split_text(text)
    assert first.endswith("。") and second == "い" * 3000


def test_every_choice_the_flow_and_staff_offer_fits_in_callback_data() -> None:
    prompts = yaml.safe_load((REPO / "flows/data/prompts.yaml").read_text("utf-8"))["prompts"]
    ids = [str(cid) for prompt in prompts.values() for cid in prompt.get("choices", {})]
    ids += ["add.disability", "remove.disability", "staff:forward:TS-261126-ABCD",
            "staff:to:" + "x" * 44]
    for choice_id in ids:
        data = encode_choice("share_consent", choice_id)
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        assert decode_callback(data) == ChoicePress(data.split(":")[1], choice_id)


def test_a_button_tells_the_state_it_was_shown_in() -> None:
    press = decode_callback(encode_choice("consent_record", "yes"))
    assert isinstance(press, ChoicePress)
    assert shown_in(press) == "consent_record"
    assert shown_in(ChoicePress(tag="zz", choice_id="yes")) not in {s.value for s in IntakeState}


@pytest.mark.parametrize("data", [None, "", "yes", "v0:abc:yes", "v2:abc:yes", "v1:abc:"])
def test_data_from_another_version_or_garbage_is_not_a_choice(data: str | None) -> None:
    assert decode_callback(data) is None


def test_the_quick_exit_button_is_recognised() -> None:
    assert decode_callback(QUICK_EXIT_DATA) == QuickExitPress()


def test_the_last_message_of_a_turn_carries_the_quick_exit() -> None:
    role = Reply("ask_role", "どなた？", (Choice("self", "自分"),))
    first, last = render([Reply("welcome", "こんにちは"), role], "role")
    assert first.markup is None
    assert isinstance(last.markup, InlineKeyboardMarkup)
    datas = [b.callback_data for row in last.markup.inline_keyboard for b in row]
    assert datas[-1] == QUICK_EXIT_DATA


def test_many_short_choices_share_rows() -> None:
    ages = tuple(Choice(f"a{n}", f"{n}0代") for n in range(1, 10))
    [message] = render([Reply("ask_age_group", "年代は？", ages)], "age_group")
    assert isinstance(message.markup, InlineKeyboardMarkup)
    rows = message.markup.inline_keyboard
    assert len(rows[0]) == 3
    assert sum(len(row) for row in rows) == len(ages) + 1


def test_every_text_the_telegram_layer_uses_is_in_its_data_file_and_none_is_unused() -> None:
    code = "".join(p.read_text("utf-8") for p in (REPO / "bot/channels").glob("telegram*.py"))
    used = set(re.findall(r'texts\(\)\["([a-z_]+)"\]', code))
    used |= set(re.findall(r'texts\(\)\[\s*"([a-z_]+)" if', code))
    used |= set(re.findall(r'else "([a-z_]+)"\]', code))
    assert used <= set(texts()), used - set(texts())
    assert set(texts()) <= used, set(texts()) - used


def test_html_is_never_cut_inside_an_entity_or_a_tag() -> None:
    for filler in range(4080, 4100):
        text = "あ" * filler + "&amp;<b>い</b>" + "う" * 100
        pieces = split_text(text, html=True)
        assert "".join(pieces) == text
        for piece in pieces:
            assert piece.count("&") == piece.count(";")
            assert piece.count("<b>") == piece.count("</b>")
