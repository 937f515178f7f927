"""Forums outside the registry found on unseen articles: a regional bank, a UN mission or convention
named after a country or a cause, a grouping named by three countries, and a named grouping without
an acronym ('the X Conclave', 'the X Initiative summit'). Each has near-miss controls that stay out.
The sentences are this project's own."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction import extract

LEAD = "Foreign Minister Tanee Sangrat met Vietnamese Foreign Minister Bui Thanh Son in Hanoi on Monday. "


def forums(sentence: str, gazetteer) -> list[str]:
    result = extract(LEAD + sentence, title="", published=date(2025, 3, 14), gazetteer=gazetteer)
    return result.to_contract()["forums"]


FORUMS = [
    ("They welcomed co-financing from the African Development Bank (AfDB) for the railway.", ["AfDB"]),
    ("They welcomed co-financing from the African Development Bank for the railway.", ["African Development Bank"]),
    ("They welcomed a loan from the Caribbean Development Bank (CDB) for the port.", ["CDB"]),
    ("They praised the United Nations Interim Force in Lebanon (UNIFIL) for its work.", ["UNIFIL"]),
    (
        "They discussed the session of the United Nations Convention to Combat Desertification (UNCCD) in 2026.",
        ["UNCCD"],
    ),
    ("They discussed the India-Brazil-South Africa Dialogue Forum (IBSA) and its next meeting.", ["IBSA"]),
    ("They discussed the Colombo Security Conclave and maritime safety.", ["Colombo Security Conclave"]),
    ("They prepared the Three Seas Initiative summit to be held in Warsaw.", ["Three Seas Initiative"]),
]


@pytest.mark.parametrize(("sentence", "expected"), FORUMS)
def test_an_unregistered_grouping_is_reported_by_its_acronym_or_name(sentence, expected, gazetteer):
    assert forums(sentence, gazetteer) == expected


NOT_FORUMS = [
    "They welcomed co-financing from the Saudi Public Investment Fund (SPIF) for the railway.",
    "They welcomed a loan from the Development Bank of Vietnam (DBV) for the port.",
    "They welcomed the Thailand-Vietnam Business Forum (TVBF) to be held in May.",
    "They agreed to align the Belt and Road Initiative with national plans.",
    "They welcomed the Green Schools Initiative launched by the two ministries.",
    "They discussed the Global Development Initiative framework.",
    "They recalled a papal conclave held in Rome.",
]


@pytest.mark.parametrize("sentence", NOT_FORUMS)
def test_a_national_or_bilateral_body_or_a_policy_is_no_forum(sentence, gazetteer):
    assert forums(sentence, gazetteer) == []
