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
    assert names(result) == [
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
    assert ("Erik Lindqvist", "SWE") not in names(result)
    assert (None, "KEN") in names(result) and (None, "NOR") in names(result)


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
