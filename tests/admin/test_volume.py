"""Changelists at volume (issue 10): filters that read no link table and add no DISTINCT.

At 100,000 meetings the meeting changelist took 366 ms: its related-only filters read every link
row for their choices (116 ms for the sectors), a filter through a many-to-many join made the
changelist add a DISTINCT over whole meeting rows, and the date hierarchy read every meeting for
its years. These tests pin the shape of the SQL, which holds on SQLite too.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations import models

from .conftest import admin_url

LINK_TABLES = ("relations_meetingcountry", "relations_meetingsector", "relations_meetingforum")


def _changelist(admin_client, model, **params):  # type: ignore[no-untyped-def]
    """(rows shown, SQL run) for one GET of a changelist."""
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(admin_url(model), params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list), [query["sql"] for query in queries]


def test_meeting_changelist_reads_no_link_table_for_its_filters(admin_client, world):
    """Issue 10: the sidebar's party, sector and forum choices come from the reference tables."""
    rows, statements = _changelist(admin_client, models.Meeting)
    assert rows == [world.meeting, world.other_meeting]
    reads = [sql for sql in statements if any(table in sql for table in LINK_TABLES)]
    assert len(reads) == 1, reads  # the page's parties, fetched for its rows only
    assert 'WHERE "relations_meetingcountry"."meeting_id" IN' in reads[0]
    assert not [sql for sql in statements if "DISTINCT" in sql.upper()]


@pytest.mark.parametrize(
    "params",
    [
        {"countries__iso3__exact": "AZE"},
        {"sectors__id__exact": "energy"},
        {"forums__id__exact": "oic"},
        {"date__year": "2024"},
        {"countries__iso3__exact": "PAK", "date__year": "2024", "status__exact": "extracted"},
    ],
    ids=["party", "sector", "forum", "year", "all"],
)
def test_meeting_changelist_filtered_runs_no_distinct(admin_client, world, params):
    """Issue 10: each filter is a subquery of meeting ids, which cannot repeat a meeting: no DISTINCT."""
    params = {k: str(getattr(world, v).pk) if k.endswith("id__exact") else v for k, v in params.items()}
    rows, statements = _changelist(admin_client, models.Meeting, **params)
    assert rows == [world.meeting]
    assert not [sql for sql in statements if "DISTINCT" in sql.upper()]
    assert len([sql for sql in statements if sql.startswith("SELECT COUNT(")]) == 1  # no second count of all meetings


def test_meeting_filters_list_every_reference_row_newest_year_first(admin_client, world):
    response = admin_client.get(admin_url(models.Meeting))
    choices = {
        str(spec.title): [choice["display"] for choice in spec.choices(response.context["cl"])][1:]
        for spec in response.context["cl"].filter_specs
    }
    assert choices["sector"] == ["Energy", "Tourism"]  # tourism has no meeting: listed all the same
    assert choices["forum"] == ["OIC", "UN", "UNGA"]
    assert choices["party"] == ["Armenia", "Azerbaijan", "Pakistan"]
    assert choices["year"] == ["2024", "2023"]


@pytest.mark.parametrize("params", [{"sectors__id__exact": "energy"}, {"date__year": "twenty"}, {"date__year": "0"}])
def test_meeting_filter_with_a_malformed_value_says_so_rather_than_failing(admin_client, world, params):
    response = admin_client.get(admin_url(models.Meeting), params)
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
