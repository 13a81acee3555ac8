from dictionaries.patternset import PatternSet, prefixes


def test_a_pattern_with_an_unbounded_middle_is_still_keyed_by_its_start() -> None:
    assert prefixes(r"(?:夫|妻)(?:が)?.{0,8}暴れ") == frozenset({"夫が", "夫", "妻が", "妻"})
    assert prefixes(r"(?<![0-9])[1-2]\s*歳") == frozenset({"1", "2"})


def test_a_group_with_an_unbounded_tail_does_not_glue_its_start_to_what_follows() -> None:
    assert prefixes(r"(?:あ.*)い") == frozenset({"あ"})
    assert "あい" not in (prefixes(r"(あ.*)い") or set())
    assert prefixes(r".*死") is None


def test_patterns_keyed_by_their_start_still_match_across_the_unbounded_part() -> None:
    patterns: PatternSet[str] = PatternSet()
    patterns.add(r"(?:夫|妻)が?.{0,8}暴れ", "violence")
    patterns.add(r"[0-9]\s*歳", "age")
    assert [p for _, p in patterns.finditer("夫が夜になるといつも暴れて")] == ["violence"]
    assert [p for _, p in patterns.finditer("8 歳の子")] == ["age"]
    assert list(patterns.finditer("妻と暮らしています")) == []
    assert patterns.always == 0
