"""Who met: the lead among summit sentences, the country of a person the text does not place,
titles that carry a demonym of their own."""

from __future__ import annotations

import pytest

from relations.extraction import extract

from .conftest import load


def run(name: str, gazetteer):
    article = load(name)
    return article, extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)


def test_bilateral_meeting_after_summit_sentences(gazetteer):
    """'hosted by' names the summit's host, and 'The leaders also discussed' does not report the meeting."""
    _, result = run("summit-then-bilateral", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2024-10-24",
        "format": "sidelines",
        "location_country": "WSM",
        "location_city": "Apia",
    }
    assert contract["participants"] == [
        {"name": "Christopher Luxon", "country": "NZL", "title": "Prime Minister"},
        # placed by "between Palau and New Zealand", not by Samoa, the host named most
        {"name": "Surangel Whipps Jr", "country": "PLW", "title": "President"},
    ]
    assert contract["parties"] == ["NZL", "PLW"]
    assert contract["sectors"] == ["education", "health"]


def test_videoconference_with_a_portfolio_demonym_and_a_bare_weekday(gazetteer):
    _, result = run("videoconference-portfolio-title", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2025-03-05",  # "held, Wednesday, talks"
        "format": "video_call",
        "location_country": None,
        "location_city": None,
    }
    assert contract["participants"] == [
        {
            "name": "Rosa Quispe",
            "country": "PER",
            "title": "Minister of Foreign Affairs, Andean Integration and Peruvian Communities Abroad",
        },
        {"name": "Tanja Fajon", "country": "SVN", "title": "Minister of Foreign and European Affairs"},
    ]
    assert contract["sectors"] == ["energy", "tourism", "water"]


def test_bare_surnames_of_known_officials_meet(gazetteer):
    _, result = run("wire-surnames-lowercase-titles", gazetteer)
    contract = result.to_contract()
    assert contract["participants"] == [
        {"name": "Orban", "country": "HUN", "title": None},
        {"name": "Erdogan", "country": "TUR", "title": None},
    ]
    assert contract["meeting"]["date"] == "2024-11-12"
    assert contract["meeting"]["location_country"] is None  # a dateline in a party's capital is not the venue
    assert contract["sectors"] == ["energy"]


def test_headline_gives_the_full_name_and_a_surname_that_is_a_country_is_a_person(gazetteer):
    _, result = run("headline-full-names", gazetteer)
    contract = result.to_contract()
    assert contract["participants"] == [
        {"name": "John Mahama", "country": "GHA", "title": "President"},
        {"name": "Sergio Mattarella", "country": "ITA", "title": None},
    ]
    assert contract["meeting"]["location_country"] == "ITA"  # Mattarella welcomed Mahama
    assert contract["countries_mentioned"] == ["GHA", "ITA", "PRT"]  # "Montenegro said": the person
    assert contract["sectors"] == ["energy", "migration", "security"]  # talks on ...


PEOPLE = [
    (
        "Sergey Lavrov met with Hakan Fidan, the Turkish foreign minister, in Antalya.",
        "Hakan Fidan",
        "TUR",
        "foreign minister",
    ),
    ("Russia's top diplomat Sergey Lavrov met Hakan Fidan.", "Sergey Lavrov", "RUS", "top diplomat"),
    (
        "Armenian Foreign Minister Ararat Mirzoyan met Minister for Europe and Foreign Affairs of France Jean-Noel Barrot.",
        "Jean-Noel Barrot",
        "FRA",
        "Minister for Europe and Foreign Affairs",
    ),
    (
        "Deputy Prime Minister \u2013 Minister of Foreign Affairs of Kazakhstan Murat Nurtleu met Wang Yi.",
        "Murat Nurtleu",
        "KAZ",
        "Deputy Prime Minister \u2013 Minister of Foreign Affairs",
    ),
    (
        "Minister of Foreign Affairs of The Gambia Mamadou Tangara met Wang Yi.",
        "Mamadou Tangara",
        "GMB",
        "Minister of Foreign Affairs",
    ),
    (
        "The head of the Foreign Ministry of Armenia Ararat Mirzoyan met Wang Yi.",
        "Ararat Mirzoyan",
        "ARM",
        "head of the Foreign Ministry",
    ),
    ("Iraqi Defence Minister Thabet Saeed al-Abbasi met Wang Yi.", "Thabet Saeed al-Abbasi", "IRQ", "Defence Minister"),
    (
        "Governor of Samarkand region Erkin Tursunov met Wang Yi in Samarkand.",
        "Erkin Tursunov",
        "UZB",
        "Governor of Samarkand region",
    ),
    (
        "Speaker of the Dewan Rakyat Tan Sri Dato' Seri Johari Abdul met Wang Yi.",
        "Tan Sri Dato' Seri Johari Abdul",
        "MYS",
        "Speaker of the Dewan Rakyat",
    ),
]


@pytest.mark.parametrize(("sentence", "name", "country", "title"), PEOPLE)
def test_names_and_titles_in_many_styles(sentence, name, country, title, gazetteer):
    people = extract(sentence, title="", published=None, gazetteer=gazetteer).to_contract()["participants"]
    assert {"name": name, "country": country, "title": title} in people
    assert all(p["name"] != "Dato" for p in people)


def test_a_title_before_the_next_name_is_not_an_apposition(gazetteer):
    """Headline 'PM Shehbaz, Turkish President Erdogan': 'Turkish President' is Erdogan's title."""
    _, result = run("sidelines-headline-list-of-leaders", gazetteer)
    contract = result.to_contract()
    assert contract["participants"] == [
        # a known official's full name inside a longer written name
        {"name": "Muhammad Shehbaz Sharif", "country": "PAK", "title": "Prime Minister"},
        {"name": "Recep Tayyip Erdogan", "country": "TUR", "title": "President"},
    ]
    assert contract["meeting"]["format"] == "sidelines"
    assert contract["forums"] == ["Antalya Diplomacy Forum"]


def test_a_newly_appointed_ambassador_takes_part(gazetteer):
    _, result = run("reception-newly-appointed-ambassador", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": None,
        "format": "reception",
        "location_country": "UZB",
        "location_city": "Tashkent",
    }
    assert [(p["name"], p["country"], p["title"]) for p in contract["participants"]] == [
        ("Maria Gabriella Ferrara", "ITA", "Ambassador"),
        ("Bakhtiyor Saidov", "UZB", "Minister of Foreign Affairs"),
    ]


def test_an_office_named_without_a_person_takes_part(gazetteer):
    article, result = run("reception-unnamed-host", gazetteer)
    contract = result.to_contract()
    assert contract["participants"] == [
        {"name": "Juraj Blanar", "country": "SVK", "title": "Minister of Foreign and European Affairs"},
        {"name": None, "country": "TKM", "title": "President"},  # "the President of Turkmenistan received"
    ]
    assert contract["meeting"]["location_country"] == "TKM"  # "arrived in the country": the host's
    host = next(p for p in result.participants if p.name is None)
    assert article.text[host.span.start : host.span.end] == "President of Turkmenistan"


def test_a_meeting_of_two_offices_and_one_of_two_countries(gazetteer):
    _, result = run("offices-only-and-countries-only", gazetteer)
    assert result.to_contract()["participants"] == [
        {"name": None, "country": "JPN", "title": "Ambassador"},
        {"name": None, "country": "UZB", "title": "Foreign Minister"},
    ]
    _, result = run("consultations-two-countries", gazetteer)
    contract = result.to_contract()
    assert contract["parties"] == ["AZE", "GEO"]
    assert contract["participants"] == []
    assert contract["meeting"] == {
        "date": "2024-05-03",
        "format": "talks",
        "location_country": "GEO",
        "location_city": "Tbilisi",
    }


@pytest.mark.parametrize(
    "text",
    [
        # the named people make the meeting: a third country's office is not added
        "Kazakh President Kassym-Jomart Tokayev met Chinese President Xi Jinping at the summit hosted by the "
        "President of Turkmenistan.",
        # an office that only sends greetings does not take part
        "Chinese Foreign Minister Wang Yi met in Beijing the visiting guest, who conveyed the greetings of the "
        "President of Kazakhstan.",
    ],
)
def test_offices_that_do_not_take_part(text, gazetteer):
    contract = extract(text, title="", published=None, gazetteer=gazetteer).to_contract()
    assert all(p["name"] for p in contract["participants"])


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Kazakh Foreign Minister Murat Nurtleu, who is in Baku at the invitation of President Ilham Aliyev, "
            "met Azerbaijani Foreign Minister Jeyhun Bayramov on Monday.",
            "Ilham Aliyev",
        ),
        (
            "On the instructions of President Shavkat Mirziyoyev, Uzbek Foreign Minister Bakhtiyor Saidov met "
            "Chinese Foreign Minister Wang Yi in Beijing.",
            "Shavkat Mirziyoyev",
        ),
        (
            "Turkish President Recep Tayyip Erdogan received Syrian President Ahmed al-Sharaa in Ankara, where "
            "they recalled the late President Hafez al-Assad.",
            "Hafez al-Assad",
        ),
    ],
)
def test_people_named_in_the_lead_who_did_not_meet(text, absent, gazetteer):
    contract = extract(text, title="", published=None, gazetteer=gazetteer).to_contract()
    assert len(contract["participants"]) == 2
    assert absent not in [p["name"] for p in contract["participants"]]


def test_an_aside_inside_a_title(gazetteer):
    _, result = run("trend-parliament-aside-in-title", gazetteer)
    contract = result.to_contract()
    assert contract["participants"] == [
        {"name": "Sahiba Gafarova", "country": "AZE", "title": "Speaker of the Milli Majlis"},
        {"name": "Tanzila Narbayeva", "country": "UZB", "title": "Chairperson of the Senate of the Oliy Majlis"},
    ]
    assert contract["relation_level"] == "allied"


def test_a_possessive_is_not_part_of_a_name_and_a_comma_can_be_in_a_country_name(gazetteer):
    text = "Kazakh President Kassym-Jomart Tokayev welcomed Chinese President Xi Jinping's proposal during the talks."
    result = extract(text, title="", published=None, gazetteer=gazetteer)
    assert "Xi Jinping" in [p.name for p in result.participants]
    assert result.meeting.location_country is None  # welcoming a proposal says nothing of the venue
    text = "The Governor of Saint Helena, Ascension and Tristan da Cunha Nigel Phillips met Fijian President Ratu Wiliame Katonivere."
    contract = extract(text, title="", published=None, gazetteer=gazetteer).to_contract()
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Ratu Wiliame Katonivere", "FJI"),
        ("Nigel Phillips", "SHN"),
    ]


def test_a_meeting_the_headline_names_and_the_body_does_not(gazetteer):
    _, result = run("headline-names-body-roles", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2024-05-06",
        "format": "phone_call",
        "location_country": None,
        "location_city": None,
    }
    assert contract["participants"] == [
        {"name": "Tokayev", "country": "KAZ", "title": None},
        {"name": "Putin", "country": "RUS", "title": None},
    ]
    assert all(p.span is None for p in result.participants)  # read in the headline
    assert contract["sectors"] == ["energy"]


@pytest.mark.parametrize(
    "title",
    ["China condemns US talks with Taiwan", "Russia, Ukraine to hold talks in Istanbul"],
)
def test_headlines_that_report_no_meeting(title, gazetteer):
    text = "The ministry said on Monday that it firmly opposes the talks. The delegations will meet on Friday."
    assert extract(text, title=title, published=None, gazetteer=gazetteer).meeting is None


def test_a_name_before_in_and_a_city_named_port(gazetteer):
    text = "President Keith Rowley received Ambassador of Laos Khamphao Ernthavanh in Port of Spain on Monday."
    contract = extract(text, title="", published=None, gazetteer=gazetteer).to_contract()
    assert ("Khamphao Ernthavanh", "LAO") in [(p["name"], p["country"]) for p in contract["participants"]]
