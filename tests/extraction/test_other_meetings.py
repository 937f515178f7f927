"""Articles that report several meetings (the contract's other_meetings): sideline meetings with
several leaders, a credentials ceremony of several ambassadors, a minister meeting two counterparts
the same day, a call and a later visit of the same two sides; and what is no further meeting (a
planned one, an earlier one recalled, a second talk of one visit with the same host). The articles
are this project's own."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from datetime import date

from relations.extraction import extract
from relations.extraction.__main__ import main


def contract(text: str, gazetteer, title: str = "", published: date | None = date(2025, 3, 14)) -> dict:
    return extract(text, title=title, published=published, gazetteer=gazetteer).to_contract(rules=True)


def people(meeting: dict) -> list[tuple[str | None, str | None]]:
    return [(p["name"], p["country"]) for p in meeting["participants"]]


SIDELINES = (
    "On the sidelines of the G20 summit in Rio de Janeiro on Monday, Indonesian President Joko Widodo held talks "
    "with Argentine President Alberto Fernandez on trade and energy. Widodo also held separate bilateral meetings "
    "with the leaders of Mexico, Turkey and Australia. The two presidents agreed to expand cooperation in "
    "agriculture."
)


def test_sideline_meetings_with_several_leaders_are_meetings_of_their_own(gazetteer):
    result = contract(SIDELINES, gazetteer, title="Widodo meets Fernandez at G20")
    assert result["parties"] == ["ARG", "IDN"]
    assert people(result) == [("Alberto Fernandez", "ARG"), ("Joko Widodo", "IDN")]
    others = result["other_meetings"]
    assert [o["parties"] for o in others] == [["IDN", "MEX"], ["IDN", "TUR"], ["AUS", "IDN"]]  # order of mention
    for o in others:
        assert ("Joko Widodo", "IDN") in people(o)
        assert {"name": None, "country": next(c for c in o["parties"] if c != "IDN"), "title": "Leader"} in o[
            "participants"
        ]
        assert (o["meeting"]["format"], o["meeting"]["location_country"]) == ("sidelines", "BRA")
        assert o["sectors"] == []  # "The two presidents" after a list is none of the listed meetings
    assert "agriculture" in result["sectors"]
    assert result["rules"]["other_meetings"][0]["separate"] == "meetings.several"
    assert result["rules"]["other_meetings"][0]["sentence"].startswith("Widodo also held separate")


CREDENTIALS = (
    "Mongolian President Ukhnaagiin Khurelsukh on Tuesday received the credentials of Ambassador Carla Mendes "
    "of Brazil, Ambassador Amina Bello of Nigeria and Ambassador Erik Lund of Norway at the State Palace in "
    "Ulaanbaatar. Speaking with the Brazilian ambassador, the President called for more cooperation in mining. "
    "In his talk with the Nigerian ambassador, the President proposed cooperation in education and health."
)


def test_each_ambassador_presenting_credentials_is_a_meeting(gazetteer):
    result = contract(CREDENTIALS, gazetteer, title="President receives credentials of three ambassadors")
    assert result["parties"] == ["BRA", "MNG"]  # the first envoy's; no other envoy leaks in
    assert people(result) == [("Carla Mendes", "BRA"), ("Ukhnaagiin Khurelsukh", "MNG")]
    assert result["sectors"] == ["industry"]
    others = result["other_meetings"]
    assert [o["parties"] for o in others] == [["MNG", "NGA"], ["MNG", "NOR"]]
    assert people(others[0]) == [("Ukhnaagiin Khurelsukh", "MNG"), ("Amina Bello", "NGA")]
    assert others[0]["sectors"] == ["education", "health"]
    assert others[1]["sectors"] == []
    for o in others:
        assert o["meeting"] == {
            "date": "2025-03-11",
            "format": "reception",
            "location_country": "MNG",
            "location_city": "Ulaanbaatar",
        }


TWO_COUNTERPARTS = (
    "ASTANA, March 12 - Kazakh Foreign Minister Murat Nurtleu met Chinese Foreign Minister Wang Yi in Astana on "
    "Wednesday and discussed transport and trade. Later that day, Nurtleu held talks with Russian Foreign Minister "
    "Sergey Lavrov on cooperation in energy."
)


def test_a_minister_meeting_two_counterparts_the_same_day_holds_two_meetings(gazetteer):
    result = contract(TWO_COUNTERPARTS, gazetteer, title="Nurtleu meets Wang Yi")
    assert result["parties"] == ["CHN", "KAZ"]
    assert people(result) == [("Wang Yi", "CHN"), ("Murat Nurtleu", "KAZ")]
    assert result["sectors"] == ["trade", "transport"]
    [other] = result["other_meetings"]
    assert other["parties"] == ["KAZ", "RUS"]
    assert people(other) == [("Murat Nurtleu", "KAZ"), ("Sergey Lavrov", "RUS")]
    assert other["sectors"] == ["energy"]


CALL_THEN_VISIT = (
    "Azerbaijani Foreign Minister Jeyhun Bayramov and his Georgian counterpart Ilia Darchiashvili discussed "
    "transit and energy by phone on Friday, the ministry said. On Thursday, Bayramov had a meeting with "
    "Georgian Prime Minister Irakli Kobakhidze in Tbilisi."
)


def test_a_call_and_a_visit_of_the_same_two_sides_are_two_meetings(gazetteer):
    result = contract(CALL_THEN_VISIT, gazetteer, title="Bayramov, Darchiashvili hold phone talks")
    assert result["meeting"]["format"] == "phone_call"
    assert people(result) == [("Jeyhun Bayramov", "AZE"), ("Ilia Darchiashvili", "GEO")]
    [other] = result["other_meetings"]
    assert other["parties"] == ["AZE", "GEO"]
    assert ("Irakli Kobakhidze", "GEO") in people(other)
    assert other["meeting"]["format"] != "phone_call"
    assert other["meeting"]["location_country"] == "GEO"
    assert result["rules"]["other_meetings"][0]["separate"] == "meetings.own_day"


def test_a_planned_meeting_is_no_meeting(gazetteer):
    text = (
        "Kazakh Foreign Minister Murat Nurtleu met Chinese Foreign Minister Wang Yi in Astana on Wednesday. "
        "Nurtleu is expected to meet Russian Foreign Minister Sergey Lavrov next week. He also hopes to hold "
        "talks with the leaders of Turkey and Iran."
    )
    result = contract(text, gazetteer)
    assert result["parties"] == ["CHN", "KAZ"]
    assert result["other_meetings"] == []


def test_an_earlier_meeting_recalled_as_background_is_no_meeting(gazetteer):
    text = (
        "Kazakh Foreign Minister Murat Nurtleu met Chinese Foreign Minister Wang Yi in Astana on Wednesday. "
        "The two ministers recalled the talks Nurtleu held with Russian Foreign Minister Sergey Lavrov in 2019."
    )
    result = contract(text, gazetteer)
    assert result["parties"] == ["CHN", "KAZ"]
    assert result["other_meetings"] == []


def test_talks_with_the_president_and_then_the_minister_of_one_host_are_one_meeting(gazetteer):
    text = (
        "Uzbek Foreign Minister Bakhtiyor Saidov arrived in Tbilisi on Tuesday for a working visit. Saidov was "
        "received by Georgian President Mikheil Kavelashvili. He also held talks with Georgian Foreign Minister "
        "Maka Bochorishvili on transport."
    )
    result = contract(text, gazetteer)
    assert result["parties"] == ["GEO", "UZB"]
    assert result["other_meetings"] == []


def test_a_trilateral_meeting_stays_one_meeting(gazetteer):
    text = (
        "Philippine President Ferdinand Marcos held a trilateral meeting with Japanese Prime Minister Fumio "
        "Kishida and United States President Joe Biden in Washington on Thursday. Marcos also had a bilateral "
        "meeting with Biden on maritime security."
    )
    result = contract(text, gazetteer)
    assert result["parties"] == ["JPN", "PHL", "USA"]
    [other] = result["other_meetings"]
    assert other["parties"] == ["PHL", "USA"]


def test_explain_names_the_rule_and_sentence_of_each_further_meeting(tmp_path, gazetteer):
    path = tmp_path / "a.txt"
    path.write_text(f"title: Nurtleu meets Wang Yi\npublished: 2025-03-12\n---\n{TWO_COUNTERPARTS}\n", "utf-8")
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        assert main([str(path), "--explain"]) == 0
    lines = [line for line in err.getvalue().splitlines() if line.startswith("  other #")]
    assert lines == [
        "  other #1 KAZ, RUS [meetings.encounter] separate because of: "
        "'Later that day, Nurtleu held talks with Russian Foreign Minister Sergey Lavrov on cooperation in energy.'"
    ]


def test_two_people_named_together_as_the_subject_report_their_encounter(gazetteer):
    text = (
        "Chilean Foreign Minister Ana Rojas held a meeting with Argentine Foreign Minister Pablo Duarte on Tuesday "
        "in Lima, on the margins of the regional summit. Foreign Minister Rojas and U.S. Secretary of State Marco "
        "Rubio highlighted the importance of the summit for both economies."
    )
    result = contract(text, gazetteer)
    assert result["parties"] == ["ARG", "CHL"]
    [other] = result["other_meetings"]
    assert other["parties"] == ["CHL", "USA"]
    assert people(other) == [("Ana Rojas", "CHL"), ("Marco Rubio", "USA")]


def test_the_host_of_a_summit_is_no_meeting_of_its_own(gazetteer):
    text = (
        "President Surangel Whipps Jr. on Thursday joined fellow leaders at the opening of the regional summit in "
        "Apia, hosted by Samoan Prime Minister Fiame Naomi Mata'afa. Later that day, Whipps held a bilateral "
        "meeting with New Zealand Prime Minister Christopher Luxon."
    )
    result = contract(text, gazetteer, title="Whipps meets Luxon in Apia")
    assert result["parties"] == ["NZL", "PLW"]
    assert result["other_meetings"] == []


def test_a_meeting_told_as_a_memory_is_no_meeting(gazetteer):
    text = (
        "Kazakh Foreign Minister Murat Nurtleu met Chinese Foreign Minister Wang Yi in Astana on Wednesday. "
        "Nurtleu recalled that he had met Russian Foreign Minister Sergey Lavrov last year in Moscow."
    )
    assert contract(text, gazetteer)["other_meetings"] == []


def test_a_heading_opens_a_section_about_one_meeting(gazetteer):
    text = (
        "During the summit in Brussels, Ukrainian President Volodymyr Zelenskyy held separate meetings with "
        "Prime Minister of Estonia Kristen Michal and Prime Minister of Sweden Ulf Kristersson.\n\n"
        "Meeting with Prime Minister of Estonia Kristen Michal\n\n"
        "We discussed cooperation in energy.\n\n"
        "Meeting with Prime Minister of Sweden Ulf Kristersson\n\n"
        "We discussed defence production and education programmes."
    )
    result = contract(text, gazetteer)
    assert result["parties"] == ["EST", "UKR"]
    assert result["sectors"] == ["energy"]
    [other] = result["other_meetings"]
    assert other["parties"] == ["SWE", "UKR"]
    assert other["sectors"] == ["defence", "education"]


def test_a_second_call_and_an_unnamed_envoy_are_meetings_of_their_own(gazetteer):
    calls = contract(
        "Uzbek President Shavkat Mirziyoyev held a phone conversation with Kazakh President Kassym-Jomart Tokayev "
        "on Monday. Mirziyoyev also spoke by phone with Turkish President Recep Tayyip Erdogan.",
        gazetteer,
    )
    assert calls["parties"] == ["KAZ", "UZB"]
    [call] = calls["other_meetings"]
    assert call["parties"] == ["TUR", "UZB"]
    assert call["meeting"] == {"date": None, "format": "phone_call", "location_country": None, "location_city": None}
    envoy = contract(
        "Uzbek Foreign Minister Bakhtiyor Saidov met German Foreign Minister Annalena Baerbock in Berlin on "
        "Monday. Saidov also met with the Chinese ambassador.",
        gazetteer,
    )
    [other] = envoy["other_meetings"]
    assert other["parties"] == ["CHN", "UZB"]
    assert {"name": None, "country": "CHN", "title": "ambassador"} in other["participants"]


def test_a_second_encounter_word_in_the_sentence_names_another_meeting(gazetteer):
    text = (
        "Uzbek Foreign Minister Bakhtiyor Saidov met German Foreign Minister Annalena Baerbock on the sidelines "
        "of the OSCE meeting in Vienna on Monday, where he also held talks with Austrian Foreign Minister Beate "
        "Meinl-Reisinger."
    )
    result = contract(text, gazetteer)
    assert result["parties"] == ["DEU", "UZB"]
    assert people(result) == [("Annalena Baerbock", "DEU"), ("Bakhtiyor Saidov", "UZB")]
    [other] = result["other_meetings"]
    assert people(other) == [("Beate Meinl-Reisinger", "AUT"), ("Bakhtiyor Saidov", "UZB")]
    assert other["meeting"]["format"] == "sidelines"
