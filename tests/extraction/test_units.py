"""Unit behaviour of the extractor's parts: sentences, dates, datelines, titles, places, forums."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction import extract
from relations.extraction.dates import find_dates
from relations.extraction.forums import find_forums
from relations.extraction.lexicon import get_lexicon
from relations.extraction.meeting import relation_level
from relations.extraction.participants import PLACEHOLDER, clean_title
from relations.extraction.places import find_dateline
from relations.extraction.text import Document, split_sentences, strip_furniture


def test_sentences_do_not_break_after_titles_initials_or_abbreviated_months():
    text = "Mr. TANAKA met Kyrgyz President K. Osmonov on Sept. 5 in the U.S. capital. The talks lasted an hour."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Mr. TANAKA met Kyrgyz President K. Osmonov on Sept. 5 in the U.S. capital.",
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
        ("On March 9th, starting at 4:15 p.m.", date(2023, 3, 9), date(2023, 3, 9)),
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
        ("BAKU, March 3 (AZ Wire) -- The minister met", "Baku", "AZE"),
        ("Baku, March 3, AZWIRE\n\nThe minister met", "Baku", "AZE"),
        ("BAKU, Azerbaijan. 9 May. Chairman of the committee met", "Baku", "AZE"),
        ("Samarkand, April 2: The delegation met", "Samarkand", "UZB"),
        ("Hanoi (VNW) - The Vice President met", "Hanoi", "VNM"),
        ("NEW YORK, Sept. 25 (Wire) -- The Chinese envoy met", "New York", "USA"),
        ("New Delhi [India], June 3 (NDW): The Commerce Minister met", "New Delhi", "IND"),
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
    [("New Delhi [India], June 3 (NDW): The minister met", "IND"), ("BAKU, Azerbaijan, May 2 - He met", "AZE")],
)
def test_a_country_named_in_the_dateline_is_a_mention(text, iso3, gazetteer):
    dateline = find_dateline(Document.parse(text), get_lexicon(gazetteer))
    assert dateline.country.iso3 == iso3
    assert text[dateline.country.start : dateline.country.end] in ("India", "Azerbaijan")


@pytest.mark.parametrize(
    "text",
    [
        "On March 12, the Georgian Foreign Minister met",
        "President Talant Osmonov received the minister",
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
        "They met at COP 30 and the 12th AIPA General Assembly, within the Caspian Economic Forum (CEF) "
        "and the 3rd Joint Dialogue and Consultation Mechanism (JDCM), and the UN Framework Convention "
        "on Climate Change (COP28)."
    )
    labels = [f.label for f in find_forums(Document.parse(text), get_lexicon(gazetteer))]
    assert labels == ["UNFCCC", "AIPA", "CEF", "UNFCCC", "UNFCCC"]  # JDCM is a bilateral mechanism


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # national institutions and two countries' mechanisms are no multilateral forums
        ("The deputies of the National Assembly (NA) approved the budget.", []),
        ("The leaders chaired the High-Level Strategic Cooperation Council (HLSCC) of the two countries.", []),
        ("Projects go through the Special Investment Facilitation Council (SIFC).", []),
        ("The Joint Economic Council (JEC) met in the capital.", []),
        ("The Caspian Economic Forum (CEF) met in the capital.", ["CEF"]),
        # a date line in capitals is no acronym
        ("WASHINGTON, JUNE 18, 2024 - The two ministers spoke today.", []),
        ("MONDAY 3 MARCH - The talks began.", []),
        # a UN organ named as such, and a named mechanism without an acronym
        ("Ruritania took the case to the International Court of Justice (ICJ).", ["ICJ"]),
        ("The ruling of the International Court of Justice was welcomed.", ["International Court of Justice"]),
        ("They praised the Lancang-Mekong Cooperation mechanism.", ["Lancang-Mekong Cooperation"]),
        ("Both are members of the Mekong River Commission (MRC).", ["MRC"]),
    ],
)
def test_forums_skip_national_bodies_and_dates_and_keep_un_organs_and_mechanisms(text, labels, gazetteer):
    assert sorted({f.label for f in find_forums(Document.parse(text), get_lexicon(gazetteer))}) == labels


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("relations of strategic partnership and alliance", "allied"),
        ("the brotherly ties of the two nations", None),
        ("the friendly and brotherly relations", "friendly"),
        ("the comprehensive strategic partnership", "comprehensive_strategic_partnership"),
    ],
)
def test_relation_levels(text, level):
    cue = relation_level("", f"The leaders praised {text}.")
    assert (cue.value if cue else None) == level


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Patrols in the South China Sea and the Gulf of Mexico continued.", []),
        ("The Swiss franc and the Japanese yen rose against the Chinese yuan.", []),  # currencies
        ("Swiss and Japanese diplomats met in Bern.", ["CHE", "JPN"]),
    ],
)
def test_seas_and_currencies_name_no_country(text, countries, gazetteer):
    contract = extract(text, title="", published=None, gazetteer=gazetteer).to_contract()
    assert contract["countries_mentioned"] == countries


def test_bylines_are_blanked_and_sentences_that_open_on_by_are_kept():
    kept = "By signing the deal, they agreed. By President's decree, X was appointed.\nBy 2030 trade will grow."
    assert strip_furniture(Document.parse(kept)) == (kept, None)
    for text in ("By Staff Reporter", "x.\nWritten by Anna Petrova", "Talks. (Reporting by A B; Editing by C D)"):
        body, teasers = strip_furniture(Document.parse(text))
        assert body.strip() in ("", "x.", "Talks.") and len(body) == len(text) and teasers is None


def test_teasers_are_blanked_and_kept_apart_with_their_offsets():
    text = "Ann met Bob. Also Read | Cy meets Di in Sochi.\nRead more: Ed visits Flo\nThe talks ended."
    body, teasers = strip_furniture(Document.parse(text))
    assert body.split() == ["Ann", "met", "Bob.", "The", "talks", "ended."]
    assert " ".join(teasers.split()) == "Also Read | Cy meets Di in Sochi. Read more: Ed visits Flo"
    assert len(body) == len(teasers) == len(text)
