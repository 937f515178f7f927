"""Articles that report several meetings: one Meeting each, end to end (ingest, dedupe, decisions, re-extraction).

Most tests replace the extractor with tests/several_meetings.py's stand-in, so that they check the
services whatever the extractor's rules read; the last test runs the real extractor end to end.
"""

from __future__ import annotations

import hashlib
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from relations import models, services
from relations.extraction import ArticleInput, iter_articles
from relations.services import linking
from tests.several_meetings import KYRGYZ, SUMMIT, SUMMIT_MEETINGS, SUMMIT_TITLE, Seen, read_as

from .test_articles_ingest import write

pytestmark = pytest.mark.django_db

PAIRS = ["AZE-KAZ", "KAZ-KGZ", "KAZ-PAK", "KAZ-TJK", "KAZ-UZB"]
OLD = "1.9.0"


_folder: list[Path] = []  # this test's tmp_path


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path) -> None:
    _folder[:] = [tmp_path]


def _file(text: str) -> Path:
    return write(_folder[0], f"{hashlib.sha1(text.encode()).hexdigest()}.txt", text)


def article(text: str) -> ArticleInput:
    item = next(iter(iter_articles([_file(text)])))
    assert isinstance(item, ArticleInput), item
    return item


def ingest(*texts: str) -> str:
    out = StringIO()
    call_command("ingest_articles", *[str(_file(t)) for t in texts], "--no-progress", stdout=out, stderr=StringIO())
    return out.getvalue()


def by_pair() -> dict[str, models.Meeting]:
    return {m.party_key: m for m in models.Meeting.objects.all()}


def people(meeting: models.Meeting) -> list[str]:
    return sorted(meeting.participants.values_list("raw_name", flat=True))


def sectors(meeting: models.Meeting) -> list[str]:
    return sorted(meeting.sector_links.values_list("sector__slug", flat=True))


def rows() -> dict[str, int]:
    tables = (
        models.Article,
        models.Meeting,
        models.MeetingSource,
        models.MeetingCountry,
        models.MeetingParticipant,
        models.MeetingSector,
        models.MeetingForum,
        models.Official,
        models.BilateralRelation,
    )
    return {model.__name__: model.objects.count() for model in tables}


def test_an_article_reporting_five_meetings_makes_five_meetings_each_sourced_to_it(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(monkeypatch)
    result = services.article_ingest(article=article(SUMMIT))
    assert result.outcome == services.Outcome.NEW
    assert [m.party_key for m in result.meetings] == ["KAZ-UZB", "KAZ-KGZ", "KAZ-TJK", "KAZ-PAK", "AZE-KAZ"]
    ids = ", ".join(f"#{m.pk}" for m in result.meetings)
    assert services.ingest_message(result) == f"The article reports 5 meetings: created meetings {ids}"
    meetings = by_pair()
    assert sorted(meetings) == PAIRS
    assert people(meetings["KAZ-KGZ"]) == ["Kassym-Jomart Tokayev", "Sadyr Japarov"]
    assert people(meetings["AZE-KAZ"]) == ["Ilham Aliyev", "Kassym-Jomart Tokayev"]
    assert sectors(meetings["KAZ-TJK"]) == ["education"]
    assert sectors(meetings["KAZ-PAK"]) == ["trade", "transport"]
    for meeting in meetings.values():
        assert list(meeting.sources.values_list("article_id", "how")) == [(result.article.pk, "created")]
        assert sorted(meeting.parties.values_list("country_id", flat=True)) == meeting.party_key.split("-")
        # Each meeting's facts quote the sentence that reports that meeting.
        sentence = meeting.summary
        assert all(p.evidence == sentence for p in meeting.parties.all())
        assert all(p.evidence == sentence for p in meeting.participants.all())
        assert all(s.evidence == sentence for s in meeting.sector_links.all())
        # Forums are article-wide: each meeting of the summit gets it, with the sentence that names it.
        assert [(f.forum_id, "Shanghai" in f.evidence) for f in meeting.forum_links.select_related("forum")] == [
            (models.Forum.objects.get(acronym="SCO").pk, True)
        ]
    assert meetings["KAZ-UZB"].title == SUMMIT_TITLE  # the principal meeting takes the headline
    assert meetings["KAZ-KGZ"].title.startswith("On the same day, President of Kazakhstan")
    assert models.Official.objects.filter(name="Kassym-Jomart Tokayev").count() == 1  # one person in five meetings
    assert sorted(result.article.countries_mentioned.values_list("iso3", flat=True)) == [
        "AZE",
        "KAZ",
        "KGZ",
        "PAK",
        "TJK",
        "UZB",
    ]
    totals = models.Totals.objects.get()
    assert (totals.meetings, totals.articles) == (5, 1)


def test_ingesting_the_same_article_again_changes_nothing(reference: None, monkeypatch: pytest.MonkeyPatch) -> None:
    read_as(monkeypatch)
    first = ingest(SUMMIT)
    assert "1 read, 1 new, 0 already known" in first
    assert first.strip().endswith("; 1 reported several meetings (5 meetings in all)")
    before = rows()
    again = ingest(SUMMIT)
    assert "1 read, 0 new, 1 already known, 0 merged" in again
    assert "several" not in again
    assert rows() == before
    result = services.article_ingest(article=article(SUMMIT))
    assert result.outcome == services.Outcome.KNOWN
    ids = ", ".join(f"#{pk}" for pk in sorted(m.pk for m in by_pair().values()))
    assert services.ingest_message(result) == f"Already stored as article #{result.article.pk} (meetings {ids})"


def test_a_second_agency_report_of_one_meeting_merges_into_it_not_into_its_siblings(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(monkeypatch)
    ingest(SUMMIT)
    meetings = by_pair()
    out = ingest(KYRGYZ)
    assert "1 read, 0 new, 0 already known, 1 merged into an existing meeting" in out
    assert by_pair().keys() == meetings.keys()
    kgz = meetings["KAZ-KGZ"]
    assert sorted(kgz.sources.values_list("article__publisher", "how")) == [
        ("Kyrgyz Wire", "merged"),
        ("Steppe News Agency", "created"),
    ]
    assert sectors(kgz) == ["energy", "transport", "water"]  # the second report adds what it names
    assert people(kgz) == ["Kassym-Jomart Tokayev", "Sadyr Japarov"]  # the same two people, not twice
    for pair, meeting in meetings.items():
        if pair != "KAZ-KGZ":
            assert meeting.sources.count() == 1, pair


def test_both_reports_in_one_batch_merge_the_same_way(reference: None, monkeypatch: pytest.MonkeyPatch) -> None:
    read_as(monkeypatch)
    out = ingest(SUMMIT, KYRGYZ)
    assert "2 read, 1 new, 0 already known, 1 merged" in out
    assert sorted(by_pair()) == PAIRS
    assert by_pair()["KAZ-KGZ"].sources.count() == 2


def test_a_second_summit_report_merges_each_meeting_into_its_own(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Near-identical texts merge, each report into the meeting of its parties only."""
    read_as(monkeypatch)
    ingest(SUMMIT)
    retold = SUMMIT.replace("Steppe News Agency", "Other Agency") + "\nThe summit closed on July 4.\n"
    result = services.article_ingest(article=article(retold))
    assert result.outcome == services.Outcome.MERGED
    assert sorted(by_pair()) == PAIRS
    assert {m.party_key: m.sources.count() for m in by_pair().values()} == dict.fromkeys(PAIRS, 2)
    assert services.ingest_message(result).startswith("The article reports 5 meetings: added as a source of meetings")


def test_two_meetings_of_the_same_sides_in_one_article_stay_two(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A call and a later visit of the same two sides are two meetings (the contract): the second is never
    merged into the first, though the text is the same."""
    text = (
        "title: Tokayev and Mirziyoyev speak by phone, then meet\npublished: 2024-07-10\n---\n"
        "On July 1, 2024 President of Kazakhstan Kassym-Jomart Tokayev spoke by phone with President of "
        "Uzbekistan Shavkat Mirziyoyev.\n\n"
        "On July 9, 2024 President of Kazakhstan Kassym-Jomart Tokayev met President of Uzbekistan "
        "Shavkat Mirziyoyev in Astana.\n"
    )
    people_ = (("Kassym-Jomart Tokayev", "KAZ", "President"), ("Shavkat Mirziyoyev", "UZB", "President"))
    read_as(
        monkeypatch,
        {
            "spoke by phone": [
                Seen("On July 1", ("KAZ", "UZB"), people_, when=date(2024, 7, 1), format="phone_call"),
                Seen("On July 9", ("KAZ", "UZB"), people_, when=date(2024, 7, 9), format="official_visit"),
            ]
        },
    )
    result = services.article_ingest(article=article(text))
    assert len({m.pk for m in result.meetings}) == 2
    assert sorted(models.Meeting.objects.values_list("format", "date")) == [
        ("official_visit", date(2024, 7, 9)),
        ("phone_call", date(2024, 7, 1)),
    ]


def test_a_curators_removed_forum_stays_off_every_meeting_of_the_article(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CuratorDecision rules apply to each meeting of the article."""
    read_as(monkeypatch)
    services.reference_delete(instances=[models.Forum.objects.get(acronym="SCO")])
    ingest(SUMMIT)
    assert models.Meeting.objects.count() == 5
    assert not models.MeetingForum.objects.exists()


def test_a_verified_meeting_on_record_only_gains_the_source(reference: None, monkeypatch: pytest.MonkeyPatch) -> None:
    read_as(monkeypatch)
    ingest(KYRGYZ)
    kgz = models.Meeting.objects.get()
    services.meeting_set_status(meeting=kgz, status="verified")
    links = (people(kgz), sectors(kgz))
    result = services.article_ingest(article=article(SUMMIT))
    assert result.outcome == services.Outcome.NEW  # four new meetings, and one on record
    assert kgz.pk in result.merged
    assert (people(kgz), sectors(kgz)) == links
    assert kgz.sources.count() == 2
    assert services.ingest_message(result).endswith(f"added as a source of meeting #{kgz.pk} on record")


def test_a_batch_takes_the_locks_of_every_meeting_it_may_write(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(monkeypatch)
    taken: list[tuple[str, str]] = []
    real = linking.keys_lock
    monkeypatch.setattr(linking, "keys_lock", lambda keys: taken.extend(keys) or real(keys))
    ingest(SUMMIT)
    for pair in PAIRS:
        assert ("party", pair) in taken and ("pair", pair) in taken, pair
    assert ("person", "KGZ:japarov") in taken


# --------------------------------------------------------------------------- re-extraction


def age() -> None:
    models.Article.objects.update(extractor_version=OLD)


def lumped(monkeypatch: pytest.MonkeyPatch) -> models.Meeting:
    """The summit as an extractor that found one meeting left it: all six countries in one meeting."""
    one = Seen("ASTANA, July 4.", ("AZE", "KAZ", "KGZ", "PAK", "TJK", "UZB"), SUMMIT_MEETINGS[0].people)
    read_as(monkeypatch, {"ASTANA, July 4.": [one]})
    ingest(SUMMIT)
    age()
    read_as(monkeypatch)
    return models.Meeting.objects.get()


def test_reextract_splits_an_extracted_meeting_into_the_meetings_now_read(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = lumped(monkeypatch)
    report = services.articles_reextract()
    assert (report.read, report.split, report.failed) == (1, 1, 0)
    assert "1 split into several meetings" in report.summary()
    assert sorted(by_pair()) == PAIRS
    meeting.refresh_from_db()
    assert meeting.party_key == "KAZ-UZB"  # the stored meeting is the principal one now
    assert sorted(meeting.parties.values_list("country_id", flat=True)) == ["KAZ", "UZB"]
    assert people(by_pair()["AZE-KAZ"]) == ["Ilham Aliyev", "Kassym-Jomart Tokayev"]
    for m in by_pair().values():
        assert m.sources.count() == 1
    assert models.Totals.objects.get().meetings == 5
    # Running again reads what is on record: nothing changes.
    before = rows()
    age()
    again = services.articles_reextract()
    assert (again.unchanged, again.split, again.new_meeting) == (1, 0, 0)
    assert rows() == before


def test_reextract_gives_each_stored_meeting_whose_parties_changed_its_own_reading(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older reading made two meetings with the wrong sides (the host's country missed): each
    takes the new reading it shares a country with, not both the principal one (which made two
    KAZ-UZB meetings of one article), and the readings left are placed as ingest places them."""
    wrong = [
        Seen("ASTANA, July 4.", ("UZB", "KGZ"), (("Shavkat Mirziyoyev", "UZB", "President"),)),
        Seen("On the same day", ("KGZ", "TJK"), (("Sadyr Japarov", "KGZ", "President"),)),
    ]
    read_as(monkeypatch, {"ASTANA, July 4.": wrong})
    ingest(SUMMIT)
    first, second = models.Meeting.objects.order_by("pk")
    age()
    read_as(monkeypatch)

    services.articles_reextract()

    assert sorted(models.Meeting.objects.values_list("party_key", flat=True)) == PAIRS
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.party_key, second.party_key) == ("KAZ-UZB", "KAZ-KGZ")


@pytest.mark.parametrize("status", ["verified", "rejected"])
def test_reextract_never_splits_a_curated_meeting_and_lists_what_it_would_have_split(
    reference: None, monkeypatch: pytest.MonkeyPatch, status: str
) -> None:
    meeting = lumped(monkeypatch)
    services.meeting_set_status(meeting=meeting, status=status)
    parties = sorted(meeting.parties.values_list("country_id", flat=True))
    history = models.Meeting.history.count()
    out = StringIO()
    call_command("reextract_articles", "--no-progress", stdout=out, stderr=StringIO())
    assert models.Meeting.objects.count() == 1
    assert sorted(meeting.parties.values_list("country_id", flat=True)) == parties
    assert models.Meeting.history.count() == history
    lines = [line for line in out.getvalue().splitlines() if line.startswith("Curated, left for a curator to split")]
    assert len(lines) == 4
    assert f"meeting {meeting.pk} ({status}) not split: the article also reports KAZ-KGZ" in lines[0]
    assert '("On the same day, President of Kazakhstan' in lines[0]
    assert "4 further meeting(s) of curated meetings not split" in out.getvalue()


def test_reextract_never_splits_a_meeting_whose_parties_a_curator_locked(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = lumped(monkeypatch)
    meeting.locked_fields = ["countries"]
    meeting.save()
    report = services.articles_reextract()
    assert models.Meeting.objects.count() == 1
    assert len(meeting.parties.all()) == 6
    assert len(report.unsplit) == 4
    assert "(countries set by a curator) not split" in report.unsplit[0]


def test_reextract_adds_the_other_meetings_of_an_article_read_with_its_principal_one_only(
    reference: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The meeting on record keeps its id; each further meeting is placed as ingest places it."""
    read_as(monkeypatch, {"ASTANA, July 4.": SUMMIT_MEETINGS[:1]})
    ingest(SUMMIT, KYRGYZ)  # the Kyrgyz report makes the KAZ-KGZ meeting on record
    principal, kgz = by_pair()["KAZ-UZB"], by_pair()["KAZ-KGZ"]
    age()
    read_as(monkeypatch)
    report = services.articles_reextract()
    assert report.split == 1
    assert sorted(by_pair()) == PAIRS
    assert by_pair()["KAZ-UZB"].pk == principal.pk
    assert sorted(kgz.sources.values_list("article__publisher", "how")) == [
        ("Kyrgyz Wire", "created"),
        ("Steppe News Agency", "merged"),
    ]


# --------------------------------------------------------------------------- the real extractor


def test_the_real_extractor_makes_five_meetings_of_the_summit_article(reference: None) -> None:
    """End to end with the real extractor: five meetings, each with its two countries and leaders,
    sourced to the article; the same article again changes nothing; another agency's report of one
    meeting merges into that one."""
    result = services.article_ingest(article=article(SUMMIT))
    leaders = {
        "KAZ-UZB": ["Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"],
        "KAZ-KGZ": ["Kassym-Jomart Tokayev", "Sadyr Japarov"],
        "KAZ-TJK": ["Emomali Rahmon", "Kassym-Jomart Tokayev"],
        "KAZ-PAK": ["Kassym-Jomart Tokayev", "Shehbaz Sharif"],
        "AZE-KAZ": ["Ilham Aliyev", "Kassym-Jomart Tokayev"],
    }
    meetings = by_pair()
    assert {pair: people(m) for pair, m in meetings.items()} == leaders
    for meeting in meetings.values():
        assert list(meeting.sources.values_list("article_id", flat=True)) == [result.article.pk]
    before = rows()
    assert services.article_ingest(article=article(SUMMIT)).outcome == services.Outcome.KNOWN
    assert rows() == before
    merged = services.article_ingest(article=article(KYRGYZ))
    assert merged.outcome == services.Outcome.MERGED
    assert [m.pk for m in merged.meetings] == [meetings["KAZ-KGZ"].pk]
    assert {pair: m.sources.count() for pair, m in by_pair().items()} == {**dict.fromkeys(leaders, 1), "KAZ-KGZ": 2}
