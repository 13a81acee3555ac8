"""Spelling variants fall together: every family of the Sudachi reference ("Normalisation",
"Compounds") and the user dictionary's katakana, half-width, kana and typo entries."""

from __future__ import annotations

import pytest

from dictionaries.tagger import get_tagger

FAMILIES = {
    "child": ["子どもが学校に行かない", "子供が学校に行かない", "こどもが学校に行かない",
              "コドモが学校に行かない"],
    "disability": ["障がい者手帳がほしい", "障害者手帳がほしい", "障碍者手帳がほしい",
                   "しょうがい者の手帳のことで"],
    "isolation": ["ひきこもりの兄", "引きこもりの兄", "ヒキコモリの兄", "ﾋｷｺﾓﾘの兄", "引篭もりの兄",
                  "兄がひきこもっていて", "兄がひきこもっとる"],
    "abuse": ["ＤＶを受けている", "ｄｖを受けている", "DVを受けている", "dvを受けている"],
    "elderly": ["介護のことで", "かいごのことで", "カイゴのことで", "ｶｲｺﾞのことで", "介ごのことで",
                "母がボケてきた", "母がぼけてきた", "母がにんちしょうです", "母がﾆﾝﾁｼｮｳです",
                "母が認知症です"],
    "poverty": ["金欠でやばい", "お金がない", "おかねがない", "ｵｶﾈｶﾞﾅｲ", "ｶﾈがない"],
    "health": ["うつ病です", "鬱です", "ウツっぽい", "最近だやいわ", "からだがういわ"],
}


@pytest.mark.parametrize(
    ("category", "text"), [(c, t) for c, texts in FAMILIES.items() for t in texts]
)
def test_every_spelling_of_a_need_is_read_alike(category: str, text: str) -> None:
    assert category in get_tagger().tag(text).categories


@pytest.mark.parametrize(("text", "category"), [
    ("介護離職しました", "elderly"),  # mode C keeps 介護離職 whole; its A-split has 介護
    ("介護保険の申請", "elderly"),
    ("母子家庭で苦しい", "child"),
    ("発達障害があります", "disability"),
    ("地域包括支援センターに相談したい", "elderly"),  # a user-dictionary word
    ("ヤングケアラーの中学生がいます", "child"),
])
def test_compounds_are_read_whole_and_by_their_parts(text: str, category: str) -> None:
    assert category in get_tagger().tag(text).categories


def test_user_dictionary_words_are_single_tokens_with_their_system_spelling() -> None:
    tokens = get_tagger().tokenizer.tokenize("地域包括支援センターのﾋｷｺﾓﾘ相談")
    assert [(m.surface(), m.normalized_form()) for m in tokens][:3] == [
        ("地域包括支援センター", "地域包括支援センター"), ("の", "の"), ("ﾋｷｺﾓﾘ", "引き籠もり")]


@pytest.mark.parametrize(("text", "normalized"), [
    ("重層的支援会議", "重層的支援会議"), ("包括支援センター", "地域包括支援センター"),
    ("ヤングケアラー", "ヤングケアラー"), ("8050問題", "8050問題"), ("かいご", "介護"),
    ("ｶｲｺﾞ", "介護"), ("にんちしょう", "認知症"), ("引篭もり", "引き籠もり"), ("ごみ屋敷", "塵屋敷"),
    ("水橋北", "水橋北"),
])
def test_user_dictionary_entries_point_at_the_system_spelling(text: str, normalized: str) -> None:
    tokens = list(get_tagger().tokenizer.tokenize(text))
    assert [m.normalized_form() for m in tokens] == [normalized]


def test_full_width_digits_read_as_ascii() -> None:
    assert get_tagger().tag("母は８５歳です").slots["age"] == "85"


def test_emoji_are_not_words() -> None:
    result = get_tagger().tag("😊😊😊 お疲れさまです")
    assert result.categories == ()
    assert not result.emergency


@pytest.mark.parametrize("text", [
    "きのどくな〜", "あれ、きのどくなァ。助かりました", "つかえんちゃ", "行かんまいけ",
    "そくさいけ？",
    "ご苦労さまな", "死ぬほど忙しかったけど、やっと休み", "しょうがないね、また今度", "宿題しられ",
])
def test_toyama_politeness_and_chatter_are_not_distress(text: str) -> None:
    result = get_tagger().tag(text)
    assert result.categories == ()
    assert not result.emergency


@pytest.mark.parametrize(("text", "category", "surface"), [
    ("ﾊﾊﾉ ﾓﾉﾜｽﾚｶﾞ ｼﾝﾊﾟｲﾃﾞｽ", "elderly", "ﾓﾉﾜｽﾚ"),  # half width, as old phones type
    ("チチノ モノワスレ ガ ヒドイ", "elderly", "モノワスレ"),
    ("ｼｮｳｶﾞｲｼｬﾃﾁｮｳﾉ ｺﾄﾃﾞ", "disability", "ｼｮｳｶﾞｲｼｬ"),
])
def test_a_message_typed_all_in_katakana_is_read_as_its_words(
        text: str, category: str, surface: str) -> None:
    result = get_tagger().tag(text)
    assert category in result.categories
    # the evidence points at the words as the person typed them
    assert any(e.surface == surface and text[e.start:e.end] == surface for e in result.evidence)
