"""Articles that report no meeting, each kind written several ways (a parliament ratifying a treaty
two leaders signed, trade figures that recall a visit, congratulations and condolences, op-eds,
announced visits, ministry statements that name two leaders, interviews), and real meetings that use the same
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
        ("congrat", "future", "interview", "oped", "ratify", "statement", "stats"), True
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
    "control-16": ("talks", ["MNG", "SRB"], "MNG"),  # The Ministry ... of Mongolia hosted consultations (no stance)
    "control-17": ("reception", ["CHL", "VNM"], "VNM"),  # received ...; later said in an interview
    "control-18": ("talks", ["NPL", "SGP"], "SGP"),  # a minister (a person, not a ministry) welcomed
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


# Receptions of several ambassadors at once: name -> (host country, [(name, country, title), ...]) for
# every participant but the host; the format is a reception in the host's country.
CREDENTIALS = {
    # "the credentials of the newly appointed ambassadors of Brazil, Sweden and Thailand" (unnamed)
    "credentials-1": ("KAZ", [(None, "BRA", "Ambassador"), (None, "SWE", "Ambassador"), (None, "THA", "Ambassador")]),
    # "the letters of credence from the Ambassadors of Japan, Kenya and Chile: A, B and C"
    "credentials-2": (
        "OMN",
        [
            ("Pedro Soto", "CHL", "Ambassador"),
            ("Hiroshi Tanaka", "JPN", "Ambassador"),
            ("Grace Wanjiru", "KEN", "Ambassador"),
        ],
    ),
    # "...: Ambassador of Italy A, Ambassador of Indonesia B and Ambassador of Egypt C"
    "credentials-3": (
        "UZB",
        [
            ("Ahmed Farouk", "EGY", "Ambassador"),
            ("Siti Rahma", "IDN", "Ambassador"),
            ("Marco Rossi", "ITA", "Ambassador"),
        ],
    ),
    # "from Ambassador A of Norway, Ambassador B of Mexico and High Commissioner C of Nigeria"
    "credentials-4": (
        "KEN",
        [
            ("Luis Ortega", "MEX", "Ambassador"),
            ("David Okoro", "NGA", "Commissioner"),
            ("Anna Berg", "NOR", "Ambassador"),
        ],
    ),
    # "the incoming Ambassador of Austria A and the incoming Ambassador of Malaysia B"
    "credentials-5": ("AZE", [("Peter Huber", "AUT", "Ambassador"), ("Aziz Rahman", "MYS", "Ambassador")]),
    # "the new Ambassadors of Spain, Poland and Vietnam ... The ambassadors are A of Spain, ..."
    "credentials-6": (
        "NZL",
        [
            ("Elena Garcia", "ESP", "Ambassador"),
            ("Tomasz Nowak", "POL", "Ambassador"),
            ("Nguyen Van Minh", "VNM", "Ambassador"),
        ],
    ),
    # "the credentials of the Brazilian, Swedish and Thai ambassadors" (demonyms, unnamed)
    "credentials-7": ("PAK", [(None, "BRA", "Ambassador"), (None, "SWE", "Ambassador"), (None, "THA", "Ambassador")]),
    # non-native: "accepted credentials of newly-appointed ambassadors of Republic of Korea, Kingdom of Spain ..."
    "credentials-8": ("KGZ", [(None, "CHL", "Ambassador"), (None, "ESP", "Ambassador"), (None, "KOR", "Ambassador")]),
    # "from envoys of Germany, Brazil and Indonesia ... The envoys are Ambassador A of Germany, ..."
    "credentials-9": (
        "ZAF",
        [
            ("Ana Costa", "BRA", "Ambassador"),
            ("Klaus Weber", "DEU", "Ambassador"),
            ("Budi Santoso", "IDN", "Ambassador"),
        ],
    ),
    # numbered list, one ambassador a line
    "credentials-10": (
        "KAZ",
        [
            ("Diego Alvarez", "ARG", "Ambassador"),
            ("Liisa Korhonen", "FIN", "Ambassador"),
            ("Kwame Mensah", "GHA", "Ambassador"),
        ],
    ),
    # "received ... this morning the credentials of the ambassadors of Japan and Peru"
    "credentials-11": ("QAT", [(None, "JPN", "Ambassador"), (None, "PER", "Ambassador")]),
}


@pytest.mark.parametrize(("name", "expected"), CREDENTIALS.items())
def test_reception_of_several_ambassadors(name, expected, gazetteer):
    """Each ambassador presenting credentials is a meeting of their own (the contract): the principal
    meeting is the first envoy's, every other one is in other_meetings, each a reception by the host."""
    host, guests = expected
    contract = contract_of(f"credentials/{name}", gazetteer)
    meetings = [contract, *contract["other_meetings"]]
    assert [(m["meeting"]["format"], m["meeting"]["location_country"]) for m in meetings] == [
        ("reception", host)
    ] * len(guests)
    assert all(len(m["parties"]) == 2 and host in m["parties"] for m in meetings)
    envoys = [
        (p["name"], p["country"], p["title"]) for m in meetings for p in m["participants"] if p["country"] != host
    ]
    assert sorted(envoys, key=lambda e: e[1]) == guests


def test_meeting_with_a_group_of_ambassadors_names_no_country(gazetteer):
    """'met with the ambassadors of the European Union member states': no country's ambassador is named."""
    contract = contract_of("credentials/group-of-ambassadors", gazetteer)
    assert contract["parties"] == []
