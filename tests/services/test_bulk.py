"""The bulk writers ingest and the stored figures use (services.bulk), on PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import date

import pytest

from relations import models
from relations.services.bulk import copy_insert, values_update
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_values_update_sets_each_row_its_own_values_nulls_and_dates_included():
    x, y, z = (f.CountryFactory(iso3=f"X{c}X", iso2=f"X{c}") for c in "ABC")
    a, b, c = (f.BilateralRelationFactory(country_a=p, country_b=q) for p, q in ((x, y), (x, z), (y, z)))
    updated = values_update(
        models.BilateralRelation,
        [(a.pk, 3, date(2024, 5, 1), "strategic"), (b.pk, 0, None, None)],
        ["meetings_count", "last_meeting_date", "current_level"],
    )
    assert updated == 2
    rows = dict(models.BilateralRelation.objects.filter(pk__in=[a.pk, b.pk, c.pk]).values_list("pk", "meetings_count"))
    assert rows == {a.pk: 3, b.pk: 0, c.pk: c.meetings_count}
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.last_meeting_date, a.current_level) == (date(2024, 5, 1), "strategic")
    assert (b.last_meeting_date, b.current_level) == (None, None)


def test_values_update_adds_with_add():
    country = f.CountryFactory()
    models.Country.objects.filter(pk=country.pk).update(meetings_count=5)
    values_update(models.Country, [(country.pk, -2)], ["meetings_count"], add=True)
    country.refresh_from_db()
    assert country.meetings_count == 3


def test_copy_insert_writes_every_column_and_stamps_the_times():
    meeting, article = f.MeetingFactory(), f.ArticleFactory()
    assert (
        copy_insert(models.MeetingSource, [models.MeetingSource(meeting=meeting, article=article, how="merged")]) == 1
    )
    row = models.MeetingSource.objects.get(meeting=meeting)
    assert (row.article_id, row.how) == (article.pk, "merged")
    assert row.created_at is not None and row.updated_at is not None
