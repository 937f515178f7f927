"""Where a meeting took place when no place follows 'in'/'visit to' in the lead: later sentences about
the meeting, the host named by 'visiting the country' or 'received', datelines and fixed seats."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction import extract

from .conftest import load


def run(name: str, gazetteer):
    article = load(name)
    return article, extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)


def quoted(article, span) -> str:
    return article.text[span.start : span.end]


def test_guest_visiting_the_country_puts_the_meeting_in_the_hosts_country(gazetteer):
    article, result = run("host-visiting-the-country", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"]["location_country"] == "BHR"
    assert contract["meeting"]["location_city"] == "Manama"  # the dateline is in the host's country
    assert contract["parties"] == ["BHR", "JOR"]
    assert quoted(article, result.meeting.location_span) == "visiting the country"
    assert contract["relation_level"] is None  # "brotherly relations" states no level


def test_received_by_the_host_with_a_dateline_in_the_hosts_capital(gazetteer):
    _, result = run("reception-dateline-city", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2024-06-11",
        "format": "reception",
        "location_country": "MNG",
        "location_city": "Ulaanbaatar",
    }
    assert contract["sectors"] == ["agriculture", "education", "energy"]


def test_sidelines_with_a_dateline_in_a_third_country(gazetteer):
    article, result = run("sidelines-third-country-dateline", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"]["format"] == "sidelines"
    assert (contract["meeting"]["location_country"], contract["meeting"]["location_city"]) == ("ZAF", "Johannesburg")
    assert contract["parties"] == ["BRA", "EGY"]  # the host country of the event is not a party
    assert quoted(article, result.meeting.location_span) == "JOHANNESBURG"


def test_sidelines_of_the_general_assembly_are_at_its_seat(gazetteer):
    _, result = run("sidelines-united-nations-seat", gazetteer)
    contract = result.to_contract()
    assert (contract["meeting"]["location_country"], contract["meeting"]["location_city"]) == ("USA", "New York")
    assert contract["parties"] == ["KAZ", "MNG"]
    assert "USA" not in contract["countries_mentioned"]  # a seat is not a mention of the country


def test_venue_in_a_later_sentence_about_the_meeting(gazetteer):
    _, result = run("talks-venue-in-later-sentence", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"]["format"] == "state_visit"
    assert contract["meeting"]["location_country"] == "VNM"  # not Vientiane, an earlier meeting
    assert contract["meeting"]["date"] == "2024-12-04"


def test_visit_to_the_demonym_capital(gazetteer):
    _, result = run("visit-to-the-capital", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": None,
        "format": "talks",
        "location_country": "GRC",
        "location_city": "Athens",
    }
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Abdel Mejid Saqr", "EGY"),
        ("Nikos Dendias", "GRC"),
    ]


@pytest.mark.parametrize(
    ("lead", "iso3"),
    [
        # passive: the host is after "received by"
        ("Uzbek Foreign Minister Bakhtiyor Saidov was received by Kazakh President Kassym-Jomart Tokayev.", "KAZ"),
        # a phone call has no venue, whatever the verbs
        ("Kazakh President Kassym-Jomart Tokayev welcomed a phone call from Uzbek President Shavkat Mirziyoyev.", None),
        # a dateline in a party's country alone is not the venue
        ("The Kazakh Foreign Minister Murat Nurtleu met with Uzbek Foreign Minister Bakhtiyor Saidov.", None),
    ],
)
def test_host_verbs_and_datelines(lead, iso3, gazetteer):
    text = f"ASTANA, May 3 (KW) -- {lead}\nThe ministers discussed transit."
    result = extract(text, title="Ministers meet", published=None, gazetteer=gazetteer)
    assert result.meeting is not None
    assert result.meeting.location_country == iso3


def test_town_unknown_to_the_gazetteer_then_its_country(gazetteer):
    _, result = run("sidelines-town-and-country", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2024-06-14",
        "format": "sidelines",
        "location_country": "ITA",
        "location_city": None,
    }
    assert contract["sectors"] == ["defence", "energy", "science"]
    assert contract["relation_level"] == "strategic_partnership"


def test_credentials_of_two_ambassadors_at_a_palace(gazetteer):
    _, result = run("credentials-two-ambassadors", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"]["format"] == "reception"
    assert contract["meeting"]["location_country"] == "OMN"  # received at Al Alam Palace
    # each ambassador presenting credentials is a meeting of their own (the contract)
    people = [p for m in [contract, *contract["other_meetings"]] for p in m["participants"]]
    assert sorted({tuple(p.values()) for p in people}, key=lambda p: p[1]) == [
        ("Carmen Diez Orejas", "ESP", "Ambassador"),
        ("Park Jong-han", "KOR", "Ambassador"),  # "Park" is a surname here
        ("Haitham bin Tarik", "OMN", "Sultan"),
    ]
    assert sorted(m["parties"] for m in [contract, *contract["other_meetings"]]) == [["ESP", "OMN"], ["KOR", "OMN"]]


@pytest.mark.parametrize(
    ("text", "fmt", "iso3"),
    [
        (
            "Kazakh President Kassym-Jomart Tokayev had a call with French President Emmanuel Macron on Monday.",
            "phone_call",
            None,
        ),
        (
            "Japanese Ambassador Takashi Hatori paid a courtesy call on Uzbek Foreign Minister Bakhtiyor Saidov in "
            "Tashkent on Monday.",
            "reception",
            "UZB",
        ),
        (
            "Pope Francis granted an audience to Polish President Andrzej Duda at the Apostolic Palace.",
            "reception",
            "VAT",
        ),
        (
            "During the BRICS summit in Kazan, Russian President Vladimir Putin held talks with Indian Prime Minister "
            "Narendra Modi.",
            "sidelines",
            "RUS",
        ),
        (
            "Within the framework of the Astana International Forum, Kazakh Foreign Minister Murat Nurtleu met with "
            "Hungarian Foreign Minister Peter Szijjarto.",
            "sidelines",
            "KAZ",  # the city the event is named after
        ),
        (
            "Pakistani Prime Minister Shehbaz Sharif met Turkish President Recep Tayyip Erdogan on the sidelines of the "
            "Antalya Diplomacy Forum.",
            "sidelines",
            "TUR",
        ),
        (
            "During the Kazakhstan-Hungary Business Forum, Kazakh Foreign Minister Murat Nurtleu met with Hungarian "
            "Foreign Minister Peter Szijjarto.",
            "talks",  # a bilateral event
            None,
        ),
    ],
)
def test_formats_and_event_venues(text, fmt, iso3, gazetteer):
    meeting = extract(text, title="", published=None, gazetteer=gazetteer).meeting
    assert (meeting.format, meeting.location_country) == (fmt, iso3)


def test_the_day_of_an_arrival_is_not_the_day_of_the_meeting(gazetteer):
    text = (
        "Kazakh Foreign Minister Murat Nurtleu, who arrived in Tashkent on Sunday, held talks with Uzbek Foreign "
        "Minister Bakhtiyor Saidov on Monday."
    )
    meeting = extract(text, title="", published=date(2024, 5, 8), gazetteer=gazetteer).meeting
    assert (meeting.date, meeting.location_country) == (date(2024, 5, 6), "UZB")


def test_this_morning_is_a_date_word(gazetteer):
    text = "Kazakh Foreign Minister Murat Nurtleu met Uzbek Foreign Minister Bakhtiyor Saidov in Tashkent this morning."
    assert extract(text, title="", published=date(2024, 5, 8), gazetteer=gazetteer).meeting.date == date(2024, 5, 8)


def test_a_meeting_to_be_held_elsewhere_does_not_place_this_one(gazetteer):
    _, result = run("report-future-commission", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"]["location_country"] is None  # "to be held in Tbilisi": the next commission
    assert contract["parties"] == ["AZE", "GEO"]


@pytest.mark.parametrize(
    "text",
    [
        # a third-country dateline is where the story was filed, not the venue of talks
        "MOSCOW, May 5 (Wire) - Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev.",
    ],
)
def test_no_venue_from_a_dateline_alone(text, gazetteer):
    assert extract(text, title="", published=None, gazetteer=gazetteer).meeting.location_country is None


def test_two_countries_continuing_negotiations_is_no_meeting(gazetteer):
    text = "Azerbaijan and Armenia continue negotiations on the peace treaty, the ministry said."
    assert extract(text, title="", published=None, gazetteer=gazetteer).meeting is None
