"""GET /api/countries/, /api/officials/, /api/sectors/, /api/forums/: shapes and filters."""

from __future__ import annotations

from datetime import date

import pytest

from relations import services
from tests import factories

from .conftest import World, page

pytestmark = pytest.mark.django_db


def forum_entry(acronym: str, name: str) -> dict:
    return {"forum": acronym, "forum_name": name, "status": "member", "since": None}


AZE = {
    "iso3": "AZE",
    "iso2": "AZ",
    "numeric": "031",
    "name": "Azerbaijan",
    "official_name": "Republic of Azerbaijan",
    "capital": "Baku",
    "other_names": [{"name": "Azerbaijani", "kind": "demonym"}],
    "forums": [
        forum_entry("CICA", "Conference on Interaction and Confidence Building Measures in Asia"),
        forum_entry("NAM", "Non-Aligned Movement"),
        forum_entry("OIC", "Organisation of Islamic Cooperation"),
        forum_entry("UN", "United Nations"),
    ],
}


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["iso3"] for row in response.json()["results"]]


# --------------------------------------------------------------------------- countries


def test_country_detail_in_any_case(client_anon, world):
    assert client_anon.get("/api/countries/AZE/").json() == AZE
    assert client_anon.get("/api/countries/aze/").json() == AZE


def test_unknown_country_is_404(client_anon, world):
    assert client_anon.get("/api/countries/XXX/").status_code == 404
    assert client_anon.get("/api/countries/AZER/").status_code == 404


def test_country_list_is_by_name(client_anon, world):
    assert codes(client_anon.get("/api/countries/")) == ["ARM", "AZE", "PAK", "TUR"]


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("q=Azerbaijani", ["AZE"]),
        ("q=islamic republic", ["PAK"]),
        ("q=pk", ["PAK"]),
        ("q=tur", ["TUR"]),
        ("q=Atlantis", []),
        ("forum=OIC", ["AZE", "PAK"]),
        ("forum=un", ["ARM", "AZE", "PAK"]),
        ("forum=UNFCCC", []),
        ("q=Pakistan&forum=OIC", ["PAK"]),
    ],
)
def test_country_list_filter(client_anon, world, query, expect):
    assert codes(client_anon.get(f"/api/countries/?{query}")) == expect


def test_country_list_unknown_forum_is_400(client_anon, world):
    response = client_anon.get("/api/countries/?forum=NOPE")

    assert response.status_code == 400
    assert response.json() == {"forum": ["unknown forum NOPE (see /api/forums/)"]}


# --------------------------------------------------------------------------- officials


def bayramov(w: World) -> dict:
    return {
        "id": w.bayramov.pk,
        "name": "Jeyhun Bayramov",
        "other_names": ["Bayramov"],
        "country": "AZE",
        "positions": [
            {
                "title": "Minister of Foreign Affairs",
                "country": "AZE",
                "start_date": "2020-07-16",
                "start_precision": "day",
                "end_date": None,
                "end_precision": "unknown",
            }
        ],
        "meetings_count": 1,
    }


def test_official_detail(client_anon, world):
    assert client_anon.get(f"/api/officials/{world.bayramov.pk}/").json() == bayramov(world)


def test_official_meetings_count_leaves_out_rejected_meetings(client_anon, world):
    assert client_anon.get(f"/api/officials/{world.bayramov.pk}/").json()["meetings_count"] == 1
    services.meeting_set_status(meeting=world.meeting, status="rejected")

    assert client_anon.get(f"/api/officials/{world.bayramov.pk}/").json()["meetings_count"] == 0


def test_unknown_official_is_404(client_anon, world):
    assert client_anon.get("/api/officials/999999/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("country=AZE", ["bayramov"]),
        ("country=pak", ["gilani"]),
        ("country=ARM", []),
        ("q=bayr", ["bayramov"]),
        ("q=Raza", ["gilani"]),
        ("q=Pashinyan", []),
        ("", ["bayramov", "gilani"]),
    ],
)
def test_official_list_filter(client_anon, world, query, expect):
    people = {"bayramov": world.bayramov.pk, "gilani": world.gilani.pk}

    response = client_anon.get(f"/api/officials/?{query}")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [people[p] for p in expect]


def test_official_list_shape(client_anon, world):
    assert client_anon.get("/api/officials/?country=AZE").json() == page([bayramov(world)])


@pytest.mark.parametrize("query", ["country=XXX", "country=AZE,PAK"])
def test_official_list_bad_country_is_400(client_anon, world, query):
    response = client_anon.get(f"/api/officials/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == ["country"]


# --------------------------------------------------------------------------- sectors


def test_sector_list_and_detail(client_anon, world):
    response = client_anon.get("/api/sectors/")

    assert response.json() == page(
        [{"slug": s, "name": s.capitalize(), "words": [s]} for s in ["defence", "energy", "tourism", "trade"]]
    )
    assert client_anon.get("/api/sectors/trade/").json() == {"slug": "trade", "name": "Trade", "words": ["trade"]}
    assert client_anon.get("/api/sectors/space/").status_code == 404


# --------------------------------------------------------------------------- forums


def test_forum_detail_lists_members_with_their_status(client_anon, world):
    factories.ForumMembershipFactory(
        country=world.tur, forum=world.aze.memberships.get(forum__acronym="OIC").forum, status="observer", since=1992
    )

    response = client_anon.get("/api/forums/OIC/")

    assert response.json() == {
        "acronym": "OIC",
        "name": "Organisation of Islamic Cooperation",
        "other_names": [],
        "kind": "organisation",
        "founded": None,
        "parent": None,
        "registered": True,
        "members_count": 3,
        "members": [
            {"country": "AZE", "name": "Azerbaijan", "status": "member", "since": None},
            {"country": "PAK", "name": "Pakistan", "status": "member", "since": None},
            {"country": "TUR", "name": "Türkiye", "status": "observer", "since": 1992},
        ],
    }


def test_forum_detail_in_any_case_and_unknown_is_404(client_anon, world):
    assert client_anon.get("/api/forums/oic/").json()["acronym"] == "OIC"
    assert client_anon.get("/api/forums/NOPE/").status_code == 404


def test_forum_detail_keeps_mixed_case_acronyms(client_anon, world):
    factories.ForumFactory(acronym="IsDB", name="Islamic Development Bank", kind="bank")
    factories.ForumFactory(acronym="D-8", name="Developing-8 Organization for Economic Cooperation")

    assert client_anon.get("/api/forums/IsDB/").json()["name"] == "Islamic Development Bank"
    assert client_anon.get("/api/forums/ISDB/").json()["acronym"] == "IsDB"
    assert client_anon.get("/api/forums/D-8/").json()["acronym"] == "D-8"


def test_forum_list_shape(client_anon, world):
    un = world.aze.memberships.get(forum__acronym="UN").forum
    factories.ForumFactory(acronym="UNGA", name="United Nations General Assembly", parent=un, kind="un_body")

    response = client_anon.get("/api/forums/?q=general assembly")

    assert response.json() == page(
        [
            {
                "acronym": "UNGA",
                "name": "United Nations General Assembly",
                "other_names": [],
                "kind": "un_body",
                "founded": None,
                "parent": "UN",
                "registered": True,
                "members_count": 0,
            }
        ]
    )


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("", ["CICA", "NAM", "OIC", "UN", "UNFCCC"]),
        ("country=ARM", ["UN"]),
        ("country=TUR", []),
        ("kind=organisation", ["CICA", "NAM", "OIC", "UN", "UNFCCC"]),
        ("kind=bank", []),
        ("q=islamic", ["OIC"]),
        ("q=aligned", ["NAM"]),
        ("q=zzz", []),
    ],
)
def test_forum_list_filter(client_anon, world, query, expect):
    response = client_anon.get(f"/api/forums/?{query}")

    assert response.status_code == 200
    assert [row["acronym"] for row in response.json()["results"]] == expect


@pytest.mark.parametrize(("query", "param"), [("country=XXX", "country"), ("kind=club", "kind")])
def test_forum_list_bad_filter_is_400(client_anon, world, query, param):
    response = client_anon.get(f"/api/forums/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [param]


def test_position_dates_are_iso(client_anon, world):
    factories.PositionFactory(
        official=world.gilani, title="Chairman of the Senate", start_date=date(2024, 4, 9), end_date=None
    )

    positions = client_anon.get(f"/api/officials/{world.gilani.pk}/").json()["positions"]

    assert positions[0]["start_date"] == "2024-04-09"
