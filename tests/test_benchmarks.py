"""The web benchmark's tools (benchmarks/): the loader's shape, and the baselines' page equal to the app's."""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest
from django.db import connection
from django.test import override_settings

from benchmarks import raw_app
from benchmarks.fill import Filler
from benchmarks.web import Load, SizeResult, Timing, compare_pages, report
from relations import services
from relations.models import Article, BilateralRelation, Meeting, MeetingCountry, RelationLevel

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the loader writes with PostgreSQL's COPY")
LIST = "/api/meetings/?page_size=100"


@pytest.fixture
def filled(db) -> Filler:  # type: ignore[no-untyped-def]
    services.reference_data_load()
    filler = Filler(60, seed=7)
    filler.run()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the foreign keys are checked now, not at a commit
    return filler


@postgres_only
def test_fill_builds_meetings_of_the_promised_shape(filled: Filler) -> None:
    meetings = Meeting.objects.prefetch_related("parties", "participants", "sector_links", "forum_links", "sources")
    assert meetings.count() == 60
    for meeting in meetings:
        parties = sorted(p.country_id for p in meeting.parties.all())
        assert len(parties) == 2 and meeting.party_key == "-".join(parties)
        assert 2 <= len(meeting.participants.all()) <= 4
        assert {p.country_id for p in meeting.participants.all()} <= set(parties)
        assert 2 <= len(meeting.sector_links.all()) <= 5
        assert 0 <= len(meeting.forum_links.all()) <= 2
        assert 1 <= len(meeting.sources.all()) <= 3
    pairs = set(Meeting.objects.values_list("party_key", flat=True))
    assert sorted(r.pair for r in BilateralRelation.objects.all()) == sorted(pairs)
    assert Counter(Meeting.objects.values_list("status", flat=True))["extracted"] > 40
    assert all(1000 <= len(text) <= 3300 for text in Article.objects.values_list("text", flat=True))
    assert Article.objects.values("content_hash").distinct().count() == Article.objects.count()
    assert Article.countries_mentioned.through.objects.count() >= 2 * Article.objects.count()
    for party in MeetingCountry.objects.select_related("source"):  # evidence offsets point into the source text
        assert party.source.text[party.evidence_start : party.evidence_end] == party.evidence
    for level in RelationLevel.objects.select_related("relation", "source"):
        assert level.source.meetings.get().party_key == level.relation.pair


@postgres_only
def test_fill_continues_the_id_sequences(filled: Filler) -> None:
    meeting = Meeting.objects.create(title="After the fill")
    assert meeting.pk == Meeting.objects.exclude(pk=meeting.pk).order_by("-pk").first().pk + 1


def raw_page(path: str) -> tuple[str, bytes]:
    path, _, query = path.partition("?")
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": "GET", "HTTP_HOST": "testserver"}
    status: list[str] = []
    body = b"".join(raw_app.application(environ, lambda s, headers: status.append(s)))
    return status[0], body


@postgres_only
def test_raw_json_agg_page_is_the_apps_page(filled: Filler, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The bar of the load test must serve what the app serves, or the ratio means nothing."""
    monkeypatch.setattr(raw_app, "_connection", connection.connection)  # the test's transaction sees the rows
    for path in (LIST, "/api/meetings/?page=2&page_size=25"):
        app = client.get(path)
        status, body = raw_page(path)
        assert status == "200 OK"
        assert json.loads(body) == app.json()


@postgres_only
@override_settings(ROOT_URLCONF="benchmarks.naive_api")
def test_naive_drf_page_is_the_apps_page_with_a_query_per_link(filled: Filler, client) -> None:  # type: ignore[no-untyped-def]
    naive = client.get(LIST)
    with override_settings(ROOT_URLCONF="config.urls"):
        app = client.get(LIST)
    # DRF's envelope, without the app's count_is_estimate (issue 10)
    assert naive.json() == {key: value for key, value in app.json().items() if key != "count_is_estimate"}


def test_report_puts_sizes_side_by_side_and_flags_failures() -> None:
    def size(meetings: int, median: float, status: int, rps: float) -> SizeResult:
        result = SizeResult(meetings, {"rows": {"meeting": meetings}, "fill_seconds": 1.0})
        result.timings = [Timing("/", 200, 2048, [median] * 7), Timing("/api/relations/", status, 10, [median])]
        result.loads = [Load("app", rps, latency_p50_ms=100), Load("raw", rps * 4), Load("naive", rps / 5, queries=653)]
        return result

    out = report([size(10_000, 0.040, 200, 10.0), size(100_000, 0.050, 500, 7.0)], runs=7, load_seconds=10)
    assert "10k" in out and "100k/10k" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("/")}
    assert lines["/"].split()[1:6] == ["40", "(40)", "50", "(50)", "1.25x"]
    assert lines["/api/relations/"].endswith("<-- not 200")
    assert "40 (n=1)" in lines["/api/relations/"]  # one run only, said so
    assert "653 queries" in out and "0.25x" in out and "5.00x" in out


def test_compare_pages_names_the_fields_that_differ() -> None:
    page = {"count": 1, "next": None, "previous": None, "results": [{"id": 1, "title": "a", "status": "x"}]}
    other = {**page, "results": [{"id": 1, "title": "b", "status": "x"}]}
    assert compare_pages(json.dumps(page).encode(), json.dumps(page).encode()) == "the same"
    assert compare_pages(json.dumps(page).encode(), json.dumps(other).encode()) == "differs at results[0]: title"
    assert compare_pages(io.BytesIO(b"x").read(), b"{}") == "not JSON"
