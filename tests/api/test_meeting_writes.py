"""POST/PATCH /api/meetings/ and POST /api/meetings/{id}/status/: writes through the services."""

from __future__ import annotations

import pytest

from relations import models

from .conftest import World

pytestmark = pytest.mark.django_db

NEW_MEETING = {
    "title": "Armenia and Türkiye hold talks",
    "date": "2024-09-01",
    "format": "talks",
    "location_country": "TUR",
    "location_city": "Ankara",
    "countries": ["TUR", "arm"],
    "participants": [{"name": "Ararat Mirzoyan", "country": "ARM", "title": "Minister of Foreign Affairs"}],
    "sectors": ["trade"],
    "forums": ["un"],
}


def test_create_meeting_returns_the_detail_and_locks_the_given_fields(client_curator, world):
    response = client_curator.post("/api/meetings/", NEW_MEETING, format="json")

    assert response.status_code == 201, response.content
    meeting = models.Meeting.objects.get(pk=response.json()["id"])
    assert response.json() == {
        "id": meeting.pk,
        "title": "Armenia and Türkiye hold talks",
        "date": "2024-09-01",
        "date_precision": "day",
        "format": "talks",
        "location_country": "TUR",
        "location_city": "Ankara",
        "host_country": None,
        "countries": ["ARM", "TUR"],
        "participants": [
            {"official": None, "name": "Ararat Mirzoyan", "country": "ARM", "title": "Minister of Foreign Affairs"}
        ],
        "sectors": ["trade"],
        "forums": ["UN"],
        "status": "extracted",
        "summary": "",
        "sources": [],
        "locked_fields": [
            "countries",
            "date",
            "format",
            "forums",
            "location_city",
            "location_country",
            "participants",
            "sectors",
            "title",
        ],
        "evidence": {
            "date": "",
            "format": "",
            "location": "",
            "countries": [
                {"country": c, "source": None, "sentence": "", "start": None, "end": None, "origin": "curator"}
                for c in ("ARM", "TUR")
            ],
            "participants": [
                {
                    "official": None,
                    "name": "Ararat Mirzoyan",
                    "source": None,
                    "sentence": "",
                    "start": None,
                    "end": None,
                    "origin": "curator",
                }
            ],
            "sectors": [
                {"sector": "trade", "source": None, "sentence": "", "start": None, "end": None, "origin": "curator"}
            ],
            "forums": [
                {"forum": "UN", "source": None, "sentence": "", "start": None, "end": None, "origin": "curator"}
            ],
        },
    }
    assert models.BilateralRelation.objects.for_pair("TUR", "ARM").exists()


@pytest.mark.parametrize(
    ("change", "expect"),
    [
        ({"countries": ["ARM", "XXX"]}, {"countries": ["unknown country code XXX"]}),
        ({"countries": ["ARM", "arm"]}, {"countries": ["a meeting needs at least two different countries"]}),
        ({"countries": ["ARM"]}, {"countries": ["Ensure this field has at least 2 elements."]}),
        ({"sectors": ["space"]}, {"sectors": ["unknown sector space"]}),
        ({"forums": ["NOPE"]}, {"forums": ["unknown forum NOPE"]}),
        ({"location_country": "XXX"}, {"location_country": ["unknown country code XXX"]}),
        ({"date": "yesterday"}, {"date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]}),
        ({"format": "teleport"}, {"format": ['"teleport" is not a valid choice.']}),
        ({"participants": [{"official": 999999}]}, {"participants": ["unknown official 999999"]}),
        (
            {"participants": [{"title": "Ambassador"}]},
            {"participants": ["each participant needs an official or a name"]},
        ),
        (
            {"participants": [{"name": "Someone", "country": "PAK"}]},
            {"participants": ["participants of PAK, not a party"]},
        ),
    ],
)
def test_create_meeting_with_bad_data_is_400_and_writes_nothing(client_curator, world, change, expect):
    before = models.Meeting.objects.count()

    response = client_curator.post("/api/meetings/", {**NEW_MEETING, **change}, format="json")

    assert response.status_code == 400
    assert response.json() == expect
    assert models.Meeting.objects.count() == before


def test_create_meeting_needs_countries(client_curator, world):
    payload = {k: v for k, v in NEW_MEETING.items() if k != "countries"}

    response = client_curator.post("/api/meetings/", payload, format="json")

    assert response.status_code == 400
    assert response.json() == {"countries": ["This field is required."]}


def test_edit_meeting_locks_only_the_changed_fields(client_curator, world: World):
    response = client_curator.patch(
        f"/api/meetings/{world.meeting.pk}/",
        {"location_city": "Rawalpindi", "format": "official_visit", "sectors": ["trade", "tourism"]},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["location_city"] == "Rawalpindi"
    assert body["sectors"] == ["tourism", "trade"]
    assert body["locked_fields"] == ["location_city", "sectors"]
    # The sector that stays keeps its extracted evidence; the new one is the curator's.
    assert [(e["sector"], e["origin"], e["source"]) for e in body["evidence"]["sectors"]] == [
        ("tourism", "curator", None),
        ("trade", "extracted", world.article.pk),
    ]


def test_edit_meeting_participants_keeps_known_rows_and_records_history(client_curator, world: World, curator):
    response = client_curator.patch(
        f"/api/meetings/{world.meeting.pk}/",
        {
            "participants": [
                {"official": world.bayramov.pk, "title": "Foreign Minister"},
                {"official": world.gilani.pk, "title": "Acting President and Chairman of the Senate"},
            ]
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    assert [(p["official"], p["title"]) for p in response.json()["participants"]] == [
        (world.bayramov.pk, "Foreign Minister"),
        (world.gilani.pk, "Acting President and Chairman of the Senate"),
    ]
    assert response.json()["locked_fields"] == ["participants"]
    assert world.meeting.history.latest().history_user == curator


def test_edit_with_nothing_changed_locks_nothing(client_curator, world: World):
    response = client_curator.patch(f"/api/meetings/{world.meeting.pk}/", {"location_city": "Islamabad"}, format="json")

    assert response.status_code == 200
    assert response.json()["locked_fields"] == []


def test_edit_meeting_with_bad_data_is_400_and_changes_nothing(client_curator, world: World):
    response = client_curator.patch(
        f"/api/meetings/{world.meeting.pk}/", {"location_city": "Lahore", "forums": ["NOPE"]}, format="json"
    )

    assert response.status_code == 400
    world.meeting.refresh_from_db()
    assert world.meeting.location_city == "Islamabad"


def test_put_and_delete_are_not_offered(client_curator, world: World):
    from django.contrib.auth.models import User
    from rest_framework.test import APIClient

    admin = APIClient()
    admin.force_authenticate(User.objects.create_superuser("admin", password="x" * 20))
    assert client_curator.put(f"/api/meetings/{world.meeting.pk}/", NEW_MEETING, format="json").status_code == 405
    assert admin.delete(f"/api/meetings/{world.meeting.pk}/").status_code == 405
    assert models.Meeting.objects.filter(pk=world.meeting.pk).exists()


def test_status_action_verifies_a_meeting(client_curator, world: World):
    response = client_curator.post(f"/api/meetings/{world.meeting.pk}/status/", {"status": "verified"}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    world.meeting.refresh_from_db()
    assert world.meeting.status == "verified"


def test_status_action_rejects_an_unknown_status(client_curator, world: World):
    response = client_curator.post(f"/api/meetings/{world.meeting.pk}/status/", {"status": "maybe"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"status": ['"maybe" is not a valid choice.']}


def test_status_action_on_unknown_meeting_is_404(client_curator, db):
    assert client_curator.post("/api/meetings/999999/status/", {"status": "verified"}, format="json").status_code == 404
