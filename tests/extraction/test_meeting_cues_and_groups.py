"""Meeting cues, groups of officials and names seen failing on unseen articles, each written several
ways with near-miss controls: meeting verbs the lead must recognise, a delegation's destination as the
venue, several pairs of officials in one meeting, capitalised phrases that name no person, country
names inside people's names. The sentences are this project's own."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction import extract


def contract(text: str, gazetteer, title: str = "", published: date | None = date(2025, 4, 10)) -> dict:
    return extract(text, title=title, published=published, gazetteer=gazetteer).to_contract()


def names(result: dict) -> list[tuple[str, str | None]]:
    return sorted((p["name"], p["country"]) for p in result["participants"])


def where(result: dict) -> tuple[str | None, str | None]:
    meeting = result["meeting"]
    return meeting["location_country"], meeting["location_city"]


PAIR = [("Gabriel Boric", "CHL"), ("Kristen Michal", "EST")]


@pytest.mark.parametrize(
    "verb",
    [
        "held discussions with",
        "held bilateral discussions with",
        "conferred with",
        "sat down with",
        "had a tête-à-tête with",
        "had a tete-a-tete with",
        "held a bilateral with",
    ],
)
def test_meeting_verbs_report_a_meeting(verb, gazetteer):
    result = contract(
        f"Estonian Prime Minister Kristen Michal {verb} Chilean President Gabriel Boric on Tuesday.", gazetteer
    )
    assert result["meeting"]["format"] == "talks"
    assert result["meeting"]["date"] == "2025-04-08"
    assert names(result) == PAIR
    assert result["parties"] == ["CHL", "EST"]


@pytest.mark.parametrize(
    "text",
    [
        "Estonian Foreign Minister Margus Tsahkna said discussions with Chile on a visa waiver were progressing.",
        "Chilean President Gabriel Boric conferred the Order of Merit on an Estonian diplomat in 2019.",
        "Estonian Prime Minister Kristen Michal sat down with reporters in Tallinn on Tuesday to discuss the budget.",
    ],
)
def test_near_misses_of_the_meeting_verbs_report_no_meeting(text, gazetteer):
    assert contract(text, gazetteer)["meeting"] is None


def test_a_delegation_to_a_capital_places_the_meeting_there(gazetteer):
    text = (
        "Estonian Prime Minister Kristen Michal held discussions yesterday with Chilean President Gabriel Boric, "
        "who led a high-level delegation to Tallinn."
    )
    result = contract(text, gazetteer)
    assert names(result) == PAIR
    assert where(result) == ("EST", "Tallinn")
    assert result["meeting"]["date"] == "2025-04-09"


LEADERS = (
    "Chilean President Gabriel Boric and Estonian Prime Minister Kristen Michal held talks in Tallinn on Wednesday."
)


@pytest.mark.parametrize(
    ("second", "more"),
    [
        (
            "Foreign Ministers Pedro Soto and Anna Kask and Defence Ministers Luis Vera and Mart Tamm also held talks.",
            [("Anna Kask", "EST"), ("Luis Vera", "CHL"), ("Mart Tamm", "EST"), ("Pedro Soto", "CHL")],
        ),
        ("Also present were Chilean Foreign Minister Pedro Soto and Estonian Foreign Minister Anna Kask.", None),
        (
            "The talks were also attended by Chilean Foreign Minister Pedro Soto and Estonian Foreign Minister Anna Kask.",
            None,
        ),
        (
            "Chilean Foreign Minister Pedro Soto and Estonian Foreign Minister Anna Kask also took part in the talks.",
            None,
        ),
    ],
)
def test_officials_a_later_sentence_says_took_part_are_participants(second, more, gazetteer):
    result = contract(f"{LEADERS} {second}", gazetteer)
    expected = more or [("Anna Kask", "EST"), ("Pedro Soto", "CHL")]
    assert names(result) == sorted([*PAIR, *expected])
    assert result["parties"] == ["CHL", "EST"]


@pytest.mark.parametrize(
    "second",
    [
        "President Boric was accompanied by Chilean Foreign Minister Pedro Soto.",
        "Estonian Foreign Minister Anna Kask did not travel to the talks.",
        "Chilean Foreign Minister Pedro Soto also held talks with Estonian business leaders.",
        "Chilean Foreign Minister Pedro Soto also attended a dinner hosted by the Estonian Foreign Ministry.",
        "Estonian Foreign Minister Anna Kask was not present at the talks, which were also attended by aides.",
        "Separately, Chilean Foreign Minister Pedro Soto met Estonian Foreign Minister Anna Kask.",
    ],
)
def test_officials_who_accompanied_or_did_something_else_are_not_participants(second, gazetteer):
    assert names(contract(f"{LEADERS} {second}", gazetteer)) == PAIR


def test_the_two_ministers_who_joined_the_call_take_part(gazetteer):
    text = (
        "German Chancellor Friedrich Merz spoke by phone with Estonian Prime Minister Kristen Michal on Wednesday. "
        "The two foreign ministers, Johann Wadephul and Margus Tsahkna, also joined the call."
    )
    result = contract(text, gazetteer)
    assert result["meeting"]["format"] == "phone_call"
    assert [n for n, _ in names(result)] == ["Friedrich Merz", "Johann Wadephul", "Kristen Michal", "Margus Tsahkna"]


@pytest.mark.parametrize(
    "phrase",
    [
        "Alexandroupolis LNG",
        "the Cocoa Initiative",
        "Kavala Port",
        "the Rail Baltica Terminal",
        "the Ukraine Recovery Facility",
        "the Ports Authority",
        "Support Ukraine",
        "Save Sudan",
        "Hands Off Venezuela",
    ],
)
def test_projects_bodies_and_slogans_are_no_participants(phrase, gazetteer):
    text = f"Estonian President Alar Karis received {phrase} representatives and Chilean President Gabriel Boric on Monday."
    result = contract(text, gazetteer)
    assert names(result) == [("Alar Karis", "EST"), ("Gabriel Boric", "CHL")]
    assert result["parties"] == ["CHL", "EST"]


def test_a_summit_named_by_a_slogan_adds_no_party(gazetteer):
    text = (
        "Chilean President Gabriel Boric met Estonian Prime Minister Kristen Michal on the sidelines of the "
        "Support Ukraine summit on Tuesday."
    )
    result = contract(text, gazetteer)
    assert names(result) == PAIR
    assert result["parties"] == ["CHL", "EST"]
    assert "UKR" in result["countries_mentioned"]


@pytest.mark.parametrize(
    ("title", "text", "countries"),
    [
        (
            "Montenegro meets Sanchez in Madrid",
            "Portuguese Prime Minister Luis Montenegro met Spanish Prime Minister Pedro Sanchez in Madrid on Monday. "
            "Montenegro said the talks were productive.",
            ["ESP", "PRT"],
        ),
        (
            "Portugal's Montenegro, Spain's Sanchez discuss energy",
            "Prime Minister Luis Montenegro met Spanish Prime Minister Pedro Sanchez in Madrid on Monday.",
            ["ESP", "PRT"],
        ),
        (
            "",
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed on Monday. Ruto later thanked "
            "Chad Johnson, an adviser, and Georgia Hill, his aide.",
            ["ETH", "KEN"],
        ),
        (
            "Sanchez hosts Montenegro's first visit as premier",
            "Prime Minister Luis Montenegro met Spanish Prime Minister Pedro Sanchez in Madrid on Monday. "
            "It was Montenegro's two-day official visit to Spain, and Montenegro's remarks were warm.",
            ["ESP", "PRT"],
        ),
        # near misses: the country itself
        (
            "Montenegro's Spajic meets Sanchez",
            "Prime Minister Luis Montenegro met Spanish Prime Minister Pedro Sanchez in Madrid on Monday.",
            ["ESP", "MNE", "PRT"],
        ),
        (
            "",
            "Prime Minister Luis Montenegro met Spanish Prime Minister Pedro Sanchez in Madrid on Monday. They "
            "discussed Montenegro's bid to join the EU and Montenegro's Prime Minister Milojko Spajic's visit.",
            ["ESP", "MNE", "PRT"],
        ),
        (
            "",
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed on Monday. They discussed "
            "refugees from Chad and the Jordan Valley, and Georgia Foreign Minister Maka Botchorishvili's visit.",
            ["ETH", "GEO", "JOR", "KEN", "TCD"],
        ),
    ],
)
def test_a_country_word_inside_a_persons_name_is_no_mention(title, text, countries, gazetteer):
    result = contract(text, gazetteer, title=title)
    assert result["countries_mentioned"] == countries
    assert len(result["parties"]) == 2


@pytest.mark.parametrize(
    ("text", "expected", "countries"),
    [
        (
            "Premier of the Cabinet of the Democratic People's Republic of Korea Pak Thae Song received Russian "
            "Deputy Prime Minister Alexander Kozlov in Pyongyang on Tuesday.",
            [("Alexander Kozlov", "RUS"), ("Pak Thae Song", "PRK")],
            ["PRK", "RUS"],
        ),
        (
            "Ri Il Hwan, director of the International Department of the Central Committee of the Workers' Party "
            "of Korea, met Chinese Vice Foreign Minister Sun Weidong in Pyongyang on Tuesday.",
            [("Ri Il Hwan", "PRK"), ("Sun Weidong", "CHN")],
            ["CHN", "PRK"],
        ),
        (
            "DPRK Foreign Minister Choe Son Hui held talks with Russian Foreign Minister Sergei Lavrov in Wonsan on "
            "Tuesday. A Korean People's Army delegation was also there.",
            [("Choe Son Hui", "PRK"), ("Sergei Lavrov", "RUS")],
            ["PRK", "RUS"],
        ),
        (
            "Vice Premier of the State Council of the People's Republic of China He Lifeng met Vietnamese Deputy "
            "Prime Minister Nguyen Thi Thanh in Beijing on Tuesday.",
            [("He Lifeng", "CHN"), ("Nguyen Thi Thanh", "VNM")],
            ["CHN", "VNM"],
        ),
        (
            "Korean Ambassador An Kwang Il met Vietnamese Deputy Foreign Minister Ha Kim Ngoc in Hanoi on Tuesday.",
            [("An Kwang Il", "KOR"), ("Ha Kim Ngoc", "VNM")],
            ["KOR", "VNM"],
        ),
    ],
)
def test_east_asian_names_after_long_titles_and_north_korean_bodies(text, expected, countries, gazetteer):
    result = contract(text, gazetteer)
    assert names(result) == expected
    assert result["countries_mentioned"] == countries


def test_he_and_an_stay_pronoun_and_article_without_a_title(gazetteer):
    text = (
        "Vietnamese Deputy Prime Minister Nguyen Thi Thanh met Chinese Vice Premier Ding Xuexiang in Beijing on "
        "Tuesday. He Said the visit was useful. An Agreement on rail was signed."
    )
    assert names(contract(text, gazetteer)) == [("Ding Xuexiang", "CHN"), ("Nguyen Thi Thanh", "VNM")]


@pytest.mark.parametrize(
    ("text", "fmt", "venue"),
    [
        (
            "Chinese President Xi Jinping met Peruvian President Dina Boluarte on the sidelines of APEC in Lima on Friday.",
            "sidelines",
            ("PER", "Lima"),
        ),
        (
            "Chinese President Xi Jinping met Thai Prime Minister Paetongtarn Shinawatra in Lima on the margins of "
            "the APEC summit on Friday.",
            "sidelines",
            ("PER", "Lima"),
        ),
        (
            "Indian Prime Minister Narendra Modi met Russian President Vladimir Putin at the BRICS summit in Kazan on Tuesday.",
            "sidelines",
            ("RUS", "Kazan"),
        ),
        (
            "Thai Prime Minister Paetongtarn Shinawatra met Chinese President Xi Jinping at the APEC Leaders' Meeting "
            "in Lima on Friday.",
            "sidelines",
            ("PER", "Lima"),
        ),
        (
            "Turkish President Recep Tayyip Erdogan met Georgian Prime Minister Irakli Kobakhidze at the COP29 climate "
            "conference in Baku on Tuesday.",
            "sidelines",
            ("AZE", "Baku"),
        ),
        # near misses: a building, a summit still to come, a bilateral forum
        (
            "Chinese President Xi Jinping met Russian President Vladimir Putin at the Kremlin on Tuesday to prepare "
            "the SCO Summit.",
            "talks",
            ("RUS", None),
        ),
        (
            "Chinese President Xi Jinping met Kazakh President Kassym-Jomart Tokayev in Astana on Tuesday to discuss "
            "cooperation at the upcoming SCO summit.",
            "talks",
            ("KAZ", "Astana"),
        ),
        (
            "Kazakh Prime Minister Olzhas Bektenov met Uzbek Prime Minister Abdulla Aripov at the Kazakhstan-Uzbekistan "
            "Business Forum in Tashkent on Tuesday.",
            "talks",
            ("UZB", "Tashkent"),
        ),
    ],
)
def test_a_meeting_at_a_summit_is_on_its_sidelines_in_the_host_city(text, fmt, venue, gazetteer):
    result = contract(text, gazetteer)
    assert result["meeting"]["format"] == fmt
    assert where(result) == venue
