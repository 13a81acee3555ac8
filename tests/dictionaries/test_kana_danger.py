"""Danger written all in kana, as a child, an older person or a phone without kanji conversion
writes it: the danger patterns' kanji are also read as kana."""

from __future__ import annotations

import pytest

from dictionaries.kana_danger import is_kana_only, kana_variant, without_spaces
from dictionaries.tagger import get_tagger
from dictionaries.textfold import fold

READINGS = {"遺書": "いしょ", "倒れた": "たおれた", "気": "き", "相手": "あいて", "首を": "くびを"}


def reading(text: str) -> str:
    return READINGS.get(text, "")


def test_a_kanji_word_may_also_be_read_in_kana() -> None:
    assert kana_variant("遺書", reading) == "(?:遺書|いしょ)"


def test_okurigana_stays_outside_the_reading() -> None:
    assert kana_variant("倒れた", reading) == "(?:倒|たお)れた"


def test_classes_and_lookbehinds_are_left_as_written() -> None:
    # a lookbehind must keep its width; a class of kanji numerals is no word
    assert kana_variant("(?<!相手と)[一二三]日", reading) == "(?<!相手と)[一二三]日"


def test_a_lone_kanji_read_as_one_kana_stays_kanji() -> None:
    assert kana_variant("気を", reading) == "気を"


def test_kana_only_is_told_from_ordinary_writing() -> None:
    assert is_kana_only("ちちが たおれて おきあがれない")
    assert is_kana_only(fold("ｵｯﾄｶﾞ ﾎｳﾁｮｳｦ ﾌﾘﾏﾜｼﾃｲﾙ")[0])  # half-width katakana, folded
    assert not is_kana_only("父が倒れて起き上がれない")


def test_spaces_are_dropped_with_offsets_kept() -> None:
    text, back = without_spaces("いきが できない")
    assert text == "いきができない"
    assert back[3] == 4 and back[len(text)] == len("いきが できない")


@pytest.mark.parametrize("text", [
    "いしょを かきました",
    "おっとが ほうちょうを ふりまわしている",
    "となりの いえの しんぶんが たまっている",
    "ちちが といれで たおれていて おきあがれない",
    "すいみんやくを ぜんぶ のんだ",
    "ｵｯﾄｶﾞ ﾎｳﾁｮｳｦ ﾌﾘﾏﾜｼﾃｲﾙ",
    "ﾊﾊｶﾞ ﾕｶﾆ ﾀｵﾚﾃｲﾙ",
])
def test_a_danger_written_in_kana_shows_the_crisis_lines(text: str) -> None:
    result = get_tagger().tag(text)
    assert result.emergency
    assert result.danger


@pytest.mark.parametrize("text", [
    "きょうは いい てんきですね",
    "ははの かいごの ことで そうだんしたいです",
    "なぐられたりは していません",
])
def test_ordinary_kana_raises_no_alarm(text: str) -> None:
    assert not get_tagger().tag(text).emergency


@pytest.mark.parametrize("text", [
    "母が　転んで　起き上がれない",
    "息が　苦しい",
    "父が 倒れて 意識が ない",
    "今夜　寝る　ところが　ない",
    "し に た い",
])
def test_a_danger_written_with_spaces_between_words_shows_the_crisis_lines(text: str) -> None:
    assert get_tagger().tag(text).emergency


def test_dropping_spaces_joins_no_two_words_into_a_short_sign() -> None:
    # ﾅｲ ﾌﾂｶ (no money, two days) must not read as ナイフ (a knife)
    result = get_tagger().tag("ｶﾈﾓ　ﾅｲ　ﾌﾂｶ　ﾀﾍﾞﾃﾅｲ")
    assert result.emergency
    assert "abuse" not in result.categories


def test_spaced_greetings_raise_no_alarm() -> None:
    assert not get_tagger().tag("ありがとう　よろしく　おねがいします").emergency
