"""Evidence and results the tagger builds (by its fast path) behave like any others: equal,
hashable, copied by dataclasses, round-tripped through JSON."""

from __future__ import annotations

import dataclasses

import pytest

from dictionaries.tag_result import Evidence, TagResult
from dictionaries.tagger import get_tagger


def test_evidence_from_the_tagger_equals_evidence_built_by_hand() -> None:
    text = "母の介護でお金がない。もう死にたい"
    result = get_tagger().tag(text)
    found = (*result.evidence, *result.danger)
    assert found
    for e in found:
        by_hand = Evidence(e.term, e.surface, e.start, e.end, e.category)
        assert e == by_hand
        assert hash(e) == hash(by_hand)
        assert repr(e) == repr(by_hand)
        assert dataclasses.replace(e) == by_hand
    assert TagResult.from_json(result.to_json()) == result


def test_evidence_from_the_tagger_stays_frozen() -> None:
    e = get_tagger().tag("お金がない").evidence[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.start = 99  # type: ignore[misc]


def test_a_result_from_the_tagger_equals_one_built_by_hand() -> None:
    for text in ("母の介護でお金がない。もう死にたい", "85歳の母のことで", ""):
        result = get_tagger().tag(text)
        by_hand = TagResult(**{f.name: getattr(result, f.name)
                               for f in dataclasses.fields(TagResult)})
        assert result == by_hand
        assert repr(result) == repr(by_hand)
        assert dataclasses.replace(result) == by_hand
        with pytest.raises(dataclasses.FrozenInstanceError):
            result.emergency = True  # type: ignore[misc]


def test_unknown_words_of_one_part_of_speech_are_told_apart() -> None:
    # Sudachi gives every unknown Latin word the same OOV id; the tagger keeps each by form.
    tagger = get_tagger()
    assert tagger.tag("XYZです").categories == ()
    assert tagger.tag("息子はASDです").categories == ("disability",)
    assert tagger.tag("QQQです").categories == ()
