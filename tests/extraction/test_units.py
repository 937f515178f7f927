"""Unit behaviour of the extractor's parts: sentences, dates, datelines, titles, places, forums."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction.dates import find_dates
from relations.extraction.forums import find_forums
from relations.extraction.lexicon import get_lexicon
from relations.extraction.meeting import relation_level
from relations.extraction.participants import PLACEHOLDER, clean_title
from relations.extraction.places import find_dateline
from relations.extraction.text import Document, split_sentences


def test_sentences_do_not_break_after_titles_initials_or_abbreviated_months():
    text = "Mr. HAYASHI met Russian President V. Putin on Sept. 5 in the U.S. capital. The talks lasted an hour."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Mr. HAYASHI met Russian President V. Putin on Sept. 5 in the U.S. capital.",
        "The talks lasted an hour.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("phrase", "ref", "expected"),
    [
        ("On June 14, 2023, they met", None, date(2023, 6, 14)),
        ("met on 4 August 2024", None, date(2024, 8, 4)),
        ("met on 4 August", None, None),  # no year and nothing to fix it: never guessed
        ("met on 4 August", date(2024, 8, 5), date(2024, 8, 4)),
        ("met on December 30", date(2025, 1, 2), date(2024, 12, 30)),  # the latest such day, not the future
        ("met yesterday", date(2024, 3, 1), date(2024, 2, 29)),
        ("met on Friday", date(2022, 9, 16), date(2022, 9, 16)),
        ("met on Monday", date(2022, 9, 16), date(2022, 9, 12)),
        ("met today", None, None),
        ("signed on 14.06.2023", None, date(2023, 6, 14)),
        ("On November 4th, commencing at 5:30 p.m.", date(2022, 11, 4), date(2022, 11, 4)),
    ],
)
def test_dates(phrase, ref, expected):
    hits = find_dates(phrase, ref)
    assert hits and hits[0].value == expected


def test_may_the_verb_is_not_a_month():
    assert find_dates("the sides may 5 times meet", date(2024, 1, 1)) == []


@pytest.mark.parametrize(
    ("text", "city", "iso3"),
    [
        ("BAKU, July 1 (AZERTAC) -- The minister met", "Baku", "AZE"),
        ("Baku, July 1, AZERTAC\n\nThe minister met", "Baku", "AZE"),
        ("BAKU, Azerbaijan. 4 August. Speaker of the Parliament met", "Baku", "AZE"),
        ("Samarkand, September 16: Prime Minister met", "Samarkand", "UZB"),
        ("Hanoi (VNA) - Party General Secretary met", "Hanoi", "VNM"),
        ("NEW YORK, Sept. 22 (Xinhua) -- Chinese Foreign Minister met", "New York", "USA"),
        ("New Delhi [India], February 14 (ANI): External Affairs Minister met", "New Delhi", "IND"),
        ("Kingstown, Mar 3 (Island Wire) Cuban Foreign Minister met", "Kingstown", "VCT"),
        ("Rabat - The Moroccan Foreign Minister met", "Rabat", "MAR"),
        ("Baku. Leyla Karimova \u2013 APA. The minister met", "Baku", "AZE"),
    ],
)
def test_datelines(text, city, iso3, gazetteer):
    dateline = find_dateline(Document.parse(text), get_lexicon(gazetteer))
    assert dateline is not None
    assert (dateline.city, dateline.iso3) == (city, iso3)
    assert "met" in text[dateline.end :]  # the dateline stops before the story


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("New Delhi [India], February 14 (ANI): The minister met", "IND"), ("BAKU, Azerbaijan, May 2 - He met", "AZE")],
)
def test_a_country_named_in_the_dateline_is_a_mention(text, iso3, gazetteer):
    dateline = find_dateline(Document.parse(text), get_lexicon(gazetteer))
    assert dateline.country.iso3 == iso3
    assert text[dateline.country.start : dateline.country.end] in ("India", "Azerbaijan")


@pytest.mark.parametrize(
    "text",
    [
        "On February 28, Azerbaijani Foreign Minister met",
        "President Ilham Aliyev received the minister",
        "Rabat-based analysts said",
        "Vladimir Putin held talks",
    ],
)
def test_sentences_that_are_not_datelines(text, gazetteer):
    assert find_dateline(Document.parse(text), get_lexicon(gazetteer)) is None


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (f"{PLACEHOLDER} 's Minister of Foreign Affairs", "Minister of Foreign Affairs"),
        (f"Minister for Foreign Affairs of {PLACEHOLDER}", "Minister for Foreign Affairs"),
        (f"Speaker of {PLACEHOLDER} 's Milli Majlis", "Speaker of the Milli Majlis"),
        (f"Ambassador of the Republic of {PLACEHOLDER} to {PLACEHOLDER}", "Ambassador"),
        (f"The {PLACEHOLDER} Minister of Foreign Affairs", "Minister of Foreign Affairs"),
        ("Acting President and Chairman of the Senate", "Acting President and Chairman of the Senate"),
        ("Minister of Foreign Affairs of", "Minister of Foreign Affairs"),  # nothing dangles
        (f"Speaker of the Parliament of The {PLACEHOLDER}", "Speaker of the Parliament"),
    ],
)
def test_titles_lose_the_country(raw, clean):
    assert clean_title(raw) == clean


def test_forums_registry_definitions_and_editions(gazetteer):
    text = (
        "They met at COP 30 and the 46th AIPA General Assembly, within the Caspian Economic Forum (CEF) "
        "and the 2nd High-Level Dialogue and Cooperation Mechanism (HDCM), and the UN Framework Convention "
        "on Climate Change (COP29)."
    )
    labels = [f.label for f in find_forums(Document.parse(text), get_lexicon(gazetteer))]
    assert labels == ["UNFCCC", "AIPA", "CEF", "UNFCCC", "UNFCCC"]  # HDCM is a bilateral mechanism


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("relations of strategic partnership and alliance", "allied"),
        ("the brotherly relations between the two countries", None),
        ("the friendly and brotherly relations", "friendly"),
        ("the comprehensive strategic partnership", "comprehensive_strategic_partnership"),
    ],
)
def test_relation_levels(text, level):
    cue = relation_level("", f"The leaders praised {text}.")
    assert (cue.value if cue else None) == level
