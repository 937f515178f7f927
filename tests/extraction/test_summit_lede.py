"""A lede about a summit (or a conference) being convened, hosted or opened reports the multilateral
event, not the bilateral meetings held there: its day dates the event, so meetings reported after it
without a day of their own get no date (none rather than a guess); its city is where those meetings
were, when they were held by its host right after it or on its sidelines. A sentence that reports the
meeting itself ('On the sidelines of the X summit in Y on Monday, A met B') still dates and places it.
The articles are this project's own."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction import extract
from relations.extraction.meeting import convenes_an_event
from relations.extraction.text import Document

SUNDAY = date(2025, 7, 6)  # published on Sunday 6 July 2025

LISTED = (
    "Lula held bilateral talks with several visiting leaders, including South African President Cyril "
    "Ramaphosa, Indonesian President Prabowo Subianto and Ethiopian Prime Minister Abiy Ahmed. In his "
    "meeting with Ramaphosa, Lula stressed cooperation in energy and agriculture."
)

CONVENING_LEDES = [
    "Brazilian President Luiz Inacio Lula da Silva is convening a summit of BRICS leaders in Rio de Janeiro "
    "on Sunday, officials said.",
    "Brazilian President Luiz Inacio Lula da Silva is hosting a gathering of BRICS heads of state in Rio de "
    "Janeiro on Sunday.",
    "Brazilian President Luiz Inacio Lula da Silva opened the BRICS leaders' summit in Rio de Janeiro on Sunday.",
]


def contract(text: str, gazetteer, published: date | None = SUNDAY) -> dict:
    return extract(text, title="", published=published, gazetteer=gazetteer).to_contract()


def place(meeting: dict) -> tuple[str | None, str | None]:
    return meeting["location_country"], meeting["location_city"]


@pytest.mark.parametrize("lede", CONVENING_LEDES)
def test_the_summits_day_does_not_date_the_talks_its_host_held(lede, gazetteer):
    result = contract(f"{lede} {LISTED}", gazetteer)
    assert sorted(result["parties"]) == ["BRA", "ZAF"]
    assert result["meeting"]["date"] is None
    assert place(result["meeting"]) == ("BRA", "Rio de Janeiro")
    others = result["other_meetings"]
    assert [sorted(o["parties"]) for o in others] == [["BRA", "IDN"], ["BRA", "ETH"]]
    for other in others:
        assert other["meeting"]["date"] is None
        assert place(other["meeting"]) == ("BRA", "Rio de Janeiro")


def test_a_day_of_the_talks_own_still_dates_them(gazetteer):
    text = (
        f"{CONVENING_LEDES[0]} On Saturday, Lula held talks with South African President Cyril Ramaphosa on "
        "energy and agriculture."
    )
    result = contract(text, gazetteer)
    assert sorted(result["parties"]) == ["BRA", "ZAF"]
    assert result["meeting"]["date"] == "2025-07-05"
    assert place(result["meeting"]) == ("BRA", "Rio de Janeiro")


@pytest.mark.parametrize("where", ["On the sidelines of the summit", "During the summit", "At the two-day summit"])
def test_talks_at_the_summit_the_lede_opened(where, gazetteer):
    text = (
        f"The BRICS summit opened in Rio de Janeiro on Sunday. {where}, Indian Prime Minister Narendra Modi "
        "met Indonesian President Prabowo Subianto to discuss trade."
    )
    result = contract(text, gazetteer)
    assert sorted(result["parties"]) == ["IDN", "IND"]
    assert result["meeting"]["date"] is None
    assert place(result["meeting"]) == ("BRA", "Rio de Janeiro")


SIDELINE_LEADS = [
    "On the sidelines of the BRICS summit in Rio de Janeiro on Monday, Indian Prime Minister Narendra Modi "
    "met Indonesian President Prabowo Subianto to discuss trade.",
    "Indian Prime Minister Narendra Modi met Indonesian President Prabowo Subianto on Monday on the "
    "sidelines of the BRICS summit in Rio de Janeiro.",
    # after a lede convening the summit: the meeting's own sentence gives its day
    "Brazil is hosting the BRICS summit in Rio de Janeiro this week. On the sidelines of the summit on "
    "Monday, Indian Prime Minister Narendra Modi met Indonesian President Prabowo Subianto to discuss trade.",
]


@pytest.mark.parametrize("text", SIDELINE_LEADS)
def test_a_sidelines_lead_dates_and_places_its_meeting(text, gazetteer):
    result = contract(text, gazetteer, published=date(2025, 7, 8))
    assert sorted(result["parties"]) == ["IDN", "IND"]
    assert result["meeting"]["date"] == "2025-07-07"
    assert place(result["meeting"]) == ("BRA", "Rio de Janeiro")


def test_a_summit_recalled_from_last_year_is_not_the_venue(gazetteer):
    text = (
        "Russia hosted the BRICS summit in Kazan last year. Indian Prime Minister Narendra Modi held talks "
        "with Indonesian President Prabowo Subianto on Monday on trade."
    )
    result = contract(text, gazetteer, published=date(2025, 7, 8))
    assert result["meeting"]["date"] == "2025-07-07"
    assert result["meeting"]["location_country"] != "RUS"


def test_a_bilateral_lede_still_dates_the_talks_after_it(gazetteer):
    text = (
        "Brazilian President Luiz Inacio Lula da Silva on Sunday welcomed South African President Cyril "
        "Ramaphosa at the Planalto Palace. The two presidents then held talks on energy and agriculture."
    )
    result = contract(text, gazetteer)
    assert sorted(result["parties"]) == ["BRA", "ZAF"]
    assert result["meeting"]["date"] == "2025-07-06"


def test_the_host_named_by_a_part_of_the_name_after_the_lede(gazetteer):
    text = (
        "Chinese Premier Li Qiang is convening a summit of Mekong leaders in Shanghai on Friday, state media "
        "said. Li held bilateral talks with several leaders, including Thai Prime Minister Paetongtarn "
        "Shinawatra and Lao Prime Minister Sonexay Siphandone."
    )
    result = contract(text, gazetteer, published=date(2025, 7, 4))
    assert result["meeting"]["date"] is None
    assert place(result["meeting"]) == ("CHN", "Shanghai")


@pytest.mark.parametrize(
    ("text", "convenes"),
    [
        ("Brazil is hosting the 17th BRICS summit in Rio de Janeiro on Sunday.", True),
        ("The Mekong leaders' summit, taking place Friday and Saturday, is the fifth.", True),
        ("The conference opened in Geneva on Monday.", True),
        ("The minister chaired a meeting of the regional foreign ministers on Monday.", True),
        # no multilateral event convened: a bilateral summit, a press conference, a meeting of its own
        ("The president hosted a summit with his Chilean counterpart on Friday.", False),
        ("The two presidents opened a joint press conference on Monday.", False),
        ("The news conference began in Brasilia on Monday.", False),
        ("The president, who is hosting the summit, met the Chilean leader on Sunday.", False),
        ("The president hosted the Chilean leader ahead of the summit on Sunday.", False),
    ],
)
def test_which_sentences_convene_an_event(text, convenes):
    doc = Document.parse(text)
    assert (convenes_an_event(doc.sentences[0]) is not None) is convenes
