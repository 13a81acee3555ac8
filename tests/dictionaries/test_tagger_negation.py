"""Negation is read per rule: what a person says is *not* the problem drops out, while a
lack stated with the same ない (お金がない) is the problem. Every pattern of the Sudachi
reference (../shared/reference/sudachi.md, "Negation") has a case here."""

from __future__ import annotations

import pytest

from dictionaries.tagger import get_tagger

NEGATED = [
    # (text, category that must not be reported, the negated term's surface)
    ("介護は必要ない", "elderly", "介護"),
    ("お金には困っていない", "poverty", "お金"),
    ("お金には困ってません", "poverty", "お金"),  # ん is read as ず
    ("介護の支援はいらない", "elderly", "介護"),
    ("お金には困らなかった", "poverty", "お金"),
    ("借金はないです", "poverty", "借金"),
    ("うつではないと思う", "health", None),
    ("子どもは不登校じゃないです", "child", "不登校"),
    # a denied need is not brought back by weak words of its field (子ども, 学校)
    ("子どもは不登校じゃないです。学校には行ってます", "child", "不登校"),
    ("虐待とかではないです", "abuse", "虐待"),
    ("介護保険は使ってません。まだ必要ないので", "elderly", "介護保険"),
    ("お金の心配はいりません", "poverty", None),  # Sudachi reads はいり as 入る
    ("うちの母、介護はまだいらんけど", "elderly", "介護"),  # いらん: dialect/casual ず
    ("介護はいらんちゃ", "elderly", "介護"),  # 富山弁 〜ちゃ
    ("お金は大丈夫やちゃ", "poverty", "お金"),  # a denial without any ない
    ("介護は平気です", "elderly", "介護"),
]

STATED = [
    # (text, category that must be reported): the ない states the need
    ("お金がない", "poverty"),
    ("仕事がなくて困っている", "poverty"),
    ("家賃が払えない", "poverty"),
    ("家賃が払えん", "poverty"),
    ("眠れない日が続いています", "health"),
    ("友達がいない", "isolation"),
    ("兄は10年家から出ていない", "isolation"),
    ("ばあちゃんがデイにも行かんがです", "elderly"),
    # the ない belongs to the verb 行く, not to 保育園
    ("娘が保育園に行きたがらない", "child"),
    ("子どもが学校に行かない", "child"),
    # なくなる is a verb of loss; そうにありません negates 払える, not 家賃
    ("仕事がなくなって、来月の家賃が払えそうにありません。", "poverty"),
]

IDIOMS = [
    # a ない that negates nothing
    ("母は認知症かもしれない", "elderly"),
    ("認知症じゃないかと心配です", "elderly"),
    ("虐待じゃないかと疑っています", "abuse"),
    ("毎日介護しなければならない", "elderly"),
    ("もう施設に入るしかない", "elderly"),
    ("毎日母の介護せんなんから大変", "elderly"),  # 富山弁 せんなん: must do
    ("父の介護せんなんがに、体がもたん", "elderly"),
]


@pytest.mark.parametrize(("text", "category", "surface"), NEGATED)
def test_a_need_the_person_says_they_do_not_have_is_not_reported(
    text: str, category: str, surface: str | None
) -> None:
    result = get_tagger().tag(text)
    assert category not in result.categories
    if surface is not None:
        assert surface in [e.surface for e in result.negated]


@pytest.mark.parametrize(("text", "category"), STATED)
def test_a_lack_stated_with_nai_is_the_need(text: str, category: str) -> None:
    result = get_tagger().tag(text)
    assert category in result.categories
    assert not [e for e in result.negated if e.category == category]


@pytest.mark.parametrize(("text", "category"), IDIOMS)
def test_idioms_with_nai_negate_nothing(text: str, category: str) -> None:
    result = get_tagger().tag(text)
    assert category in result.categories
    assert not result.negated


def test_negation_stays_in_its_clause() -> None:
    result = get_tagger().tag("介護は必要ないけど、お金がなくて困っています")
    assert result.categories == ("poverty",)
    assert [e.surface for e in result.negated] == ["介護"]


def test_not_all_right_is_no_denial() -> None:
    assert not get_tagger().tag("お金は大丈夫じゃない").negated


def test_danger_is_never_negated_away() -> None:
    # Recall first: a denial still shows the crisis lines; staff can tell.
    assert get_tagger().tag("死にたいとかはないです").emergency


@pytest.mark.parametrize("text", [
    "高齢者施設の傾聴ボランティアをしてみたい",
    "障害児の放課後デイのボランティアを募集していますか",
])
def test_help_offered_as_a_volunteer_is_no_need_of_ones_own(text: str) -> None:
    assert get_tagger().tag(text).categories == ()


def test_a_need_told_before_asking_for_volunteers_stays() -> None:
    assert "elderly" in get_tagger().tag(
        "母の介護で疲れました。ボランティアの方に来てもらえますか").categories


@pytest.mark.parametrize("text", [
    "介護ボランティアに来てほしい",
    "父の介護のボランティアさんを頼みたいです",
    "介護のボランティアの方に来てもらえないでしょうか",
])
def test_volunteers_asked_for_are_a_need(text: str) -> None:
    assert "elderly" in get_tagger().tag(text).categories


def test_wanting_to_volunteer_for_care_is_still_no_need() -> None:
    assert get_tagger().tag("介護のボランティアをしたいです").categories == ()


@pytest.mark.parametrize("text", [
    "母の介護は姉がいるから心配ない",
    "母の介護は兄が見てくれているので心配ないです",
    "父の介護のことは兄がいるから大丈夫",
    "借金は親が払ってくれたので大丈夫です",
    # a comma after the topic or after the reason changes nothing
    "母の介護は、姉がいるので心配ない",
    "母の介護は姉がいるので、心配ないです",
    "介護は、今のところ必要ありません",
    "介護は姉が見てくれているので問題はありません",
])
def test_a_topic_settled_after_a_reason_clause_is_no_need(text: str) -> None:
    result = get_tagger().tag(text)
    assert result.negated
    assert not {"elderly", "poverty"} & set(result.categories)


@pytest.mark.parametrize(("text", "category"), [
    # a reason clause settles only worry or need, not what the person cannot do
    ("介護は母が嫌がるから頼めない", "elderly"),
    # a contrast is no reason: the need was stated before the けど
    ("母の介護は姉もいるけど心配です", "elderly"),
    # what there is no time for is not the care
    ("介護は仕事があるから時間がありません", "elderly"),
    ("母の介護は、大変で困っています", "elderly"),
])
def test_a_topic_followed_by_an_unsettling_clause_stays_a_need(text: str, category: str) -> None:
    assert category in get_tagger().tag(text).categories


@pytest.mark.parametrize(("text", "category"), [
    ("介護は心配ないと言われたけど不安", "elderly"),
    ("借金は大丈夫って言われたのに、まだ督促が来る", "poverty"),
    ("介護は必要ないと言われました。でも毎日大変です", "elderly"),
    ("介護はまだ必要ないと思っていたが、最近は一人で歩けない", "elderly"),
])
def test_a_denial_quoted_and_then_disputed_denies_nothing(text: str, category: str) -> None:
    result = get_tagger().tag(text)
    assert category in result.categories
    assert not [e for e in result.negated if e.category == category]


def test_a_denial_quoted_and_accepted_still_denies() -> None:
    result = get_tagger().tag("医者に母は認知症ではないと言われました。ひとまず安心です")
    assert "elderly" not in result.categories


def test_kekkou_meaning_quite_is_no_denial() -> None:
    assert "elderly" in get_tagger().tag("母の介護が結構大変です").categories


def test_kekkou_meaning_no_thanks_is_a_denial() -> None:
    assert "elderly" not in get_tagger().tag("介護の支援は結構です").categories


@pytest.mark.parametrize("text", [
    "貯金はもうありません",
    "手持ちのお金がもうありません",
])
def test_a_lack_said_politely_is_still_the_need(text: str) -> None:
    # ありません is あり|ませ|ん: the polite ませ puts no distance between 貯金 and its ない
    result = get_tagger().tag(text)
    assert "poverty" in result.categories
    assert not result.negated


def test_a_need_denied_politely_is_still_denied() -> None:
    assert "elderly" not in get_tagger().tag("介護はまだ必要ありません").categories


@pytest.mark.parametrize(("text", "category"), [
    ("介護が必要というわけではないです", "elderly"),
    ("虐待ということはないと思います", "abuse"),
    ("お金に困っているわけではない", "poverty"),
    ("借金があるってわけじゃない", "poverty"),
    ("お金に困っているというほどではない", "poverty"),
])
def test_it_is_not_that_x_denies_x(text: str, category: str) -> None:
    # わけではない / ということはない / というほどではない deny what comes before わけ or こと
    assert category not in get_tagger().tag(text).categories


@pytest.mark.parametrize(("text", "category"), [
    ("ひきこもりというわけではないけど、ほとんど家から出ていません", "isolation"),
    ("生活保護を受けたいわけではないけど、家賃が払えない", "poverty"),
])
def test_it_is_not_that_x_but_hedges_and_tells_the_need(text: str, category: str) -> None:
    result = get_tagger().tag(text)
    assert category in result.categories
    assert not [e for e in result.negated if e.category == category]
