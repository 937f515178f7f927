"""Issue 10: the pair figures the pages read are stored and kept in step by every write, so that
recomputing them from scratch after any mix of writes changes nothing."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Max

from relations import models, services
from relations.extraction import iter_articles

from .test_articles_ingest import AGENCY_ONE, AGENCY_TWO, LATER_MEETING, RECEPTION

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parent.parent / "articles"


def counted(a: str, b: str) -> tuple[int, date | None]:
    """A pair's visible meetings and latest date, counted from the party rows (what the pages used to do)."""
    meetings = models.Meeting.objects.visible().filter(parties__country_id=a).filter(parties__country_id=b)
    figures = meetings.aggregate(n=Count("id", distinct=True), last=Max("date"))
    return figures["n"], figures["last"]


def stored(a: str, b: str) -> tuple[int, date | None]:
    relation = models.BilateralRelation.objects.for_pair(a, b).first()
    return (relation.meetings_count, relation.last_meeting_date) if relation else (0, None)


def recompute() -> str:
    out = StringIO()
    call_command("recompute_aggregates", stdout=out)
    return out.getvalue()


def ingest(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    call_command("ingest_articles", str(path), "--no-progress", stdout=StringIO())


def test_recomputing_after_a_mix_of_writes_changes_nothing(reference, tmp_path):
    """Pairs, relations' figures (counts, dates, levels, years, sectors, people), countries', officials' and
    forums' counts and the totals: every write kept them in step, so a recompute from scratch finds nothing."""
    # Ingest: new meetings, a second report merged into one of them, a folder of varied articles.
    ingest(tmp_path, "one.txt", AGENCY_ONE)
    ingest(tmp_path, "two.txt", AGENCY_TWO)
    ingest(tmp_path, "later.txt", LATER_MEETING)
    ingest(tmp_path, "reception.txt", RECEPTION)
    services.articles_ingest(articles=iter_articles([ARTICLES]))  # a few name no country: reported, skipped
    assert models.Meeting.objects.count() > 20
    kaz_uzb = models.Meeting.objects.filter(party_key="KAZ-UZB").order_by("date")
    first, later = kaz_uzb[0], kaz_uzb[1]
    # Curator edits: the parties, a sector taken off, the date, a status, a deletion, a level.
    services.meeting_update(meeting=first, data={"sectors": ["trade"], "date": date(2024, 3, 11)})
    services.meeting_update(
        meeting=later, data={"countries": ["KAZ", "TJK"], "participants": [{"name": "Murat Nurtleu", "country": "KAZ"}]}
    )
    services.meeting_set_status(
        meeting=models.Meeting.objects.exclude(party_key__contains="KAZ").first(), status="rejected"
    )
    services.meeting_delete(meeting=models.Meeting.objects.exclude(party_key__contains="KAZ").last())
    level = models.RelationLevel.objects.first()
    services.reference_delete(instances=[level])
    services.reference_save(
        instance=models.RelationLevel(
            relation=models.BilateralRelation.objects.for_pair("KAZ", "TJK").get(),
            level="allied",
            stated_on=date(2025, 1, 1),
        )
    )
    services.articles_reextract(everything=True)
    # An official merged into another, an article deleted.
    people = list(models.Official.objects.filter(participations__isnull=False).distinct().order_by("pk")[:2])
    services.official_merge(keep=people[0], remove=people[1])
    services.articles_delete(articles=[models.Article.objects.order_by("pk").last()])

    out = recompute()

    assert "0 meeting pairs, 0 relations' figures and 0 other figures corrected" in out, out
    for relation in models.BilateralRelation.objects.all():
        assert stored(relation.country_a_id, relation.country_b_id) == counted(
            relation.country_a_id, relation.country_b_id
        )
    assert models.MeetingPair.objects.filter(meeting=later, relation__country_b="TJK").exists()
    # The pairs' copy of the date (the pair's newest-first index) followed the curator's date edit.
    assert models.MeetingPair.objects.get(meeting=first).meeting_date == date(2024, 3, 11)
    assert not models.MeetingPair.objects.exclude(meeting_date=F("meeting__date")).exclude(meeting_date=None).exists()
    assert not models.MeetingPair.objects.filter(meeting_date=None, meeting__date__isnull=False).exists()
    assert models.BilateralRelation.objects.for_pair("KAZ", "TJK").get().current_level == "allied"


def test_recompute_repairs_figures_a_bulk_import_left_behind(reference, tmp_path):
    """The command's reason to exist: rows written around the services are counted again."""
    ingest(tmp_path, "one.txt", AGENCY_ONE)
    relation = models.BilateralRelation.objects.for_pair("KAZ", "UZB").get()
    models.BilateralRelation.objects.filter(pk=relation.pk).update(meetings_count=7, last_meeting_date=None)
    models.MeetingPair.objects.all().delete()
    models.RelationYear.objects.all().delete()

    out = recompute()

    assert "1 meeting pairs, 1 relations' figures and 0 other figures corrected" in out, out
    assert stored("KAZ", "UZB") == (1, date(2024, 3, 12))
    assert list(relation.years.values_list("year", "meetings")) == [(2024, 1)]
    assert recompute().endswith("0 meeting pairs, 0 relations' figures and 0 other figures corrected\n")


def test_a_rejected_meeting_leaves_its_pairs_figures(reference, tmp_path):
    ingest(tmp_path, "one.txt", AGENCY_ONE)
    meeting = models.Meeting.objects.get()
    assert stored("KAZ", "UZB") == (1, date(2024, 3, 12))

    services.meeting_set_status(meeting=meeting, status="rejected")
    relation = models.BilateralRelation.objects.for_pair("KAZ", "UZB").get()

    assert stored("KAZ", "UZB") == (0, None)
    assert (list(relation.years.all()), list(relation.sector_figures.all())) == ([], [])


def test_a_pairs_sector_and_year_figures_follow_its_meetings(reference, tmp_path):
    ingest(tmp_path, "one.txt", AGENCY_ONE)
    ingest(tmp_path, "later.txt", LATER_MEETING)
    relation = models.BilateralRelation.objects.for_pair("UZB", "KAZ").get()

    assert list(relation.years.values_list("year", "meetings")) == [(2024, 2)]
    sectors = dict(relation.sector_figures.values_list("sector__slug", "meetings"))
    assert sectors["trade"] == 1 and sectors["education"] == 1
    services.meeting_update(
        meeting=models.Meeting.objects.get(date=date(2024, 9, 19)), data={"date": date(2023, 9, 19)}
    )
    assert list(relation.years.values_list("year", "meetings")) == [(2023, 1), (2024, 1)]


def test_recompute_gives_a_pair_its_meetings_date_again(reference, tmp_path):
    ingest(tmp_path, "one.txt", AGENCY_ONE)
    models.MeetingPair.objects.update(meeting_date=date(1999, 1, 1))  # written around the services

    assert "1 meeting pairs" in recompute()
    assert list(models.MeetingPair.objects.values_list("meeting_date", flat=True)) == [date(2024, 3, 12)]
