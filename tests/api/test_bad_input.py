"""Issue 9: query parameters that used to crash the API are 400s naming the parameter and the problem."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from tests import factories

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
        ("/api/meetings/?sector=%25s", {"sector": ["unknown sector %s (see /api/sectors/)"]}),
        ("/api/meetings/?forum=%25(x)s", {"forum": ["unknown forum %(x)s (see /api/forums/)"]}),
        ("/api/meetings/?country=%25d", {"country": ["unknown country code(s) %d (see /api/countries/)"]}),
        ("/api/countries/?forum=100%25", {"forum": ["unknown forum 100% (see /api/forums/)"]}),
    ],
)
def test_an_unknown_code_with_a_percent_sign_is_named_as_given(client, world, url, body):
    """Issue 9: the code went into the error message, which django-filter formats with `%` (a 500)."""
    response = client.get(url)

    assert response.status_code == 400
    assert response.json() == body


@pytest.mark.parametrize("ordering", [",", ",,", "-date,", ",-date"])
def test_an_ordering_with_empty_names_orders_by_the_names_it_has(client, world, ordering):
    """Issue 9: `?ordering=,` was an IndexError (a 500); empty names name nothing, as `ordering=` does."""
    other = factories.make_meeting([world.aze, world.tur], date=date(2023, 3, 10))

    response = client.get("/api/meetings/", {"ordering": ordering})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [world.meeting.pk, other.pk]


@pytest.mark.parametrize(
    ("ordering", "bad"),
    [("title", "'title'"), (" date", "' date'"), ("--date", "'--date'"), ("date,-dat", "'-dat'")],
)
def test_an_ordering_by_no_known_field_is_a_400_quoting_it(client, world, ordering, bad):
    """Issue 9: `--date` passed the check and failed in the database (a 500)."""
    response = client.get("/api/meetings/", {"ordering": ordering})

    assert response.status_code == 400
    assert response.json() == {"ordering": [f"unknown field {bad}; use one of date, -date"]}


@pytest.mark.parametrize("size", ["0", "501", "-1", "abc", "1.5"])
def test_a_page_size_out_of_bounds_is_a_400(client, world, size):
    """Issue 9: the schema states 1 to 500; a size outside was silently replaced by the default."""
    response = client.get("/api/meetings/", {"page_size": size})

    assert response.status_code == 400
    assert response.json() == {"page_size": [f"{size!r} is not a whole number from 1 to 500"]}


@pytest.mark.parametrize(
    ("query", "count"), [("page_size=", 1), ("page_size=1", 1), ("page_size=500", 1), ("page=", 1)]
)
def test_an_empty_or_bounded_page_size_is_served(client, world, query, count):
    response = client.get(f"/api/meetings/?{query}")

    assert response.status_code == 200
    assert len(response.json()["results"]) == count


def test_a_country_filter_of_separators_only_is_a_400(client, world):
    response = client.get("/api/meetings/?country=,")

    assert response.status_code == 400
    assert response.json() == {"country": ["',' names no country code(s)"]}


@pytest.mark.parametrize(
    "url", ["/api/relations/?format=xml", "/api/meetings/?format=official_visit", "/api/sectors/trade/?format=yaml"]
)
def test_an_unknown_response_format_is_a_400(client, world, url):
    response = client.get(url)

    assert response.status_code == 400
    assert list(response.json()) == ["format"]
    assert response.json()["format"][0].startswith("unknown format")


@pytest.mark.parametrize(
    ("pair", "says"),
    [
        ("KEN", "'KEN' is not a pair: use two ISO3 codes joined by '-', like AZE-PAK"),
        ("KEN-KEN", "'KEN-KEN' names one country twice: a relation is between two countries"),
        ("KENYA-JAPAN", "'KENYA-JAPAN' is not a pair: use two ISO3 codes joined by '-', like AZE-PAK"),
    ],
)
def test_a_relation_that_is_no_pair_is_a_json_400_naming_the_problem(client, world, pair, says):
    response = client.get(f"/api/relations/{pair}/")

    assert response.status_code == 400
    assert response.json() == {"pair": [says]}


def test_error_messages_name_the_expected_form_or_the_valid_values(client, world):
    """Issue 13: a date says YYYY-MM-DD, an unknown sector where the sectors are, a choice the valid ones."""
    assert client.get("/api/meetings/?date_after=2024-13-01").json() == {"date_after": ["not a date: use YYYY-MM-DD"]}
    assert client.get("/api/meetings/?sector=space").json() == {"sector": ["unknown sector space (see /api/sectors/)"]}
    status = client.get("/api/meetings/?status=done").json()["status"][0]
    assert status == "'done' is not one of extracted, verified, rejected"


def test_a_method_the_list_does_not_allow_is_a_405_with_or_without_csv(client, world, admin_user):
    """Issue 9 (found by schemathesis): TRACE /api/meetings/?format=csv was a 404 from content negotiation."""
    client.force_authenticate(admin_user)
    for url in ["/api/meetings/", "/api/meetings/?format=csv", "/api/relations/?format=csv"]:
        response = client.generic("TRACE", url)
        assert response.status_code == 405, url
        assert response.json() == {"detail": 'Method "TRACE" not allowed.'}


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


# --------------------------------------------------------------------------- request bodies


def test_a_meeting_listing_a_code_twice_gets_one_link_each(client_curator, world):
    """Issue 9 (found by schemathesis): "forums": ["OIC", "OIC"] broke a unique constraint (a 500)."""
    body = {"countries": ["TUR", "ARM", "arm"], "sectors": ["trade", "TRADE"], "forums": ["OIC", "oic", "UN"]}

    created = client_curator.post("/api/meetings/", body, format="json")
    edited = client_curator.patch(f"/api/meetings/{world.meeting.pk}/", {"forums": ["NAM", "NAM"]}, format="json")

    assert created.status_code == 201, created.content
    assert (created.json()["countries"], created.json()["sectors"], created.json()["forums"]) == (
        ["ARM", "TUR"],
        ["trade"],
        ["OIC", "UN"],
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["forums"] == ["NAM"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"countries": ["TUR", "ARM"], "summary": 0}, "summary"),
        ({"countries": ["TUR", 7]}, "countries"),
        ({"countries": ["TUR", "ARM"], "participants": [{"official": "1"}]}, "participants"),
        ({"countries": ["TUR", "ARM"], "participants": [{"official": True}]}, "participants"),
    ],
)
def test_a_json_value_of_the_wrong_type_is_a_400(client_curator, world, body, field):
    """Issue 9 (found by schemathesis): DRF took 0 for the text "0" where the schema says a string."""
    response = client_curator.post("/api/meetings/", body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_an_article_whose_language_is_a_number_is_a_400(client_curator, world):
    body = {"text": "Title\n\nBody", "language": 0}

    response = client_curator.post("/api/articles/", body, format="json")

    assert response.status_code == 400
    assert response.json() == {"language": ["Not a valid string."]}
