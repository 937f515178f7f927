"""Issue 10: the query plans the pages rely on at volume, checked on PostgreSQL.

With a few rows PostgreSQL rightly reads whole tables; so each test builds a table large enough
that the plan matters, ANALYZEs it, and checks the plan of the real query the page runs.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models import F

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
def forget(request):  # type: ignore[no-untyped-def]
    """Deletes a test's many rows and ANALYZEs again before the rollback: the statistics ANALYZE writes
    outlive the transaction, and a later test's page would take 3,000 meetings' estimate for its count."""
    made: list[type] = []
    yield made
    for model in made:
        model.objects.all().delete()
    analyze(*made)


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
    """A pair's meeting list starts from MeetingPair's index, not from every party row."""
    text = plan(selectors.meeting_list(countries=["QAA", "QAB"]).values("pk"))
    assert "meetingpair_" in text, text
    assert "relations_meetingcountry" not in text, text


def test_a_big_pairs_newest_meetings_are_an_index_walk_not_a_sort(many_pairs, forget):
    """One pair with 3,000 meetings among 300 others' (AZE-PAK had 1,940 at 100k): its page of newest
    meetings walks meetingpair_newest and stops, where sorting all of them grew with the pair."""
    big = models.BilateralRelation.objects.get(country_a_id="QAA", country_b_id="QAB")
    others = list(models.BilateralRelation.objects.exclude(pk=big.pk)[:300])
    rng = random.Random(3)
    meetings = models.Meeting.objects.bulk_create(
        models.Meeting(title=f"M{i}", date=date(2000, 1, 1) + timedelta(days=rng.randint(0, 9000))) for i in range(3300)
    )
    models.MeetingPair.objects.bulk_create(
        models.MeetingPair(meeting=m, relation=big if i < 3000 else others[i % 300], meeting_date=m.date)
        for i, m in enumerate(meetings)
    )
    forget += [models.MeetingPair, models.Meeting]
    analyze(models.Meeting, models.MeetingPair)

    text = plan(selectors.meeting_list(countries=["QAB", "QAA"])[:20])

    assert "meetingpair_newest" in text, text
    assert "Sort" not in text, text
    newest = [m.pk for m in sorted(meetings[:3000], key=lambda m: (m.date, m.pk), reverse=True)[:20]]
    assert [m.pk for m in selectors.meeting_list(countries=["QAA", "QAB"])[:20]] == newest


def test_a_pairs_latest_levels_are_an_index_walk(many_pairs, forget):
    big = models.BilateralRelation.objects.get(country_a_id="QAA", country_b_id="QAB")
    models.RelationLevel.objects.bulk_create(
        models.RelationLevel(
            relation=big, level="strategic_partnership", stated_on=date(2000, 1, 1) + timedelta(days=i)
        )
        for i in range(2000)
    )
    forget.append(models.RelationLevel)
    analyze(models.RelationLevel)

    summary_levels = models.RelationLevel.objects.filter(relation=big).order_by(
        F("stated_on").desc(nulls_last=True), "-id"
    )[:20]
    text = plan(summary_levels)

    assert "relationlevel_latest" in text, text
    assert "Sort" not in text, text
