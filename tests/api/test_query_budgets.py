"""Query budgets: every list and detail costs the same number of queries for 1 row as for 100.

Each test prevents N+1: a serializer that walks a relation the selector did not fetch adds a
query per row and breaks the pinned count.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations import models
from tests import factories

pytestmark = pytest.mark.django_db


def country(n: int) -> models.Country:
    return factories.CountryFactory(
        iso3=f"Q{chr(65 + n // 26)}{chr(65 + n % 26)}", iso2=f"{chr(65 + n // 26)}{chr(65 + n % 26)}"
    )


def meetings(first: int, n: int) -> None:
    a, b = country(0), country(1)
    forum = factories.ForumFactory(acronym="OIC")
    sector = factories.SectorFactory(slug="trade")
    made = [factories.MeetingFactory(date=date(2020, 1, 1 + i % 28)) for i in range(first, first + n)]
    with factories.figures_once(*made):  # as make_meeting's, with one refresh for them all
        for i, meeting in enumerate(made, start=first):
            factories.add_parties(meeting, [a, b])
            factories.MeetingSectorFactory(meeting=meeting, sector=sector)
            factories.MeetingForumFactory(meeting=meeting, forum=forum)
            factories.MeetingParticipantFactory(meeting=meeting, official=None, raw_name=f"Unresolved {i}", country=a)
    for meeting in made:
        factories.MeetingSourceFactory(meeting=meeting)


def countries(first: int, n: int) -> None:
    forum = factories.ForumFactory(acronym="UN")
    for i in range(first, first + n):
        c = country(i)
        factories.CountryNameFactory(country=c)
        factories.ForumMembershipFactory(country=c, forum=forum)


def officials(first: int, n: int) -> None:
    c = country(0)
    meeting = factories.MeetingFactory()
    for _ in range(first, first + n):
        official = factories.OfficialFactory(country=c)
        factories.OfficialNameFactory(official=official)
        factories.PositionFactory(official=official)
        factories.MeetingParticipantFactory(meeting=meeting, official=official)


def sectors(first: int, n: int) -> None:
    for i in range(first, first + n):
        factories.SectorFactory(slug=f"s{i}")


def forums(first: int, n: int) -> None:
    parent = factories.ForumFactory(acronym="PARENT")
    c = country(0)
    for i in range(first, first + n):
        forum = factories.ForumFactory(acronym=f"F{i}", parent=parent)
        factories.ForumMembershipFactory(country=c, forum=forum)


def relations(first: int, n: int) -> None:
    hub = country(0)
    for i in range(first + 1, first + n + 1):
        other = country(i)
        factories.make_meeting([hub, other])
        relation = factories.BilateralRelationFactory(country_a=hub, country_b=other)
        factories.RelationLevelFactory(relation=relation)


def articles(first: int, n: int) -> None:
    c = country(0)
    for _ in range(first, first + n):
        source = factories.MeetingSourceFactory()
        source.article.countries_mentioned.add(c)


def count_queries(client, url: str) -> int:
    """The view's queries: the one read of the data version by the conditional GET middleware aside
    (tests/test_conditional_get.py pins that one)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len([q for q in ctx.captured_queries if "relations_dataversion" not in q["sql"]])


# A page of meetings (issue 10): on PostgreSQL the planner's estimate of the count, the count,
# the page and its links in one statement; elsewhere the count, the page and five link queries.
MEETINGS = 4 if connection.vendor == "postgresql" else 7

# (url, builder, queries): count + page + one per prefetched relation; filters that check
# codes against the database add one each.
LISTS: list[tuple[str, Callable[[int, int], None], int]] = [
    ("/api/countries/?page_size=500", countries, 4),
    ("/api/countries/?page_size=500&forum=UN&q=Country", countries, 5),
    ("/api/officials/?page_size=500", officials, 4),
    ("/api/officials/?page_size=500&country=QAA&q=Official", officials, 5),
    ("/api/meetings/?page_size=500", meetings, MEETINGS),
    ("/api/meetings/?page_size=500&format=csv", meetings, MEETINGS),
    # A keyset page reads the dated meetings, then (when the page goes on past them) the undated ones.
    ("/api/meetings/?page_size=500&cursor=first", meetings, MEETINGS + 1),
    (
        "/api/meetings/?page_size=500&country=QAA,QAB&sector=trade&forum=OIC&q=Meeting&ordering=date",
        meetings,
        MEETINGS + 4,  # the sector and forum codes checked, the search, and the pair's relation looked up
    ),
    ("/api/sectors/?page_size=500", sectors, 2),
    ("/api/forums/?page_size=500", forums, 2),
    ("/api/relations/?page_size=500", relations, 2),
    ("/api/relations/?page_size=500&country=QAA&format=csv", relations, 3),
    ("/api/articles/?page_size=500", articles, 3),
]


@pytest.mark.parametrize(("url", "build", "queries"), LISTS, ids=[url for url, _, _ in LISTS])
def test_list_runs_in_a_constant_number_of_queries(client_anon, url, build, queries):
    """Prevents N+1: the same number of queries for 1 row and for 100."""
    build(0, 1)
    assert count_queries(client_anon, url) == queries
    build(1, 99)
    assert count_queries(client_anon, url) == queries


def test_meeting_detail_runs_in_a_constant_number_of_queries(client_anon):
    """Prevents N+1 over participants, sectors, forums and sources."""
    a, b = country(0), country(1)
    meeting = factories.make_meeting([a, b])
    assert count_queries(client_anon, f"/api/meetings/{meeting.pk}/") == 6
    with factories.figures_once(meeting):
        for i in range(100):
            factories.MeetingParticipantFactory(meeting=meeting, official=None, raw_name=f"P{i}", country=a)
            factories.MeetingSectorFactory(meeting=meeting)
            factories.MeetingForumFactory(meeting=meeting)
            factories.MeetingSourceFactory(meeting=meeting)
    assert count_queries(client_anon, f"/api/meetings/{meeting.pk}/") == 6


def test_country_and_forum_detail_run_in_a_constant_number_of_queries(client_anon):
    """Prevents N+1 over memberships and names."""
    c = country(0)
    forum = factories.ForumFactory(acronym="UN")
    factories.ForumMembershipFactory(country=c, forum=forum)
    assert count_queries(client_anon, "/api/countries/QAA/") == 3
    assert count_queries(client_anon, "/api/forums/UN/") == 3
    for i in range(1, 101):
        factories.ForumMembershipFactory(country=country(i), forum=forum)
        factories.ForumMembershipFactory(country=c, forum=factories.ForumFactory())
        factories.CountryNameFactory(country=c)
    assert count_queries(client_anon, "/api/countries/QAA/") == 3
    assert count_queries(client_anon, "/api/forums/UN/") == 3


def test_official_and_article_detail_run_in_a_constant_number_of_queries(client_anon):
    """Prevents N+1 over positions, other names, linked meetings and mentioned countries."""
    official = factories.OfficialFactory(country=country(0))
    article = factories.ArticleFactory()
    assert count_queries(client_anon, f"/api/officials/{official.pk}/") == 3
    assert count_queries(client_anon, f"/api/articles/{article.pk}/") == 3
    for i in range(100):
        factories.PositionFactory(official=official, title=f"Post {i}")
        factories.OfficialNameFactory(official=official)
        factories.MeetingSourceFactory(article=article)
        article.countries_mentioned.add(country(i + 1))
    assert count_queries(client_anon, f"/api/officials/{official.pk}/") == 3
    assert count_queries(client_anon, f"/api/articles/{article.pk}/") == 3


def test_relation_detail_runs_in_a_constant_number_of_queries(client_anon):
    """Prevents N+1 over levels, meetings, sectors and shared forums."""
    a, b = country(0), country(1)

    def add() -> None:
        meeting = factories.make_meeting([a, b])
        factories.MeetingSectorFactory(meeting=meeting)
        forum = factories.ForumFactory()
        factories.ForumMembershipFactory(country=a, forum=forum)
        factories.ForumMembershipFactory(country=b, forum=forum)
        factories.RelationLevelFactory(relation=relation)

    relation = factories.BilateralRelationFactory(country_a=a, country_b=b)
    add()
    queries = count_queries(client_anon, "/api/relations/QAA-QAB/")
    assert queries == 15
    for _ in range(99):
        add()
    assert count_queries(client_anon, "/api/relations/QAA-QAB/") == queries
