"""Danger signs: recall first. Indirect phrasing, kana, half-width and dialect included."""

from __future__ import annotations

import pytest

from dictionaries.tagger import get_tagger

DANGER = [
    "消えたい", "もう消えてしまいたい", "いなくなりたい", "楽になりたい", "死にたい", "しにたい…",
    "ｼﾆﾀｲ", "シニタイ", "生きてる意味がわからない", "もう終わりにしたい", "首をつろうと思って",
    "ODしそう", "手首を切った", "遺書を書いた", "自殺を考えています",
    "夫に殴られる", "また叩かれた", "お父さんにたたかれる", "殺すと言われた", "今、夫が暴れてる",
    "何日も食べていない", "3日何も食べてません", "今夜寝る場所がない",
    "今日泊まるところがありません",
    "認知症の母が帰ってこない", "父が朝から行方不明です", "母が転んで動けない",
    "ばあちゃんがこけて起き上がれんがです", "孤独死が怖い", "このまま孤独死するんじゃないか",
    "一人暮らしの母と3日連絡がとれない", "隣の家の新聞がたまってる", "胸がうい。息も苦しい",
    "祖母がまだ戻らないんです", "母が出かけたまま戻らない",
    "今日からどこに泊まればいいかわからない",
    "夫がお酒を飲むと暴れる", "生きるのがしんどい", "疲れた。全部投げ出したい",
]
NOT_DANGER = [
    "死ぬほど忙しかった", "母の介護で疲れた", "お金がない", "消しゴムを買った", "楽しみです",
    "孫が帰ってきた", "子どもと公園に行ってきました", "きのどくな",
    "2歳の子が暴れて手に負えない", "体重が元に戻らない。", "仕事を探しても見つからない",
    "今度の旅行はどこに泊まろうかな", "電気代が高い",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_phrasings_raise_the_emergency_flag(text: str) -> None:
    result = get_tagger().tag(text)
    assert result.emergency
    assert result.danger  # with the words that led there
    assert all(e.category == "danger" for e in result.danger)


@pytest.mark.parametrize("text", NOT_DANGER)
def test_ordinary_words_do_not_raise_the_flag(text: str) -> None:
    result = get_tagger().tag(text)
    assert not result.emergency
    assert not result.danger


def test_a_danger_sign_also_names_its_need() -> None:
    assert "health" in get_tagger().tag("もう消えたい").categories
    assert "abuse" in get_tagger().tag("夫に殴られる").categories
    assert "poverty" in get_tagger().tag("今夜寝る場所がない").categories
