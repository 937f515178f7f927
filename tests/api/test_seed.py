"""Issue 4's acceptance checks against the real seed data (`manage.py load_seeds`).

These run the real reference data and the real extractor over the seed article.
"""

from __future__ import annotations

import pytest

from .test_articles import NEW_ARTICLE

pytestmark = pytest.mark.django_db


def test_seed_meeting_is_found_by_its_pair(client_anon, seeded):
    response = client_anon.get("/api/meetings/?country=AZE,PAK")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    meeting = body["results"][0]
    assert meeting["title"] == "Azerbaijan, Pakistan discuss strategic partnership"
    assert meeting["countries"] == ["AZE", "PAK"]
    assert meeting["format"] == "official_visit"
    assert [(p["name"], p["country"]) for p in meeting["participants"]] == [
        ("Jeyhun Bayramov", "AZE"),
        ("Syed Yousuf Raza Gilani", "PAK"),
    ]
    assert {"defence", "energy", "trade", "tourism"} <= set(meeting["sectors"])
    assert {"CICA", "NAM", "OIC", "UN"} <= set(meeting["forums"])
    assert [s["title"] for s in meeting["sources"]] == ["Azerbaijan, Pakistan discuss strategic partnership"]


def test_seed_relation_has_the_strategic_partnership_with_its_source_and_shared_forums(client_anon, seeded):
    response = client_anon.get("/api/relations/PAK-AZE/")

    body = response.json()
    assert response.status_code == 200
    assert body["pair"] == "AZE-PAK"
    assert body["level"] == "strategic_partnership"
    assert body["levels"][0]["source"]["title"] == "Azerbaijan, Pakistan discuss strategic partnership"
    assert "strategic partnership" in body["levels"][0]["evidence"]
    assert {"CICA", "NAM", "OIC", "UN"} <= {f["acronym"] for f in body["shared_forums"]}
    assert body["meetings_count"] == 1


def test_seed_forum_oic_lists_aze_and_pak_among_members(client_anon, seeded):
    members = client_anon.get("/api/forums/OIC/").json()["members"]

    assert {"AZE", "PAK"} <= {m["country"] for m in members}


def test_seed_anonymous_post_is_refused_and_token_post_is_201_then_200(client_anon, client_curator, seeded):
    assert client_anon.post("/api/articles/", NEW_ARTICLE, format="json").status_code == 401

    assert client_curator.post("/api/articles/", NEW_ARTICLE, format="json").status_code == 201
    assert client_curator.post("/api/articles/", NEW_ARTICLE, format="json").status_code == 200
