"""Issue 9: no 500 from any input, and every answer under /api/ is JSON (relations/errors.py, middleware.py).

A NUL in a path or a query parameter used to reach PostgreSQL, whose text cannot hold it (a
DataError, so a 500); on SQLite it passed. These tests hold on both databases.
"""

from __future__ import annotations

import pytest
from django.test import Client

from relations import api, selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """A client that shows the 500 page a user would get instead of raising the exception."""
    return Client(raise_request_exception=False)


# --------------------------------------------------------------------------- NUL in the request


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/meetings/?country=AZE%00", "country"),
        ("/api/meetings/?sector=trade%00", "sector"),
        ("/api/meetings/?q=%00", "q"),
        ("/api/countries/?forum=OIC&q=a%00b", "q"),
        ("/api/relations/?country=AZE&country=%00", "country"),
        ("/api/meetings/?%00=1", "\\x00"),
    ],
)
def test_nul_in_an_api_query_parameter_is_a_400_naming_the_parameter(client, url, parameter):
    """Issue 9: `?country=AZE%00` was a 500 from psycopg on PostgreSQL."""
    response = client.get(url)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {parameter: ["contains a NUL character (%00), which no code, name or search can hold"]}


@pytest.mark.parametrize("url", ["/api/countries/%00/", "/api/forums/%00/", "/api/forums/O%00IC/"])
def test_nul_in_an_api_path_is_a_400_naming_the_path(client, url):
    """Issue 9: `/api/forums/%00/` was a 500 on PostgreSQL."""
    response = client.get(url)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "the path contains a NUL character (%00), which no code, name or search can hold"
    }


@pytest.mark.parametrize(
    ("url", "where"),
    [
        ("/search/?q=%00", "The parameter “q”"),
        ("/meetings/?q=%00", "The parameter “q”"),
        ("/meetings/?sector=%00", "The parameter “sector”"),
        ("/countries/%00/", "The address"),
        ("/forums/%00/", "The address"),
        ("/relations/AZE-%00/", "The address"),
    ],
)
def test_nul_in_a_page_address_is_a_400_page_saying_where(client, url, where):
    """Issue 9: the search box and the country and forum pages were 500s on PostgreSQL."""
    response = client.get(url)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert f"{where}: " in response.content.decode()
    assert "contains a NUL character" in response.content.decode()


def test_a_search_without_nul_still_works(client):
    assert client.get("/search/?q=Aland").status_code == 200
    assert client.get("/api/countries/?q=Aland").status_code == 200


# --------------------------------------------------------------------------- JSON under /api/


@pytest.mark.parametrize("url", ["/api/nothing-here/", "/api/meetings/12/extra/", "/api/countries/TOOLONG/"])
def test_an_unknown_api_path_is_a_json_404(client, url):
    """Issue 9: Django's own 404 page answered HTML under /api/."""
    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": f"Not found: nothing at {url}"}


def test_an_unknown_page_is_still_an_html_404(client):
    response = client.get("/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_an_unexpected_exception_in_the_api_is_a_json_500(client, monkeypatch):
    """Issue 9: a crash under /api/ answered Django's HTML 500 page."""

    def crash(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api.SectorViewSet, "list", crash)

    response = client.get("/api/sectors/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "A server error occurred."}


def test_an_unexpected_exception_on_a_page_is_still_an_html_500(client, monkeypatch):
    def crash() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "pages_totals", crash)

    response = client.get("/")

    assert response.status_code == 500
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"Server Error (500)" in response.content
