"""Needs written in everyday words, and what a denial or an offer of help takes away. Every
sentence here is new: none is copied from tests/data, so that a lexicon fitted to those sets
does not pass by memory."""

from __future__ import annotations

import pytest

from dictionaries.tag_result import TagResult
from dictionaries.tagger import get_tagger


def tag(text: str) -> TagResult:
    return get_tagger().tag(text)


# -- denials ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "denied", "kept"), [
    ("お金の問題ではありません。中1の息子が学校の話をしなくなりました", "poverty", "child"),
    ("DVとかではないです。ただ妻と毎晩言い合いになって疲れました", "abuse", "general"),
    ("ひきこもりではないです。兄とはもう何年も口もきかない仲です", "isolation", "general"),
])
def test_denying_one_need_keeps_the_other_one_the_person_names(
        text: str, denied: str, kept: str) -> None:
    result = tag(text)
    assert kept in result.categories
    assert denied not in result.categories


@pytest.mark.parametrize(("text", "category"), [
    ("療育手帳は持っていませんが、相談してもいいですか", "disability"),
    ("障害者手帳は取っていない", "disability"),
    ("父の介護のことは心配いりません", "elderly"),
])
def test_a_denied_word_does_not_tag_its_need(text: str, category: str) -> None:
    assert category not in tag(text).categories


def test_a_home_without_barrier_free_access_is_a_problem_not_a_denial() -> None:
    assert "elderly" in tag("実家がバリアフリーではないので、退院してくる母が心配").categories


# -- offers of help --------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "介護施設のボランティアをしてみたい",
    "子ども食堂のボランティアを募集していますか",
])
def test_volunteering_at_a_service_is_not_a_need(text: str) -> None:
    assert tag(text).categories == ()


def test_asking_for_that_service_is_still_a_need() -> None:
    assert "child" in tag("ボランティアではなく、うちの子を子ども食堂に連れて行きたい").categories


# -- everyday words of each need -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "スマホのアプリが勝手に更新されて、解約させてくれない",
    "警察を名乗る人から電話があって、キャッシュカードを渡すように言われた",
    "知らない番号から怪しい電話が何回もかかってくる",
    "義理の姉とはもう三年も口をきいていません",
    "大家さんから出ていけと言われた。敷金も返してもらえない",
    "進学のことで毎晩夫と喧嘩になる",
    "上の階の足音がうるさくて苦情を言いたい",
])
def test_consumer_family_and_neighbour_trouble_is_general(text: str) -> None:
    assert "general" in tag(text).categories


def test_not_speaking_to_anyone_is_isolation_not_a_family_quarrel() -> None:
    result = tag("この一か月、誰とも口をきいていない")
    assert "isolation" in result.categories
    assert "general" not in result.categories


def test_workplace_harassment_alone_is_not_a_family_or_legal_matter() -> None:
    assert "general" not in tag("上司のパワハラがつらくて会社に行けない").categories


@pytest.mark.parametrize("text", [
    "左手にまひが残って、箸が持てません",
    "右足が不自由で、買い物に付き添ってくれる人を探しています",
    "しょうがいしゃの相談窓口はどこですか",
])
def test_paralysis_and_a_limb_that_does_not_work_are_disability(text: str) -> None:
    result = tag(text)
    assert "disability" in result.categories
    assert "elderly" not in result.categories


def test_a_guide_helper_is_a_disability_service_not_elderly_care() -> None:
    result = tag("ガイドヘルパーを頼みたいです")
    assert result.categories == ("disability",)


def test_a_home_helper_is_still_elderly_care() -> None:
    assert "elderly" in tag("ヘルパーさんに週二回来てほしい").categories


@pytest.mark.parametrize("text", [
    "夫が心筋梗塞で入院しました",
    "父は透析を受けています",
])
def test_a_named_serious_illness_is_health(text: str) -> None:
    assert "health" in tag(text).categories


@pytest.mark.parametrize("text", [
    "さいきん全然ねれん", "寝れない夜が続いてる", "一睡もねむれてない",
])
def test_sleeplessness_in_kana_and_casual_forms_is_health(text: str) -> None:
    assert "health" in tag(text).categories


def test_sleeping_is_not_a_sign_of_ageing() -> None:
    assert tag("昨日はよく寝た").categories == ()


def test_not_wanting_to_be_home_is_not_homelessness() -> None:
    assert "poverty" not in tag("今日はなんとなく家にいたくない").categories


@pytest.mark.parametrize("text", [
    "へやからでられない日が続く",
    "近所の人とのつきあいが全くない",
    "人付き合いが苦手で、いつも一人です",
    "ごみを捨てられなくて家の中が物でいっぱい",
    "向かいの家、郵便受けにチラシがたまっている",
])
def test_withdrawal_no_contact_and_hoarding_are_isolation(text: str) -> None:
    assert "isolation" in tag(text).categories


@pytest.mark.parametrize("text", [
    "勤め先が倒産して仕事をなくした",
    "シフトを減らされて生活がぎりぎり",
    "友達に生活費を借りている",
])
def test_losing_work_and_borrowing_to_live_are_poverty(text: str) -> None:
    assert "poverty" in tag(text).categories


@pytest.mark.parametrize("text", [
    "うちの小4が最近ゲームばかりで学校の話もしない",
    "5歳の息子の寝かしつけに毎晩二時間かかる",
    "娘(14)が学校に行きたくないと言う",
])
def test_a_child_named_by_age_or_grade_and_school_worries_are_child(text: str) -> None:
    assert "child" in tag(text).categories


def test_a_child_who_does_not_listen_is_a_parenting_worry() -> None:
    assert "child" in tag("子どもが言うことを聞かなくて、毎日叱ってばかり").categories


@pytest.mark.parametrize("text", [
    "父に認知が入ってきたようで、同じ話ばかりする",
    "一人暮らしの祖母が心配",
])
def test_how_families_speak_of_an_ageing_parent_is_elderly(text: str) -> None:
    assert "elderly" in tag(text).categories


def test_being_asked_again_and_again_to_lend_money_is_general() -> None:
    assert "general" in tag("同僚にお金を貸してと何度も頼まれて断れない").categories


def test_a_married_son_is_not_a_child() -> None:
    assert "child" not in tag("息子夫婦と同居しています").categories


def test_a_carer_who_does_not_care_is_a_burden_not_a_denial() -> None:
    assert "elderly" in tag("兄は同居しているのに祖父の介護もしない").categories


def test_a_habit_that_has_taken_over_is_health() -> None:
    assert "health" in tag("夫は休みの日は朝からパチンコばかりです").categories


@pytest.mark.parametrize(("text", "category"), [
    ("携帯代の引き落としが遅れてしまっている", "poverty"),
    ("娘の修学旅行の積立費が出せない", "poverty"),
    ("この町には頼れる親戚もいない", "isolation"),
    ("角の家のおばあさんの姿を、もう十日も見ていない", "isolation"),
    ("健康食品の定期便がやめられない", "general"),
    ("亡くなった母の土地のことで姉と意見が合わない", "general"),
    ("父の飲酒がひどくなってきた", "health"),
    ("祖父はもう91なのに一人で畑に出る", "elderly"),
])
def test_more_everyday_phrasings_name_their_need(text: str, category: str) -> None:
    assert category in tag(text).categories


def test_an_anniversary_is_not_an_age() -> None:
    assert "elderly" not in tag("今年で80周年のお祭りがあります").categories


def test_training_as_a_helper_is_a_job_not_a_need() -> None:
    assert "elderly" not in tag("ホームヘルパーの資格を取りたいです").categories


def test_no_money_at_all_in_toyama_dialect_is_poverty() -> None:
    assert "poverty" in tag("財布にお金なーんないがいちゃ").categories


def test_a_bereavement_in_dialect_with_being_alone_is_isolation() -> None:
    assert "isolation" in tag("つれあいにしもていかれてから一人暮らしです").categories


@pytest.mark.parametrize(("text", "category"), [
    ("chichi no kaigo ga shindoi", "elderly"),
    ("kongetsu okane ga nai", "poverty"),
    ("saikin nemurenai", "health"),
    ("kosodate ni tsukareta", "child"),
])
def test_needs_typed_in_romaji_are_read(text: str, category: str) -> None:
    assert category in tag(text).categories


def test_a_romaji_word_inside_a_longer_one_does_not_count() -> None:
    assert tag("I like sagittarius and ikujiro").categories == ()


def test_leaving_home_with_the_children_brings_the_children_in() -> None:
    assert "child" in tag("もう限界なので、子どもたちを連れて実家に帰りたい").categories


def test_an_outing_with_a_child_is_no_need() -> None:
    assert "child" not in tag("子どもと一緒に動物園に行きました").categories


@pytest.mark.parametrize(("text", "category"), [
    ("祖父が着替えを嫌がるようになった", "elderly"),
    ("娘に重度の障がいがあって、将来が心配", "disability"),
    ("この収入では暮らしていけない", "poverty"),
    ("水道代を半年分もためてしまった", "poverty"),
    ("夫が大腸がんで手術を受けます", "health"),
    ("裏の家の犬が夜中に吠えて困る", "general"),
    ("知人の儲け話に乗ってしまった", "general"),
])
def test_a_third_set_of_everyday_phrasings(text: str, category: str) -> None:
    assert category in tag(text).categories


@pytest.mark.parametrize("text", [
    "がん検診を受けたいです", "乳がん検診の予約をしたい", "毎日がんばってます",
])
def test_a_cancer_check_up_or_doing_ones_best_is_no_illness(text: str) -> None:
    assert "health" not in tag(text).categories


@pytest.mark.parametrize("text", ["ヘルパーさんはまだいらないです", "ヘルパーは必要ありません"])
def test_a_helper_declined_is_no_care_need(text: str) -> None:
    assert "elderly" not in tag(text).categories


def test_a_quarrel_denied_is_no_family_conflict() -> None:
    assert "general" not in tag("夫とは喧嘩していません。相談は別のことです").categories
