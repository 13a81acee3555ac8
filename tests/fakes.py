"""Hand-written fakes of the tagger and the router, for the pure flow's tests.

FakeTagger tags by a small keyword table; FakeRouter routes by the first category. Both are
deterministic and record nothing but what a test may assert on.
"""

from __future__ import annotations

import re

from dictionaries.tag_result import Evidence, TagResult
from flows.routing_types import AreaChoice, CrisisLine, RouteDecision, RouteRequest, SiteRef

KEYWORDS: dict[str, str] = {
    "認知症": "elderly",
    "介護": "elderly",
    "お金": "poverty",
    "家賃": "poverty",
    "仕事がない": "poverty",
    "障害": "disability",
    "子育て": "child",
    "妊娠": "child",
    "うつ": "health",
    "ひきこもり": "isolation",
    "引きこもり": "isolation",
    "虐待": "abuse",
    "離婚": "general",
}
DANGER: tuple[str, ...] = ("死にたい", "殴られ", "食べていない", "消えたい")
RELATIONS: dict[str, str] = {"母": "mother", "父": "father", "息子": "child", "隣": "neighbour"}
HOUSEHOLDS: dict[str, str] = {"一人暮らし": "alone", "ひとり暮らし": "alone"}
DISTRICTS: tuple[str, ...] = ("水橋", "岩瀬", "大沢野")


def _hits(text: str, terms: tuple[str, ...] | list[str], category: str) -> list[Evidence]:
    return [
        Evidence(term=t, surface=t, start=m.start(), end=m.end(), category=category)
        for t in terms
        for m in re.finditer(re.escape(t), text)
    ]


class FakeTagger:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def tag(self, text: str) -> TagResult:
        self.texts.append(text)
        evidence = [e for term, cat in KEYWORDS.items() for e in _hits(text, [term], cat)]
        danger = _hits(text, DANGER, "danger")
        slots: dict[str, str] = {}
        for word, relation in RELATIONS.items():
            if word in text:
                slots.setdefault("relation", relation)
        for word, household in HOUSEHOLDS.items():
            if word in text:
                slots["household"] = household
        for district in DISTRICTS:
            if district in text:
                slots["district"] = district
        age = re.search(r"(\d{2})代", text)
        if age:
            slots["age_group"] = f"{age.group(1)}代"
        categories = tuple(dict.fromkeys(e.category for e in evidence))
        return TagResult(
            categories=categories,
            scores={c: 1.0 for c in categories},
            emergency=bool(danger),
            evidence=tuple(evidence),
            danger=tuple(danger),
            slots=slots,
        )


SITES: dict[str, SiteRef] = {
    "elderly": SiteRef("community_care_center_mizuhashi", "水橋地域包括支援センター",
                       "community_care_center", "076-000-0001"),
    "poverty": SiteRef("social_welfare_council", "富山市社会福祉協議会 自立相談支援",
                       "social_welfare_council"),
}
GENERAL = SiteRef("worries_consultation", "心配ごと相談", "worries_consultation")
CRISIS = (
    CrisisLine("police_110", "警察 緊急通報", "110", "24時間", "事件・暴力の危険が今ある"),
    CrisisLine("fire_ambulance_119", "消防・救急", "119", "24時間", "命に関わる急病・けが・火事"),
)
AREAS = (
    AreaChoice("mizuhashi_kita", "水橋北", ("水橋北",)),
    AreaChoice("mizuhashi_minami", "水橋南", ("水橋南",)),
    AreaChoice("iwase", "岩瀬", ("いわせ",)),
    AreaChoice("osawano", "大沢野", ("おおさわの",)),
)
# A name part two areas share: the person is asked which one.
MIZUHASHI = AreaChoice("mizuhashi", "水橋", ("水橋",), ("mizuhashi_kita", "mizuhashi_minami"))


class FakeRouter:
    def __init__(self) -> None:
        self.requests: list[RouteRequest] = []

    def route(self, request: RouteRequest) -> RouteDecision:
        self.requests.append(request)
        primary = next((SITES[c] for c in request.categories if c in SITES), GENERAL)
        others = tuple(SITES[c] for c in request.categories if c in SITES and SITES[c] != primary)
        meeting = "none"
        if request.reporter == "third_party" and request.subject_consent != "yes":
            meeting = "support_meeting"
        elif len(request.categories) > 1:
            meeting = "multilayer_meeting"  # a compound case, with consent
        return RouteDecision(
            primary=primary,
            sites=others,
            multi_agency=len(request.categories) > 1,
            meeting=meeting,  # type: ignore[arg-type]
            crisis_lines=CRISIS if request.emergency else (),
            reasons=("お話の内容から、こちらが最初の相談先です。",),
        )

    def crisis_lines(self, categories: tuple[str, ...] = ()) -> tuple[CrisisLine, ...]:
        return CRISIS

    def areas(self) -> tuple[AreaChoice, ...]:
        return AREAS

    def match_area(self, text: str) -> AreaChoice | None:
        for area in (*AREAS, MIZUHASHI):
            if any(name in text for name in (area.label, *area.aliases)):
                return area
        return None
