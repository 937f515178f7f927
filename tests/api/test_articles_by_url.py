"""POST /api/articles/ with {"url": ...} and no text, over real HTTP (issue 14): the page is fetched
from the tests' own web on 127.0.0.1 and ingested through the same service as `ingest_urls`."""

from __future__ import annotations

import httpx
import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

from relations import models, services

from .conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def token(transactional_db) -> str:
    services.reference_data_load()
    curator: User = make_user("curator", "relations.add_article")
    return Token.objects.create(user=curator).key


def post(live_server, token: str, body: dict) -> httpx.Response:
    return httpx.post(
        f"{live_server.url}/api/articles/", json=body, headers={"Authorization": f"Token {token}"}, timeout=30
    )


def test_a_url_without_text_is_fetched_and_its_meeting_created_for_review(live_server, web, token):
    response = post(live_server, token, {"url": web.url("/news/visit.html")})

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["outcome"] == "new"
    assert body["article"]["url"] == web.url("/news/visit.html")
    assert body["article"]["publisher"] == "Georgian Foreign Ministry"
    assert body["article"]["published"] == "2025-02-11"
    assert [m["status"] for m in body["meetings"]] == ["extracted"]
    assert models.Article.objects.get().fetched_at is not None


def test_the_same_url_again_answers_200_with_the_stored_article_and_its_meeting(live_server, web, token):
    first = post(live_server, token, {"url": web.url("/news/visit.html")}).json()
    again = post(live_server, token, {"url": web.url("/news/visit.html")})

    assert again.status_code == 200
    assert (again.json()["outcome"], again.json()["created"]) == ("known", False)
    assert again.json()["article"]["id"] == first["article"]["id"]
    assert [m["id"] for m in again.json()["meetings"]] == [m["id"] for m in first["meetings"]]
    assert web.hits["/news/visit.html"] == 1


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.html", "HTTP 404 Not Found"),
        ("/report.pdf", "not an HTML page (application/pdf)"),
        ("/private/visit.html", "robots.txt of {host} forbids fetching /private/visit.html"),
    ],
)
def test_a_page_that_is_no_article_is_a_400_naming_the_url_and_the_reason(live_server, web, token, path, reason):
    response = post(live_server, token, {"url": web.url(path)})

    assert response.status_code == 400
    host = web.base.removeprefix("http://")
    assert response.json() == {"url": [f"{web.url(path)}: {reason.format(host=host)}"]}
    assert models.Article.objects.count() == 0


def test_neither_text_nor_url_says_the_text_is_required(live_server, token):
    response = post(live_server, token, {"title": "Nothing"})
    assert (response.status_code, response.json()) == (400, {"text": ["This field is required."]})


def test_a_host_other_than_the_tests_own_is_refused_without_reaching_it(live_server, token):
    response = post(live_server, token, {"url": "https://www.example.org/news/1"})
    assert response.json() == {
        "url": [
            "https://www.example.org/news/1: fetching from www.example.org is not allowed here (FETCH_ALLOWED_HOSTS)"
        ]
    }
