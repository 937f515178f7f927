"""The API with an article that reports several meetings: the POST answers every meeting, the article
detail lists them all (the extractor is replaced by tests/several_meetings.py's stand-in)."""

from __future__ import annotations

import pytest

from relations import models
from tests.several_meetings import SUMMIT_BODY, SUMMIT_TITLE, read_as

pytestmark = pytest.mark.django_db

SUMMIT = {
    "title": SUMMIT_TITLE,
    "text": SUMMIT_BODY,
    "publisher": "Steppe News Agency",
    "published": "2024-07-04",
}


def test_post_an_article_reporting_five_meetings_answers_all_five(client_curator, reference, monkeypatch):
    read_as(monkeypatch)
    response = client_curator.post("/api/articles/", SUMMIT, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    ids = sorted(models.Meeting.objects.values_list("pk", flat=True))
    assert body["outcome"] == "new"
    assert sorted(m["id"] for m in body["meetings"]) == ids
    assert sorted("-".join(m["countries"]) for m in body["meetings"]) == [
        "AZE-KAZ",
        "KAZ-KGZ",
        "KAZ-PAK",
        "KAZ-TJK",
        "KAZ-UZB",
    ]
    assert body["article"]["meetings"] == ids
    again = client_curator.post("/api/articles/", SUMMIT, format="json")
    assert again.status_code == 200
    assert sorted(m["id"] for m in again.json()["meetings"]) == ids


def test_article_detail_lists_every_meeting_the_article_produced(client_curator, client_anon, reference, monkeypatch):
    read_as(monkeypatch)
    article = client_curator.post("/api/articles/", SUMMIT, format="json").json()["article"]
    detail = client_anon.get(f"/api/articles/{article['id']}/").json()
    assert detail["meetings"] == sorted(models.Meeting.objects.values_list("pk", flat=True))
    assert len(detail["meetings"]) == 5
    listed = client_anon.get("/api/articles/").json()["results"]
    assert [a["meetings"] for a in listed] == [detail["meetings"]]
