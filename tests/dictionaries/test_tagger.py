"""The tagger as a whole: the issue's example, evidence that points into the text, one
Dictionary per process and a tokenizer per thread, long texts, the JSON shape."""

from __future__ import annotations

import threading

from dictionaries.tag_result import CATEGORY_IDS, TagResult
from dictionaries.tagger import MAX_BYTES, get_tagger

EXAMPLE = "母がボケてきて、兄は10年家から出ていない。年金だけで家賃が払えない"


def test_the_issue_example_is_a_compound_case_without_danger() -> None:
    result = get_tagger().tag(EXAMPLE)
    assert set(result.categories) == {"elderly", "isolation", "poverty"}
    assert not result.emergency
    assert result.slots["duration"] == "10年"
    assert {"ボケ", "家から出ていない", "払えない"} <= {e.surface for e in result.evidence}


def test_evidence_points_at_what_the_person_wrote() -> None:
    text = "お金がなくて、母の介護もあって、もう消えたい"
    result = get_tagger().tag(text)
    for e in (*result.evidence, *result.negated, *result.danger):
        assert text[e.start:e.end] == e.surface
        assert e.category in (*CATEGORY_IDS, "danger")


def test_categories_are_sorted_by_score() -> None:
    result = get_tagger().tag(EXAMPLE)
    scores = [result.scores[c] for c in result.categories]
    assert scores == sorted(scores, reverse=True)


def test_plain_chatter_has_no_category() -> None:
    for text in ("こんにちは", "今日は雪がすごいね", "ありがとうございました！"):
        assert get_tagger().tag(text) == TagResult(slots={})


def test_to_json_is_the_tsunagu_tag_line() -> None:
    line = get_tagger().tag("夫に殴られる").to_json()
    assert list(line) == ["categories", "scores", "emergency", "evidence", "negated", "slots"]
    assert line["emergency"] is True
    assert {"term", "surface", "start", "end", "category"} == set(line["evidence"][0])


def test_one_tagger_per_process() -> None:
    assert get_tagger() is get_tagger()


def test_each_thread_gets_its_own_tokenizer_and_threads_tag_at_once() -> None:
    tagger = get_tagger()
    seen: dict[str, object] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def work(name: str) -> None:
        try:
            seen[name] = tagger.tokenizer
            barrier.wait()
            for _ in range(200):
                assert "poverty" in tagger.tag("家賃が払えない").categories
        except BaseException as exc:  # collected and re-raised below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"t{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({id(tok) for tok in seen.values()}) == 4


def test_a_text_past_sudachis_limit_is_split_at_sentences_and_read_to_the_end() -> None:
    filler = "今日はいい天気でした。" * (MAX_BYTES // len("今日はいい天気でした。".encode()) + 10)
    text = filler + "兄は引きこもりです。" + filler + "家賃が払えない"
    assert len(text.encode()) > 2 * MAX_BYTES
    result = get_tagger().tag(text)
    assert {"isolation", "poverty"} <= set(result.categories)
    last = max(result.evidence, key=lambda e: e.start)
    assert text[last.start:last.end] == last.surface == "払えない"


def test_a_single_sentence_past_the_limit_is_cut_not_dropped() -> None:
    text = "あ" * 40_000 + "死にたい"
    assert len(text.encode()) > MAX_BYTES
    assert get_tagger().tag(text).emergency


def test_a_parent_with_a_sign_of_frailty_is_an_elderly_concern() -> None:
    for text in ("母が最近転びやすくなって心配です", "父を一人にしておけない",
                 "おじいちゃんの耳が遠くなって会話が大変"):
        assert "elderly" in get_tagger().tag(text).categories, text


def test_naming_parents_alone_is_no_need() -> None:
    assert get_tagger().tag("父と母と祖母が遊びに来ました").categories == ()
