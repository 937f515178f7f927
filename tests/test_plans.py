"""Issue 10: the query plans the pages rely on at volume, checked on PostgreSQL.

With a few rows PostgreSQL rightly reads whole tables; so each test builds a table large enough
that the plan matters, ANALYZEs it, and checks the plan of the real query the page runs.
"""

from __future__ import annotations

import random

import pytest
from django.db import connection

from relations import models, selectors
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's"),
    pytest.mark.django_db,
]


def plan(queryset) -> str:  # type: ignore[no-untyped-def]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def analyze(*models_: type) -> None:
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {model._meta.db_table}")


@pytest.fixture
def many_pairs() -> None:
    """5,000 relations with stored figures: more than a page should ever read to rank them."""
    codes = [
        factories.CountryFactory(
            iso3=f"Q{chr(65 + i // 26)}{chr(65 + i % 26)}", iso2=f"{chr(65 + i // 26)}{chr(65 + i % 26)}"
        ).iso3
        for i in range(101)
    ]
    rng = random.Random(7)
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]][:5000]
    models.BilateralRelation.objects.bulk_create(
        models.BilateralRelation(country_a_id=a, country_b_id=b, meetings_count=rng.randint(0, 400)) for a, b in pairs
    )
    analyze(models.BilateralRelation)


def test_the_most_active_pairs_are_read_from_the_ranking_index_not_sorted(many_pairs):
    """The home page's ranking (and /api/relations/'s order): an index scan that stops at the page."""
    text = plan(selectors.relations_ranked().filter(meetings_count__gt=0)[:8])
    assert "relation_ranking_idx" in text, text
    assert "Sort" not in text, text


def test_a_pairs_meetings_are_reached_through_its_meeting_pairs(many_pairs):
    """A pair's meeting list starts from MeetingPair's (relation, meeting) index, not from every party row."""
    text = plan(selectors.meeting_list(countries=["QAA", "QAB"]).values("pk"))
    assert "meetingpair_unique" in text, text
    assert "relations_meetingcountry" not in text, text
