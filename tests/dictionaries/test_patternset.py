import json
from pathlib import Path

from dictionaries.patternset import PatternSet, keys_of, prefixes
from dictionaries.tagger import get_tagger
from dictionaries.telling import TOLD_OTHERWISE
from dictionaries.textfold import fold

DATA = Path(__file__).resolve().parents[1] / "data"


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


def test_a_pattern_is_keyed_by_its_rarest_word_not_only_its_start() -> None:
    # 母 is in most texts about a family; 暴れ only in those that may match
    assert keys_of(r"(?:母|父|夫)(?:が|は)?.{0,8}暴れ(?:て|た)") == frozenset({"暴れ"})
    # each branch of a top-level alternation is keyed on its own
    assert keys_of(r"身体拘束|(?:ひも|紐)に?[^。]{0,4}縛られ") == frozenset({"身体", "縛ら"})
    assert keys_of(r".*") is None


def test_the_prefilter_never_drops_a_pattern_that_matches() -> None:
    tagger = get_tagger()
    sets = (tagger.lexicon.pattern_set, tagger.slot_reader.words, TOLD_OTHERWISE)
    texts = [json.loads(line)["text"] for path in sorted(DATA.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    checked = 0
    for text in texts:
        folded, _ = fold(text)
        for patterns in sets:
            kept = {n for n, _, _ in patterns.candidates(folded)}
            for n, regex, _ in patterns.entries:
                if regex.search(folded):
                    assert n in kept, (regex.pattern, text)
                    checked += 1
    assert checked > len(texts)


def test_a_pattern_is_tried_only_when_the_text_holds_words_of_two_of_its_parts() -> None:
    # 公園 / 駅 start it and 寝 ends it: a text with only one of them cannot match, and the
    # particle で in between (in nearly every text) keys nothing.
    patterns: PatternSet[str] = PatternSet()
    patterns.add(r"(?:公園|駅)で[^。]{0,4}寝(?:る|ます)", "outside")
    assert patterns.candidates("駅で友達に会った") == []
    assert patterns.candidates("よく寝る子です") == []
    assert [p for _, p in patterns.finditer("今夜は駅で寝ます")] == ["outside"]
