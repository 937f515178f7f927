"""Receptions and meetings whose people are named further down the story, seen failing on unseen
articles: ambassadors of a listed reception named paragraph by paragraph. Each is written with a
near-miss control. The sentences are this project's own."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction import extract


def contract(text: str, gazetteer, title: str = "", published: date | None = date(2025, 5, 6)) -> dict:
    return extract(text, title=title, published=published, gazetteer=gazetteer).to_contract()


def names(result: dict) -> list[tuple[str | None, str | None]]:
    return sorted(((p["name"], p["country"]) for p in result["participants"]), key=str)


def all_names(result: dict) -> list[tuple[str | None, str | None]]:
    """The people of every meeting reported (each ambassador received is a meeting of their own)."""
    meetings = [result, *result["other_meetings"]]
    return sorted({(p["name"], p["country"]) for m in meetings for p in m["participants"]}, key=str)


ENVOYS = (
    "President Ukhnaagiin Khurelsukh received the new ambassadors of Peru, Norway and Kenya, who presented "
    "their credentials, at the State Palace in Ulaanbaatar on May 6. "
    "{peru} President Khurelsukh praised the growth of mining cooperation. "
    "He proposed more flights between the two regions. "
    "The ambassador thanked the President for the warm welcome. "
    "{norway} the President recalled a long history of polar research. "
    "Ambassador Lindqvist promised to promote fisheries cooperation. "
    "{kenya} the President said livestock trade could double."
)


@pytest.mark.parametrize(
    "peru, norway, kenya",
    [
        (
            "Receiving Peruvian Ambassador Rosa Quispe Mamani,",
            "Meeting Norwegian Ambassador Erik Lindqvist,",
            "Welcoming Kenyan Ambassador Joseph Mwangi Otieno,",
        ),
        (
            "Receiving the Ambassador of Peru, Rosa Quispe Mamani,",
            "Meeting the Ambassador of Norway, Erik Lindqvist,",
            "Welcoming the Ambassador of Kenya, Joseph Mwangi Otieno,",
        ),
    ],
)
def test_ambassadors_of_a_listed_reception_named_further_down_take_part(peru, norway, kenya, gazetteer):
    result = contract(ENVOYS.format(peru=peru, norway=norway, kenya=kenya), gazetteer)
    assert result["meeting"]["format"] == "reception"
    assert all_names(result) == [
        ("Erik Lindqvist", "NOR"),
        ("Joseph Mwangi Otieno", "KEN"),
        ("Rosa Quispe Mamani", "PER"),
        ("Ukhnaagiin Khurelsukh", "MNG"),
    ]


def test_an_ambassador_of_an_unlisted_country_named_later_is_no_participant(gazetteer):
    result = contract(
        ENVOYS.format(
            peru="Receiving Peruvian Ambassador Rosa Quispe Mamani,",
            norway="Recalling a talk with Swedish Ambassador Erik Lindqvist in 2021,",
            kenya="Turning to Africa,",
        ),
        gazetteer,
    )
    assert ("Erik Lindqvist", "SWE") not in all_names(result)
    assert (None, "KEN") in all_names(result) and (None, "NOR") in all_names(result)


VISIT_SINCE = (
    "HANOI, May 6 -- Defence Minister Phan Van Giang held talks with his Chilean counterpart, Adriana Delpiano, "
    "on Tuesday and agreed to expand naval training. Delpiano {arrival} for a three-day official visit, the "
    "first by a Chilean defence minister since the two countries upgraded their ties in 2023."
)


def test_a_year_in_a_since_clause_does_not_date_the_visit_back(gazetteer):
    result = contract(VISIT_SINCE.format(arrival="arrived in Hanoi on Monday"), gazetteer)
    assert result["meeting"]["format"] == "official_visit"
    assert result["meeting"]["location_country"] == "VNM"


def test_a_visit_dated_in_the_past_before_the_since_clause_is_another_visit(gazetteer):
    result = contract(VISIT_SINCE.format(arrival="came to Hanoi last year"), gazetteer)
    assert result["meeting"]["format"] == "talks"


LATER = (
    "Hanoi, May 6 - Foreign Minister Bui Thanh Son and his Chilean counterpart Alberto van Klaveren, who is on "
    "an {visit} to Vietnam, agreed on Tuesday to expand trade in fruit and wine. "
    "The two ministers discussed the free trade agreement and cooperation in mining. {later}"
)
MINISTERS = [("Alberto van Klaveren", "CHL"), ("Bui Thanh Son", "VNM")]


@pytest.mark.parametrize(
    "later",
    [
        "Later in the day, van Klaveren was received by Prime Minister Pham Minh Chinh at the Government Office.",
        "Van Klaveren later went to the Presidential Palace, where he held talks with President Luong Cuong.",
        "Afterwards, van Klaveren met with Prime Minister Pham Minh Chinh.",
    ],
)
def test_a_host_official_who_receives_the_visitor_later_in_the_visit_takes_part(later, gazetteer):
    result = contract(LATER.format(visit="official visit", later=later), gazetteer)
    host = next(p for p in result["participants"] if p["name"] not in dict(MINISTERS))
    assert host["country"] == "VNM" and host["title"] in ("Prime Minister", "President")
    assert result["parties"] == ["CHL", "VNM"]


@pytest.mark.parametrize(
    "visit, later",
    [
        ("official visit", "Van Klaveren will later be received by Prime Minister Pham Minh Chinh."),
        ("official visit", "Later, van Klaveren did not meet Prime Minister Pham Minh Chinh, who was abroad."),
        ("official visit", "Van Klaveren later met Thai Foreign Minister Maris Sangiampongsa in Hanoi."),
        ("official visit", "Prime Minister Pham Minh Chinh later chaired a cabinet meeting."),
    ],
)
def test_no_second_meeting_of_the_visit_adds_no_one(visit, later, gazetteer):
    result = contract(LATER.format(visit=visit, later=later), gazetteer)
    assert names(result) == MINISTERS


INVITED = (
    "At the invitation of the President of Ghana, John Dramani Mahama, the President of Chile, Gabriel Boric, "
    "paid a state visit to Ghana on May 5 and 6. The two Presidents held talks at Jubilee House in Accra. "
    "They agreed to cooperate in mining and agriculture. Ministers signed four memoranda on education. "
    "Both sides welcomed the growth of cocoa exports. {later}"
)


def test_the_inviting_host_named_again_beside_the_visitor_takes_part(gazetteer):
    result = contract(
        INVITED.format(later="President Mahama thanked President Boric for his support of the AfCFTA."), gazetteer
    )
    assert names(result) == [("Gabriel Boric", "CHL"), ("John Dramani Mahama", "GHA")]


@pytest.mark.parametrize(
    "later",
    [
        "President Boric also laid a wreath at the Kwame Nkrumah Mausoleum.",
        "Mahama is expected to attend the Ibero-American summit next year.",
    ],
)
def test_an_inviter_never_named_beside_the_visitor_again_stays_mentioned_only(later, gazetteer):
    result = contract(INVITED.format(later=later), gazetteer)
    assert ("John Dramani Mahama", "GHA") not in names(result)
