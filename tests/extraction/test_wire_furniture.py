"""What agency copy wraps around the story, written several ways (tests/articles/wire/): teaser
lines with other stories' headlines, bylines, datelines of many agencies, company and outlet names
that hold a country's name. None of it reports the meeting. The articles are this project's own."""

from __future__ import annotations

import pytest

from relations.extraction import extract

from .conftest import load


def contract_of(name: str, gazetteer) -> dict:
    article = load(f"wire/{name}")
    return extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer).to_contract()


def people(contract: dict) -> list[tuple[str | None, str | None, str | None]]:
    return [(p["name"], p["country"], p["title"]) for p in contract["participants"]]


def test_teasers_after_the_lead_add_only_mentions(gazetteer):
    """'Also Read: ...', 'Read more: ...', 'Related: ...' lines: their countries are named in the
    article, their people and meetings are another story's."""
    contract = contract_of("teaser-lines", gazetteer)
    assert contract["meeting"] == {
        "date": "2024-03-12",
        "format": "talks",
        "location_country": "KAZ",
        "location_city": "Astana",
    }
    assert contract["parties"] == ["KAZ", "KGZ"]
    assert people(contract) == [
        ("Murat Nurtleu", "KAZ", "Foreign Minister"),
        ("Jeenbek Kulubaev", "KGZ", "Foreign Minister"),
    ]
    assert contract["countries_mentioned"] == ["FRA", "IND", "JPN", "KAZ", "KGZ"]


def test_teaser_before_the_lead_gives_no_meeting_date_or_place(gazetteer):
    """A teaser that reports a dated meeting somewhere else, above the story's own lead."""
    contract = contract_of("teaser-before-lead", gazetteer)
    assert contract["meeting"] == {"date": None, "format": "talks", "location_country": None, "location_city": None}
    assert contract["parties"] == ["KAZ", "KGZ"]
    assert [p["name"] for p in contract["participants"]] == ["Murat Nurtleu", None]
    assert contract["countries_mentioned"] == ["JPN", "KAZ", "KGZ"]
    assert contract["sectors"] == ["water"]  # not the teaser's trade and energy


def test_inline_teaser_after_a_sentence_is_no_meeting(gazetteer):
    """'... on Tuesday. Also Read | Putin Meets Erdogan in Sochi, ...': the story names no one; the
    teasers' leaders and venue are not this meeting."""
    contract = contract_of("teaser-inline", gazetteer)
    assert (contract["meeting"], contract["parties"], contract["participants"]) == (None, [], [])
    assert contract["countries_mentioned"] == ["FRA", "TUR"]


# name -> (meeting date, meeting place, countries mentioned, forums). The dateline says where and when
# the story was filed: its date is the meeting's only through "today" / "on Wednesday" in the text.
DATELINES = {
    # "(ANSA) - ROME, MARCH 4 -": the agency first, a month in capitals that is no forum
    "dateline-agency-first": (None, ("ALB", "Tirana"), ["ALB", "ITA"], ["EU"]),
    "dateline-agency-first-today": ("2024-03-04", ("JPN", "Tokyo"), ["ITA", "JPN"], []),
    # "TASHKENT, NOVEMBER 1 (UzA) —"
    "dateline-capital-month": (None, ("UZB", "Tashkent"), ["KAZ", "UZB"], []),
    # "Kuala Lumpur [Malaysia], November 1 (ANI):" and no venue in the text
    "dateline-bracket-country": (None, (None, None), ["IND", "MYS"], []),
    # "BAKU, Azerbaijan, June 2. /TASS/." and the meeting in Moscow
    "dateline-slashed-agency": (None, ("RUS", "Moscow"), ["AZE", "RUS"], []),
    # "ISLAMABAD, Oct 3 (APP):" and "on Wednesday"
    "dateline-colon-app": ("2024-10-02", ("TUR", "Ankara"), ["PAK", "TUR"], []),
    # "Hanoi (VNA)" and an en dash
    "dateline-city-agency-dash": (None, ("LAO", "Vientiane"), ["LAO", "VNM"], []),
}


@pytest.mark.parametrize(("name", "expected"), DATELINES.items())
def test_agency_dateline_is_where_and_when_the_story_was_filed(name, expected, gazetteer):
    contract = contract_of(name, gazetteer)
    meeting = contract["meeting"]
    got = (
        meeting["date"],
        (meeting["location_country"], meeting["location_city"]),
        contract["countries_mentioned"],
        contract["forums"],
    )
    assert got == expected
    assert len(contract["participants"]) == 2


def test_companies_and_outlets_named_after_a_country_mention_no_country(gazetteer):
    """'Turkish Airlines', 'Qatar Airways', 'Air India', 'Saudi Aramco', 'Pakistan International
    Airlines', 'Azerbaijan Railways', 'Korea Herald', 'Emirates News Agency', 'Pakistan Television'."""
    contract = contract_of("companies-named-after-countries", gazetteer)
    assert contract["countries_mentioned"] == ["AZE", "KAZ"]
    assert contract["parties"] == ["AZE", "KAZ"]


def test_a_railways_minister_is_the_country_s(gazetteer):
    text = "Pakistan Railways Minister Hanif Abbasi met Uzbek Transport Minister Ilhom Makhkamov in Tashkent on Monday."
    contract = extract(text, title="", published=None, gazetteer=gazetteer).to_contract()
    assert contract["countries_mentioned"] == ["PAK", "UZB"]
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Hanif Abbasi", "PAK"),
        ("Ilhom Makhkamov", "UZB"),
    ]


# name -> participants (name, country, title): the reporters named in bylines and credits are not among them
BYLINES = {
    # "By JOHN SMITH, Associated Press" above the dateline, "Written by A" at the end
    "byline-written-by": [(None, "AZE", "energy minister"), (None, "TUR", "energy minister")],
    # "By Amir Khan": a byline, not an emir
    "byline-amir": [("Reza Amiri Moghadam", "IRN", "Ambassador")],
    # "By A and B | Nation Correspondents", "(Reporting by C in Nairobi and D in Addis Ababa; Editing by E)"
    "byline-credits": [(None, "ETH", "Prime Minister"), ("William Ruto", "KEN", "President")],
}


@pytest.mark.parametrize(("name", "expected"), BYLINES.items())
def test_bylines_and_credits_name_no_participant(name, expected, gazetteer):
    contract = contract_of(name, gazetteer)
    assert people(contract) == expected
    assert contract["meeting"]["date"] == "2024-03-11"
