"""The reference files under seeds/ (forums, memberships) read as plain JSON: no database needed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from relations.models import Forum, ForumMembership

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _load(name: str) -> list[dict]:
    with (SEEDS / name).open(encoding="utf-8") as fh:
        return json.load(fh)


COUNTRIES = {row["iso3"] for row in _load("countries.json")}
FORUMS = {row["acronym"]: row for row in _load("forums.json")}
MEMBERSHIPS = _load("memberships.json")


def _codes(forum: str, status: str = "member") -> set[str]:
    return {row["country"] for row in MEMBERSHIPS if row["forum"] == forum and row["status"] == status}


def _status(forum: str, country: str) -> str | None:
    return next((row["status"] for row in MEMBERSHIPS if row["forum"] == forum and row["country"] == country), None)


# --------------------------------------------------------------------------- memberships: shape


def test_every_membership_row_has_exactly_the_four_keys():
    assert {tuple(sorted(row)) for row in MEMBERSHIPS} == {("country", "forum", "since", "status")}


def test_every_membership_country_is_an_iso_country_of_the_seeds():
    assert sorted({row["country"] for row in MEMBERSHIPS} - COUNTRIES) == []


def test_every_membership_forum_is_in_the_forum_registry():
    assert sorted({row["forum"] for row in MEMBERSHIPS} - set(FORUMS)) == []


def test_every_membership_status_is_a_model_choice():
    assert {row["status"] for row in MEMBERSHIPS} <= set(ForumMembership.Status.values)


def test_since_is_a_plausible_year_or_null():
    bad = [row for row in MEMBERSHIPS if row["since"] is not None and not 1900 <= row["since"] <= 2030]
    assert bad == []


def test_no_country_is_listed_twice_in_a_forum():
    duplicates = [key for key, n in Counter((r["forum"], r["country"]) for r in MEMBERSHIPS).items() if n > 1]
    assert duplicates == []


def test_memberships_are_sorted_by_forum_then_country():
    keys = [(row["forum"], row["country"]) for row in MEMBERSHIPS]
    assert keys == sorted(keys)


# --------------------------------------------------------------------------- memberships: counts


@pytest.mark.parametrize(
    ("forum", "status", "count"),
    [
        ("UN", "member", 193),
        ("UN", "observer", 2),
        ("NAM", "member", 120),
        ("OIC", "member", 57),
        ("CICA", "member", 28),
        ("EU", "member", 27),
        ("NATO", "member", 32),
        ("ASEAN", "member", 11),
        ("GCC", "member", 6),
        ("G7", "member", 7),
        ("G20", "member", 19),
        ("COE", "member", 46),
        ("OSCE", "member", 57),
        ("AU", "member", 55),
        ("LAS", "member", 22),
        ("APEC", "member", 21),
        ("CELAC", "member", 33),
        ("Commonwealth", "member", 56),
        ("CIS", "member", 9),
        ("CSTO", "member", 6),
        ("EAEU", "member", 5),
        ("OTS", "member", 5),
        ("SCO", "member", 10),
        ("BRICS", "member", 10),
        ("ECO", "member", 10),
        ("D-8", "member", 9),
        ("GUAM", "member", 4),
        ("OPEC", "member", 12),
        ("SAARC", "member", 8),
        ("BIMSTEC", "member", 7),
        ("PIF", "member", 18),
    ],
)
def test_forum_has_its_known_number_of_members(forum, status, count):
    assert len(_codes(forum, status)) == count


def test_un_observers_are_palestine_and_the_holy_see():
    assert _codes("UN", "observer") == {"PSE", "VAT"}


def test_every_nam_member_is_a_un_member_or_palestine():
    assert _codes("NAM") - _codes("UN") == {"PSE"}


def test_every_eu_member_is_in_the_council_of_europe_and_the_osce():
    assert _codes("EU") - _codes("COE") == set()
    assert _codes("EU") - _codes("OSCE") == set()


def test_every_asean_member_takes_part_in_the_asean_regional_forum():
    assert _codes("ASEAN") - _codes("ARF") == set()


def test_every_g7_country_is_in_the_g20():
    assert _codes("G7") - _codes("G20") == set()


# --------------------------------------------------------------------------- memberships: spot checks


@pytest.mark.parametrize("forum", ["UN", "NAM", "OIC", "CICA"])
@pytest.mark.parametrize("country", ["AZE", "PAK"])
def test_azerbaijan_and_pakistan_are_members_of_the_seed_article_forums(forum, country):
    assert _status(forum, country) == "member"


@pytest.mark.parametrize("forum", ["OTS", "GUAM", "BSEC", "COE", "OSCE", "CIS", "ECO", "D-8", "CAREC"])
def test_azerbaijan_is_a_member_of_its_other_forums(forum):
    assert _status(forum, "AZE") == "member"


def test_azerbaijan_joined_d8_in_2024():
    assert {"forum": "D-8", "country": "AZE", "status": "member", "since": 2024} in MEMBERSHIPS


def test_armenia_is_not_in_the_oic():
    assert _status("OIC", "ARM") is None


def test_russia_and_thailand_are_oic_observers():
    assert _status("OIC", "RUS") == "observer"
    assert _status("OIC", "THA") == "observer"


def test_turkmenistan_joined_cica_in_2022():
    assert {"forum": "CICA", "country": "TKM", "status": "member", "since": 2022} in MEMBERSHIPS


def test_timor_leste_is_the_eleventh_asean_member():
    assert {"forum": "ASEAN", "country": "TLS", "status": "member", "since": 2025} in MEMBERSHIPS


def test_palestine_is_in_the_arab_league_and_the_oic():
    assert _status("LAS", "PSE") == "member"
    assert _status("OIC", "PSE") == "member"


def test_hong_kong_and_taiwan_are_apec_economies():
    assert {"HKG", "TWN"} <= _codes("APEC")


# --------------------------------------------------------------------------- forums: kind, founded, parent


def test_every_forum_kind_is_a_model_choice():
    assert {row["kind"] for row in FORUMS.values()} <= set(Forum.Kind.values)


def test_every_forum_has_a_founding_year():
    assert sorted(acronym for acronym, row in FORUMS.items() if not row["founded"]) == []


def test_every_forum_parent_is_a_registered_forum_without_a_parent_of_its_own():
    """One level of nesting (UNGA -> UN), so the loader can create parents first."""
    parents = {row["parent"] for row in FORUMS.values() if row["parent"]}
    assert parents <= set(FORUMS)
    assert [p for p in parents if FORUMS[p]["parent"]] == []


@pytest.mark.parametrize("acronym", ["UNGA", "UNSC", "UNHRC", "UNESCO", "UNFCCC", "WHO", "IAEA"])
def test_un_organs_and_agencies_belong_to_the_un(acronym):
    assert (FORUMS[acronym]["kind"], FORUMS[acronym]["parent"]) == ("un_body", "UN")


def test_asean_regional_forum_belongs_to_asean():
    assert FORUMS["ARF"]["parent"] == "ASEAN"
