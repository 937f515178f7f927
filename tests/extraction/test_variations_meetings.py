"""Articles that report no meeting, each kind written several ways (a parliament ratifying a treaty
two leaders signed, trade figures that recall a visit, congratulations and condolences, op-eds,
announced visits, ministry statements that name two leaders), and real meetings that use the same
words (controls). The articles are this project's own (tests/articles/no-meeting, meeting-controls)."""

from __future__ import annotations

from pathlib import Path

import pytest

from relations.extraction import extract

from .conftest import ARTICLES, load

NO_MEETING = sorted(p.stem for p in (ARTICLES / "no-meeting").glob("*.txt"))


def contract_of(name: str, gazetteer) -> dict:
    article = load(name)
    return extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer).to_contract()


def test_every_kind_of_no_meeting_article_has_several_variations():
    kinds = [Path(name).stem.rsplit("-", 1)[0] for name in NO_MEETING]
    assert {kind: kinds.count(kind) >= 6 for kind in set(kinds)} == dict.fromkeys(
        ("congrat", "future", "oped", "ratify", "statement", "stats"), True
    )


@pytest.mark.parametrize("name", NO_MEETING)
def test_article_without_a_meeting_reports_none(name, gazetteer):
    contract = contract_of(f"no-meeting/{name}", gazetteer)
    assert (contract["meeting"], contract["parties"], contract["participants"]) == (None, [], [])


# name -> (format, parties, meeting country): real meetings written with the words the rules above
# treat as background ("ratification", "signed by", "since", "recalling", "welcomed the", a past year)
CONTROLS = {
    "control-1": ("reception", ["JPN", "KAZ"], "KAZ"),  # discussed the ratification of an agreement signed in 2023
    "control-2": ("talks", ["KAZ", "UZB"], "UZB"),  # the agreement, signed by ... today, provides
    "control-3": ("phone_call", ["AZE", "TUR"], None),  # Two months after their meeting in Astana, ...
    "control-4": ("talks", ["KAZ", "UZB"], "KAZ"),  # talks on the agreements reached in 2022
    "control-5": ("talks", ["BGD", "IND"], "IND"),  # welcomed the progress ... during talks; first meeting since 2023
    "control-6": ("talks", ["JPN", "PHL"], "PHL"),  # signed ... during a meeting between
    "control-7": ("working_visit", ["HUN", "TKM"], "TKM"),  # the sides welcomed the signing of
    "control-8": ("talks", ["ARM", "FRA"], "FRA"),  # met ..., a year after the two countries signed
    "control-9": ("talks", ["ETH", "KEN"], "KEN"),  # hosted ...; signed agreements
    "control-10": ("reception", ["HUN", "KAZ"], "KAZ"),  # Recalling ... his state visit to Budapest in 2023, ...
    "control-11": ("talks", ["AZE", "UZB"], "AZE"),  # BAKU (Report) - Since the two leaders last met in 2022, ...
    "control-12": ("talks", ["AUS", "JPN"], None),  # numbered readout; welcomed the signing
    "control-13": ("talks", ["KAZ", "UZB"], "UZB"),  # Under the agreement reached ... during talks on Tuesday
    "control-14": ("talks", ["KGZ", "TUR"], None),  # agreements reached in 2023 (non-native wording)
    "control-15": ("talks", ["ARE", "IND"], None),  # held talks ..., days after the two countries signed
}


@pytest.mark.parametrize(("name", "expected"), CONTROLS.items())
def test_real_meeting_with_background_words_is_still_reported(name, expected, gazetteer):
    contract = contract_of(f"meeting-controls/{name}", gazetteer)
    meeting = contract["meeting"]
    assert (meeting["format"], contract["parties"], meeting["location_country"]) == expected


def test_opening_clause_and_subject_list(gazetteer):
    """'Recalling ... his state visit to Budapest in 2023, A received B at the Akorda on Tuesday': the
    lead's own clause dates the reception; the next sentence's subject list ('Energy and transport
    were also on the agenda') adds two sectors."""
    contract = contract_of("meeting-controls/control-10", gazetteer)
    assert contract["meeting"]["date"] == "2024-11-12"
    assert contract["sectors"] == ["energy", "trade", "transport"]
