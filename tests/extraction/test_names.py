"""Names written longer or stranger than the reference data has them: a known official with an extra
given name or a patronymic keeps their country (not a nearby demonym's); hyphenated event acronyms
('ADMM-Plus', 'SCO-RATS', 'G20-TIWG') and routes ('Trans-Afghan') are nobody. The articles are this
project's own (tests/articles/names/)."""

from __future__ import annotations

import pytest

from relations.extraction import extract

from .conftest import load


def contract_of(name: str, gazetteer) -> dict:
    article = load(f"names/{name}")
    return extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer).to_contract()


# name -> (parties, participants as (name, country, title))
NAMES = {
    # "Muhammad Shahbaz Sharif" (the reference data knows "Shahbaz Sharif"), untitled, next to "Qatari"
    "extra-given-name": (
        ["PAK", "QAT"],
        [
            ("Muhammad Shahbaz Sharif", "PAK", None),
            ("Ahmed bin Mohammed Al-Sayed", "QAT", "Minister of State for Foreign Trade"),
        ],
    ),
    # "Chinese state media reported that Muhammad Shehbaz Sharif and Chinese President ..."
    "extra-given-name-demonyms": (
        ["CHN", "PAK"],
        [("Xi Jinping", "CHN", "President"), ("Muhammad Shehbaz Sharif", "PAK", None)],
    ),
    # "Ilham Heydar oglu Aliyev": one person, in the longest form written
    "patronymic": (
        ["AZE", "TUR"],
        [("Ilham Heydar oglu Aliyev", "AZE", None), ("Recep Tayyip Erdoğan", "TUR", "President")],
    ),
    # "Chairman of the ADMM-Plus X": the event is in the title, not the name
    "hyphenated-events-and-routes": (
        ["IDN", "MYS"],
        [
            ("Sjafrie Sjamsoeddin", "IDN", "Defence Minister"),
            ("Mohamed Khaled Nordin", "MYS", "Chairman of the ADMM-Plus"),
        ],
    ),
    # "The Trans-Afghan railway was the main topic when ...": a route, not an Afghan participant
    "route-before-lead": (
        ["PAK", "UZB"],
        [("Shehbaz Sharif", "PAK", "Prime Minister"), ("Bakhtiyor Saidov", "UZB", "Foreign Minister")],
    ),
}


@pytest.mark.parametrize(("name", "expected"), NAMES.items())
def test_longer_names_keep_their_person_and_hyphenated_events_are_nobody(name, expected, gazetteer):
    contract = contract_of(name, gazetteer)
    got = [(p["name"], p["country"], p["title"]) for p in contract["participants"]]
    assert (contract["parties"], got) == expected


def test_hyphenated_acronyms_are_no_country_and_map_to_their_organisation(gazetteer):
    contract = contract_of("hyphenated-events-and-routes", gazetteer)
    assert contract["countries_mentioned"] == ["IDN", "MYS"]
    assert contract["forums"] == ["G20", "SCO"]  # "SCO-RATS", "G20-TIWG": bodies of the SCO and the G20
