"""`tsunagu sites`: the directory as a table for staff and as JSON for tools."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_sites(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "sites", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_the_json_list_holds_every_site_with_its_id_and_the_53_legal_sites() -> None:
    done = run_sites("--json")
    assert done.returncode == 0
    sites = json.loads(done.stdout)
    assert len({s["id"] for s in sites}) == len(sites)
    assert sum(1 for s in sites if s["legal_site"]) == 53
    assert all({"id", "name", "kind", "fields", "phone", "source"} <= set(s) for s in sites)


def test_a_phone_in_the_listing_always_comes_with_its_source() -> None:
    sites = json.loads(run_sites("--json").stdout)
    with_phone = [s for s in sites if s["phone"]]
    assert with_phone
    for site in with_phone:
        assert site["contact_source"].startswith("http")
        assert site["contact_confidence"] in ("confirmed", "partial")


def test_field_filter_lists_only_that_fields_sites() -> None:
    sites = json.loads(run_sites("--field", "disability", "--json").stdout)
    assert sites and all("disability" in s["fields"] for s in sites)
    assert "disability_core_office" in {s["id"] for s in sites}


def test_an_area_lists_its_named_centres_as_unconfirmed_beside_city_wide_sites() -> None:
    sites = json.loads(run_sites("--area", "水橋", "--json").stdout)
    matches = {s["id"]: s["match"] for s in sites}
    assert matches["ccc_mizuhashi_kita"] == "name_only"
    assert matches["ccc_mizuhashi_minami"] == "name_only"
    assert matches["chojufukushika"] == "city"
    assert "ccc_okuda" not in matches


def test_an_unknown_area_lists_no_centre() -> None:
    done = run_sites("--area", "東京", "--json")
    sites = json.loads(done.stdout)
    assert "community_care_center" not in {s["kind"] for s in sites}
    assert "chojufukushika" in {s["id"] for s in sites}
    assert "city-wide sites only" in done.stderr


def test_the_table_shows_one_row_a_site_with_id_and_japanese_name() -> None:
    done = run_sites("--kind", "community_activity_center")
    lines = done.stdout.splitlines()
    assert lines[0].split()[:2] == ["id", "kind"]
    assert len(lines) == 1 + 9 + 1
    assert "cac_yurinoki_no_sato" in done.stdout
    assert "地域活動支援センター（ゆりの木の里）" in done.stdout
    assert lines[-1] == "(9 sites)"
