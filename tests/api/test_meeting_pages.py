"""Issue 10: the meeting list's read model, keyset (cursor) pages, estimated counts and search document."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations import models, selectors, serializers
from relations.pagination import MeetingPagination, Position
from tests import factories

from .conftest import World

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="estimates, plans and the search document are PostgreSQL's"
)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def many(world: World) -> list[models.Meeting]:
    """22 visible meetings besides the seed one: ties on a date, undated ones, one rejected (left out)."""
    made = [
        factories.make_meeting([world.aze, world.tur], date=date(2022, 1, 1) + timedelta(days=i // 3), title=f"M{i}")
        for i in range(18)
    ]
    made += [factories.make_meeting([world.aze, world.arm], date=None, date_precision="unknown") for _ in range(4)]
    rejected = factories.make_meeting([world.aze, world.arm], date=date(2023, 1, 1))
    rejected.status = models.MeetingStatus.REJECTED
    rejected.save()
    return made


def walk(client, url: str, *, key: str = "next") -> list[list[int]]:
    """Follow `key` links from `url` to the end: the ids of each page."""
    pages = []
    while url:
        response = client.get(url)
        pages.append(ids(response))
        url = response.json()[key]
    return pages


# --------------------------------------------------------------------------- the read model


def test_list_rows_are_what_the_meeting_serializer_makes_of_the_same_meetings(client_anon, world, many):
    """The list no longer runs MeetingSerializer (selectors.meeting_rows); its output must stay the same."""
    factories.MeetingParticipantFactory(meeting=many[0], official=None, raw_name="", country=None, title="Envoy")
    factories.MeetingSourceFactory(meeting=many[0], article=factories.ArticleFactory(published=None, url=""))
    factories.MeetingSourceFactory(meeting=many[0])

    body = client_anon.get("/api/meetings/?page_size=500").json()

    expected = serializers.MeetingSerializer(selectors.meeting_list(), many=True).data
    assert body["results"] == expected
    assert len(body["results"]) == 23


# --------------------------------------------------------------------------- keyset pages


@pytest.mark.parametrize("ordering", ["", "-date", "date"])
def test_cursor_pages_walk_the_whole_list_without_gaps_or_repeats(client_anon, many, ordering):
    everything = ids(client_anon.get(f"/api/meetings/?page_size=500&ordering={ordering}"))

    pages = walk(client_anon, f"/api/meetings/?page_size=5&cursor=first&ordering={ordering}")

    first = client_anon.get(f"/api/meetings/?page_size=5&cursor=first&ordering={ordering}").json()
    assert "cursor=" in first["next"] and "page=" not in first["next"]
    assert first["previous"] is None
    assert [len(page) for page in pages] == [5, 5, 5, 5, 3]
    assert [pk for page in pages for pk in page] == everything


@pytest.mark.parametrize("ordering", ["", "date"])
def test_cursor_previous_links_walk_back_to_the_first_page(client_anon, many, ordering):
    forward = walk(client_anon, f"/api/meetings/?page_size=5&cursor=first&ordering={ordering}")
    last = client_anon.get(f"/api/meetings/?page_size=5&cursor=first&ordering={ordering}")
    while last.json()["next"]:
        last = client_anon.get(last.json()["next"])

    back = walk(client_anon, last.json()["previous"], key="previous")

    assert [pk for page in reversed(back) for pk in page] == [pk for page in forward[:-1] for pk in page]


def test_a_deep_cursor_page_is_the_page_of_that_position(client_anon, many):
    """Page 4 of 5 by keyset holds what page 4 by number holds, from a cursor at the 15th meeting."""
    fifteenth = client_anon.get("/api/meetings/?page_size=1&page=15").json()["results"][0]
    cursor = Position(date.fromisoformat(fifteenth["date"]), fifteenth["id"]).encode()

    response = client_anon.get(f"/api/meetings/?page_size=5&cursor={cursor}")

    assert ids(response) == ids(client_anon.get("/api/meetings/?page_size=5&page=4"))
    assert response.json()["count"] == 23


def test_a_cursor_page_reads_no_offset(client_anon, many):
    """A keyset page starts from its position (WHERE date <= ...), never by skipping rows (OFFSET)."""
    fifteenth = client_anon.get("/api/meetings/?page_size=1&page=15").json()["results"][0]
    cursor = Position(date.fromisoformat(fifteenth["date"]), fifteenth["id"]).encode()

    with CaptureQueriesContext(connection) as ctx:
        client_anon.get(f"/api/meetings/?page_size=5&cursor={cursor}")

    pages = [q["sql"] for q in ctx.captured_queries if 'FROM "relations_meeting"' in q["sql"] and "LIMIT 6" in q["sql"]]
    assert pages
    assert not any("OFFSET" in sql for sql in pages), pages


def test_cursor_pages_combine_with_filters_and_csv(client_anon, world, many):
    response = client_anon.get("/api/meetings/?format=csv&country=ARM&page_size=2&cursor=first")

    assert response.status_code == 200
    assert response["X-Total-Count"] == "4"
    assert response["X-Total-Count-Is-Estimate"] == "false"
    (link,) = response["Link"].split(", ")
    assert link.endswith('>; rel="next"')
    cursor = parse_qs(urlsplit(link[1:].split(">")[0]).query)["cursor"][0]
    rest = client_anon.get(f"/api/meetings/?format=csv&country=ARM&page_size=2&cursor={cursor}")
    rows = [row.split(",")[0] for row in (response.content + rest.content).decode().splitlines() if row[0].isdigit()]
    assert rows == [str(m.pk) for m in sorted(many[18:], key=lambda m: -m.pk)]


@pytest.mark.parametrize(
    "query",
    [
        "cursor=nonsense",
        "cursor=e30",  # {}
        "cursor=" + Position(None, 2**70).encode(),
        "cursor=first&page=2",
        "cursor=first&ordering=date,-date",
        "cursor=" + Position(date(2024, 1, 1), 5, ascending=True).encode(),  # made for ordering=date
    ],
)
def test_a_bad_cursor_is_a_400_naming_it(client_anon, world, query):
    response = client_anon.get(f"/api/meetings/?{query}")

    assert response.status_code == 400, response.content
    assert list(response.json()) == ["cursor"]


def test_schema_documents_the_cursor_and_the_estimated_count(client_anon):
    openapi = client_anon.get("/api/schema/?format=json").json()

    parameters = {p["name"]: p for p in openapi["paths"]["/api/meetings/"]["get"]["parameters"]}
    assert parameters["cursor"]["schema"] == {"type": "string"}
    assert "first" in parameters["cursor"]["description"]
    envelope = openapi["components"]["schemas"]["PaginatedMeetingList"]
    assert list(envelope["properties"]) == ["count", "count_is_estimate", "next", "previous", "results"]
    assert envelope["properties"]["count_is_estimate"]["type"] == "boolean"
    assert "count_is_estimate" not in openapi["components"]["schemas"]["PaginatedRelationList"]["properties"]


# --------------------------------------------------------------------------- counts


def test_a_count_the_planner_puts_under_the_limit_is_exact(client_anon, many):
    body = client_anon.get("/api/meetings/?page_size=2").json()

    assert (body["count"], body["count_is_estimate"]) == (23, False)


@postgres_only
def test_a_count_over_the_limit_is_the_planners_estimate_and_says_so(client_anon, many, monkeypatch):
    monkeypatch.setattr(MeetingPagination, "exact_count_limit", 10)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE relations_meeting")

    with CaptureQueriesContext(connection) as ctx:
        body = client_anon.get("/api/meetings/?page_size=2").json()

    assert body["count_is_estimate"] is True
    assert 10 < body["count"] < 100  # the statistics of 25 rows, one rejected
    assert not [q for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert (
        ids(client_anon.get("/api/meetings/?page_size=2&page=12"))
        == ids(client_anon.get("/api/meetings/?page_size=500"))[22:23]
    )
    assert client_anon.get("/api/meetings/?page_size=2&page=13").status_code == 404


@postgres_only
def test_page_last_counts_exactly_when_the_count_was_estimated(client_anon, many, monkeypatch):
    monkeypatch.setattr(MeetingPagination, "exact_count_limit", 10)

    body = client_anon.get("/api/meetings/?page_size=5&page=last").json()

    assert (body["count"], body["count_is_estimate"], len(body["results"]), body["next"]) == (23, False, 3, None)


def test_search_gives_its_count_and_pages(client_anon, world, many):
    """Issue 10: `q` with a count: the count is that of the meetings found, page after page."""
    found = ids(client_anon.get("/api/meetings/?q=M1&page_size=500"))
    body = client_anon.get("/api/meetings/?q=M1&page_size=1").json()

    assert (body["count"], body["count_is_estimate"]) == (len(found), False)
    assert found == [pk for page in walk(client_anon, "/api/meetings/?q=M1&page_size=1") for pk in page]


# --------------------------------------------------------------------------- the search document


@postgres_only
def test_search_document_follows_every_write_to_meetings_sources_and_articles(client_anon, world):
    """The triggers of migration 0012 keep each meeting's search document in step, whoever writes."""
    meeting = factories.make_meeting([world.aze, world.tur], title="Talks on railways")

    def found(words: str) -> bool:
        return meeting.pk in ids(client_anon.get(f"/api/meetings/?q={words}"))

    assert found("railways")
    models.Meeting.objects.filter(pk=meeting.pk).update(title="Talks on ports", summary="Shipping.")
    assert not found("railways")
    assert found("ports shipping")
    article = factories.ArticleFactory(text="The hydropower plant was discussed.")
    assert not found("hydropower")
    source = factories.MeetingSourceFactory(meeting=meeting, article=article)
    assert found("hydropower")
    assert found("ports hydropower")  # the meeting and its article read together
    models.Article.objects.filter(pk=article.pk).update(text="A solar park was discussed.")
    assert not found("hydropower")
    assert found("solar")
    source.delete()
    assert not found("solar")
    meeting.delete()
    assert not models.MeetingSearchDocument.objects.filter(meeting_id=meeting.pk).exists()


# --------------------------------------------------------------------------- plans


def page_plan(client, url: str, limit: int) -> str:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    (sql,) = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith('SELECT "relations_meeting"."id"') and f"LIMIT {limit}" in q["sql"]
    ][:1]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
def test_list_pages_read_meeting_list_order_idx_and_sort_nothing(client_anon, world):
    """Issue 10: a page of the list reads (date DESC NULLS LAST, id DESC) from the index, newest first,
    and stops after the page; it never sorts the table. With 3,000 meetings, ANALYZEd, as at 100,000."""
    first = models.Meeting.objects.count()
    added = models.Meeting.objects.bulk_create(
        [
            models.Meeting(title=f"Meeting {i}", date=date(2015, 1, 1) + timedelta(days=i % 3000 // 2))
            for i in range(3000)
        ],
        batch_size=1000,
    )
    assert models.Meeting.objects.count() == first + 3000
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE relations_meeting")
    deep = models.Meeting.objects.order_by("date", "id").values_list("date", "id")[1000]

    plans = {
        "page": page_plan(client_anon, "/api/meetings/?page_size=100", 101),
        "cursor": page_plan(client_anon, "/api/meetings/?page_size=100&cursor=first", 101),
        "deep cursor": page_plan(client_anon, f"/api/meetings/?page_size=100&cursor={Position(*deep).encode()}", 101),
        "deep cursor, oldest first": page_plan(
            client_anon,
            f"/api/meetings/?page_size=100&ordering=date&cursor={Position(*deep, ascending=True).encode()}",
            101,
        ),
    }
    # ANALYZE's row counts outlive the test's transaction: leave statistics of a small table behind.
    models.Meeting.objects.filter(pk__in=[m.pk for m in added]).delete()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE relations_meeting")
    for name, plan in plans.items():
        assert "meeting_list_order_idx" in plan, (name, plan)
        assert "Sort" not in plan, (name, plan)


# --------------------------------------------------------------------------- found by schemathesis after the schema changed


def test_a_meeting_edit_in_form_data_is_a_415(client_curator, world):
    """A multipart PATCH whose body parsed to no field at all was a successful edit of nothing."""
    response = client_curator.patch(f"/api/meetings/{world.meeting.pk}/", {"title": "New"}, format="multipart")

    assert response.status_code == 415, response.content
    assert (
        client_curator.patch(f"/api/meetings/{world.meeting.pk}/", {"title": "New"}, format="json").status_code == 200
    )


def test_an_empty_format_is_no_format_on_the_meeting_list_whatever_the_method(client_curator, world):
    """`format=` is in the schema's enum (empty is the default renderer); TRACE with it was a 400, not a 405."""
    assert ids(client_curator.get("/api/meetings/?format=")) == [world.meeting.pk]
    assert client_curator.generic("TRACE", "/api/meetings/?format=").status_code == 405


def test_a_page_past_any_table_is_a_404_not_an_sql_error(client_anon, many):
    """schemathesis found it: page=369184036813195008 made an OFFSET past a bigint (a 500)."""
    response = client_anon.get("/api/meetings/?page_size=106&page=369184036813195008")

    assert (response.status_code, response.json()) == (404, {"detail": "Invalid page."})
