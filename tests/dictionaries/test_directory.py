"""The site directory holds every site of the city plan, in the plan's numbers, with sources."""

from __future__ import annotations

import pytest

from dictionaries.areas import AreaMatcher
from dictionaries.directory import Directory, load_directory, parse_directory
from dictionaries.tag_result import CATEGORY_IDS

# Copied from the city plan (../shared/seed/000_d299d94228086665.txt), table by table.
PLAN_CENTRE_AREAS = [
    "水橋北",
    "水橋南",
    "大広田・浜黒崎",
    "岩瀬・萩浦",
    "和合",
    "針原",
    "新庄",
    "豊田",
    "広田",
    "奥田北",
    "奥田",
    "百塚",
    "呉羽",
    "神明・五福",
    "愛宕・安野屋",
    "まちなか",
    "柳町・清水町",
    "東部・山室",
    "藤ノ木・山室中部",
    "堀川・光陽",
    "蜷川",
    "堀川南",
    "太田",
    "月岡",
    "新保・熊野",
    "大沢野・細入",
    "大久保・船峅",
    "大山",
    "八尾北・山田",
    "八尾南",
    "婦中東",
    "婦中西",
]
PLAN_DISABILITY_OFFICES = (
    "自立生活支援センター富山",
    "セーナー苑相談支援事業所Ｗｅネット",
    "ゆりの木の里相談支援事業所",
    "あすなろセンター",
    "和敬会生活支援センター",
    "富山市恵光学園",
)
PLAN_HEALTH_WELFARE_CENTERS = ("中央", "南", "北", "西", "大沢野", "大山", "八尾")
PLAN_WORRIES_PLACES = [
    "中央",
    "呉羽地区",
    "北部地区",
    "水橋地区",
    "大沢野細入支所",
    "大山支所",
    "八尾山田支所",
    "婦中支所",
]
PLAN_PARENTING_CENTERS = [
    "富山市",
    "いちい",
    "光陽もなみ",
    "婦中中央",
    "桜谷",
    "萩浦",
    "大久保",
    "じんぼ",
    "常盤台",
    "東山",
    "上滝",
    "水橋",
    "わかば",
    "まつわか",
    "八尾",
    "わかくさ",
]
PLAN_ACTIVITY_CENTERS = {
    "I": ("ゆりの木の里", "あすなろセンター", "和敬会生活支援センター"),
    "II": ("富山市身体障害者デイサービスセンター",),
    "III": (
        "アミティ工房",
        "ガラス工芸共同作業所",
        "富山生きる場センター",
        "ワークハウス・フレンズ",
        "れいんぼーみさき",
    ),
}
# 包括的相談支援事業, plan 4(1): kind and number of places.
PLAN_LEGAL_SITES = {
    "community_care_center": 32,
    "disability_core_office": 1,
    "disability_consultation_office": 6,
    "childcare_division": 1,
    "administrative_service_center": 4,
    "child_health_division": 1,
    "health_welfare_center": 7,
    "social_welfare_council": 1,
}


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory()


def names(directory: Directory, kind: str) -> set[str]:
    return {s.name for s in directory.by_kind(kind)}


@pytest.mark.parametrize(("kind", "count"), PLAN_LEGAL_SITES.items())
def test_each_legal_site_kind_has_the_plans_number_of_places(
    directory: Directory, kind: str, count: int
) -> None:
    sites = [s for s in directory.by_kind(kind) if s.legal_site]
    assert len(sites) == count


def test_the_legal_sites_add_up_to_the_plans_53(directory: Directory) -> None:
    legal = [s for s in directory.sites if s.legal_site]
    assert len(legal) == 53
    assert {s.kind for s in legal} == set(PLAN_LEGAL_SITES)


@pytest.mark.parametrize("area", PLAN_CENTRE_AREAS)
def test_every_community_care_center_of_the_plan_is_listed_by_its_area_name(
    directory: Directory, area: str
) -> None:
    name = f"地域包括支援センター（{area}）"
    centre = [s for s in directory.by_kind("community_care_center") if s.name == name]
    assert len(centre) == 1
    assert centre[0].fields == ("elderly",)


def test_the_plans_named_sites_are_all_present(directory: Directory) -> None:
    assert names(directory, "disability_consultation_office") == set(PLAN_DISABILITY_OFFICES)
    assert names(directory, "health_welfare_center") == {
        f"{n}保健福祉センター" for n in PLAN_HEALTH_WELFARE_CENTERS
    }
    assert names(directory, "worries_consultation") == {
        f"心配ごと相談（{n}）" for n in PLAN_WORRIES_PLACES
    }
    assert names(directory, "parenting_support_center") == {
        f"子育て支援センター（{n}）" for n in PLAN_PARENTING_CENTERS
    }
    assert names(directory, "administrative_service_center") == {
        f"{n}行政サービスセンター" for n in ("大沢野", "大山", "八尾", "婦中")
    }


def test_community_activity_centers_come_in_the_plans_three_types(directory: Directory) -> None:
    centres = directory.by_kind("community_activity_center")
    assert len(centres) == 9
    for center_type, plan_names in PLAN_ACTIVITY_CENTERS.items():
        typed = {s.name for s in centres if s.center_type == center_type}
        assert typed == {f"地域活動支援センター（{n}）" for n in plan_names}


def test_each_field_of_the_plan_has_its_coordinator_and_one_manager_at_fukushiseisakuka(
    directory: Directory,
) -> None:
    coordinators = directory.by_kind("coordinator")
    for field in ("poverty", "elderly", "disability", "child", "health"):
        assert any(field in c.fields for c in coordinators), field
    departments = {c.name for c in coordinators}
    for department in ("生活支援課", "長寿福祉課", "障害福祉課", "こども保育課", "こども健康課"):
        assert any(department in d for d in departments), department
    (manager,) = directory.by_kind("manager")
    assert "福祉政策課" in manager.name


def test_the_salon_and_unnamed_groups_keep_the_plans_count_without_invented_names(
    directory: Directory,
) -> None:
    (salon,) = directory.by_kind("neighbourhood_salon")
    assert salon.names_in_plan is False
    councils = directory.get("district_welfare_councils")
    assert (councils.count, councils.names_in_plan) == (79, False)


def test_every_site_has_a_known_kind_and_at_least_one_need_field(directory: Directory) -> None:
    for site in directory.sites:
        assert site.fields, site.id
        assert set(site.fields) <= set(CATEGORY_IDS), site.id


def test_every_shown_contact_is_backed_by_a_source_with_confirmed_or_partial_confidence(
    directory: Directory,
) -> None:
    shown = [s for s in directory.sites if s.phone is not None]
    assert shown, "the confirmed departments must show their phones"
    for site in directory.sites:
        if site.phone is not None or site.contact.address is not None:
            assert site.contact.source is not None, site.id
            assert site.contact.source.startswith("http"), site.id
            assert site.contact.confidence in ("confirmed", "partial"), site.id


def test_the_elderly_fallback_department_shows_its_confirmed_phone(directory: Directory) -> None:
    department = directory.get("chojufukushika")
    assert department.phone == "076-443-2062"
    assert department.contact.confidence == "confirmed"


def test_no_community_care_center_claims_coverage_or_a_phone_without_a_source(
    directory: Directory,
) -> None:
    for centre in directory.by_kind("community_care_center"):
        assert centre.service_area is None
        assert centre.phone is None


def test_crisis_lines_without_confirmation_are_never_marked_shown(directory: Directory) -> None:
    shown = {c.id for c in directory.crisis_lines if c.shown}
    assert {"police_110", "fire_ambulance_119", "jidou_gyakutai_189"} <= shown
    assert "yorisoi_hotline" not in shown
    assert "toyama_inochi_no_denwa" not in shown


def test_an_area_the_plan_does_not_name_yields_no_centre(directory: Directory) -> None:
    matcher = AreaMatcher(directory)
    assert matcher.match("東京都の新宿") is None
    assert directory.named_for("nowhere") == ()
    assert not [s for s in directory.serving("nowhere") if s.kind == "community_care_center"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("水橋北です", "mizuhashi_kita"),
        ("大広田のあたり", "ohirota_hamakurosaki"),
        ("広田", "hirota"),
        ("奥田北", "okuda_kita"),
        ("水橋　北", "mizuhashi_kita"),
        ("大山です", "oyama"),
        ("わからない", "unknown"),
        # Another 地区 whose name contains a centre's: no guess.
        ("新庄北です", None),
        ("水橋中部", None),
        ("西呉羽", None),
    ],
)
def test_a_typed_area_answer_finds_the_longest_area_name(
    directory: Directory, text: str, expected: str | None
) -> None:
    area = AreaMatcher(directory).match(text)
    assert (area.id if area else None) == expected


def test_a_shared_part_of_two_centre_names_asks_the_person_to_choose(
    directory: Directory,
) -> None:
    area = AreaMatcher(directory).match("水橋のほうです")
    assert area is not None
    assert area.candidates == ("mizuhashi_kita", "mizuhashi_minami")
    assert {s.id for s in directory.named_for(area.id)} == {
        "ccc_mizuhashi_kita",
        "ccc_mizuhashi_minami",
    }


def test_the_directory_is_loaded_once_per_process() -> None:
    assert load_directory() is load_directory()


def test_a_phone_without_a_source_is_refused_when_loading() -> None:
    raw = {
        "defaults": {
            "contact": {"phone": "unknown", "source": "none found", "confidence": "unknown"},
            "service_area": "unknown",
            "source": "city plan",
            "confidence": "unknown",
        },
        "sites": [
            {
                "id": "x",
                "name": "窓口",
                "kind": "city_department",
                "fields": ["elderly"],
                "contact": {"phone": "076-000-0000"},
            }
        ],
        "area_unknown": {"id": "unknown", "label": "わからない"},
    }
    with pytest.raises(ValueError, match="without a source"):
        parse_directory(raw)
