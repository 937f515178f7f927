"""Whole-article behaviour on hand-written articles in several house styles (tests/articles/)."""

from __future__ import annotations

import pytest

from relations.extraction import extract

from .conftest import load


def run(name: str, gazetteer):
    article = load(name)
    result = extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)
    return article, result


def quoted(article, span) -> str:
    return article.text[span.start : span.end]


def test_phone_call_with_counterpart_and_weekday_date(gazetteer):
    article, result = run("phone-call-tass", gazetteer)
    assert result.to_contract() == {
        "title": "Lavrov, Fidan discuss Syria by phone",
        "published": "2024-03-12",
        "meeting": {"date": "2024-03-12", "format": "phone_call", "location_country": None, "location_city": None},
        "parties": ["RUS", "TUR"],
        "countries_mentioned": ["RUS", "SYR", "TUR"],
        "participants": [
            {"name": "Sergey Lavrov", "country": "RUS", "title": "Foreign Minister"},
            {"name": "Hakan Fidan", "country": "TUR", "title": "Foreign Minister"},
        ],
        "sectors": ["energy", "tourism"],
        "forums": [],
        "relation_level": None,
        "other_meetings": [],
    }
    assert quoted(article, result.meeting.format_span) == "telephone conversation"
    assert quoted(article, result.meeting.date_span) == "on Tuesday"


def test_sidelines_of_a_summit_abroad(gazetteer):
    article, result = run("sidelines-unga-xinhua", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2024-09-22",
        "format": "sidelines",
        "location_country": "USA",
        "location_city": "New York",
    }
    assert contract["parties"] == ["BRA", "CHN"]
    assert contract["countries_mentioned"] == ["BRA", "CHN"]  # the dateline city names no country
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Mauro Vieira", "BRA"),
        ("Wang Yi", "CHN"),
    ]
    assert contract["forums"] == ["BRICS", "G20", "UNGA"]
    assert contract["sectors"] == ["agriculture", "energy", "trade"]
    assert contract["relation_level"] == "comprehensive_strategic_partnership"
    assert quoted(article, result.meeting.format_span) == "sidelines of"


def test_reception_of_an_ambassador_day_without_year(gazetteer):
    article, result = run("reception-ambassador", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": None,  # "on 13 May", no year and no published date: never guessed
        "format": "reception",
        "location_country": "UZB",
        "location_city": "Tashkent",
    }
    assert contract["participants"] == [
        {"name": "Yoo Ki-jun", "country": "KOR", "title": "Ambassador"},
        {"name": "Bakhtiyor Saidov", "country": "UZB", "title": "Minister of Foreign Affairs"},
    ]
    assert contract["sectors"] == ["education", "health", "investment", "trade"]
    assert quoted(article, result.meeting.format_span) == "received"


def test_state_visit_of_two_heads_of_state(gazetteer):
    article, result = run("state-visit-heads-of-state", gazetteer)
    assert result.to_contract() == {
        "title": "Tokayev and Macron hold talks in Paris",
        "published": "2025-11-06",
        "meeting": {"date": "2025-11-05", "format": "state_visit", "location_country": "FRA", "location_city": "Paris"},
        "parties": ["FRA", "KAZ"],
        "countries_mentioned": ["FRA", "KAZ"],
        "participants": [
            {"name": "Emmanuel Macron", "country": "FRA", "title": "President"},
            {"name": "Kassym-Jomart Tokayev", "country": "KAZ", "title": "President"},
        ],
        "sectors": ["education", "energy", "transport"],
        "forums": ["EU"],
        "relation_level": "strategic_partnership",
        "other_meetings": [],
    }
    assert quoted(article, result.meeting.date_span) == "November 5, 2025"
    assert quoted(article, result.meeting.location_span) == "Élysée Palace"


def test_third_country_is_mentioned_but_not_a_party_and_yesterday_resolves(gazetteer):
    article, result = run("third-country-yesterday", gazetteer)
    contract = result.to_contract()
    assert contract["parties"] == ["ARM", "GEO"]
    assert contract["countries_mentioned"] == ["ARM", "GEO", "IRN", "TUR"]
    assert contract["meeting"]["date"] == "2025-06-17"
    assert contract["meeting"]["location_country"] == "GEO"
    assert contract["relation_level"] == "friendly"
    iran = next(f for f in result.countries_mentioned if f.value == "IRN")
    assert quoted(article, iran.span) == "Iran"
    assert "Türkiye and Iran" in iran.span.sentence


def test_day_without_year_and_no_published_date_gives_no_date(gazetteer):
    _, result = run("day-without-year", gazetteer)
    contract = result.to_contract()
    assert contract["published"] is None
    assert contract["meeting"] == {"date": None, "format": "talks", "location_country": None, "location_city": None}
    assert contract["participants"] == [
        {"name": "Péter Szijjártó", "country": "HUN", "title": "Minister of Foreign Affairs and Trade"},
        {"name": "Rashid Meredov", "country": "TKM", "title": "Foreign Minister"},
    ]


def test_statement_reports_no_meeting(gazetteer):
    _, result = run("statement-no-meeting", gazetteer)
    assert result.to_contract() == {
        "title": "Azerbaijan condemns terrorist attack in Pakistan",
        "published": "2025-03-12",
        "meeting": None,
        "parties": [],
        "countries_mentioned": ["AZE", "PAK"],
        "participants": [],
        "sectors": [],
        "forums": ["UN"],
        "relation_level": None,
        "other_meetings": [],
    }


def test_unregistered_organisation_reported_by_its_acronym(gazetteer):
    article, result = run("unregistered-organisation", gazetteer)
    contract = result.to_contract()
    assert contract["forums"] == ["CEF", "OTS"]
    assert contract["meeting"] == {
        "date": "2024-08-10",
        "format": "working_visit",
        "location_country": "AZE",
        "location_city": "Baku",
    }
    assert contract["sectors"] == ["communications", "transport"]
    cef = next(f for f in result.forums if f.value == "CEF")
    assert quoted(article, cef.span) == "CEF"
    assert "Caspian Economic Forum (CEF)" in cef.span.sentence


def test_video_call_with_initial_in_name(gazetteer):
    _, result = run("video-call", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2025-02-13",
        "format": "video_call",
        "location_country": None,
        "location_city": None,
    }
    assert contract["participants"] == [
        {"name": "S. Jaishankar", "country": "IND", "title": "External Affairs Minister"},
        {"name": "Vivian Balakrishnan", "country": "SGP", "title": "Minister for Foreign Affairs"},
    ]


def test_readout_with_honorifics_and_surname_back_references(gazetteer):
    _, result = run("mofa-readout-surnames", gazetteer)
    contract = result.to_contract()
    assert contract["participants"] == [
        {"name": "Penny WONG", "country": "AUS", "title": "Minister for Foreign Affairs"},
        {"name": "KAMIKAWA Yoko", "country": "JPN", "title": "Minister for Foreign Affairs"},
    ]
    assert contract["meeting"]["format"] == "sidelines"
    assert contract["meeting"]["location_country"] == "BRA"  # attending the G20 meeting; Brazil is not a party
    assert contract["parties"] == ["AUS", "JPN"]
    assert contract["forums"] == ["G20", "Quad"]
    assert contract["countries_mentioned"] == ["AUS", "BRA", "CHN", "JPN", "PRK"]


def test_dateline_city_is_not_the_venue(gazetteer):
    article, result = run("dateline-not-venue", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2023-10-02",
        "format": "talks",
        "location_country": "UZB",
        "location_city": "Tashkent",
    }
    assert contract["participants"] == [
        {"name": "Mikayil Jabbarov", "country": "AZE", "title": "Minister of Economy"},
        {
            "name": "Laziz Kudratov",
            "country": "UZB",
            "title": "Deputy Prime Minister and Minister of Investment, Industry and Trade",
        },
    ]
    assert contract["relation_level"] == "allied"
    assert quoted(article, result.meeting.location_span) == "Tashkent"


def test_reception_at_a_presidential_residence(gazetteer):
    _, result = run("reception-akorda", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"]["format"] == "reception"
    assert contract["meeting"]["location_country"] == "KAZ"
    assert contract["meeting"]["date"] == "2024-05-21"
    assert contract["participants"] == [
        {"name": "Wang Yi", "country": "CHN", "title": "Foreign Minister"},
        {"name": "Kassym-Jomart Tokayev", "country": "KAZ", "title": "President"},
    ]
    assert contract["relation_level"] == "comprehensive_strategic_partnership"
    assert "Xi Jinping" not in [p["name"] for p in contract["participants"]]  # only mentioned


def test_official_visit_to_a_capital(gazetteer):
    _, result = run("official-visit-delegation-antara", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2025-01-20",
        "format": "official_visit",
        "location_country": "MYS",
        "location_city": "Kuala Lumpur",
    }
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Sugiono", "IDN"),
        ("Mohamad Hasan", "MYS"),
    ]


ALL = [
    "phone-call-tass",
    "sidelines-unga-xinhua",
    "reception-ambassador",
    "state-visit-heads-of-state",
    "third-country-yesterday",
    "day-without-year",
    "statement-no-meeting",
    "unregistered-organisation",
    "video-call",
    "mofa-readout-surnames",
    "dateline-not-venue",
    "reception-akorda",
    "official-visit-delegation-antara",
    "consultations-delegations",
    "announcement-future-visit",
]


@pytest.mark.parametrize("name", ALL)
def test_every_fact_quotes_its_sentence(name, gazetteer):
    article, result = run(name, gazetteer)
    facts = [*result.parties, *result.sectors, *result.forums, *result.countries_mentioned]
    spans = [f.span for f in facts if f.span] + [p.span for p in result.participants]
    if result.meeting:
        spans += [s for s in (result.meeting.format_span, result.meeting.date_span) if s]
    for span in spans:
        assert 0 <= span.start < span.end <= len(article.text)
        assert article.text[span.start : span.end] in span.sentence


def test_meeting_whose_first_sentence_names_no_person(gazetteer):
    """Delegation heads are named in the sentence after the one that reports the consultations."""
    article, result = run("consultations-delegations", gazetteer)
    assert result.to_contract() == {
        "title": "Azerbaijan, Kyrgyzstan hold political consultations",
        "published": "2024-04-11",
        "meeting": {"date": "2024-04-10", "format": "talks", "location_country": "KGZ", "location_city": "Bishkek"},
        "parties": ["AZE", "KGZ"],
        "countries_mentioned": ["AZE", "KGZ"],
        "participants": [
            {"name": "Elnur Mammadov", "country": "AZE", "title": "Deputy Foreign Minister"},
            {"name": "Almaz Imangaziev", "country": "KGZ", "title": "Deputy Foreign Minister"},
        ],
        "sectors": ["culture", "economy", "humanitarian", "trade", "transport"],
        "forums": [],
        "relation_level": None,
        "other_meetings": [],
    }
    trade = next(f for f in result.sectors if f.value == "trade")
    assert quoted(article, trade.span) == "trade-economic"


def test_announced_visit_is_not_a_meeting(gazetteer):
    _, result = run("announcement-future-visit", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] is None
    assert contract["parties"] == [] and contract["participants"] == []
    assert contract["countries_mentioned"] == ["PRK", "RUS"]
