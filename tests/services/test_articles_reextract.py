"""Re-extraction of stored articles: what an older extractor read is brought up to date, curators' work kept.

An older extraction is simulated by ingesting an article and then editing its rows and its
extractor_version as an older version would have left them.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from relations import models, services
from relations.extraction import EXTRACTOR_VERSION, iter_articles

from .test_articles_ingest import AGENCY_ONE, AGENCY_TWO, LATER_MEETING, RECEPTION, STATEMENT, write

pytestmark = pytest.mark.django_db

OLD = "1.9.0"
EXTRACTED = models.Evidence.Origin.EXTRACTED


def ingest(tmp_path: Path, name: str, text: str) -> models.Article:
    path = write(tmp_path, name, text)
    report = services.articles_ingest(articles=iter_articles([path]))
    assert not report.failed, report.errors
    return models.Article.objects.get(content_hash=next(iter(iter_articles([path]))).content_hash)  # type: ignore[union-attr]


def reextract(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("reextract_articles", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def age(article: models.Article) -> None:
    """Mark an article as read by an older extractor version."""
    models.Article.objects.filter(pk=article.pk).update(extractor_version=OLD)


def sectors(meeting: models.Meeting) -> dict[str, int]:
    return dict(meeting.sector_links.values_list("sector__slug", "pk"))


def misread(article: models.Article) -> models.Meeting:
    """As an older extractor left AGENCY_ONE: no energy, a wrong 'culture', a bad quote, no level."""
    meeting = article.meetings.get()
    meeting.sector_links.filter(sector__slug="energy").delete()
    models.MeetingSector.objects.create(
        meeting=meeting,
        sector=models.CooperationSector.objects.get(slug="culture"),
        source=article,
        origin=EXTRACTED,
        evidence="an old misreading",
    )
    meeting.parties.filter(country="UZB").update(evidence="an old sentence")
    models.RelationLevel.objects.filter(source=article).delete()
    age(article)
    return meeting


def test_reextract_replaces_what_an_old_extractor_read_and_keeps_unchanged_rows(
    reference: None, tmp_path: Path
) -> None:
    article = ingest(tmp_path, "one.txt", AGENCY_ONE)
    meeting = misread(article)
    kept = {slug: pk for slug, pk in sectors(meeting).items() if slug in ("trade", "transport")}
    participants = set(meeting.participants.values_list("pk", flat=True))
    party = meeting.parties.get(country="UZB")
    out, err = reextract()
    assert "1 read, 1 updated, 0 unchanged, 0 with a new meeting" in out
    assert err == ""
    now = sectors(meeting)
    assert sorted(now) == ["energy", "trade", "transport"]
    assert {slug: now[slug] for slug in kept} == kept  # unchanged rows keep their ids
    assert set(meeting.participants.values_list("pk", flat=True)) == participants
    party.refresh_from_db()
    assert "official visit to Uzbekistan" in party.evidence  # updated in place, same row
    assert party.history.count() == 2  # the old state, then the update
    assert models.MeetingSector.history.filter(sector__slug="culture", history_type="-").exists()
    assert models.RelationLevel.objects.get(source=article).level == "strategic_partnership"
    article.refresh_from_db()
    assert article.extractor_version == EXTRACTOR_VERSION
    assert article.extracted_at is not None


def test_running_twice_changes_nothing_the_second_time(reference: None, tmp_path: Path) -> None:
    meeting = misread(ingest(tmp_path, "one.txt", AGENCY_ONE))
    reextract()
    links = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (models.MeetingCountry, models.MeetingParticipant, models.MeetingSector, models.RelationLevel)
    }
    history = (models.Meeting.history.count(), models.MeetingSector.history.count(), models.Article.history.count())
    out, _ = reextract()
    assert out.startswith("0 read,")  # every article is read by the current version now
    out, _ = reextract("--all")
    assert "1 read, 0 updated, 1 unchanged" in out
    assert {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (models.MeetingCountry, models.MeetingParticipant, models.MeetingSector, models.RelationLevel)
    } == links
    history_now = (models.Meeting.history.count(), models.MeetingSector.history.count(), models.Article.history.count())
    assert history_now == history
    assert meeting.sources.count() == 1


def test_locked_fields_and_curator_rows_survive(reference: None, tmp_path: Path) -> None:
    article = ingest(tmp_path, "one.txt", AGENCY_ONE)
    meeting = misread(article)
    data = {"date": meeting.date.replace(day=11), "format": models.MeetingFormat.WORKING_VISIT}  # type: ignore[union-attr]
    services.meeting_update(meeting=meeting, data=data)
    curator_row = models.MeetingSector.objects.create(
        meeting=meeting, sector=models.CooperationSector.objects.get(slug="water"), origin="curator"
    )
    # A curator corrected one of the extracted participant rows: it is theirs now.
    corrected = meeting.participants.get(official__name="Bakhtiyor Saidov")
    corrected.title = "Foreign Minister"
    corrected.origin = "curator"
    corrected.save()
    reextract()
    meeting.refresh_from_db()
    assert meeting.status == "extracted"
    assert str(meeting.date) == "2024-03-11"
    assert meeting.format == "working_visit"
    assert models.MeetingSector.objects.filter(pk=curator_row.pk).exists()
    corrected.refresh_from_db()
    assert (corrected.title, corrected.origin) == ("Foreign Minister", "curator")
    assert meeting.participants.count() == 2
    assert "energy" in sectors(meeting)  # what is not locked is updated


def test_a_link_set_a_curator_edited_is_left_alone(reference: None, tmp_path: Path) -> None:
    meeting = misread(ingest(tmp_path, "one.txt", AGENCY_ONE))
    meeting.locked_fields = ["sectors"]  # as a curator's edit of the sectors leaves it
    meeting.save()
    before = sectors(meeting)
    reextract()
    assert sectors(meeting) == before  # culture stays and energy is not added: the set is the curator's
    assert "official visit to Uzbekistan" in meeting.parties.get(country="UZB").evidence


@pytest.mark.parametrize("status", ["verified", "rejected"])
def test_verified_and_rejected_meetings_are_not_touched(reference: None, tmp_path: Path, status: str) -> None:
    article = ingest(tmp_path, "one.txt", AGENCY_ONE)
    meeting = misread(article)
    services.meeting_set_status(meeting=meeting, status=status)
    before = sectors(meeting)
    history = models.Meeting.history.count()
    out, _ = reextract()
    assert "1 read, 0 updated, 0 unchanged, 0 with a new meeting, 0 no longer found (left for a curator), 1 kept" in out
    assert sectors(meeting) == before
    assert models.Meeting.history.count() == history
    article.refresh_from_db()
    assert article.extractor_version == EXTRACTOR_VERSION  # the article itself was read again


def test_a_sole_source_recomputes_the_meetings_fields(reference: None, tmp_path: Path) -> None:
    article = ingest(tmp_path, "one.txt", AGENCY_ONE)
    meeting = article.meetings.get()
    expected = models.Meeting.objects.values("date", "format", "location_city", "summary", "date_evidence").get()
    models.Meeting.objects.filter(pk=meeting.pk).update(
        date=None, format="phone_call", location_city="Astana", summary="old", date_evidence=""
    )
    age(article)
    out, _ = reextract()
    assert "1 updated" in out
    assert (
        models.Meeting.objects.values("date", "format", "location_city", "summary", "date_evidence").get() == expected
    )
    assert models.Meeting.history.filter(id=meeting.pk, history_type="~").exists()


def test_a_multi_source_meeting_keeps_the_other_sources_links_and_only_fills_empty_fields(
    reference: None, tmp_path: Path
) -> None:
    one = ingest(tmp_path, "one.txt", AGENCY_ONE)
    two = ingest(tmp_path, "two.txt", AGENCY_TWO)
    meeting = one.meetings.get()
    assert meeting.sources.count() == 2
    from_two = dict(meeting.sector_links.filter(source=two).values_list("sector__slug", "pk"))
    assert "water" in from_two
    misread(one)
    models.Meeting.objects.filter(pk=meeting.pk).update(format="phone_call", location_city="")
    out, _ = reextract("--article", str(one.pk))
    assert "1 read, 1 updated" in out
    assert dict(meeting.sector_links.filter(source=two).values_list("sector__slug", "pk")) == from_two
    assert "energy" in sectors(meeting)
    meeting.refresh_from_db()
    assert meeting.format == "phone_call"  # set: with several sources only empty fields are filled
    assert meeting.location_city == "Tashkent"  # empty: filled


def test_an_article_that_now_reports_a_meeting_is_merged_into_the_meeting_on_record(
    reference: None, tmp_path: Path
) -> None:
    one = ingest(tmp_path, "one.txt", AGENCY_ONE)
    two = ingest(tmp_path, "two.txt", AGENCY_TWO)
    meeting = one.meetings.get()
    # As if an older extractor had found no meeting in the second report:
    for model in (models.MeetingCountry, models.MeetingParticipant, models.MeetingSector, models.MeetingForum):
        model.objects.filter(source=two).delete()
    models.MeetingSource.objects.filter(article=two).delete()
    age(two)
    out, _ = reextract()
    assert "1 read, 0 updated, 0 unchanged, 1 with a new meeting" in out
    assert models.Meeting.objects.count() == 1
    assert meeting.sources.get(article=two).how == "merged"
    assert meeting.sector_links.get(sector__slug="water").source == two


def test_an_article_that_now_reports_a_meeting_gets_a_new_one(reference: None, tmp_path: Path) -> None:
    article = ingest(tmp_path, "reception.txt", RECEPTION)
    article.meetings.get().delete()
    age(article)
    out, _ = reextract()
    assert "1 with a new meeting" in out
    meeting = article.meetings.get()
    assert meeting.party_key == "CHL-MNG"
    assert meeting.sources.get().how == "created"
    assert models.BilateralRelation.objects.filter(country_a="CHL", country_b="MNG").exists()


def test_a_meeting_no_longer_found_is_kept_and_listed_for_a_curator(reference: None, tmp_path: Path) -> None:
    statement = ingest(tmp_path, "statement.txt", STATEMENT)
    # As if an older extractor had read a meeting into the statement:
    meeting = models.Meeting.objects.create(title=statement.title, party_key="KAZ-UZB")
    models.MeetingSource.objects.create(meeting=meeting, article=statement, how="created")
    for code in ("KAZ", "UZB"):
        models.MeetingCountry.objects.create(meeting=meeting, country_id=code, source=statement, origin=EXTRACTED)
    age(statement)
    out, _ = reextract()
    assert "1 read, 0 updated, 0 unchanged, 0 with a new meeting, 1 no longer found (left for a curator)" in out
    assert f"article {statement.pk} (Ministry welcomes the ceasefire): meeting {meeting.pk}\n" in out
    assert meeting.parties.count() == 2
    assert models.Meeting.objects.get(pk=meeting.pk).status == "extracted"


def test_dry_run_commits_nothing(reference: None, tmp_path: Path) -> None:
    article = ingest(tmp_path, "one.txt", AGENCY_ONE)
    meeting = misread(article)
    before = sectors(meeting)
    out, _ = reextract("--dry-run")
    assert out.startswith("Dry run, nothing committed: 1 read, 1 updated")
    assert sectors(meeting) == before
    article.refresh_from_db()
    assert article.extractor_version == OLD


def test_a_failing_article_is_reported_and_the_rest_proceed(reference: None, tmp_path: Path) -> None:
    one = ingest(tmp_path, "one.txt", AGENCY_ONE)
    later = ingest(tmp_path, "later.txt", LATER_MEETING)
    misread(one)
    age(later)
    # The current extractor cannot use this text any more (it names no country).
    models.Article.objects.filter(pk=later.pk).update(title="A note", text="Nothing to see here.")
    err = StringIO()
    with pytest.raises(CommandError, match=r"1 article\(s\) failed"):
        call_command("reextract_articles", "--no-progress", stdout=StringIO(), stderr=err)
    assert err.getvalue() == f"article {later.pk} (A note): the article names no country\n"
    report = services.articles_reextract()  # the failed one is still to do
    assert (report.read, report.failed) == (1, 1)
    assert "energy" in sectors(one.meetings.get())


def test_a_database_failure_rolls_back_that_article_alone(
    reference: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relations.services import reextract as reextract_module

    one = ingest(tmp_path, "one.txt", AGENCY_ONE)
    reception = ingest(tmp_path, "reception.txt", RECEPTION)
    meeting = misread(one)
    age(reception)
    before = sectors(meeting)
    real = reextract_module.write_relations

    def fail_on_one(pendings, ctx, known):  # type: ignore[no-untyped-def]
        if pendings[0].article.pk == one.pk:
            raise DatabaseError("disk full")
        return real(pendings, ctx, known)

    monkeypatch.setattr(reextract_module, "write_relations", fail_on_one)
    report = services.articles_reextract()
    assert (report.read, report.failed, report.unchanged) == (2, 1, 1)
    assert report.errors == [f"article {one.pk} ({one.title}): database error (DatabaseError: disk full)"]
    assert sectors(meeting) == before  # nothing of the failed article was written
    one.refresh_from_db()
    assert one.extractor_version == OLD
    reception.refresh_from_db()
    assert reception.extractor_version == EXTRACTOR_VERSION


def test_article_selects_given_articles_and_all_selects_every_article(reference: None, tmp_path: Path) -> None:
    one = ingest(tmp_path, "one.txt", AGENCY_ONE)
    later = ingest(tmp_path, "later.txt", LATER_MEETING)
    ingest(tmp_path, "reception.txt", RECEPTION)
    age(one)
    age(later)
    out, _ = reextract("--article", str(later.pk))
    assert out.startswith("1 read, 0 updated, 1 unchanged")
    one.refresh_from_db()
    assert one.extractor_version == OLD
    out, _ = reextract("--all")
    assert out.startswith("3 read, 0 updated, 3 unchanged")
    with pytest.raises(CommandError, match="no article with id 999"):
        reextract("--article", "999")
    with pytest.raises(CommandError, match="not both"):
        reextract("--all", "--article", str(one.pk))


def test_queries_per_article_do_not_grow_with_rows_or_articles(reference: None, tmp_path: Path) -> None:
    """Prevents N+1: the queries per article are bounded, however many link rows change."""
    kyrgyz = AGENCY_ONE.replace("Uzbek", "Kyrgyz").replace("Uzbekistan", "Kyrgyzstan")
    texts = [AGENCY_ONE, kyrgyz, LATER_MEETING, RECEPTION]
    articles = [ingest(tmp_path, f"{i}.txt", text) for i, text in enumerate(texts)]
    assert models.Meeting.objects.count() == 4
    spares = list(models.CooperationSector.objects.filter(slug__in=["health", "tourism", "science"]))

    def misread_more(article: models.Article, rows: int) -> None:
        """Rows of every kind to update, and `rows` sectors to delete and as many to add."""
        meeting = article.meetings.get()
        meeting.parties.update(evidence="old")
        meeting.participants.update(evidence="old")
        meeting.sector_links.filter(pk__in=list(meeting.sector_links.values_list("pk", flat=True)[:rows])).delete()
        for sector in spares[:rows]:
            models.MeetingSector.objects.create(meeting=meeting, sector=sector, source=article, origin=EXTRACTED)
        age(article)

    with CaptureQueriesContext(connection) as idle:
        assert services.articles_reextract().read == 0
    misread_more(articles[0], rows=1)
    with CaptureQueriesContext(connection) as one:
        assert services.articles_reextract().updated == 1
    for article in articles[1:]:
        misread_more(article, rows=len(spares))
    with CaptureQueriesContext(connection) as three:
        assert services.articles_reextract().updated == 3
    per_article = len(one) - len(idle)
    assert (
        per_article <= 64
    )  # 32, and 32 to keep the figures of its pairs, countries, officials and forums in step (issue 10)
    assert len(three) - len(idle) <= 3 * per_article
