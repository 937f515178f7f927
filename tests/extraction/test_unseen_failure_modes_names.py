"""Failure modes found on unseen articles: names cut at an abbreviated first name, hyphenated places
read as people, spouses taken for officials, people named only in the background, and a plural
demonym two countries share. Each is written several ways with near-miss controls; the sentences are
this project's own."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction import extract


def contract(text: str, gazetteer, title: str = "", published: date | None = date(2025, 3, 14)) -> dict:
    return extract(text, title=title, published=published, gazetteer=gazetteer).to_contract()


def names(result: dict) -> list[tuple[str, str | None]]:
    return sorted((p["name"], p["country"]) for p in result["participants"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Latvia's Foreign Minister Anna Petrova received Bangladesh's Adviser for Foreign Affairs "
            "Md. Karim Uddin in Riga on Monday.",
            ("Md. Karim Uddin", "BGD"),
        ),
        (
            "Foreign Minister Anna Petrova of Latvia met Malaysia's Deputy Minister Mohd. Faizal Rahman in "
            "Riga on Monday.",
            ("Mohd. Faizal Rahman", "MYS"),
        ),
        (
            "Latvian Foreign Minister Anna Petrova met Malaysian Trade Minister Muhd Azlan Yusof in Riga.",
            ("Muhd Azlan Yusof", "MYS"),
        ),
        (
            "Latvian Foreign Minister Anna Petrova met Pakistan's Army Chief Gen. Tariq Mehmood in Riga.",
            ("Tariq Mehmood", "PAK"),
        ),
        (
            "Latvian Foreign Minister Anna Petrova met Pakistan's envoy Amb. Sadia Qureshi in Riga.",
            ("Sadia Qureshi", "PAK"),
        ),
    ],
)
def test_an_abbreviated_first_name_or_rank_does_not_cut_the_name(text, expected, gazetteer):
    result = contract(text, gazetteer)
    assert expected in names(result)
    assert len(result["participants"]) == 2


def test_the_abbreviation_does_not_merge_two_people_sharing_it(gazetteer):
    text = (
        "Bangladesh's Adviser Md. Karim Uddin met Latvia's Foreign Minister Anna Petrova in Dhaka. "
        "Md. Jahid Hasan, the ambassador, also attended the talks later in the week."
    )
    result = contract(text, gazetteer)
    assert ("Md. Karim Uddin", "BGD") in names(result)
    assert not any(p["name"] == "Md" for p in result["participants"])


@pytest.mark.parametrize(
    "text",
    [
        "At a ceremony at Port-Bouet, French Armed Forces Minister Jean Lacombe and Ivorian Defence "
        "Minister Kouadio Yao held talks on Thursday.",
        "Kazakh Transport Minister Nurlan Sadykov met Chinese Vice Minister Li Wen in Astana on Monday "
        "to discuss the Dostyk-Moyinty railway line.",
        "Kazakh Transport Minister Nurlan Sadykov met Chinese Vice Minister Li Wen in Astana on Monday. "
        "Traffic through Khorgos-Altynkol doubled last year.",
    ],
)
def test_a_hyphenated_place_or_route_is_no_person(text, gazetteer):
    result = contract(text, gazetteer)
    assert len(result["participants"]) == 2
    assert all("-" not in (p["name"] or "") for p in result["participants"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Latvian Foreign Minister Anna Petrova met Jean-Pierre Lacombe, France's Minister of Europe, "
            "in Riga on Monday.",
            ("Jean-Pierre Lacombe", "FRA"),
        ),
        (
            "Latvian Foreign Minister Anna Petrova met French Minister Villepin-Morel in Riga on Monday.",
            ("Villepin-Morel", "FRA"),
        ),
    ],
)
def test_a_hyphenated_name_with_a_title_or_a_given_name_stays_a_person(text, expected, gazetteer):
    assert expected in names(contract(text, gazetteer))


def test_dominicans_in_the_plural_mean_the_dominican_republic(gazetteer):
    text = (
        "Spanish Foreign Minister Carlos Ruiz met Dominican Foreign Minister Rosa Marte in Madrid on "
        "Monday. More than 100,000 Dominicans live in Spain."
    )
    result = contract(text, gazetteer)
    assert "DMA" not in result["countries_mentioned"]
    assert result["parties"] == ["DOM", "ESP"]


def test_the_commonwealth_of_dominica_is_still_dominica(gazetteer):
    text = "Spanish Foreign Minister Carlos Ruiz met the Foreign Minister of the Commonwealth of Dominica in Madrid."
    assert "DMA" in contract(text, gazetteer)["countries_mentioned"]


@pytest.mark.parametrize(
    "text",
    [
        "French Defence Minister Jean Lacombe and his Ivorian counterpart, Defence Minister Kouadio Yao, "
        "held talks in Abidjan on Thursday. Gabon and Chad have also asked French troops to leave.",
        "Chad's neighbours watched closely. French Defence Minister Jean Lacombe and his Ivorian "
        "counterpart, Minister Kouadio Yao, held talks on Thursday in Abidjan.",
    ],
)
def test_an_office_in_apposition_to_a_counterpart_takes_the_counterparts_country(text, gazetteer):
    result = contract(text, gazetteer)
    assert names(result) == [("Jean Lacombe", "FRA"), ("Kouadio Yao", "CIV")]
    assert result["parties"] == ["CIV", "FRA"]


def test_an_office_after_a_comma_with_no_counterpart_keeps_its_own_reading(gazetteer):
    text = (
        "French Defence Minister Jean Lacombe met Kenya's envoy, Ambassador Wanjiru Kamau, in Paris on "
        "Thursday. Chad was also discussed."
    )
    assert ("Wanjiru Kamau", "KEN") in names(contract(text, gazetteer))


@pytest.mark.parametrize(
    "text",
    [
        "The Speaker of the National Assembly, Rt. Hon. Joseph Otieno, on Monday hosted a delegation from "
        "the Parliament of Latvia led by the Deputy Speaker, Hon. Dr. Anna Petrova, at Parliament "
        "Buildings. Kenya and Latvia agreed to set up a friendship group.",
        "Speaker Joseph Otieno on Monday received a Latvian parliamentary delegation headed by Deputy "
        "Speaker Anna Petrova in Nairobi. Kenya and Latvia agreed to set up a friendship group.",
        "Speaker Joseph Otieno on Monday received a Latvian delegation led by Anna Petrova in Nairobi. "
        "Kenya and Latvia agreed to set up a friendship group.",
    ],
)
def test_the_leader_of_a_delegation_represents_the_country_it_comes_from(text, gazetteer):
    result = contract(text, gazetteer)
    assert names(result) == [("Anna Petrova", "LVA"), ("Joseph Otieno", "KEN")]
    assert result["meeting"]["location_country"] == "KEN"


def test_a_delegation_leader_with_a_country_in_the_title_keeps_it(gazetteer):
    text = (
        "Speaker Joseph Otieno on Monday received a Latvian delegation led by Estonia's Deputy Speaker "
        "Mari Tamm in Nairobi. Kenya and Latvia agreed to set up a friendship group."
    )
    assert ("Mari Tamm", "EST") in names(contract(text, gazetteer))


def test_led_by_without_a_delegation_gives_no_country(gazetteer):
    text = (
        "Kenyan Foreign Minister Joseph Otieno met Latvian Foreign Minister Anna Petrova in Riga on "
        "Monday. The talks were led by Anna Petrova's deputy, a Lithuanian-born diplomat."
    )
    assert names(contract(text, gazetteer)) == [("Anna Petrova", "LVA"), ("Joseph Otieno", "KEN")]


TRADE_STORY = (
    "Trade between Kazakhstan and China reached 44 billion dollars in 2024, the statistics bureau said "
    "on Monday. The ministry said Kazakhstan aims to raise trade with China to 50 billion dollars by "
    "2030, a target set during President Xi Jinping's state visit to Astana in {when}. Rail freight "
    "through the border crossings rose by a fifth."
)


@pytest.mark.parametrize("when", ["July 2024", "May 2024", "October 2023"])
def test_a_visit_months_before_the_story_in_a_trade_story_is_no_meeting(when, gazetteer):
    result = contract(TRADE_STORY.format(when=when), gazetteer, published=date(2025, 2, 10))
    assert result["meeting"] is None
    assert result["participants"] == []
    assert result["countries_mentioned"] == ["CHN", "KAZ"]


def test_talks_in_the_month_the_story_is_published_are_the_meeting(gazetteer):
    text = (
        "Kazakh President Kassym-Jomart Tokayev held talks with President Xi Jinping in Astana in "
        "February 2025, officials said, agreeing to raise trade to 50 billion dollars."
    )
    result = contract(text, gazetteer, published=date(2025, 2, 10))
    assert result["meeting"]["location_country"] == "KAZ"
    assert result["parties"] == ["CHN", "KAZ"]


@pytest.mark.parametrize(
    "text",
    [
        "Sweden's King Carl Gustaf and Queen Silvia on Monday welcomed Chilean President Ana Rojas and First Lady "
        "Maria Soto at the Royal Palace in Stockholm.",
        "Sweden's King Carl Gustaf on Monday welcomed Chilean President Ana Rojas, who was accompanied by her "
        "husband Pedro Lagos, at the Royal Palace in Stockholm.",
        "Sweden's King Carl Gustaf on Monday welcomed Chilean President Ana Rojas and her spouse Pedro Lagos at "
        "the Royal Palace in Stockholm.",
        "Sweden's King Carl Gustaf on Monday welcomed Chilean President Ana Rojas and Pedro Lagos, her husband, "
        "at the Royal Palace in Stockholm.",
    ],
)
def test_spouses_and_consorts_are_no_participants(text, gazetteer):
    result = contract(text + " Relations with Argentina and Norway were also discussed.", gazetteer)
    assert names(result) == [("Ana Rojas", "CHL"), ("Carl Gustaf", "SWE")]
    assert result["parties"] == ["CHL", "SWE"]


def test_a_reigning_queen_who_receives_the_visitor_is_a_participant(gazetteer):
    text = "Queen Margrethe on Monday received Chilean President Ana Rojas at Amalienborg Palace in Copenhagen."
    assert ("Margrethe", "DNK") in names(contract(text, gazetteer))


def test_a_queen_and_a_king_of_two_countries_are_no_couple(gazetteer):
    text = "Danish Queen Margrethe received King Carl Gustaf of Sweden at Amalienborg Palace in Copenhagen on Monday."
    assert names(contract(text, gazetteer)) == [("Carl Gustaf", "SWE"), ("Margrethe", "DNK")]


@pytest.mark.parametrize(
    "text",
    [
        "Chilean Foreign Minister Ana Rojas hosted her Argentine counterpart, Pablo Duarte, in Santiago on "
        "Tuesday, the first visit by an Argentine minister since President Javier Milei took office.",
        "Chilean Foreign Minister Ana Rojas and Argentine Foreign Minister Pablo Duarte agreed on Tuesday to "
        "deepen trade, as both countries brace for tariffs promised by U.S. President Donald Trump.",
        "Chilean Foreign Minister Ana Rojas met Argentine Foreign Minister Pablo Duarte in Santiago on "
        "Tuesday amid concern over tariffs announced by Brazilian President Luiz Inacio Lula da Silva.",
    ],
)
def test_a_head_of_state_named_in_a_clause_of_his_own_is_no_participant(text, gazetteer):
    result = contract(text, gazetteer)
    assert names(result) == [("Ana Rojas", "CHL"), ("Pablo Duarte", "ARG")]
    assert result["parties"] == ["ARG", "CHL"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chilean Foreign Minister Ana Rojas met Argentine Foreign Minister Pablo Duarte as well as "
            "Uruguayan Foreign Minister Marta Sosa in Santiago on Tuesday.",
            [("Ana Rojas", "CHL"), ("Marta Sosa", "URY"), ("Pablo Duarte", "ARG")],
        ),
        (
            "Chilean Foreign Minister Ana Rojas, Argentine Foreign Minister Pablo Duarte and Uruguayan Foreign "
            "Minister Marta Sosa met in Santiago on Tuesday.",
            [("Ana Rojas", "CHL"), ("Marta Sosa", "URY"), ("Pablo Duarte", "ARG")],
        ),
    ],
)
def test_a_third_person_coordinated_with_the_others_still_takes_part(text, expected, gazetteer):
    assert names(contract(text, gazetteer)) == expected


@pytest.mark.parametrize(
    ("dateline", "iso3", "city"),
    [
        ("RIO DE JANEIRO, July 6 (Bernama) -- ", "BRA", "Rio de Janeiro"),
        ("PORT OF SPAIN, July 6 (Reuters) - ", "TTO", "Port of Spain"),
    ],
)
def test_a_capitalised_dateline_with_particles_places_here(dateline, iso3, city, gazetteer):
    text = (
        f"{dateline}Malaysian Prime Minister Anwar Rahman met Chilean President Ana Rojas on the sidelines "
        "of the summit here today. The meeting was their second in a year, following his visit to "
        "Kuala Lumpur in March."
    )
    meeting = contract(text, gazetteer, published=date(2025, 7, 6))["meeting"]
    assert (meeting["location_country"], meeting["location_city"]) == (iso3, city)


def test_a_later_sentences_place_still_counts_when_the_lead_says_no_here(gazetteer):
    text = (
        "RIO DE JANEIRO, July 6 (Bernama) -- Malaysian Prime Minister Anwar Rahman met Chilean President "
        "Ana Rojas on Sunday. The talks were held in Santiago."
    )
    assert contract(text, gazetteer, published=date(2025, 7, 6))["meeting"]["location_country"] == "CHL"


def titled(result: dict) -> list[tuple[str, str | None, str | None]]:
    return sorted((p["name"], p["country"], p["title"]) for p in result["participants"])


# A company named after its country and its trade: no person, no party.
@pytest.mark.parametrize(
    "company",
    [
        "Kenya Civil Engineering Construction Corporation",
        "Tanzania Marine Services Company",
        "Zambia Copper Mining Holdings",
    ],
)
def test_a_companys_name_is_no_person(company, gazetteer):
    text = (
        "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday. The road "
        f"is being built by {company} under a loan."
    )
    result = contract(text, gazetteer)
    assert names(result) == [("Abiy Ahmed", "ETH"), ("William Ruto", "KEN")]
    assert result["parties"] == ["ETH", "KEN"]


def test_a_person_before_a_company_word_in_another_clause_stays_a_person(gazetteer):
    text = "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi, a company said."
    assert names(contract(text, gazetteer)) == [("Abiy Ahmed", "ETH"), ("William Ruto", "KEN")]


def test_a_portfolio_list_that_ends_right_before_the_name_stays_in_the_title(gazetteer):
    text = (
        "Kenya's Minister of Roads and Logistics Jane Wanjiru held talks with Ethiopia's Minister of "
        "Infrastructure and Equipment Tesfaye Bekele in Nairobi on Monday."
    )
    assert titled(contract(text, gazetteer)) == [
        ("Jane Wanjiru", "KEN", "Minister of Roads and Logistics"),
        ("Tesfaye Bekele", "ETH", "Minister of Infrastructure and Equipment"),
    ]


def test_a_title_after_comma_and_belongs_to_the_next_person(gazetteer):
    """The first minister's country is not read from the second's title (left unknown, he is no party)."""
    text = (
        "Thai Prime Minister Anutin Charnvirakul held a phone call with Vietnamese Prime Minister Pham Minh "
        "Chinh on Monday. The Minister of Foreign Affairs, Sihasak Phuangketkeow, and Vietnam's Minister of "
        "Foreign Affairs, Le Hoai Trung, also joined the call."
    )
    result = titled(contract(text, gazetteer))
    assert ("Le Hoai Trung", "VNM", "Minister of Foreign Affairs") in result
    assert not [p for p in result if p[0] == "Sihasak Phuangketkeow" and p[1] == "VNM"]


def test_an_apposition_after_a_name_is_still_its_title(gazetteer):
    text = (
        "Thai Prime Minister Anutin Charnvirakul met Le Hoai Trung, Minister of Foreign Affairs of Vietnam, "
        "in Bangkok on Monday."
    )
    assert ("Le Hoai Trung", "VNM", "Minister of Foreign Affairs") in titled(contract(text, gazetteer))
