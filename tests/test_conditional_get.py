"""Issue 10: pages and API answers carry an ETag and Last-Modified from the data version that every
committed write bumps, and a client that sends them back gets 304 without the page being built."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations import models, services
from relations.services.versions import data_changed_now, data_version
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting() -> models.Meeting:
    a = factories.CountryFactory(iso3="AZE", iso2="AZ", name="Azerbaijan")
    b = factories.CountryFactory(iso3="PAK", iso2="PK", name="Pakistan")
    made = factories.make_meeting([a, b], date=date(2024, 5, 1))
    data_changed_now()  # factories write around the services; a flushed database has no version row before this
    return made


def get(client, url: str, **headers: str):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    response.queries = len(queries)
    return response


@pytest.mark.parametrize("url", ["/", "/meetings/", "/relations/AZE-PAK/", "/api/meetings/", "/api/relations/AZE-PAK/"])
def test_asking_again_with_the_etag_is_a_304_that_builds_nothing(client, meeting, url):
    first = get(client, url)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"]
    assert first.headers["Cache-Control"] == "no-cache"
    assert "Accept" in first.headers["Vary"]

    again = get(client, url, if_none_match=etag)

    assert (again.status_code, again.content, again.headers["ETag"]) == (304, b"", etag)
    assert again.queries == 1  # the data version; no view ran


def test_a_committed_write_changes_the_etag(client, meeting, django_capture_on_commit_callbacks):
    etag = get(client, "/api/meetings/").headers["ETag"]
    before = data_version()[0]

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_set_status(meeting=meeting, status="verified")

    assert data_version()[0] == before + 1
    after = get(client, "/api/meetings/", if_none_match=etag)
    assert after.status_code == 200
    assert after.headers["ETag"] != etag
    assert after.json()["results"][0]["status"] == "verified"


def test_a_write_that_rolls_back_changes_nothing(meeting, django_capture_on_commit_callbacks):
    before = data_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.articles_ingest(articles=[], dry_run=True)
        with pytest.raises(Exception, match="unknown forum"):
            services.meeting_update(meeting=meeting, data={"title": "Renamed", "forums": ["NOPE"]})
    assert callbacks == []
    assert data_version() == before


def test_one_transaction_bumps_once(meeting, django_capture_on_commit_callbacks):
    """The test runs in one transaction: two writes in it are one new version."""
    before = data_version()[0]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.meeting_update(meeting=meeting, data={"title": "One", "summary": "Two"})
        services.meeting_set_status(meeting=meeting, status="verified")
    assert len(callbacks) == 1
    assert data_version()[0] == before + 1


def test_if_modified_since_is_answered_too(client, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_set_status(meeting=meeting, status="verified")
    first = get(client, "/meetings/")
    again = get(client, "/meetings/", if_modified_since=first.headers["Last-Modified"])
    assert again.status_code == 304


def test_answers_differ_by_format_and_by_user(client, admin_client, meeting):
    json = get(client, "/api/meetings/").headers["ETag"]
    csv = get(client, "/api/meetings/?format=csv", accept="text/csv").headers["ETag"]
    mine = get(admin_client, "/api/meetings/").headers["ETag"]
    assert len({json, csv, mine}) == 3
    assert get(admin_client, "/").headers["Cache-Control"] == "no-cache, private"


@pytest.mark.parametrize(
    ("url", "accept"),
    [("/admin/", ""), ("/api/meetings/", "text/html"), ("/api/schema/", ""), ("/api/docs/", "")],
)
def test_the_admin_the_browsable_api_and_the_docs_are_not_conditional(admin_client, meeting, url, accept):
    response = admin_client.get(url, headers={"accept": accept} if accept else {})
    assert response.status_code == 200
    assert "ETag" not in response.headers
