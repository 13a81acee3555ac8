"""How matched words are told: a danger match as a sign, its need alone, or none; a need as a
need, a weak cue, or none."""

from __future__ import annotations

import pytest

from dictionaries.lexicon import Rule
from dictionaries.tagger import get_tagger
from dictionaries.telling import danger_as_told

SUICIDE = Rule("danger.suicide", "danger", 1.0, "fixed", frozenset(), also="health")
NO_FOOD = Rule("danger.no_food", "danger", 1.0, "fixed", frozenset(), also="poverty")


def told(rule: Rule, text: str, words: str) -> Rule | None:
    start = text.index(words)
    return danger_as_told(rule, text, start, start + len(words))


def test_words_said_now_are_a_sign() -> None:
    assert told(SUICIDE, "もう死にたい", "死にたい") is SUICIDE


def test_a_past_episode_over_now_keeps_only_its_need() -> None:
    rule = told(SUICIDE, "去年は死にたいと思ったこともあったが、今は落ち着いている", "死にたい")
    assert rule is not None and rule.category == "health" and rule.also is None


def test_a_past_episode_not_over_is_still_a_sign() -> None:
    assert told(SUICIDE, "去年は死にたいと思った。今もつらい", "死にたい") is SUICIDE


def test_a_quote_from_a_song_is_no_sign() -> None:
    assert told(SUICIDE, "「死にたい」という歌詞の曲", "死にたい") is None


def test_a_quote_of_a_person_is_a_sign() -> None:
    assert told(SUICIDE, "母が「死にたい」と言う", "死にたい") is SUICIDE


def test_a_fast_before_a_check_up_is_no_hunger() -> None:
    text = "検査の前なので昨日から何も食べていない"
    assert told(NO_FOOD, text, "何も食べていない") is None
    assert told(NO_FOOD, "昨日から何も食べていない", "何も食べていない") is NO_FOOD


# -- needs ------------------------------------------------------------------------------------


def categories(text: str) -> tuple[str, ...]:
    return get_tagger().tag(text).categories


@pytest.mark.parametrize(("text", "category"), [
    ("孤独死のニュースを見た。怖い時代だ", "isolation"),
    ("虐待防止の研修に参加しました", "abuse"),
    ("ドラマで主人公が親の介護に疲れていた", "elderly"),
])
def test_a_need_in_a_story_the_news_or_a_subject_is_no_one_s_need(
        text: str, category: str) -> None:
    assert category not in categories(text)


@pytest.mark.parametrize(("text", "category"), [
    ("ニュースで見たけど、うちの父も認知症かもしれない", "elderly"),
    ("母の介護予防の教室を探しています", "elderly"),  # 介護予防 is a service, not a subject
    ("母の介護が大変です", "elderly"),
])
def test_a_need_beside_the_news_or_named_with_prevention_is_still_read(
        text: str, category: str) -> None:
    assert category in categories(text)


def test_a_past_trouble_the_text_says_is_over_is_only_a_cue() -> None:
    result = get_tagger().tag("去年は借金で苦しんだけど、今は落ち着いています")
    assert "poverty" not in result.categories
    assert result.scores["poverty"] == 0.5


def test_a_past_trouble_still_going_on_is_a_need() -> None:
    assert "poverty" in categories("去年は借金で苦しんだ。今もまだ返せていない")


@pytest.mark.parametrize("text", ["胃カメラの前なので昨日から何も食べていない",
                                  "ファスティング中で三日間なにも食べてない"])
def test_a_fast_chosen_for_a_check_up_or_a_diet_raises_no_alarm(text: str) -> None:
    assert not get_tagger().tag(text).emergency
