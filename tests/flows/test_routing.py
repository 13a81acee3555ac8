"""The city plan's routing rules, each with the reason staff will read."""

from __future__ import annotations

import itertools

import pytest

from dictionaries.directory import load_directory
from flows.routing import CityRouter, get_router
from flows.routing_types import RouteDecision, RouteRequest


@pytest.fixture(scope="module")
def router() -> CityRouter:
    return get_router()


def route(router: CityRouter, *categories: str, **options: object) -> RouteDecision:
    return router.route(RouteRequest(categories=categories, **options))  # type: ignore[arg-type]


def ids(refs: object) -> list[str]:
    return [r.id for r in refs]  # type: ignore[attr-defined]


def said(decision: RouteDecision, words: str) -> bool:
    return any(words in reason for reason in decision.reasons)


# --- each field to its sites ---------------------------------------------------------------


def test_an_elderly_case_from_a_centres_own_area_name_goes_to_that_centre(
    router: CityRouter,
) -> None:
    decision = route(router, "elderly", area="水橋北")
    assert decision.primary.id == "ccc_mizuhashi_kita"
    # The centre's coverage is unconfirmed: the confirmed department stands beside it.
    assert ids(decision.sites) == ["ccc_mizuhashi_kita", "chojufukushika"]
    assert said(decision, "担当地区は公的資料で未確認")


@pytest.mark.parametrize("area", [None, "わからない", "東京の新宿", "五百石", "新庄北", "unknown"])
def test_an_elderly_case_without_a_known_area_goes_to_chojufukushika_never_a_centre(
    router: CityRouter, area: str | None
) -> None:
    decision = route(router, "elderly", area=area)
    assert decision.primary.id == "chojufukushika"
    assert decision.primary.phone == "076-443-2062"
    assert "community_care_center" not in {s.kind for s in decision.sites}
    assert said(decision, "推測でセンターは選びません")


def test_an_unmatched_area_answer_is_not_repeated_in_the_reasons(router: CityRouter) -> None:
    decision = route(router, "elderly", area="田中さんの家の近く")
    assert not said(decision, "田中")


def test_an_area_shared_by_two_centres_names_both_and_picks_neither(router: CityRouter) -> None:
    decision = route(router, "elderly", area="水橋")
    assert decision.primary.id == "chojufukushika"
    assert said(decision, "「水橋北」「水橋南」")
    assert "community_care_center" not in {s.kind for s in decision.sites}


def test_a_disability_case_goes_to_the_core_office_and_the_six_commissioned_offices(
    router: CityRouter,
) -> None:
    decision = route(router, "disability")
    assert decision.primary.id == "disability_core_office"
    kinds = [s.kind for s in decision.sites]
    assert kinds.count("disability_consultation_office") == 6
    assert said(decision, "基幹相談支援室")


@pytest.mark.parametrize(
    "options", [{"pregnancy": True}, {"age_group": "infant"}, {"age_group": "乳幼児"}]
)
def test_pregnancy_and_infants_go_to_child_health_and_the_health_welfare_centres(
    router: CityRouter, options: dict[str, object]
) -> None:
    decision = route(router, "child", **options)
    assert decision.primary.id == "child_health_division"
    assert [s.kind for s in decision.sites].count("health_welfare_center") == 7
    assert said(decision, "妊娠・乳幼児")


def test_other_child_rearing_goes_to_childcare_and_the_four_service_centres(
    router: CityRouter,
) -> None:
    decision = route(router, "child", age_group="school_child")
    assert decision.primary.id == "childcare_division"
    service_centres = [s for s in decision.sites if s.kind == "administrative_service_center"]
    assert len(service_centres) == 4
    assert all(s.phone for s in service_centres)
    assert said(decision, "こども保育課と行政サービスセンター")


def test_a_poverty_case_goes_to_the_social_welfare_councils_self_reliance_support(
    router: CityRouter,
) -> None:
    decision = route(router, "poverty")
    assert decision.primary.id == "social_welfare_council"
    assert "seikatsushienka" in ids(decision.sites)
    assert said(decision, "自立相談支援")


@pytest.mark.parametrize("category", ["health", "isolation"])
def test_health_and_isolation_go_to_the_health_prevention_division(
    router: CityRouter, category: str
) -> None:
    decision = route(router, category)
    assert decision.primary.id == "public_health_prevention_division"
    assert decision.primary.phone == "076-428-1152"


@pytest.mark.parametrize("categories", [("general",), (), ("no_such_category",)])
def test_a_worry_in_no_field_of_the_plan_goes_to_the_worries_consultation(
    router: CityRouter, categories: tuple[str, ...]
) -> None:
    decision = route(router, *categories)
    assert decision.primary.kind == "worries_consultation"
    assert [s.kind for s in decision.sites].count("worries_consultation") == 8
    assert said(decision, "心配ごと相談")


# --- compound cases and consent --------------------------------------------------------------


def test_two_fields_make_a_compound_case_for_the_primary_fields_coordinator(
    router: CityRouter,
) -> None:
    decision = route(router, "elderly", "poverty")
    assert decision.multi_agency is True
    assert decision.primary.id == "coordinator_elderly"
    assert decision.coordinator is not None and decision.coordinator.id == "coordinator_elderly"
    assert decision.manager is not None and "福祉政策課" in decision.manager.name
    assert decision.meeting == "multilayer_meeting"
    assert {"chojufukushika", "social_welfare_council"} <= set(ids(decision.sites))
    assert said(decision, "複合的な相談")
    assert said(decision, "重層的支援会議")


def test_the_first_category_is_the_primary_field(router: CityRouter) -> None:
    decision = route(router, "poverty", "elderly")
    assert decision.coordinator is not None
    assert decision.coordinator.id == "coordinator_poverty"


def test_health_and_isolation_are_one_field_not_a_compound_case(router: CityRouter) -> None:
    decision = route(router, "health", "isolation")
    assert decision.multi_agency is False
    assert decision.meeting == "none"
    assert decision.coordinator is None and decision.manager is None


@pytest.mark.parametrize("consent", ["no", "unknown"])
def test_a_third_party_report_without_consent_takes_the_support_meeting_path(
    router: CityRouter, consent: str
) -> None:
    decision = route(router, "elderly", reporter="third_party", subject_consent=consent)
    assert decision.meeting == "support_meeting"
    assert decision.primary.id == "coordinator_elderly"
    assert decision.coordinator is not None and decision.manager is not None
    assert said(decision, "社会福祉法第106条の6")


def test_a_compound_third_party_report_without_consent_is_still_no_multilayer_meeting(
    router: CityRouter,
) -> None:
    decision = route(router, "disability", "poverty", reporter="family", subject_consent="no")
    assert decision.multi_agency is True
    assert decision.meeting == "support_meeting"
    assert decision.primary.id == "coordinator_disability"


def test_a_family_report_is_a_normal_referral_unless_the_person_does_not_agree(
    router: CityRouter,
) -> None:
    unsure = route(router, "elderly", reporter="family")
    assert unsure.meeting == "none"
    assert said(unsure, "本人の同意は窓口で本人に確認")
    refused = route(router, "elderly", reporter="family", subject_consent="no")
    assert refused.meeting == "support_meeting"
    assert refused.primary.id == "coordinator_elderly"


def test_a_third_party_report_with_consent_is_a_normal_referral(router: CityRouter) -> None:
    decision = route(router, "disability", reporter="third_party", subject_consent="yes")
    assert decision.meeting == "none"
    assert decision.primary.id == "disability_core_office"
    assert decision.coordinator is None
    assert said(decision, "本人の同意を確認")


def test_a_compound_third_party_report_with_consent_is_eligible_for_the_multilayer_meeting(
    router: CityRouter,
) -> None:
    decision = route(router, "child", "poverty", reporter="third_party", subject_consent="yes")
    assert decision.meeting == "multilayer_meeting"
    assert decision.primary.id == "coordinator_childcare"


def test_a_report_without_consent_and_without_a_field_goes_to_the_manager(
    router: CityRouter,
) -> None:
    decision = route(router, "general", reporter="third_party", subject_consent="no")
    assert decision.meeting == "support_meeting"
    assert decision.primary.id == "manager"
    assert decision.primary.kind != "worries_consultation"


# --- outreach, danger, resources -------------------------------------------------------------


def test_long_withdrawal_is_flagged_for_outreach_with_a_salon_beside_it(
    router: CityRouter,
) -> None:
    decision = route(router, "isolation", long_withdrawal=True)
    assert decision.outreach is True
    assert "public_health_prevention_division" in ids(decision.sites)
    assert ids(decision.resources) == ["neighbourhood_salon"]
    assert said(decision, "アウトリーチ")
    assert said(decision, "わがまちサロン")


def test_no_outreach_without_a_sign_of_withdrawal(router: CityRouter) -> None:
    assert route(router, "health").outreach is False


def test_danger_shows_confirmed_crisis_lines_first(router: CityRouter) -> None:
    decision = route(router, "health", emergency=True)
    assert decision.reasons[0].startswith("危険のサイン")
    assert ids(decision.crisis_lines)[:2] == ["police_110", "fire_ambulance_119"]
    assert "toyama_kokoro_denwa_day" in ids(decision.crisis_lines)
    assert not route(router, "health").crisis_lines


def test_only_confirmed_crisis_lines_are_ever_shown(router: CityRouter) -> None:
    confirmed = {c.id for c in load_directory().crisis_lines if c.confidence == "confirmed"}
    for categories in [(), ("abuse",), ("child",), ("health",), ("poverty", "general")]:
        lines = router.crisis_lines(categories)
        assert lines and {c.id for c in lines} <= confirmed
        assert all(c.phone for c in lines)


def test_child_abuse_puts_the_189_line_before_the_dv_lines(router: CityRouter) -> None:
    decision = route(router, "abuse", "child")
    lines = ids(decision.crisis_lines)
    assert lines.index("jidou_gyakutai_189") < lines.index("dv_soudan_plus")
    assert decision.primary.id == "childcare_division"
    assert said(decision, "緊急の扱い")


def test_abuse_of_an_adult_with_no_field_goes_to_the_manager_with_dv_lines(
    router: CityRouter,
) -> None:
    decision = route(router, "abuse")
    assert decision.primary.id == "manager"
    assert "dv_soudan_plus" in ids(decision.crisis_lines)


@pytest.mark.parametrize("age_group", ["80s", "90s_plus", "80代"])
def test_abuse_alone_takes_the_field_of_an_elderly_person(
    router: CityRouter, age_group: str
) -> None:
    decision = route(router, "abuse", age_group=age_group)
    assert decision.primary.id == "chojufukushika"
    assert said(decision, "高齢・介護の分野の窓口が緊急に対応")


def test_a_toddler_word_from_the_tagger_routes_child_rearing_to_child_health(
    router: CityRouter,
) -> None:
    assert route(router, "child", age_group="幼児").primary.id == "child_health_division"
    assert route(router, "child", age_group="小学生").primary.id == "childcare_division"


def test_an_isolated_parent_is_offered_the_parenting_support_centres(router: CityRouter) -> None:
    decision = route(router, "child", "isolation", age_group="infant")
    kinds = [r.kind for r in decision.resources]
    assert kinds.count("parenting_support_center") == 16
    assert said(decision, "子育て支援センター")


@pytest.mark.parametrize("options", [{"daytime_place": True}, {"long_withdrawal": True}])
def test_a_disabled_adult_looking_for_a_daytime_place_is_offered_activity_centres(
    router: CityRouter, options: dict[str, object]
) -> None:
    decision = route(router, "disability", **options)
    kinds = [r.kind for r in decision.resources]
    assert kinds.count("community_activity_center") == 9
    assert said(decision, "地域活動支援センター")


def test_a_disabled_child_is_not_offered_the_adult_activity_centres(router: CityRouter) -> None:
    decision = route(router, "disability", age_group="child", daytime_place=True)
    assert "community_activity_center" not in [r.kind for r in decision.resources]


def test_no_resource_is_suggested_when_none_fits(router: CityRouter) -> None:
    assert route(router, "poverty").resources == ()


# --- every decision, its reasons and its JSON ------------------------------------------------

MATRIX = [
    RouteRequest(
        categories=cats,
        emergency=emergency,
        area=area,
        reporter=reporter,
        subject_consent=consent,
        long_withdrawal=withdrawal,
    )
    for cats, emergency, area, reporter, consent, withdrawal in itertools.product(
        [(), ("elderly",), ("abuse",), ("child", "isolation"), ("disability", "health")],
        [False, True],
        [None, "水橋北", "水橋", "わからない"],
        ["self", "third_party"],
        ["yes", "no"],
        [False, True],
    )
]


def test_every_decision_carries_complete_japanese_reasons_and_survives_json(
    router: CityRouter,
) -> None:
    for request in MATRIX:
        decision = router.route(request)
        assert decision.reasons
        assert all(r and "{" not in r and "}" not in r for r in decision.reasons)
        assert RouteDecision.from_json(decision.to_json()) == decision


def test_the_areas_offered_are_the_32_centre_names_and_i_dont_know(router: CityRouter) -> None:
    areas = router.areas()
    assert len(areas) == 33
    assert areas[-1].label == "わからない"
    choice = router.match_area("水橋のほう")
    assert choice is not None and choice.candidates == ("mizuhashi_kita", "mizuhashi_minami")


def test_the_router_is_one_per_process() -> None:
    assert get_router() is get_router()


def test_a_person_in_crisis_is_shown_a_few_numbers_that_fit_not_the_whole_directory() -> None:
    from flows.routing import MAX_SPECIFIC_CRISIS_LINES, get_router

    lines = get_router().crisis_lines(("abuse", "health", "child"))
    ids = [line.id for line in lines]
    assert {"police_110", "fire_ambulance_119"} <= set(ids)
    assert len(ids) <= 2 + MAX_SPECIFIC_CRISIS_LINES
    assert "jidou_gyakutai_189" in ids, "a child at risk always brings the 189 line"


def test_an_isolated_person_in_their_eighties_goes_first_to_elderly_care(
    router: CityRouter,
) -> None:
    decision = router.route(RouteRequest(categories=("isolation",), age_group="80s"))
    assert decision.primary.id == "chojufukushika", "no area given: the confirmed department"
    assert any("地域包括支援センター" in r for r in decision.reasons)
    assert not decision.multi_agency
    younger = router.route(RouteRequest(categories=("isolation",), age_group="40s"))
    assert younger.primary.kind == "public_health_prevention_division"
