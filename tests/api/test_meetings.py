"""GET /api/meetings/: list, detail with evidence, every filter, ordering and CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.db import connection

from relations import models
from tests import factories

from .conftest import World, page

pytestmark = pytest.mark.django_db


def meeting_item(w: World) -> dict:
    m = w.meeting
    return {
        "id": m.pk,
        "title": "Azerbaijan, Pakistan discuss strategic partnership",
        "date": "2024-05-01",
        "date_precision": "day",
        "format": "official_visit",
        "location_country": "PAK",
        "location_city": "Islamabad",
        "host_country": "PAK",
        "countries": ["AZE", "PAK"],
        "participants": [
            {
                "official": w.bayramov.pk,
                "name": "Jeyhun Bayramov",
                "country": "AZE",
                "title": "Minister of Foreign Affairs",
            },
            {
                "official": w.gilani.pk,
                "name": "Syed Yousuf Raza Gilani",
                "country": "PAK",
                "title": "Acting President and Chairman of the Senate",
            },
        ],
        "sectors": ["defence", "energy", "trade"],
        "forums": ["CICA", "NAM", "OIC", "UN"],
        "status": "extracted",
        "summary": "Bayramov and Gilani discussed the strategic partnership.",
        "sources": [
            {
                "article": w.article.pk,
                "title": "Azerbaijan, Pakistan discuss strategic partnership",
                "url": "https://example.org/aze-pak",
                "publisher": "Example Agency",
                "published": "2024-05-02",
            }
        ],
    }


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_meeting_list_by_pair_returns_the_meeting_with_every_field(client_anon, world):
    response = client_anon.get("/api/meetings/?country=AZE,PAK")

    assert response.status_code == 200
    assert response.json() == {**page([meeting_item(world)]), "count_is_estimate": False}


def test_meeting_detail_adds_the_evidence_of_each_fact(client_anon, world):
    response = client_anon.get(f"/api/meetings/{world.meeting.pk}/")

    first = world.meeting.parties.first()
    ev = {"source": world.article.pk, "start": None, "end": None, "origin": "extracted", "sentence": ""}
    assert response.status_code == 200
    assert response.json() == {
        **meeting_item(world),
        "locked_fields": [],
        "evidence": {
            "date": "",
            "format": "As part of his official visit to the Islamic Republic of Pakistan",
            "location": "",
            "countries": [
                {
                    "country": code,
                    "source": world.article.pk,
                    "sentence": first.evidence,
                    "start": 0,
                    "end": len(first.evidence),
                    "origin": "extracted",
                }
                for code in ("AZE", "PAK")
            ],
            "participants": [
                {**ev, "official": world.bayramov.pk, "name": "Jeyhun Bayramov"},
                {**ev, "official": world.gilani.pk, "name": "Syed Yousuf Raza Gilani"},
            ],
            "sectors": [{**ev, "sector": slug} for slug in ("defence", "energy", "trade")],
            "forums": [{**ev, "forum": acronym} for acronym in ("CICA", "NAM", "OIC", "UN")],
        },
    }


def test_meeting_detail_of_unknown_id_is_404(client_anon, db):
    assert client_anon.get("/api/meetings/999999/").status_code == 404


def test_meeting_detail_shows_a_rejected_meeting(client_anon, world):
    world.meeting.status = models.MeetingStatus.REJECTED
    world.meeting.save()

    assert client_anon.get(f"/api/meetings/{world.meeting.pk}/").json()["status"] == "rejected"


def test_participant_without_official_is_listed_by_raw_name(client_anon, world):
    factories.MeetingParticipantFactory(
        meeting=world.meeting, official=None, raw_name="Ali Aliyev", country=world.aze, title="Ambassador"
    )

    participants = client_anon.get(f"/api/meetings/{world.meeting.pk}/").json()["participants"]

    assert {"official": None, "name": "Ali Aliyev", "country": "AZE", "title": "Ambassador"} in participants


# --------------------------------------------------------------------------- filters


@pytest.fixture
def other(world: World) -> models.Meeting:
    """An AZE-TUR phone call in 2023, with a different sector, forum and official."""
    meeting = factories.make_meeting(
        [world.aze, world.tur],
        title="Phone call on tourism",
        date=date(2023, 3, 10),
        format=models.MeetingFormat.PHONE_CALL,
        summary="They talked about tourism.",
    )
    factories.MeetingSectorFactory(meeting=meeting, sector=models.CooperationSector.objects.get(slug="tourism"))
    factories.MeetingForumFactory(meeting=meeting, forum=models.Forum.objects.get(acronym="UNFCCC"))
    return meeting


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("country=AZE", ["seed", "other"]),
        ("country=PAK", ["seed"]),
        ("country=aze,pak", ["seed"]),
        ("country=AZE&country=TUR", ["other"]),
        ("country=PAK,TUR", []),
        ("country=ARM", []),
        ("date_after=2024-01-01", ["seed"]),
        ("date_after=2024-05-02", []),
        ("date_before=2024-01-01", ["other"]),
        ("date_before=2023-03-09", []),
        ("date_after=2023-03-10&date_before=2024-05-01", ["seed", "other"]),
        ("sector=trade", ["seed"]),
        ("sector=tourism", ["other"]),
        ("forum=OIC", ["seed"]),
        ("forum=oic", ["seed"]),
        ("forum=UNFCCC", ["other"]),
        ("meeting_format=official_visit", ["seed"]),
        ("meeting_format=phone_call", ["other"]),
        ("meeting_format=video_call", []),
        ("status=extracted", ["seed", "other"]),
        ("status=verified", []),
        ("q=tourism", ["other"]),
        ("q=partnership", ["seed"]),
        ("q=Gilani", ["seed"]),
        ("q=defence energy", ["seed"]),
        ("q=submarine", []),
    ],
)
def test_meeting_list_filter(client_anon, world, other, query, expect):
    names = {"seed": world.meeting.pk, "other": other.pk}

    assert ids(client_anon.get(f"/api/meetings/?{query}")) == [names[n] for n in expect]


def test_meeting_list_filter_by_official(client_anon, world, other):
    assert ids(client_anon.get(f"/api/meetings/?official={world.gilani.pk}")) == [world.meeting.pk]
    assert ids(client_anon.get(f"/api/meetings/?official={world.bayramov.pk}")) == [world.meeting.pk]
    someone = factories.OfficialFactory(country=world.arm)
    assert ids(client_anon.get(f"/api/meetings/?official={someone.pk}")) == []


def test_meeting_list_leaves_out_rejected_meetings_unless_asked(client_anon, world, other):
    other.status = models.MeetingStatus.REJECTED
    other.save()

    assert ids(client_anon.get("/api/meetings/")) == [world.meeting.pk]
    assert ids(client_anon.get("/api/meetings/?status=rejected")) == [other.pk]


def test_search_finds_words_of_the_article_text(client_anon, world, other):
    """The seed meeting's own title and summary do not say "hospitality"-like words; its article does."""
    assert ids(client_anon.get("/api/meetings/?q=Islamic Republic")) == [world.meeting.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL only")
def test_search_on_postgresql_stems_words_and_takes_websearch_syntax(client_anon, world, other):
    assert ids(client_anon.get("/api/meetings/?q=highlights")) == [world.meeting.pk]  # stem of "highlighted"
    assert ids(client_anon.get('/api/meetings/?q="strategic partnership"')) == [world.meeting.pk]
    assert ids(client_anon.get("/api/meetings/?q=partnership -Gilani")) == []
    assert ids(client_anon.get("/api/meetings/?q=tourism or defence")) == [world.meeting.pk, other.pk]


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("country=XXX", "country"),
        ("country=AZE,XXX", "country"),
        ("country=AZERBAIJAN", "country"),
        ("date_after=yesterday", "date_after"),
        ("date_before=2024-13-01", "date_before"),
        ("sector=space", "sector"),
        ("sector=trade,energy", "sector"),
        ("forum=NATO", "forum"),
        ("format=teleportation", "format"),
        ("status=maybe", "status"),
        ("official=999999", "official"),
        ("official=abc", "official"),
        ("ordering=title", "ordering"),
        ("page_size=abc", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=501", "page_size"),
    ],
)
def test_bad_filter_value_is_400_naming_the_parameter(client_anon, world, query, param):
    response = client_anon.get(f"/api/meetings/?{query}")

    assert response.status_code == 400, response.content
    assert list(response.json()) == [param]


def test_bad_country_message_names_the_unknown_code(client_anon, world):
    response = client_anon.get("/api/meetings/?country=AZE,XXX")

    assert response.json() == {"country": ["unknown country code(s) XXX (see /api/countries/)"]}


# --------------------------------------------------------------------------- ordering, paging


def test_meeting_list_is_newest_first_with_undated_last(client_anon, world, other):
    undated = factories.make_meeting([world.aze, world.pak], date=None, date_precision="unknown")

    assert ids(client_anon.get("/api/meetings/")) == [world.meeting.pk, other.pk, undated.pk]
    assert ids(client_anon.get("/api/meetings/?ordering=date")) == [other.pk, world.meeting.pk, undated.pk]
    assert ids(client_anon.get("/api/meetings/?ordering=-date")) == [world.meeting.pk, other.pk, undated.pk]


def test_meeting_list_pages_with_page_size(client_anon, world, other):
    response = client_anon.get("/api/meetings/?page_size=1")

    body = response.json()
    assert body["count"] == 2
    assert [r["id"] for r in body["results"]] == [world.meeting.pk]
    assert body["next"] == "http://testserver/api/meetings/?page=2&page_size=1"
    assert ids(client_anon.get("/api/meetings/?page_size=1&page=2")) == [other.pk]


def test_page_size_is_capped_at_500(client_anon, db):
    from relations.pagination import PageNumberPagination

    assert PageNumberPagination.max_page_size == 500


def test_page_past_the_end_is_404(client_anon, world):
    assert client_anon.get("/api/meetings/?page=9").status_code == 404


# --------------------------------------------------------------------------- CSV


def test_meeting_list_as_csv_has_one_typed_row_per_meeting(client_anon, world, other):
    response = client_anon.get("/api/meetings/?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["X-Total-Count"] == "2"
    m, o = world.meeting, other
    op = list(o.participants.order_by("country_id"))
    assert response.content.decode().splitlines() == [
        "id,date,date_precision,format,title,location_country,location_city,host_country,countries,participants,"
        "officials,sectors,forums,status,summary,sources,source_urls",
        f"{m.pk},2024-05-01,day,official_visit,"
        '"Azerbaijan, Pakistan discuss strategic partnership",PAK,Islamabad,PAK,AZE;PAK,'
        f"Jeyhun Bayramov;Syed Yousuf Raza Gilani,{world.bayramov.pk};{world.gilani.pk},defence;energy;trade,"
        f"CICA;NAM;OIC;UN,extracted,Bayramov and Gilani discussed the strategic partnership.,{world.article.pk},"
        "https://example.org/aze-pak",
        f"{o.pk},2023-03-10,day,phone_call,Phone call on tourism,,,,AZE;TUR,"
        f"{op[0].raw_name};{op[1].raw_name},{op[0].official_id};{op[1].official_id},tourism,UNFCCC,extracted,"
        f"They talked about tourism.,{o.sources.get().article_id},",
    ]


def test_format_is_the_renderer_only_and_names_the_valid_ones(client_anon, world, other):
    """Issue 13: the meeting-format filter is meeting_format; format=phone_call is no renderer."""
    response = client_anon.get("/api/meetings/?format=phone_call")

    assert response.status_code == 400
    assert response.json() == {"format": ["unknown format 'phone_call'; use one of api, csv, json"]}


def test_csv_source_urls_line_up_with_sources_and_bom_is_for_excel(client_anon, world, other):
    """Issue 13: one URL cell per source, empty where it has none; bom=1 starts the file with a BOM."""
    second = factories.ArticleFactory(url="")
    factories.MeetingSourceFactory(meeting=world.meeting, article=second)
    response = client_anon.get("/api/meetings/?format=csv&meeting_format=official_visit&bom=1")

    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffid,")
    row = next(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert row["sources"].split(";") == [str(world.article.pk), str(second.pk)]
    assert row["source_urls"].split(";") == ["https://example.org/aze-pak", ""]
    assert not client_anon.get("/api/meetings/?format=csv").content.startswith(b"\xef\xbb\xbf")
    refused = client_anon.get("/api/meetings/?format=csv&bom=yes")
    assert refused.status_code == 400 and list(refused.json()) == ["bom"]


def test_csv_combines_with_the_format_filter(client_anon, world, other):
    response = client_anon.get("/api/meetings/?meeting_format=phone_call&format=csv")

    rows = response.content.decode().splitlines()
    assert response.status_code == 200
    assert [row.split(",")[0] for row in rows[1:]] == [str(other.pk)]


def test_csv_page_links_travel_in_the_link_header(client_anon, world, other):
    response = client_anon.get("/api/meetings/?format=csv&page_size=1")

    assert response["Link"] == '<http://testserver/api/meetings/?format=csv&page=2&page_size=1>; rel="next"'
    assert len(response.content.decode().splitlines()) == 2


def test_csv_errors_are_json(client_anon, world):
    response = client_anon.get("/api/meetings/?format=csv&country=XXX")

    assert response.status_code == 400
    assert response.json() == {"country": ["unknown country code(s) XXX (see /api/countries/)"]}


def test_csv_is_for_lists_only(client_anon, world):
    response = client_anon.get(f"/api/meetings/{world.meeting.pk}/?format=csv")
    assert response.status_code == 400
    assert response.json() == {"format": ["unknown format 'csv'; use one of api, json"]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN search indexes exist on PostgreSQL only")
def test_search_uses_the_gin_indexes(world):
    """The query's expressions must stay identical to those of migration 0002_meeting_search.

    With sequential and plain index scans off, only a bitmap scan of a matching GIN index is
    cheap; a drifted expression would show as a (disabled, costly) sequential scan instead.
    """
    from django.contrib.postgres.search import SearchQuery

    from relations import selectors

    query = SearchQuery("partnership", config=selectors.SEARCH_CONFIG, search_type="websearch")
    searches = {
        "meeting_search_idx": models.Meeting.objects.annotate(document=selectors.meeting_search_vector()),
        "article_search_idx": models.Article.objects.annotate(document=selectors.article_search_vector()),
    }
    for index, queryset in searches.items():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            sql, params = queryset.filter(document=query).values("pk").query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert f"Bitmap Index Scan on {index}" in plan, plan
