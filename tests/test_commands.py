"""Management commands: load_seeds, extract_article, ingest_articles — results, summaries, bad input."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from relations import models

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "seeds" / "articles" / "azerbaijan-pakistan-strategic-partnership.txt"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def table_snapshot() -> dict[str, list[tuple]]:
    """Every row of every table the seed touches, minus timestamps: to compare two runs."""
    snapshot = {}
    for model in (
        models.Country,
        models.CountryName,
        models.CooperationSector,
        models.Forum,
        models.ForumMembership,
        models.Article,
        models.Meeting,
        models.MeetingCountry,
        models.MeetingParticipant,
        models.MeetingSector,
        models.MeetingForum,
        models.MeetingSource,
        models.Official,
        models.OfficialName,
        models.Position,
        models.BilateralRelation,
        models.RelationLevel,
    ):
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in {"created_at", "updated_at"}]
        snapshot[model.__name__] = list(model.objects.order_by("pk").values_list(*fields))
        snapshot[model.__name__ + "History"] = [model.history.count()]  # type: ignore[attr-defined]
    return snapshot


@pytest.fixture
def seeded() -> None:
    run("load_seeds")


def test_load_seeds_loads_reference_data(seeded: None) -> None:
    assert models.Country.objects.count() == 249
    assert models.Official.objects.filter(curated=True, name="Ilham Aliyev", country="AZE").exists()
    assert models.CooperationSector.objects.filter(slug__in=["trade", "energy", "defence"]).count() == 3
    assert set(
        models.Forum.objects.filter(acronym__in=["UN", "NAM", "OIC", "CICA"]).values_list("acronym", flat=True)
    ) == {
        "UN",
        "NAM",
        "OIC",
        "CICA",
    }
    for forum in ("UN", "NAM", "OIC", "CICA"):
        members = set(models.ForumMembership.objects.filter(forum__acronym=forum).values_list("country_id", flat=True))
        assert {"AZE", "PAK"} <= members, forum


def test_load_seeds_creates_the_seed_meeting_by_extraction(seeded: None) -> None:
    meeting = models.Meeting.objects.get()
    assert meeting.format == "official_visit"
    assert meeting.location_country_id == "PAK"
    assert meeting.date is None
    assert meeting.summary.startswith(
        "As part of his official visit to the Islamic Republic of Pakistan, Jeyhun Bayramov"
    )
    assert sorted(meeting.parties.values_list("country_id", flat=True)) == ["AZE", "PAK"]
    participants = sorted(meeting.participants.values_list("raw_name", "country_id", "title"))
    assert participants == [
        ("Jeyhun Bayramov", "AZE", "Minister of Foreign Affairs"),
        ("Syed Yousuf Raza Gilani", "PAK", "Acting President and Chairman of the Senate"),
    ]
    assert sorted(meeting.sector_links.values_list("sector__slug", flat=True)) == [
        "communications",
        "defence",
        "economy",
        "energy",
        "investment",
        "tourism",
        "trade",
        "transport",
    ]
    assert sorted(meeting.forum_links.values_list("forum__acronym", flat=True)) == [
        "CICA",
        "NAM",
        "OIC",
        "UN",
        "UNFCCC",
    ]
    article = models.Article.objects.get()
    assert sorted(article.countries_mentioned.values_list("iso3", flat=True)) == ["ARM", "AZE", "PAK"]
    assert "ARM" not in meeting.parties.values_list("country_id", flat=True)
    relation = models.BilateralRelation.objects.get(country_a="AZE", country_b="PAK")
    level = relation.levels.get()
    assert (level.level, level.source) == ("strategic_partnership", article)
    assert "strategic partnership" in level.evidence


def test_seed_meeting_links_keep_their_evidence_sentence(seeded: None) -> None:
    meeting = models.Meeting.objects.get()
    article = meeting.articles.get()
    for link in [
        *meeting.participants.all(),
        *meeting.sector_links.all(),
        *meeting.forum_links.all(),
        *meeting.parties.all(),
    ]:
        assert link.source == article
        assert link.origin == "extracted"
        assert link.evidence and link.evidence in article.text
        assert article.text[link.evidence_start : link.evidence_end] in link.evidence
    bayramov = meeting.participants.get(raw_name="Jeyhun Bayramov")
    assert "Minister of Foreign Affairs" in bayramov.evidence
    trade = meeting.sector_links.get(sector__slug="trade")
    assert "trade" in trade.evidence


def test_load_seeds_twice_leaves_identical_rows(seeded: None) -> None:
    before = table_snapshot()
    out, _ = run("load_seeds")
    assert table_snapshot() == before
    assert "reference data unchanged" in out
    assert "1 read, 0 new, 1 already known" in out


def test_load_seeds_keeps_curator_edits(seeded: None) -> None:
    pakistan = models.Country.objects.get(iso3="PAK")
    pakistan.capital = "Islamabad Capital Territory"
    pakistan.save()
    meeting = models.Meeting.objects.get()
    meeting.status = "verified"
    meeting.save()
    run("load_seeds")
    assert models.Country.objects.get(iso3="PAK").capital == "Islamabad Capital Territory"
    assert models.Meeting.objects.get().status == "verified"


def test_load_seeds_reports_a_broken_seed_file(tmp_path: Path) -> None:
    for name in ("countries.json", "sectors.json", "forums.json", "officials.json"):
        (tmp_path / name).write_text((ROOT / "seeds" / name).read_text())
    (tmp_path / "memberships.json").write_text('[{"forum": "UN", "country": "XYZ", "status": "member"}]')
    with pytest.raises(CommandError, match=r"memberships.json entry 0: unknown country code 'XYZ'"):
        run("load_seeds", "--seeds-dir", str(tmp_path))
    assert not models.Country.objects.exists()  # nothing half-written


def test_extract_article_prints_the_contract_json_and_writes_nothing(seeded: None) -> None:
    before = table_snapshot()
    out, _ = run("extract_article", str(SEED_ARTICLE), "--json")
    result = json.loads(out)
    assert result["parties"] == ["AZE", "PAK"]
    assert result["meeting"]["format"] == "official_visit"
    assert table_snapshot() == before


def test_extract_article_prints_json_lines_for_several_paths(seeded: None, tmp_path: Path) -> None:
    other = tmp_path / "call.txt"
    other.write_text(
        "title: Kazakh and Uzbek presidents speak by phone\npublished: 2024-03-12\n---\n"
        "President Kassym-Jomart Tokayev of Kazakhstan held a telephone conversation with "
        "President of Uzbekistan Shavkat Mirziyoyev on Monday. They discussed trade and energy.\n"
    )
    out, _ = run("extract_article", str(SEED_ARTICLE), str(other), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["title"] for line in lines] == [
        "Azerbaijan, Pakistan discuss strategic partnership",
        "Kazakh and Uzbek presidents speak by phone",
    ]
    assert lines[1]["parties"] == ["KAZ", "UZB"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file"),
        ("Título\nCafé com o ministro".encode("latin-1"), "is not UTF-8"),
        (b"Only a headline\n", "has a title but no body"),
        (b"published: 12 May\n---\nTitle\nBody text.\n", "published '12 May' is not an ISO date"),
    ],
)
def test_extract_article_rejects_bad_input_with_one_clear_line(
    seeded: None, tmp_path: Path, content: bytes | None, problem: str
) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError) as info:
        run("extract_article", str(path), "--json")
    message = str(info.value)
    assert message.startswith(str(path)) and problem in message
    assert "\n" not in message


def test_extract_article_rejects_an_article_naming_no_country(seeded: None, tmp_path: Path) -> None:
    path = tmp_path / "weather.txt"
    path.write_text("Rain expected\nHeavy rain is expected over the weekend, forecasters said on Friday.\n")
    with pytest.raises(CommandError, match=r"weather.txt: the article names no country"):
        run("extract_article", str(path), "--json")


def test_extract_article_without_reference_data_reads_the_seed_files() -> None:
    out, err = run("extract_article", str(SEED_ARTICLE), "--json")
    assert "using the seed files" in err
    run("load_seeds")
    from_database, err = run("extract_article", str(SEED_ARTICLE), "--json")
    assert from_database == out  # the same reference data either way
    assert err == ""
