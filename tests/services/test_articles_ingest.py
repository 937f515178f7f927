"""Ingest of many articles: dedupe across sources, idempotency, curator edits, bad input (issue 3)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from relations import models, services
from relations.extraction import iter_articles

pytestmark = pytest.mark.django_db

# Two agencies report the same visit in their own words.
AGENCY_ONE = """title: Kazakh FM holds talks with Uzbek counterpart in Tashkent
published: 2024-03-13
publisher: Steppe News Agency
---
TASHKENT, March 13. Minister of Foreign Affairs of Kazakhstan Murat Nurtleu, who is on an official visit to Uzbekistan, held talks with his Uzbek counterpart Bakhtiyor Saidov on March 12, 2024.

The ministers discussed cooperation in trade, energy and transport, and praised the strategic partnership between Kazakhstan and Uzbekistan.
"""

AGENCY_TWO = """title: Uzbekistan and Kazakhstan discuss transit corridors
published: 2024-03-12
publisher: Silk Road Daily
---
Uzbek Foreign Minister Bakhtiyor Saidov met with Kazakh Foreign Minister Murat Nurtleu in Tashkent on Tuesday.

Saidov and Nurtleu focused on transport and logistics, water resources and agriculture, the ministry said.
"""

# The same two ministers, half a year later: another meeting.
LATER_MEETING = """title: Uzbek and Kazakh foreign ministers meet in Astana
published: 2024-09-20
publisher: Steppe News Agency
---
ASTANA, September 20. Minister of Foreign Affairs of Uzbekistan Bakhtiyor Saidov met with Minister of Foreign Affairs of Kazakhstan Murat Nurtleu in Astana on September 19, 2024.

The parties discussed cooperation in education and culture.
"""

# Names that are on no reference list: ingest creates these officials.
RECEPTION = """title: Mongolian minister receives the new Chilean ambassador
published: 2024-04-03
---
Minister of Foreign Affairs of Mongolia Tsogtbaatar Damdinjav received the newly appointed Ambassador of Chile Rodrigo Alvarez Casanueva in Ulaanbaatar on April 2, 2024. They discussed trade and education.
"""

STATEMENT = """title: Ministry welcomes the ceasefire
published: 2024-05-02
---
The Ministry of Foreign Affairs of Kazakhstan welcomes the ceasefire agreement and calls on all parties to respect it.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def ingest(*paths: Path, **options: object) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest_articles", *[str(p) for p in paths], "--no-progress", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_two_reports_of_the_same_meeting_become_one_meeting_with_two_sources(reference: None, tmp_path: Path) -> None:
    write(tmp_path, "a/one.txt", AGENCY_ONE)
    write(tmp_path, "b/two.md", AGENCY_TWO)
    out, _ = ingest(tmp_path)
    assert "2 read, 1 new, 0 already known, 1 merged into an existing meeting" in out
    meeting = models.Meeting.objects.get()
    assert sorted(meeting.articles.values_list("publisher", flat=True)) == ["Silk Road Daily", "Steppe News Agency"]
    assert sorted(meeting.sources.values_list("how", flat=True)) == ["created", "merged"]
    assert sorted(meeting.parties.values_list("country_id", flat=True)) == ["KAZ", "UZB"]
    # Each person appears once, whatever each report called them.
    assert sorted(meeting.participants.values_list("official__name", flat=True)) == [
        "Bakhtiyor Saidov",
        "Murat Nurtleu",
    ]
    # The second report adds what the first did not say, with its own evidence.
    water = meeting.sector_links.get(sector__slug="water")
    assert water.source.publisher == "Silk Road Daily"
    assert "water resources" in water.evidence


def test_different_meetings_of_the_same_ministers_stay_apart(reference: None, tmp_path: Path) -> None:
    write(tmp_path, "one.txt", AGENCY_ONE)
    write(tmp_path, "later.txt", LATER_MEETING)
    out, _ = ingest(tmp_path)
    assert "2 read, 2 new" in out
    dates = sorted(str(d) for d in models.Meeting.objects.values_list("date", flat=True))
    assert dates == ["2024-03-12", "2024-09-19"]
    # ... but the people are the same two Officials (both on the reference list of known officials).
    assert models.Official.objects.filter(participations__isnull=False).distinct().count() == 2
    assert models.MeetingParticipant.objects.filter(official__isnull=True).count() == 0


def test_near_identical_undated_reports_merge(reference: None, tmp_path: Path) -> None:
    body = (
        "Minister of Foreign Affairs of Georgia Ilia Darchiashvili received the Ambassador of Japan "
        "Akira Imamura. The sides discussed investment, tourism and education and the friendly relations "
        "between Georgia and Japan."
    )
    write(tmp_path, "a.txt", f"Georgian FM receives Japanese Ambassador\n\n{body}\n")
    write(tmp_path, "b.txt", f"Darchiashvili meets Imamura\n\n{body} The meeting was held in a warm atmosphere.\n")
    out, _ = ingest(tmp_path)
    assert "2 read, 1 new, 0 already known, 1 merged" in out
    assert models.Meeting.objects.get().sources.count() == 2


def test_reingesting_the_same_articles_changes_nothing(reference: None, tmp_path: Path) -> None:
    write(tmp_path, "one.txt", AGENCY_ONE)
    write(tmp_path, "two.txt", AGENCY_TWO)
    ingest(tmp_path)
    counts = {
        m.__name__: m.objects.count() for m in (models.Article, models.Meeting, models.MeetingSource, models.Official)
    }
    history = models.Meeting.history.count()
    out, _ = ingest(tmp_path)
    assert "2 read, 0 new, 2 already known, 0 merged" in out
    assert {
        m.__name__: m.objects.count() for m in (models.Article, models.Meeting, models.MeetingSource, models.Official)
    } == counts
    assert models.Meeting.history.count() == history


def test_the_same_text_under_another_headline_is_already_known(reference: None, tmp_path: Path) -> None:
    write(tmp_path, "one.txt", AGENCY_ONE)
    write(tmp_path, "copy.txt", AGENCY_ONE.replace("Kazakh FM holds talks", "Nurtleu in Tashkent"))
    out, _ = ingest(tmp_path)
    assert "2 read, 1 new, 1 already known" in out


def test_a_new_report_never_overwrites_a_curators_work(reference: None, tmp_path: Path) -> None:
    ingest(write(tmp_path, "one.txt", AGENCY_ONE))
    meeting = models.Meeting.objects.get()
    services.meeting_set_status(meeting=meeting, status="verified")
    ingest(write(tmp_path, "two.txt", AGENCY_TWO))
    meeting.refresh_from_db()
    assert meeting.status == "verified"
    assert meeting.sources.count() == 2  # the source is recorded ...
    assert not meeting.sector_links.filter(sector__slug="water").exists()  # ... but verified facts are left alone


def test_a_later_report_fills_an_empty_field_unless_a_curator_locked_it(reference: None, tmp_path: Path) -> None:
    undated = AGENCY_ONE.replace(" on March 12, 2024", "").replace("published: 2024-03-13\n", "")
    ingest(write(tmp_path, "undated.txt", undated))
    meeting = models.Meeting.objects.get()
    assert meeting.date is None
    meeting.locked_fields = ["location_city"]
    meeting.save()
    before = meeting.updated_at
    ingest(write(tmp_path, "two.txt", AGENCY_ONE.replace("TASHKENT, March 13. ", "")))
    meeting.refresh_from_db()
    assert str(meeting.date) == "2024-03-12"
    assert meeting.updated_at > before  # a filled field is a change like any other


def test_a_new_report_adds_nothing_to_a_link_set_a_curator_edited(reference: None, tmp_path: Path) -> None:
    ingest(write(tmp_path, "one.txt", AGENCY_ONE))
    meeting = models.Meeting.objects.get()
    meeting.locked_fields = ["sectors"]  # as a curator's edit of the sectors leaves it
    meeting.save()
    ingest(write(tmp_path, "two.txt", AGENCY_TWO))
    assert meeting.sources.count() == 2
    assert sorted(meeting.sector_links.values_list("sector__slug", flat=True)) == ["energy", "trade", "transport"]


def test_a_report_finds_a_meeting_whose_parties_a_curator_corrected(reference: None, tmp_path: Path) -> None:
    """The party key that dedupe looks meetings up by follows a curator's edit of the parties."""
    ingest(write(tmp_path, "one.txt", AGENCY_ONE.replace("Uzbekistan", "Tajikistan").replace("Uzbek", "Tajik")))
    meeting = models.Meeting.objects.get()
    assert meeting.party_key == "KAZ-TJK"
    # As the admin does when a curator corrects a party in the meeting's inline:
    meeting.parties.filter(country="TJK").update(country="UZB", origin="curator")
    services.relations_ensure_for_meeting(meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.party_key == "KAZ-UZB"
    ingest(write(tmp_path, "two.txt", AGENCY_TWO))
    assert models.Meeting.objects.count() == 1


def test_statement_is_kept_as_an_article_without_a_meeting(reference: None, tmp_path: Path) -> None:
    out, _ = ingest(write(tmp_path, "statement.txt", STATEMENT))
    assert "1 without a meeting" in out
    article = models.Article.objects.get()
    assert list(article.countries_mentioned.values_list("iso3", flat=True)) == ["KAZ"]
    assert not models.Meeting.objects.exists()


def test_stated_levels_are_recorded_with_their_source(reference: None, tmp_path: Path) -> None:
    ingest(write(tmp_path, "one.txt", AGENCY_ONE))
    relation = models.BilateralRelation.objects.get(country_a="KAZ", country_b="UZB")
    level = relation.levels.get()
    assert level.level == "strategic_partnership"
    assert level.source.publisher == "Steppe News Agency"
    assert str(level.stated_on) == "2024-03-12"


def test_jsonl_bad_lines_are_reported_and_skipped(reference: None, tmp_path: Path) -> None:
    good = {
        "title": "Kazakh FM meets Uzbek counterpart",
        "text": AGENCY_ONE.split("---\n", 1)[1],
        "published": "2024-03-13",
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"title": "No text"}),
        json.dumps({**good, "text": AGENCY_TWO.split("---\n", 1)[1], "published": "13/03/2024"}),
        json.dumps(["a", "list"]),
    ]
    path = write(tmp_path, "dump.jsonl", "\n".join(lines) + "\n")
    with pytest.raises(CommandError, match="4 article"):
        ingest(path)
    assert models.Article.objects.count() == 1
    # Each bad line is named with its file and line number.
    errors = services.articles_ingest(articles=iter_articles([path])).errors
    assert errors == [
        f"{path}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{path}:3: the article has no text",
        f"{path}:4: published '13/03/2024' is not an ISO date (YYYY-MM-DD)",
        f"{path}:5: a line must be a JSON object",
    ]


def test_dry_run_does_everything_but_commit(reference: None, tmp_path: Path) -> None:
    write(tmp_path, "one.txt", AGENCY_ONE)
    write(tmp_path, "two.txt", AGENCY_TWO)
    write(tmp_path, "three.txt", RECEPTION)
    officials = models.Official.objects.count()
    out, _ = ingest(tmp_path, dry_run=True)
    assert out.startswith("Dry run, nothing committed: 3 read, 2 new, 0 already known, 1 merged")
    assert models.Official.objects.count() == officials
    assert not models.Article.objects.exists()
    assert not models.Meeting.objects.exists()


def test_strict_stops_at_the_first_bad_article(reference: None, tmp_path: Path) -> None:
    write(tmp_path, "1.txt", AGENCY_ONE)
    write(tmp_path, "2.txt", "")
    write(tmp_path, "3.txt", LATER_MEETING)
    with pytest.raises(CommandError, match=r"1 article\(s\) failed \(stopped at the first, --strict\)"):
        ingest(tmp_path, strict=True)
    assert list(models.Article.objects.values_list("title", flat=True)) == [
        "Kazakh FM holds talks with Uzbek counterpart in Tashkent"
    ]


def test_without_strict_a_bad_file_is_skipped_and_the_rest_loaded(reference: None, tmp_path: Path) -> None:
    write(tmp_path, "1.txt", AGENCY_ONE)
    (tmp_path / "2.txt").write_bytes(b"\xff\xfe broken")
    write(tmp_path, "3.txt", LATER_MEETING)
    with pytest.raises(CommandError, match="1 article"):
        ingest(tmp_path)
    assert models.Article.objects.count() == 2


def test_a_failure_while_storing_leaves_nothing_half_written(
    reference: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import DatabaseError

    from relations.services import linking

    def fail(*args: object, **kwargs: object) -> None:
        raise DatabaseError("disk full")

    monkeypatch.setattr(linking, "write_relations", fail)  # the last write of an article's rows
    report = services.articles_ingest(articles=iter_articles([write(tmp_path, "one.txt", RECEPTION)]))
    assert report.failed == 1
    assert report.errors == [f"{tmp_path / 'one.txt'}: database error (DatabaseError: disk full)"]
    for model in (models.Article, models.Meeting, models.MeetingParticipant, models.MeetingSource):
        assert not model.objects.exists(), model.__name__
    assert not models.Official.objects.filter(curated=False).exists()


def test_unregistered_organisation_is_added_as_an_unregistered_forum(reference: None, tmp_path: Path) -> None:
    text = (
        "title: Mongolia and Japan discuss regional cooperation\npublished: 2024-06-05\n---\n"
        "Mongolian Foreign Minister Battsetseg Batmunkh met with Japanese Foreign Minister Yoko Kamikawa in Tokyo "
        "on June 4, 2024. They discussed cooperation within the Northeast Asia Energy Forum (NEAEF) and trade.\n"
    )
    ingest(write(tmp_path, "mn.txt", text))
    forum = models.Forum.objects.get(acronym="NEAEF")
    assert forum.registered is False
    assert models.Meeting.objects.get().forum_links.get().forum == forum


def test_a_long_run_keeps_no_query_log_even_in_debug(reference: None, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    """With DEBUG on Django logs queries; ingest clears the log per batch so memory stays flat."""
    from django.db import connection

    settings.DEBUG = True
    write(tmp_path, "1.txt", AGENCY_ONE)
    write(tmp_path, "2.txt", LATER_MEETING)
    connection.queries_log.clear()
    services.articles_ingest(articles=iter_articles([tmp_path]), batch_size=1)
    assert len(connection.queries) == 0


def test_parties_known_only_from_their_officials_count_as_mentioned(reference: None, tmp_path: Path) -> None:
    """A report that names the people but no country still has a meeting; its parties are mentioned."""
    text = (
        "title: Tokayev and Mirziyoyev talk by phone\npublished: 2024-05-08\n---\n"
        "Kassym-Jomart Tokayev and Shavkat Mirziyoyev held a telephone conversation on Monday and discussed water.\n"
    )
    out, _ = ingest(write(tmp_path, "call.txt", text))
    assert "1 new" in out
    assert sorted(models.Article.objects.get().countries_mentioned.values_list("iso3", flat=True)) == ["KAZ", "UZB"]


def test_a_sector_only_the_headline_states_is_stored_without_a_span(reference: None, tmp_path: Path) -> None:
    """The headline is not in the article's text: its sector keeps no offsets, the body's keep theirs."""
    text = (
        "title: Kazakh, Uzbek ministers talk rice trade, tourism\npublished: 2024-05-08\n---\n"
        "Minister of Foreign Affairs of Kazakhstan Murat Nurtleu met with his Uzbek counterpart Bakhtiyor Saidov "
        "in Tashkent on May 7, 2024. They discussed trade.\n"
    )
    ingest(write(tmp_path, "rice.txt", text))
    links = {link.sector.slug: link for link in models.Meeting.objects.get().sector_links.select_related("sector")}
    assert sorted(links) == ["agriculture", "tourism", "trade"]
    tourism = links["tourism"]
    assert (tourism.evidence, tourism.evidence_start, tourism.evidence_end) == ("", None, None)
    trade = links["trade"]
    article_text = models.Article.objects.get().text
    assert article_text[trade.evidence_start : trade.evidence_end] == "trade"
