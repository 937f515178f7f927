"""Issue 9: query parameters that used to crash the API are 400s naming the parameter and the problem."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> APIClient:
    """Shows the answer a user would get, 500 included, instead of raising the exception."""
    client = APIClient()
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/meetings/?sector=%25s", {"sector": ["unknown sector %s"]}),
        ("/api/meetings/?forum=%25(x)s", {"forum": ["unknown forum %(x)s"]}),
        ("/api/meetings/?country=%25d", {"country": ["unknown country code(s) %d"]}),
        ("/api/countries/?forum=100%25", {"forum": ["unknown forum 100%"]}),
    ],
)
def test_an_unknown_code_with_a_percent_sign_is_named_as_given(client, world, url, body):
    """Issue 9: the code went into the error message, which django-filter formats with `%` (a 500)."""
    response = client.get(url)

    assert response.status_code == 400
    assert response.json() == body


@pytest.mark.parametrize("ordering", [",", ", ,", " "])
def test_an_ordering_of_separators_only_is_a_400(client, world, ordering):
    """Issue 9: `?ordering=,` was an IndexError (a 500)."""
    response = client.get("/api/meetings/", {"ordering": ordering})

    assert response.status_code == 400
    assert response.json() == {"ordering": [f"{ordering!r} names no field; use one of date"]}


def test_an_ordering_with_a_stray_separator_still_orders(client, world):
    response = client.get("/api/meetings/", {"ordering": "-date,"})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [world.meeting.pk]


def test_the_browsable_api_login_page_is_served(client):
    """Issue 9: /api/auth/login/ was a 500 (the `rest_framework` URL namespace was not registered)."""
    response = client.get("/api/auth/login/?next=/api/meetings/")

    assert response.status_code == 200
    assert b'<form action="/api/auth/login/"' in response.content


def test_the_browsable_api_login_logs_in_and_returns_to_the_api(world, curator):
    client = APIClient(enforce_csrf_checks=False)
    client.raise_request_exception = False

    response = client.post(
        "/api/auth/login/",
        {"username": "curator", "password": "correct horse battery staple", "next": "/api/meetings/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/api/meetings/"
    page = client.get("/api/meetings/", HTTP_ACCEPT="text/html")
    assert b"curator" in page.content
    assert b'href="/api/auth/logout/' in page.content or b'action="/api/auth/logout/' in page.content


def test_the_browsable_api_offers_the_login_link(client, world):
    page = client.get("/api/meetings/", HTTP_ACCEPT="text/html")

    assert page.status_code == 200
    assert b"<a href='/api/auth/login/?next=/api/meetings/'>Log in</a>" in page.content
