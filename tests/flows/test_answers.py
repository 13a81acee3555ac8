"""Typed answers wherever a choice is offered: yes/no words, 富山弁, numbers, people, ages."""

from __future__ import annotations

import pytest

from flows import answers
from flows.messages import Command
from flows.prompts import choice_ids, prompt


@pytest.mark.parametrize("text", ["はい", "うん", "ええ", "ﾊｲ", "はい。", "はい、お願いします",
                                  "そいが", "つかえんちゃ", "なあん、つかえん", "じゃまない"])
def test_yes_words_including_toyama_dialect(text: str) -> None:
    assert answers.yes_no(text) == "yes"


@pytest.mark.parametrize("text", ["いいえ", "いや", "ちがう", "違います", "なーん", "な〜ん",
                                  "なん", "な", "なんなん", "なーん、違うよ", "だちかん", "ｲｲｴ"])
def test_no_words_including_toyama_dialect(text: str) -> None:
    assert answers.yes_no(text) == "no"


@pytest.mark.parametrize("text", ["いいちゃ", "いっちゃ", "いいがに", "しゃーん"])
def test_ambiguous_dialect_replies_are_neither_yes_nor_no(text: str) -> None:
    assert answers.yes_no(text) is None
    assert answers.is_unclear(text)


@pytest.mark.parametrize(
    "text", ["きのどくな", "あれ、きのどくな", "ありがとうございます", "ご苦労さまな"]
)
def test_kinodokuna_and_friends_are_thanks(text: str) -> None:
    assert answers.is_thanks(text)
    assert answers.yes_no(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", "self"), ("２", "family"), ("3番", "third_party"), ("4", None), ("0", None)],
)
def test_numbers_pick_the_nth_choice(text: str, expected: str | None) -> None:
    assert answers.match_choice("ask_role", text, prompt("ask_role").choices) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("母です", "mother"), ("お母さん", "mother"), ("父です。", "father"), ("息子", "child"),
     ("隣の人です", "neighbour"), ("ばあちゃん", "grandparent"), ("あんま", "child")],
)
def test_people_by_their_usual_names(text: str, expected: str) -> None:
    assert answers.match_choice("ask_subject", text, prompt("ask_subject").choices) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("80代", "80s"), ("８０代です", "80s"), ("85歳", "80s"), ("八十代", "80s"),
     ("九十五歳", "90s_plus"), ("赤ちゃん", "under_10"), ("高校生", "10s"), ("わからない", None)],
)
def test_ages_in_words_and_numbers(text: str, expected: str | None) -> None:
    assert answers.age_group(text, choice_ids("ask_age_group")) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("090-1234-5678", "09012345678"), ("０７６−４４４−１２３４", "0764441234"),
     ("+81 90 1111 2222", "09011112222"), ("076 (444) 1234", "0764441234"),
     ("1234", None), ("090-1234-567", None), ("電話はいや", None)],
)
def test_phone_numbers_are_validated_and_normalised(text: str, expected: str | None) -> None:
    assert answers.phone_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ヘルプ", Command.HELP), ("戻る", Command.BACK), ("もどる。", Command.BACK),
     ("やめる", Command.CANCEL), ("最初から", Command.RESTART), ("/delete", Command.DELETE),
     ("同意の撤回", Command.WITHDRAW), ("やめるかどうか迷っています", None)],
)
def test_typed_commands(text: str, expected: Command | None) -> None:
    assert answers.command(text) == expected


@pytest.mark.parametrize("text", ["以上です", "以上", "以上です。", "おわり"])
def test_the_concern_is_finished_by_typing_ijou_desu(text: str) -> None:
    assert answers.finishes_concern(text)


@pytest.mark.parametrize(
    ("digits", "shown"),
    [("09012345678", "090-1234-5678"), ("0764441234", "076-444-1234"),
     ("0120189783", "0120-189-783"), ("0312345678", "0312345678")],
)
def test_phone_numbers_are_read_back_with_hyphens(digits: str, shown: str) -> None:
    assert answers.format_phone(digits) == shown


@pytest.mark.parametrize(
    ("duration", "long"),
    [("3年", True), ("半年", True), ("数年", True), ("十年", True), ("8か月", True),
     ("6ヶ月", True), ("3か月", False), ("2週間", False), ("10日", False), ("", False)],
)
def test_six_months_or_more_counts_as_long(duration: str, long: bool) -> None:
    assert answers.is_long(duration) is long


@pytest.mark.parametrize("text", ["まいどはや", "こんにちは", "よろしくお願いします"])
def test_greetings_are_greetings_not_answers(text: str) -> None:
    assert answers.is_greeting(text)
    assert answers.yes_no(text) is None
