"""'co-chaired the political consultations / the intergovernmental commission': a meeting of the two
delegations (talks), whose countries are the parties; 'co-chair of the commission' names an office,
not a meeting. The articles are this project's own (tests/articles/cochair/)."""

from __future__ import annotations

import pytest

from relations.extraction import extract

from .conftest import load

# name -> (date, location country, parties)
COCHAIRED = {
    "cochair-consultations": ("2024-05-15", "UZB", ["AZE", "UZB"]),
    # "Commission on Economic Cooperation in Budapest": the capitalised name is no topic, Budapest the venue
    "cochair-commission-named": ("2024-05-15", "HUN", ["HUN", "KAZ"]),
    # no 'held', no 'consultations', no date
    "cochair-joint-commission": (None, None, ["KAZ", "MNG"]),
    "cochair-with": ("2024-05-15", "LVA", ["KAZ", "LVA"]),
}


def contract_of(name: str, gazetteer) -> dict:
    article = load(f"cochair/{name}")
    return extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer).to_contract()


@pytest.mark.parametrize(("name", "expected"), COCHAIRED.items())
def test_cochaired_consultations_or_commission_are_talks_of_the_two_delegations(name, expected, gazetteer):
    contract = contract_of(name, gazetteer)
    meeting = contract["meeting"]
    assert (meeting["date"], meeting["location_country"], contract["parties"]) == expected
    assert meeting["format"] == "talks"
    assert sorted(p["country"] for p in contract["participants"]) == expected[2]


def test_cochair_of_a_commission_is_an_office_not_a_meeting(gazetteer):
    contract = contract_of("cochair-noun-no-meeting", gazetteer)
    assert (contract["meeting"], contract["parties"], contract["participants"]) == (None, [], [])
