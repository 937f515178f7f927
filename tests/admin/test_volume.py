"""Changelists at volume (issue 10): indexed filters and search, no DISTINCT, no scan of a link table.

At 100,000 meetings the meeting changelist took 366 ms and its search 7.6 s: its related-only
filters read every link row for their choices (116 ms for the sectors), a filter through a
many-to-many join or the search through participants and articles made the changelist add a
DISTINCT over whole meeting rows, for the count, the page and the date hierarchy. These tests pin
the shape of the SQL (which holds on SQLite too) and, on PostgreSQL, that the search's expressions
are those of its indexes.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations import models
from relations.admin.search import article_admin_search, meeting_admin_search
from tests import factories as f

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
        {"q": "Syed Yousuf"},
        {"q": "PAK talks"},
        {"countries__iso3__exact": "AZE"},
        {"sectors__id__exact": "energy"},
        {"forums__id__exact": "oic"},
        {"date__year": "2024"},
        {"q": "Gilani", "countries__iso3__exact": "PAK", "date__year": "2024", "status__exact": "extracted"},
    ],
    ids=["search", "code-search", "party", "sector", "forum", "year", "all"],
)
def test_meeting_changelist_searched_or_filtered_runs_no_distinct(admin_client, world, params):
    """Issue 10: each match is a subquery of meeting ids, which cannot repeat a meeting: no DISTINCT."""
    params = {k: str(getattr(world, v).pk) if k.endswith("id__exact") else v for k, v in params.items()}
    rows, statements = _changelist(admin_client, models.Meeting, **params)
    assert rows == [world.meeting]
    assert not [sql for sql in statements if "DISTINCT" in sql.upper()]
    assert len([sql for sql in statements if sql.startswith("SELECT COUNT(")]) == 1  # no second count of all meetings


@pytest.mark.parametrize(
    "term", ["syed yous", "Yousuf Syed", "Gilani", "pak", "AZE PAK", "energy PAK", "talks on energy"]
)
def test_meeting_search_finds_names_by_the_start_of_their_words_and_codes_in_any_case(admin_client, world, term):
    assert list(meeting_admin_search(models.Meeting.objects.all(), term)) == [world.meeting]


@pytest.mark.parametrize("term", ["AZE ARM", "trade PAK", "Yousuf ARM", "energy Lavrov", "Syed energy"])
def test_meeting_search_needs_every_code_and_the_other_words_in_one_place(admin_client, world, term):
    assert list(meeting_admin_search(models.Meeting.objects.all(), term)) == []


@pytest.mark.parametrize("term", ["arm", "trade ARM"])
def test_meeting_search_by_a_code_finds_the_meetings_of_that_party(admin_client, world, term):
    """No text of the fixture holds "arm": only the party can match."""
    assert list(meeting_admin_search(models.Meeting.objects.all(), term)) == [world.other_meeting]


def test_meeting_search_finding_one_page_reads_its_rows_by_their_ids(admin_client, world):
    """Without a LIMIT PostgreSQL would sort every row it guesses the search lets in (half the table)."""
    rows, statements = _changelist(admin_client, models.Meeting, q="Gilani")
    assert rows == [world.meeting]
    page = [sql for sql in statements if '"source_count"' in sql]
    assert len(page) == 1
    assert f'"relations_meeting"."id" IN ({world.meeting.pk})' in page[0]


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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN search indexes exist on PostgreSQL only")
def test_meeting_search_reads_the_full_text_indexes(world):
    """The search's expressions must stay those of migrations 0002 and 0013 (see test_search_uses_the_gin_indexes).

    With sequential and plain index scans off, only a bitmap scan of a matching GIN index is cheap;
    a drifted expression would show as a (disabled, costly) sequential scan of its table instead.
    """
    searched = meeting_admin_search(models.Meeting.objects.all(), "Syed energy").values("pk")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = searched.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for index in ("meeting_search_idx", "article_title_search_idx", "participant_name_search_idx"):
        assert f"Bitmap Index Scan on {index}" in plan, plan
    for table in ("relations_article", "relations_meetingparticipant"):
        assert f"Seq Scan on {table}" not in plan, plan


# --------------------------------------------------------------------------- participants and link rows


def test_participant_search_finds_names_by_their_start_officials_names_and_meeting_titles(admin_client, world):
    premier = f.MeetingParticipantFactory(meeting=world.other_meeting, official=world.gilani, raw_name="the premier")
    assert _changelist(admin_client, models.MeetingParticipant, q="yous gil")[0] == [world.unresolved]
    assert set(_changelist(admin_client, models.MeetingParticipant, q="Raza Gilani")[0]) == {world.unresolved, premier}
    rows, statements = _changelist(admin_client, models.MeetingParticipant, q="phone call")
    assert rows == [premier]
    assert not [sql for sql in statements if "DISTINCT" in sql.upper()]


@pytest.mark.parametrize(
    ("model", "params"),
    [
        (models.MeetingParticipant, {"country__iso3__exact": "PAK"}),
        (models.MeetingCountry, {"country__iso3__exact": "PAK"}),
        (models.MeetingForum, {"forum__id__exact": "oic"}),
    ],
)
def test_link_row_changelists_list_every_country_or_forum_and_sort_no_join(admin_client, world, model, params):
    """Issue 10: related-only choices read every link row; the meeting-date order sorted them all."""
    params = {k: str(getattr(world, v).pk) if k.endswith("id__exact") else v for k, v in params.items()}
    rows, statements = _changelist(admin_client, model, **params)
    assert len(rows) == 1
    assert not [sql for sql in statements if "DISTINCT" in sql.upper()]
    assert not [sql for sql in statements if 'ORDER BY "relations_meeting"."date"' in sql]


# --------------------------------------------------------------------------- articles


def test_article_changelist_lists_publishers_and_years_without_reading_every_article(admin_client, world):
    """Issue 10: SELECT DISTINCT publisher and the date hierarchy's years read all 165,000 articles."""
    rows, statements = _changelist(admin_client, models.Article)
    assert set(rows) == {world.article, world.other_article}
    assert not [sql for sql in statements if "DISTINCT" in sql.upper()]
    response = admin_client.get(admin_url(models.Article))
    choices = {
        str(spec.title): [choice["display"] for choice in spec.choices(response.context["cl"])][1:]
        for spec in response.context["cl"].filter_specs
    }
    assert choices["publisher"] == ["AZERTAC", "Reuters"]
    assert choices["year"] == sorted(
        {str(a.published.year) for a in (world.article, world.other_article)}, reverse=True
    )


@pytest.mark.parametrize(
    "term",
    ["Azerb strat", "strategic partnership", "http://example.org/aze-pak/", "www.example.org/aze-pak", "azert"],
)
def test_article_search_finds_title_words_by_their_start_a_url_in_any_form_and_part_of_a_publisher(
    admin_client, world, term
):
    rows, statements = _changelist(admin_client, models.Article, q=term)
    assert rows == [world.article]
    assert not [sql for sql in statements if "DISTINCT" in sql.upper()]


def test_article_autocomplete_finds_an_article_by_the_start_of_a_title_word(admin_client, world):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"term": "Pakis", "app_label": "relations", "model_name": "meetingsource", "field_name": "article"},
    )
    assert [row["id"] for row in response.json()["results"]] == [str(world.article.pk)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN search indexes exist on PostgreSQL only")
def test_article_search_reads_the_title_url_and_publisher_indexes(world):
    f.ArticleFactory(publisher="example.org")  # "example.org" is then a title's words, a URL and a publisher
    searched = article_admin_search(models.Article.objects.all(), "example.org").values("pk")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = searched.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for index in ("article_title_search_idx", "article_url_idx", "article_publisher_idx"):
        assert f"Bitmap Index Scan on {index}" in plan, plan
    assert "Seq Scan on relations_article" not in plan, plan


def test_a_filter_set_is_counted_once_until_a_write_changes_the_data(
    admin_client, world, django_capture_on_commit_callbacks
):
    """Issue 10: page 2 of a search reuses the count of page 1; a write through the services counts afresh."""
    from relations import services

    def counted(**params: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(admin_url(models.Meeting), params)
        assert response.status_code == 200
        return response.context["cl"].result_count, sum(q["sql"].startswith("SELECT COUNT(") for q in queries)

    extracted = {"status__exact": "extracted"}
    assert counted(**extracted) == (2, 1)
    assert counted(**extracted) == (2, 0)  # the same filter set again: no count
    assert counted(q="trade", **extracted) == (1, 1)  # another filter set is counted
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_set_status(meeting=world.other_meeting, status=models.MeetingStatus.VERIFIED)
    assert counted(**extracted) == (1, 1)
