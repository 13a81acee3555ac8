"""Details pulled out of a concern: age, age group, relation, duration, 地区, household,
pregnancy."""

from __future__ import annotations

import pytest

from dictionaries.tagger import get_tagger


@pytest.mark.parametrize(("text", "slots"), [
    ("80代の母のことで", {"age_group": "80代", "relation": "母"}),
    ("父は85歳です", {"age": "85", "age_group": "80代", "relation": "父"}),
    ("祖母は八十五歳になります", {"age": "85", "age_group": "80代", "relation": "祖母"}),
    ("母(87)の通院", {"age": "87", "age_group": "80代"}),
    ("高校生の娘がいじめられている", {"age_group": "高校生", "relation": "娘"}),
    ("息子(小3)が学校に行き渋る", {"age_group": "小学生", "relation": "息子"}),
    ("隣の人を最近見かけない", {"relation": "隣の人"}),
    ("近所のおばあちゃんが心配", {"relation": "近所の人"}),
    ("兄は10年家から出ていない", {"relation": "兄", "duration": "10年"}),
    ("もう3ヶ月も仕事がない", {"duration": "3ヶ月"}),
    ("水橋地区の一人暮らしの方", {"district": "水橋", "household": "一人暮らし"}),
    ("呉羽に住んでいる母", {"district": "呉羽"}),
    ("太田地区の高齢者世帯です", {"district": "太田", "household": "高齢者世帯"}),
    ("夫婦二人暮らしです", {"household": "夫婦二人"}),
    ("母と二人暮らしです", {"household": "二人暮らし"}),
    ("シングルマザーです", {"household": "ひとり親世帯"}),
    ("妊娠8ヶ月です", {"pregnancy": "yes"}),
    ("妊婦健診の費用が心配", {"pregnancy": "yes"}),
])
def test_details_are_read_from_the_text(text: str, slots: dict[str, str]) -> None:
    found = get_tagger().tag(text).slots
    assert {k: found.get(k) for k in slots} == slots


def test_a_surname_is_not_a_district() -> None:
    assert "district" not in get_tagger().tag("太田さんに相談しました").slots


def test_the_first_relation_named_is_the_one_reported() -> None:
    slots = get_tagger().tag("母がボケてきて、兄は10年家から出ていない").slots
    assert slots["relation"] == "母"


def test_no_details_no_slots() -> None:
    assert get_tagger().tag("こんにちは").slots == {}


@pytest.mark.parametrize(("text", "relation"), [
    ("大丈夫です。父が心配で", "父"),          # 大丈夫 names no husband
    ("いろいろ工夫してきたけど、母がもう限界", "母"),
    ("このままでは父が倒れそう", "父"),        # まま is "as it is", not ママ
    ("倒れたまま動けない祖母を見つけた", "祖母"),
    ("ママが毎晩怒鳴る", "母"),
    ("ﾏﾏに叩かれた", "母"),
    ("うちのパパがお酒をやめない", "父"),
    ("叔母が一人で暮らしています", "親戚"),
    ("ご夫妻とも高齢で、奥さんが寝たきり", "妻"),
])
def test_the_person_named_is_the_relation_not_a_word_that_contains_it(
        text: str, relation: str) -> None:
    assert get_tagger().tag(text).slots.get("relation") == relation


@pytest.mark.parametrize("text", [
    "このまま続けていいのか分からない",
    "ぱぱっと手続きを済ませたい",
    "ドラマの主人公みたいに強くなりたい",
    "大丈夫、なんとかなる",
    "母国の料理を作るのが好きです",
])
def test_words_that_only_look_like_a_relation_name_none(text: str) -> None:
    assert "relation" not in get_tagger().tag(text).slots
