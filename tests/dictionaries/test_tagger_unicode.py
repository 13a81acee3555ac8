"""Any Unicode a person (or a broken client) can send reaches the tagger without a crash, and
what it says back is JSON that points into the text it was given."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dictionaries.tag_result import CATEGORY_IDS, TagResult
from dictionaries.tagger import get_tagger

CONCERN = "母が認知症で、夜中に家を出て行ってしまいます。死にたいと言うこともあります。"
HAND_PICKED = {
    "nul": "母が\x00認知症で\x00困っています",
    "lone combining mark": "\u0301",
    "combining marks only": "\u0301\u0308\u20dd\u3099",
    "combining mark first": "\u0308母が認知症",
    "rtl override": "\u202e母が認知症で困っています\u202c",
    "bidi isolates": "\u2067死にたい\u2069",
    "zero width inside a danger word": "死\u200bに\u200dたい",
    "bom": "\ufeff家賃が払えない",
    "c0 and c1 controls": "".join(map(chr, range(0x20))) + "".join(map(chr, range(0x7F, 0xA0))),
    "line and paragraph separators": "母が\u2028認知症\u2029です\x85",
    "private use": "\ue000\uf8ff母",
    "noncharacters": "\ufffe\uffff\U0010fffe",
    "astral": "𠮷野家で𩸽を食べたい🙂👨‍👩‍👧",
    "half-width kana": "ﾊﾊｶﾞﾆﾝﾁｼｮｳ ｼﾆﾀｲ",
    "emoji only": "😭😭😭",
    "only spaces": " \u3000\t\n",
    "empty": "",
    "just over Sudachi's limit": CONCERN * (49_150 // len(CONCERN.encode()) + 1),
    "one long word": "あ" * 20_000,
    "ascii 49,150 bytes": "a" * 49_150,
    "many lines": "母\n" * 30_000,
}


def assert_sound(text: str, result: TagResult) -> None:
    payload = json.dumps(result.to_json(), ensure_ascii=False)
    assert TagResult.from_json(json.loads(payload)).to_json() == result.to_json()
    assert set(result.categories) <= set(CATEGORY_IDS)
    for evidence in (*result.evidence, *result.negated, *result.danger):
        assert 0 <= evidence.start <= evidence.end <= len(text)


@pytest.mark.parametrize("name", list(HAND_PICKED))
def test_hand_picked_odd_texts_are_tagged_without_a_crash(name: str) -> None:
    text = HAND_PICKED[name]
    assert_sound(text, get_tagger().tag(text))


def test_a_text_longer_than_sudachi_takes_is_still_read_to_the_end() -> None:
    text = CONCERN * (49_150 // len(CONCERN.encode()) + 1) + "家賃が払えない"
    assert len(text.encode()) > 49_150
    result = get_tagger().tag(text)
    assert "poverty" in result.categories
    assert result.emergency


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_tagged_without_a_crash(text: str) -> None:
    assert_sound(text, get_tagger().tag(text))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([CONCERN, "死にたい", "お金がない", "、", "\n"]),
                          st.text(max_size=8)), max_size=40).map("".join))
def test_japanese_mixed_with_any_characters_is_tagged_without_a_crash(text: str) -> None:
    assert_sound(text, get_tagger().tag(text))
