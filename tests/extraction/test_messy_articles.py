"""Whole-article behaviour on messier hand-written news (tests/articles/): long honorific titles,
portfolio lists, sources and mourners named next to the people who met, announced visits."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction import extract

from .test_articles import quoted, run


def test_called_on_a_minister_with_a_portfolio_list_and_a_spokeswoman(gazetteer):
    """'Minister of Commerce, Industries and Textiles Dr. X': the portfolio words are title, not a
    person; a spokeswoman quoted in the lead is the source; 'called on' is a reception by the host."""
    article, result = run("reception-called-on-portfolio", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2025-05-06",
        "format": "reception",
        "location_country": "BGD",
        "location_city": "Dhaka",
    }
    assert contract["participants"] == [
        {"name": "Amina Rahman", "country": "BGD", "title": "Minister of Commerce, Industries and Textiles"},
        {"name": "Ramis Şen", "country": "TUR", "title": "Ambassador"},
    ]
    assert contract["sectors"] == ["health", "trade"]  # "ways to raise bilateral trade", pharmaceuticals
    assert quoted(article, result.meeting.format_span) == "called on"


def test_leader_of_the_nation_and_cooperation_within_a_summit_framework(gazetteer):
    """'Leader of the Nation' is an honorific, not a person; 'interaction within the framework of
    the ... Summit' is how the countries cooperate, not the sidelines of this meeting."""
    _, result = run("reception-leader-of-the-nation", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2024-11-21",
        "format": "reception",
        "location_country": "TJK",
        "location_city": None,
    }
    assert contract["participants"] == [
        {"name": "Murat Nurtleu", "country": "KAZ", "title": "Minister of Foreign Affairs"},
        {"name": "Emomali Rahmon", "country": "TJK", "title": "President"},
    ]
    assert contract["forums"] == ["CIS", "SCO"]


def test_leaders_talking_at_a_funeral(gazetteer):
    """'QUITO.-' style dateline; 'de la' inside a name; the person whose funeral it is did not take
    part, and their demonym does not give the unresolved president a country: the home dateline does."""
    article, result = run("funeral-brief-conversation", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2025-03-14",
        "format": "other",
        "location_country": "ITA",
        "location_city": "Rome",
    }
    assert contract["parties"] == ["ESP", "PER"]
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Andrés Molina", "ESP"),
        ("Rosa Quispe de la Cruz", "PER"),
    ]
    assert quoted(article, result.meeting.format_span) == "attended the funeral"


def test_briefing_that_announces_a_state_visit_reports_no_meeting(gazetteer):
    """'will undertake a state visit': announced, not held; 'relations rooted in ... culture' is
    what the relations rest on, not an area of cooperation."""
    _, result = run("briefing-announced-state-visit", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] is None
    assert contract["parties"] == [] and contract["participants"] == []
    assert contract["sectors"] == ["energy", "trade", "transport"]
    assert contract["countries_mentioned"] == ["KAZ", "MNG"]


def test_wire_lead_reports_the_summit_by_what_the_leaders_agreed(gazetteer):
    """'A and B agreed Tuesday to ...': the lead names no meeting verb; 'To Lam' is a known name whose
    first word is also a function word; a bare weekday dates it; 'to be invited on a state visit' is
    this visit, not another one; 'US$' is a currency."""
    article, result = run("agreed-wire-state-visit", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2025-06-17",
        "format": "state_visit",
        "location_country": "KAZ",
        "location_city": None,
    }
    assert contract["participants"] == [
        {"name": "Kassym-Jomart Tokayev", "country": "KAZ", "title": "President"},
        {"name": "To Lam", "country": "VNM", "title": "Communist Party General Secretary"},
    ]
    assert contract["countries_mentioned"] == ["KAZ", "VNM"]
    assert contract["sectors"] == ["agriculture", "energy", "trade"]
    assert quoted(article, result.meeting.date_span) == "Tuesday"


def test_opinion_piece_reports_no_meeting(gazetteer):
    _, result = run("opinion-ambassador-recollection", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] is None
    assert contract["parties"] == [] and contract["participants"] == []
    assert contract["sectors"] == ["agriculture", "education"]


def test_a_visit_years_ago_is_not_the_lead(gazetteer):
    """'When A first visited Accra in June 2016 and met B, ...': history; the meeting is Thursday's."""
    _, result = run("recollection-then-meeting", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2025-07-03",
        "format": "state_visit",
        "location_country": "GHA",
        "location_city": "Accra",
    }
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Kwame Boateng", "GHA"),
        ("Samuel Otieno", "KEN"),
    ]


def test_sector_lists_with_long_items_and_elaborations(gazetteer):
    """A list item that starts with a sector may run long ('trade diversification in the face of U.S.
    tariffs'); 'energy, including hydrogen projects in the X region, ...' elaborates energy and the list
    goes on; a demonym qualifies a sector ('Qatari investment'); 'the fight against climate change'."""
    _, result = run("sectors-long-items-and-elaborations", gazetteer)
    contract = result.to_contract()
    assert contract["sectors"] == [
        "agriculture",
        "climate",
        "education",
        "energy",
        "industry",  # critical minerals (mining)
        "investment",
        "migration",
        "trade",
        "transport",
    ]
    assert contract["countries_mentioned"] == ["CHL", "QAT", "USA"]


def test_list_after_a_qualified_sector_and_a_river_basin_body(gazetteer):
    """'industrial cooperation, agriculture and information technology': the list goes on after the
    qualified sector; 'the supply of electricity', 'the management of the waters'; 'Niger Basin
    Authority (NBA)' is a multilateral body although a country's name is in it."""
    _, result = run("sectors-qualified-list-river-body", gazetteer)
    contract = result.to_contract()
    assert contract["sectors"] == ["agriculture", "communications", "energy", "industry", "water"]
    assert contract["forums"] == ["NBA"]
    assert contract["parties"] == ["BEN", "NER"]


MEETING = "Uzbek Foreign Minister Bakhtiyor Saidov met Chinese Foreign Minister Wang Yi in Tashkent on Monday. "


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("They agreed to work towards elevating relations to a comprehensive strategic partnership.", None),
        ("The sides reaffirmed their all-weather strategic cooperative partnership.", "strategic_partnership"),
        (
            "Relations were elevated to a strategic partnership in 2019, and both sides seek to raise them to a "
            "comprehensive strategic partnership.",
            "strategic_partnership",
        ),
        ("They explored the possibility of a strategic partnership.", None),
    ],
)
def test_a_level_that_is_only_an_aim_is_not_the_level(text, level, gazetteer):
    result = extract(MEETING + text, title="", published=None, gazetteer=gazetteer)
    assert result.to_contract()["relation_level"] == level


def test_a_level_is_reported_without_a_meeting(gazetteer):
    """The annotation reports the level an article states for two countries, meeting or not."""
    text = "Kazakhstan and Uzbekistan are bound by a comprehensive strategic partnership, the ministry said."
    contract = extract(text, title="", published=None, gazetteer=gazetteer).to_contract()
    assert contract["meeting"] is None
    assert contract["relation_level"] == "comprehensive_strategic_partnership"


def test_commission_co_chaired_by_ministers_after_a_background_paragraph(gazetteer):
    """A background paragraph first; the commission is named for its sectors; its co-chairs met
    (talks); the delegation's later call on the president is another meeting."""
    _, result = run("commission-co-chairs-background-first", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2025-05-19",
        "format": "talks",
        "location_country": "AZE",
        "location_city": "Baku",
    }
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Mikayil Jabbarov", "AZE"),
        ("Serik Zhumangarin", "KAZ"),
    ]
    assert contract["sectors"] == ["agriculture", "communications", "economy", "trade", "transport"]


def test_host_called_by_office_in_the_body_is_named_in_the_headline(gazetteer):
    """'Tokayev receives ...' / 'The Head of State received X': the headline names the host."""
    _, result = run("head-of-state-named-in-headline", gazetteer)
    contract = result.to_contract()
    assert contract["parties"] == ["KAZ", "TKM"]
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Tokayev", "KAZ"),
        ("Rashid Meredov", "TKM"),
    ]
    assert contract["meeting"]["format"] == "reception"


def test_trilateral_summit_of_three_leaders(gazetteer):
    _, result = run("trilateral-summit", gazetteer)
    contract = result.to_contract()
    assert contract["parties"] == ["AZE", "PAK", "TUR"]
    assert contract["meeting"] == {
        "date": "2025-07-08",
        "format": "talks",
        "location_country": "TUR",
        "location_city": "Istanbul",
    }


def test_languages_and_peoples_are_not_countries(gazetteer):
    """'signed in Arabic, Turkish and English', 'the Iraqi Turkmen community', 'Arab, Kurdish and
    Turkmen parties': no country named by them (Turkish is named anyway, by Fidan's title)."""
    _, result = run("languages-and-peoples", gazetteer)
    assert [f.value for f in result.countries_mentioned if f.span] == ["IRQ", "TUR", "IRQ"]


def test_delegation_heads_with_glued_initials(gazetteer):
    """'B.Nematov', 'A.Pildegovics' (the initial 'A' is also a word): agency-style names."""
    _, result = run("consultations-glued-initials", gazetteer)
    contract = result.to_contract()
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("A.Pildegovics", "LVA"),
        ("B.Nematov", "UZB"),
    ]
    assert contract["meeting"]["location_country"] == "LVA"


def test_dateline_day_fixes_today_and_roles_give_titles(gazetteer):
    """'YEREVAN, Oct. 7' published on the 8th: 'today' is the 7th. 'Uzbekistan's top diplomat X',
    'the head of the Foreign Ministry of Armenia Y'."""
    _, result = run("roles-top-diplomat-dateline-today", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"]["date"] == "2025-10-07"
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Ararat Mirzoyan", "ARM"),
        ("Bakhtiyor Saidov", "UZB"),
    ]


def test_regional_heads_akim_and_governor_of_a_province(gazetteer):
    """'Akim of Almaty region X', 'Governor of Gyeonggi Province Y': 'Gyeonggi' names a province."""
    _, result = run("regional-akim-governor", gazetteer)
    contract = result.to_contract()
    assert contract["participants"] == [
        {"name": "Marlen Beisembayev", "country": "KAZ", "title": "Akim of Almaty region"},
        {"name": "Kim Dong-yeon", "country": "KOR", "title": "Governor of Gyeonggi Province"},
    ]


def test_a_lead_that_opens_last_week_is_history(gazetteer):
    _, result = run("last-week-then-talks", gazetteer)
    contract = result.to_contract()
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Wang Yi", "CHN"),
        ("Sergey Lavrov", "RUS"),
    ]
    assert contract["meeting"]["location_country"] == "CHN"


def test_the_meeting_is_the_one_the_headline_names(gazetteer):
    """An earlier stop of a tour comes first; the headline's pair met in the second sentence."""
    _, result = run("headline-meeting-after-another", gazetteer)
    contract = result.to_contract()
    assert contract["parties"] == ["CHN", "RUS"]
    assert contract["meeting"] == {
        "date": "2025-04-08",
        "format": "talks",
        "location_country": "RUS",
        "location_city": "Moscow",
    }


def test_wire_story_with_a_spokesman_and_analysts_quoted(gazetteer):
    """Only the two leaders met: the Kremlin spokesman, an analyst, a US official, the deputy prime
    minister at the airport and the chancellor of the next stop are mentioned."""
    _, result = run("wire-quotes-analysts-and-spokesman", gazetteer)
    contract = result.to_contract()
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Narendra Modi", "IND"),
        ("Vladimir Putin", "RUS"),
    ]
    assert contract["sectors"] == ["agriculture", "energy", "transport"]  # fertilisers: agriculture


def test_party_named_only_by_its_minister_is_among_the_countries(gazetteer):
    """Australia is never named, but its minister met: countries_mentioned includes the parties.
    'raised trade impediments, consular cases and regional security' lists sectors."""
    _, result = run("minister-meets-counterpart-sources", gazetteer)
    contract = result.to_contract()
    assert contract["parties"] == ["AUS", "CHN"]
    assert contract["countries_mentioned"] == ["AUS", "CHN"]
    assert [p["name"] for p in contract["participants"]] == ["Penny Wong", "Wang Yi"]
    assert contract["sectors"] == ["migration", "security", "trade"]


def test_leaders_without_a_country_in_the_text_are_known_officials(gazetteer):
    """'Presidents Daniel Noboa and Santiago Peña': the reference list of officials gives the
    countries, and a known full name is read whole although 'Santiago' is also a capital."""
    _, result = run("unresolved-leaders-known-officials", gazetteer)
    contract = result.to_contract()
    assert contract["participants"] == [
        {"name": "Daniel Noboa", "country": "ECU", "title": "President"},
        {"name": "Santiago Peña", "country": "PRY", "title": "President"},
    ]
    assert contract["meeting"]["format"] == "official_visit"


def test_office_before_the_honorifics_of_a_prince(gazetteer):
    """'Crown Prince and Prime Minister His Royal Highness Prince X': the office, not 'Prince'."""
    _, result = run("phone-call-crown-prince-honorifics", gazetteer)
    contract = result.to_contract()
    assert contract["participants"] == [
        {"name": "Emmanuel Macron", "country": "FRA", "title": "President"},
        {
            "name": "Mohammed bin Salman bin Abdulaziz Al Saud",
            "country": "SAU",
            "title": "Crown Prince and Prime Minister",
        },
    ]


def test_headline_comma_joins_two_subjects_and_a_hyphenated_name_is_no_byline(gazetteer):
    """'Tokayev, Emir of Qatar discuss ...': not Tokayev's title. 'Astana, February 20. Kazakh
    President Kassym-Jomart Tokayev ...': the hyphen in the name ends no dateline. 'The Head of State
    and Sheikh Tamim': the title before 'and' is the other person's."""
    _, result = run("phone-call-emir-headline-comma", gazetteer)
    contract = result.to_contract()
    assert contract["participants"] == [
        {"name": "Kassym-Jomart Tokayev", "country": "KAZ", "title": "President"},
        {"name": "Sheikh Tamim bin Hamad Al Thani", "country": "QAT", "title": None},
    ]


def test_party_office_chain_in_a_title(gazetteer):
    _, result = run("party-title-chain-chinese-mfa", gazetteer)
    wang = next(p for p in result.to_contract()["participants"] if p["country"] == "CHN")
    assert wang["title"] == "Member of the Political Bureau of the CPC Central Committee and Foreign Minister"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Kazakh President Kassym-Jomart Tokayev and Uzbek President Shavkat Mirziyoyev met Monday.", "2025-06-16"),
        (
            "Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev at the forum, "
            "which runs until Friday.",
            None,
        ),
    ],
)
def test_a_bare_weekday_dates_the_meeting_but_not_a_deadline(text, day, gazetteer):
    result = extract(text, title="", published=date(2025, 6, 18), gazetteer=gazetteer)
    assert result.to_contract()["meeting"]["date"] == day


@pytest.mark.parametrize(
    ("sentence", "sectors"),
    [
        ("The ministers discussed the rehabilitation of the T-2 railway.", ["transport"]),
        ("The ministers discussed the modernisation of the CASA-1000 gas pipeline and tourism.", ["energy", "tourism"]),
        ("The ministers discussed Saudi investment in Peru.", ["investment"]),
        ("The ministers discussed combating terrorism and the fight against climate change.", ["climate", "security"]),
    ],
)
def test_sector_items_after_generic_heads_codes_and_demonyms(sentence, sectors, gazetteer):
    result = extract(MEETING + sentence, title="", published=None, gazetteer=gazetteer)
    assert result.to_contract()["sectors"] == sectors


def test_two_plus_two_with_plural_counterparts(gazetteer):
    """'their Philippine counterparts A and B': both Philippine. The headline's 'Marcos' is named in a
    later sentence that reports no meeting of two countries: the lead stays."""
    _, result = run("two-plus-two-plural-counterparts", gazetteer)
    contract = result.to_contract()
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Minoru Kihara", "JPN"),
        ("Yoko Kamikawa", "JPN"),
        ("Enrique Manalo", "PHL"),
        ("Gilberto Teodoro", "PHL"),
    ]
    assert contract["meeting"]["location_city"] == "Manila"
    # maritime and economic security; the headline's "sign defense pact"
    assert contract["sectors"] == ["defence", "security"]


def test_cross_border_trade_is_trade(gazetteer):
    _, result = run("state-house-cross-border-trade", gazetteer)
    contract = result.to_contract()
    assert contract["sectors"] == ["energy", "trade"]
    assert contract["parties"] == ["KEN", "UGA"]


def test_plural_title_without_a_country_covers_two_countries(gazetteer):
    """'co-chaired by Deputy Foreign Ministers A and B': one of each country (unlike 'their Philippine
    counterparts A and B')."""
    _, result = run("commission-plural-title-two-countries", gazetteer)
    contract = result.to_contract()
    assert [(p["name"], p["country"]) for p in contract["participants"]] == [
        ("Roman Vassilenko", "KAZ"),
        ("Almaz Imangaziev", "KGZ"),
    ]
    assert contract["meeting"] == {
        "date": "2025-05-01",
        "format": "talks",
        "location_country": "KAZ",
        "location_city": "Almaty",
    }
