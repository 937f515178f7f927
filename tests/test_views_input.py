"""Issue 9: the pages over rows that an admin edit or an old ingest can leave."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from relations import models
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """Shows the 500 page a user would get instead of raising the exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def aland(db) -> models.Country:
    factories.CountryFactory.reset_sequence()
    return factories.CountryFactory(iso3="ALD", iso2="ZY", name="Aland")


@pytest.fixture
def borduria(db) -> models.Country:
    return factories.CountryFactory(iso3="BRD", iso2="ZZ", name="Borduria")


@pytest.fixture
def meeting(aland, borduria) -> models.Meeting:
    return factories.make_reported_meeting(aland, borduria, date=date(2024, 3, 3))


# --------------------------------------------------------------------------- a city without a country


@pytest.mark.parametrize("url", ["/", "/meetings/", "/relations/ALD-BRD/", "/meetings/{pk}/"])
def test_a_meeting_with_a_city_but_no_country_is_shown_with_its_city(client, meeting, url):
    """Issue 9: a curator who cleared the country and kept the city made these pages 500."""
    models.Meeting.objects.filter(pk=meeting.pk).update(location_country=None, host_country=None)

    response = client.get(url.format(pk=meeting.pk))

    assert response.status_code == 200
    assert "Bordurograd" in response.content.decode()


@pytest.mark.parametrize("url", ["/countries/ALD/", "/forums/UN/"])
def test_pages_listing_a_meeting_with_a_city_but_no_country_work(client, meeting, url):
    models.Meeting.objects.filter(pk=meeting.pk).update(location_country=None, host_country=None)

    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "place"), [("/meetings/", "Official visit, Borduria"), ("/relations/ALD-BRD/", "Official visit · Borduria")]
)
def test_a_meeting_with_a_country_but_no_city_is_shown_with_its_country(client, meeting, url, place):
    models.Meeting.objects.filter(pk=meeting.pk).update(location_city="")

    response = client.get(url)

    assert response.status_code == 200
    assert place in response.content.decode()
