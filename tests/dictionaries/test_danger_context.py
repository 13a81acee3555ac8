"""danger_as_told on folded text: the rule a danger match counts for, its need alone, or none."""

from __future__ import annotations

from dictionaries.danger_context import danger_as_told
from dictionaries.lexicon import Rule

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
