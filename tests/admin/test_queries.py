"""Query budgets: every changelist runs the same number of queries for 1 row as for 20."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations import models
from tests import factories as f

from .conftest import admin_url, populate
from .test_pages import CURATED_MODELS

# Session, user, counts, the page, the sidebar filters' choices and the date hierarchy: a
# changelist needs about ten queries; more means a column or filter started querying per row.
BUDGET = 12


def _count_queries(client, url: str, params: dict | None = None) -> tuple[int, int, list[str]]:  # type: ignore[no-untyped-def]
    """(queries, rows shown, SQL) for one GET of a changelist, its rows counted afresh."""
    cache.clear()  # the changelists keep a filter set's count (CountOncePaginator): count it every time here
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries), len(response.context["cl"].result_list), [q["sql"] for q in queries]


def test_every_changelist_query_count_does_not_grow_with_rows(admin_client, db):
    """prevents N+1: each column, count and filter of every changelist is fetched once, not per row.

    One pass over all changelists at 1 row and one at 20 rows (building the rows is the slow part).
    """
    urls = {model.__name__: admin_url(model) for model in CURATED_MODELS}
    populate(1)
    for url in urls.values():
        admin_client.get(url)  # warm the session and content-type caches
    one = {name: _count_queries(admin_client, url) for name, url in urls.items()}
    populate(19, start=1)
    many = {name: _count_queries(admin_client, url) for name, url in urls.items()}

    assert {name: rows for name, (_, rows, _) in one.items()} == dict.fromkeys(urls, 1) | {
        # Two countries, two forums (one a parent), two officials, ... per meeting graph.
        name: 2
        for name in ("Country", "Forum", "ForumMembership", "Official", "OfficialName", "Position")
    } | {"MeetingCountry": 2, "MeetingParticipant": 2, "RelationLevel": 2}
    assert all(rows >= 20 for _, rows, _ in many.values())
    grew = {name: (one[name][0], many[name][0]) for name in urls if many[name][0] != one[name][0]}
    assert grew == {}, "\n".join(many[next(iter(grew))][2]) if grew else ""
    over = {name: queries for name, (queries, _, _) in one.items() if queries > BUDGET}
    assert over == {}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Meeting"},
        {"status__exact": "extracted", "format__exact": "talks"},
        {"date__year": "2024"},
    ],
    ids=["search", "filters", "date-hierarchy"],
)
def test_meeting_changelist_searched_or_filtered_keeps_its_query_count(admin_client, db, params):
    """prevents N+1: searching across participants and articles, or filtering, adds no per-row query."""
    url = admin_url(models.Meeting)
    populate(1)
    admin_client.get(url, params)
    one, rows_one, _ = _count_queries(admin_client, url, params)
    populate(19, start=1)
    many, rows_many, sql = _count_queries(admin_client, url, params)
    assert (rows_one, rows_many) == (1, 20)
    assert many == one, "\n".join(sql)


@pytest.mark.parametrize("model", [models.Forum, models.Meeting, models.Article, models.BilateralRelation])
def test_change_page_rows_are_labelled_without_a_query_each(admin_client, world, model):
    """prevents N+1: inline rows' labels (str of the row) come from the inline's select_related.

    Autocomplete widgets still look up their one selected value per row (Django's widget does),
    so the check is on pages whose growing inline is read-only or label-only.
    """
    obj = {models.Forum: world.un, models.Meeting: world.meeting, models.Article: world.article}.get(
        model, world.relation
    )
    url = admin_url(obj, "change")
    admin_client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert admin_client.get(url).status_code == 200
    for i in range(10):
        country = f.CountryFactory(iso3=f"ZZ{chr(65 + i)}", iso2=f"Z{chr(65 + i)}")
        f.ForumMembershipFactory(forum=world.un, country=country)
        f.MeetingSourceFactory(meeting=world.meeting, article=f.ArticleFactory())
        f.MeetingSourceFactory(meeting=f.MeetingFactory(), article=world.article)
        f.RelationLevelFactory(relation=world.relation, source=None, level="friendly")
    with CaptureQueriesContext(connection) as after:
        assert admin_client.get(url).status_code == 200
    widget_lookups = 10 if model is models.Meeting else 0  # one autocomplete per added source row
    assert len(after) - len(before) == widget_lookups, "\n".join(q["sql"] for q in after)
