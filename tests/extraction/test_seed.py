"""The seed article gives exactly its annotated contract output."""

from __future__ import annotations

from relations.extraction import extract, read_article_file
from relations.extraction.gazetteer import SEEDS_DIR

SEED_GOLD = {
    "title": "Azerbaijan, Pakistan discuss strategic partnership",
    "published": None,
    "meeting": {"date": None, "format": "official_visit", "location_country": "PAK", "location_city": None},
    "parties": ["AZE", "PAK"],
    "countries_mentioned": ["ARM", "AZE", "PAK"],
    "participants": [
        {"name": "Jeyhun Bayramov", "country": "AZE", "title": "Minister of Foreign Affairs"},
        {"name": "Syed Yousuf Raza Gilani", "country": "PAK", "title": "Acting President and Chairman of the Senate"},
    ],
    "sectors": ["communications", "defence", "economy", "energy", "investment", "tourism", "trade", "transport"],
    "forums": ["CICA", "NAM", "OIC", "UN", "UNFCCC"],
    "relation_level": "strategic_partnership",
    "other_meetings": [],
}


def _seed_result(gazetteer):
    article = read_article_file(SEEDS_DIR / "articles" / "azerbaijan-pakistan-strategic-partnership.txt")
    return article, extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)


def test_seed_article_matches_its_gold_annotation(gazetteer):
    _, result = _seed_result(gazetteer)
    assert result.to_contract() == SEED_GOLD


def test_seed_facts_carry_evidence_spans(gazetteer):
    article, result = _seed_result(gazetteer)
    text = article.text
    bayramov = next(p for p in result.participants if p.country == "AZE")
    assert text[bayramov.span.start : bayramov.span.end] == "Jeyhun Bayramov"
    assert "met with" in bayramov.span.sentence
    assert text[result.meeting.format_span.start : result.meeting.format_span.end] == "official visit"
    loc = result.meeting.location_span
    assert text[loc.start : loc.end] == "Islamic Republic of Pakistan"
    for fact in [*result.sectors, *result.forums, *result.parties, result.relation_level]:
        assert fact.span is not None, fact
        assert text[fact.span.start : fact.span.end] in fact.span.sentence
    defence = next(f for f in result.sectors if f.value == "defence")
    assert text[defence.span.start : defence.span.end] == "defence"
    armenia = next(f for f in result.countries_mentioned if f.value == "ARM")
    assert text[armenia.span.start : armenia.span.end] == "Armenia"
