"""GET /api/relations/: one row per pair; the pair detail in either order; CSV."""

from __future__ import annotations

from datetime import date

import pytest

from relations import models, services
from tests import factories

from .conftest import World, page

pytestmark = pytest.mark.django_db

AZE_PAK_ROW = {
    "pair": "AZE-PAK",
    "countries": ["AZE", "PAK"],
    "level": "strategic_partnership",
    "meetings_count": 1,
    "last_meeting_date": "2024-05-01",
}


@pytest.fixture
def aze_tur(world: World) -> models.Meeting:
    """Two AZE-TUR meetings (2023 and 2024) and no stated level."""
    factories.make_meeting([world.aze, world.tur], date=date(2023, 3, 10))
    meeting = factories.make_meeting([world.tur, world.aze], date=date(2024, 2, 1))
    factories.BilateralRelationFactory(country_a=world.aze, country_b=world.tur)
    return meeting


def test_relation_list_has_one_row_per_pair_with_meetings_or_a_level(client_anon, world, aze_tur):
    factories.BilateralRelationFactory(country_a=world.arm, country_b=world.tur)  # no meeting, no level

    response = client_anon.get("/api/relations/")

    assert response.json() == page(
        [
            AZE_PAK_ROW,
            {
                "pair": "AZE-TUR",
                "countries": ["AZE", "TUR"],
                "level": None,
                "meetings_count": 2,
                "last_meeting_date": "2024-02-01",
            },
        ]
    )


def test_relation_level_is_the_latest_stated(client_anon, world):
    factories.RelationLevelFactory(
        relation=world.relation, level="comprehensive_strategic_partnership", stated_on=date(2025, 1, 1)
    )
    factories.RelationLevelFactory(relation=world.relation, level="friendly", stated_on=None)

    assert client_anon.get("/api/relations/").json()["results"][0]["level"] == "comprehensive_strategic_partnership"


def test_relation_with_only_rejected_meetings_and_no_level_is_not_listed(client_anon, world):
    services.reference_delete(instances=[world.level])
    services.meeting_set_status(meeting=world.meeting, status="rejected")

    assert client_anon.get("/api/relations/").json() == page([])


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("country=AZE", ["AZE-PAK", "AZE-TUR"]),
        ("country=pak", ["AZE-PAK"]),
        ("country=TUR,AZE", ["AZE-TUR"]),
        ("country=ARM", []),
        ("country=PAK,TUR", []),
    ],
)
def test_relation_list_filter(client_anon, world, aze_tur, query, expect):
    response = client_anon.get(f"/api/relations/?{query}")

    assert response.status_code == 200
    assert [row["pair"] for row in response.json()["results"]] == expect


def test_relation_list_ordering(client_anon, world, aze_tur):
    def pairs(query: str) -> list[str]:
        return [row["pair"] for row in client_anon.get(f"/api/relations/?{query}").json()["results"]]

    assert pairs("ordering=-meetings_count") == ["AZE-TUR", "AZE-PAK"]
    assert pairs("ordering=meetings_count") == ["AZE-PAK", "AZE-TUR"]
    assert pairs("ordering=-last_meeting_date") == ["AZE-PAK", "AZE-TUR"]
    assert client_anon.get("/api/relations/?ordering=pair").status_code == 400


def test_relation_list_bad_country_is_400(client_anon, world):
    response = client_anon.get("/api/relations/?country=XXX")

    assert response.status_code == 400
    assert response.json() == {"country": ["unknown country code(s) XXX (see /api/countries/)"]}


def test_relation_list_as_csv(client_anon, world, aze_tur):
    response = client_anon.get("/api/relations/?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "pair,country_a,country_b,level,meetings_count,last_meeting_date",
        "AZE-PAK,AZE,PAK,strategic_partnership,1,2024-05-01",
        "AZE-TUR,AZE,TUR,,2,2024-02-01",
    ]


def test_relation_detail_in_either_order(client_anon, world):
    from .test_meetings import meeting_item

    expected = {
        "pair": "AZE-PAK",
        "countries": [{"iso3": "AZE", "name": "Azerbaijan"}, {"iso3": "PAK", "name": "Pakistan"}],
        "level": "strategic_partnership",
        "levels": [
            {
                "level": "strategic_partnership",
                "stated_on": "2024-05-01",
                "source": {
                    "id": world.article.pk,
                    "title": "Azerbaijan, Pakistan discuss strategic partnership",
                    "url": "https://example.org/aze-pak",
                    "publisher": "Example Agency",
                    "published": "2024-05-02",
                },
                "evidence": "Highlighting the strategic partnership between Azerbaijan and Pakistan",
            }
        ],
        "levels_count": 1,
        "meetings_count": 1,
        "last_meeting_date": "2024-05-01",
        "meetings_per_year": [{"year": 2024, "count": 1}],
        "sectors": [
            {"sector": "defence", "count": 1},
            {"sector": "energy", "count": 1},
            {"sector": "trade", "count": 1},
        ],
        "shared_forums": [
            {
                "acronym": acronym,
                "name": name,
                "memberships": [
                    {"country": "AZE", "status": "member", "since": None},
                    {"country": "PAK", "status": "member", "since": None},
                ],
            }
            for acronym, name in [
                ("CICA", "Conference on Interaction and Confidence Building Measures in Asia"),
                ("NAM", "Non-Aligned Movement"),
                ("OIC", "Organisation of Islamic Cooperation"),
                ("UN", "United Nations"),
            ]
        ],
        "latest_meetings": [meeting_item(world)],
    }

    assert client_anon.get("/api/relations/AZE-PAK/").json() == expected
    assert client_anon.get("/api/relations/PAK-AZE/").json() == expected
    assert client_anon.get("/api/relations/pak-aze/").json() == expected


def test_relation_detail_counts_meetings_per_year_and_sector(client_anon, world):
    older = factories.make_meeting([world.aze, world.pak], date=date(2022, 6, 1))
    factories.MeetingSectorFactory(meeting=older, sector=models.CooperationSector.objects.get(slug="trade"))
    factories.make_meeting([world.aze, world.pak], date=None, date_precision="unknown")

    body = client_anon.get("/api/relations/AZE-PAK/").json()

    assert body["meetings_count"] == 3
    assert body["meetings_per_year"] == [{"year": 2022, "count": 1}, {"year": 2024, "count": 1}]
    assert body["sectors"] == [
        {"sector": "trade", "count": 2},
        {"sector": "defence", "count": 1},
        {"sector": "energy", "count": 1},
    ]
    assert [m["date"] for m in body["latest_meetings"]] == ["2024-05-01", "2022-06-01", None]


def test_relation_detail_of_a_pair_that_never_met(client_anon, world):
    assert client_anon.get("/api/relations/ARM-PAK/").json() == {
        "pair": "ARM-PAK",
        "countries": [{"iso3": "ARM", "name": "Armenia"}, {"iso3": "PAK", "name": "Pakistan"}],
        "level": None,
        "levels": [],
        "levels_count": 0,
        "meetings_count": 0,
        "last_meeting_date": None,
        "meetings_per_year": [],
        "sectors": [],
        "shared_forums": [
            {
                "acronym": "UN",
                "name": "United Nations",
                "memberships": [
                    {"country": "ARM", "status": "member", "since": None},
                    {"country": "PAK", "status": "member", "since": None},
                ],
            }
        ],
        "latest_meetings": [],
    }


@pytest.mark.parametrize("pair", ["AZE-XXX", "XXX-AZE"])
def test_relation_detail_of_an_unknown_country_is_404(client_anon, world, pair):
    assert client_anon.get(f"/api/relations/{pair}/").status_code == 404


@pytest.mark.parametrize("pair", ["AZE-AZE", "AZE", "AZE-PAK-TUR"])
def test_relation_detail_of_what_is_no_pair_is_400(client_anon, world, pair):
    """Issue 13: a JSON 400 naming the problem (tests/api/test_bad_input.py checks the words)."""
    response = client_anon.get(f"/api/relations/{pair}/")
    assert response.status_code == 400
    assert list(response.json()) == ["pair"]
