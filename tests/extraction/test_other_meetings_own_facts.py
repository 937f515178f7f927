"""Several meetings in one article, each with its own facts: a credentials ceremony whose envoys are
listed as "Ambassador of <Country> <Name>" (the host's country from the capital dateline and the
residence, not from an envoy the host speaks with), and a meeting followed the same day by a call (the
call's cue is no cue of the meeting before it). The articles are this project's own: invented names."""

from __future__ import annotations

from datetime import date

from relations.extraction import extract
from relations.extraction.articles import parse_article_text


def contract(text: str, gazetteer, title: str, published: date) -> dict:
    return extract(text, title=title, published=published, gazetteer=gazetteer).to_contract(rules=True)


def people(meeting: dict) -> list[tuple[str | None, str | None]]:
    return [(p["name"], p["country"]) for p in meeting["participants"]]


ENVOYS = (
    "ACCRA, May 8 — President Kofi Asante on Wednesday accepted the letters of credence of newly accredited "
    "ambassadors at Jubilee House.\n\n"
    "The President received the credentials of Ambassador of Norway Ingrid Halvorsen, Ambassador of Peru Rosa "
    "Quispe and Ambassador of Vietnam Tran Minh Duc.\n\n"
    "Talking with the Norwegian envoy, Asante highlighted cooperation in energy and shipping. With the "
    "Vietnamese ambassador he discussed tourism and health."
)


def test_each_envoy_of_a_ceremony_meets_the_host_whose_country_is_not_an_envoys(gazetteer):
    result = contract(ENVOYS, gazetteer, "President receives letters of credence of three envoys", date(2026, 5, 8))
    assert result["parties"] == ["GHA", "NOR"]  # the first envoy reported; no other envoy leaks in
    assert people(result) == [("Kofi Asante", "GHA"), ("Ingrid Halvorsen", "NOR")]
    assert result["sectors"] == ["energy", "transport"]
    others = result["other_meetings"]
    assert [o["parties"] for o in others] == [["GHA", "PER"], ["GHA", "VNM"]]
    assert people(others[0]) == [("Kofi Asante", "GHA"), ("Rosa Quispe", "PER")]
    assert people(others[1]) == [("Kofi Asante", "GHA"), ("Tran Minh Duc", "VNM")]
    assert [o["sectors"] for o in others] == [[], ["health", "tourism"]]
    for meeting in [result["meeting"], *(o["meeting"] for o in others)]:
        assert meeting["format"] == "reception"
        assert meeting["location_country"] == "GHA"
        assert meeting["date"] == "2026-05-06"  # "on Wednesday" before the published Friday


def test_a_title_in_an_opening_phrase_with_with_is_not_the_subjects(gazetteer):
    """'Talking with the Norwegian envoy, Asante highlighted': Asante is no envoy; an apposition that
    closes ('met with the Norwegian envoy, Ingrid Halvorsen.') still gives the name its title."""
    result = contract(ENVOYS, gazetteer, "President receives letters of credence of three envoys", date(2026, 5, 8))
    host = next(p for p in result["participants"] if p["name"] == "Kofi Asante")
    assert (host["country"], host["title"]) == ("GHA", "President")
    apposition = contract(
        "ACCRA, May 8 — President Kofi Asante on Monday met with the Norwegian envoy, Ingrid Halvorsen, at "
        "Jubilee House. "
        "Talking with the Norwegian envoy, Asante discussed energy.",
        gazetteer,
        "President meets envoy",
        date(2026, 5, 8),
    )
    assert people(apposition) == [("Kofi Asante", "GHA"), ("Ingrid Halvorsen", "NOR")]


CALL_AFTER_TALKS = (
    "BISHKEK, 3 June 2026 — Minister of Foreign Affairs of Kyrgyzstan Aibek Toktogulov met with Minister of "
    "Foreign Affairs of India Ravi Menon in New Delhi on Tuesday. The two ministers discussed pharmaceuticals and "
    "education.\n\n"
    "Later that day, Aibek Toktogulov had a phone conversation with Minister of Foreign Affairs of Turkey Selim "
    "Kaya. They discussed transport and the next meeting of the joint commission."
)


def test_the_call_of_a_further_meeting_is_no_cue_of_the_meeting_before_it(gazetteer):
    result = contract(
        CALL_AFTER_TALKS, gazetteer, "Kyrgyz minister meets Indian and Turkish counterparts", date(2026, 6, 3)
    )
    assert result["parties"] == ["IND", "KGZ"]
    assert result["meeting"] == {
        "date": "2026-06-02",
        "format": "talks",
        "location_country": "IND",
        "location_city": "New Delhi",
    }
    assert result["sectors"] == ["education", "health"]
    [call] = result["other_meetings"]
    assert call["parties"] == ["KGZ", "TUR"]
    assert call["meeting"] == {
        "date": "2026-06-02",
        "format": "phone_call",
        "location_country": None,
        "location_city": None,
    }
    assert call["sectors"] == ["transport"]
    assert result["rules"]["meeting"]["format"] != "meeting.phone"


def test_a_video_conference_with_another_counterpart_is_a_meeting_of_its_own(gazetteer):
    result = contract(
        "Minister of Foreign Affairs of Armenia Lilit Hakobyan met with Minister of Foreign Affairs of Georgia "
        "Nino Beridze in Tbilisi on Tuesday and discussed energy.\n\n"
        "On the same day, Lilit Hakobyan held a video conference with Minister of Foreign Affairs of France "
        "Claire Dubois.",
        gazetteer,
        "Minister meets Georgian counterpart",
        date(2026, 6, 3),
    )
    assert result["parties"] == ["ARM", "GEO"]
    assert (result["meeting"]["format"], result["meeting"]["location_country"]) == ("talks", "GEO")
    [video] = result["other_meetings"]
    assert video["parties"] == ["ARM", "FRA"]
    assert (video["meeting"]["format"], video["meeting"]["location_country"]) == ("video_call", None)


def test_the_place_and_the_day_of_a_further_meeting_are_not_the_principal_meetings(gazetteer):
    def principal(text: str) -> dict:
        result = contract(text, gazetteer, "Minister holds talks", date(2026, 5, 8))
        assert result["parties"] == ["GUY", "MNG"]
        [other] = result["other_meetings"]
        assert other["parties"] == ["EGY", "MNG"]
        return result["meeting"]

    place = principal(
        "Minister of Foreign Affairs of Mongolia Oyun Erdene met with Minister of Foreign Affairs of Guyana Marcus "
        "Persaud on Tuesday. The ministers discussed mining. Later that day, in Cairo, Erdene held talks with "
        "Minister of Foreign Affairs of Egypt Tarek Fahmy."
    )
    assert (place["date"], place["location_country"], place["location_city"]) == ("2026-05-05", None, None)
    day = principal(
        "Minister of Foreign Affairs of Mongolia Oyun Erdene met with Minister of Foreign Affairs of Guyana Marcus "
        "Persaud. On Wednesday, Erdene held talks by telephone with Minister of Foreign Affairs of Egypt Tarek Fahmy."
    )
    assert (day["date"], day["format"]) == (None, "talks")
    same_day = principal(
        "Minister of Foreign Affairs of Mongolia Oyun Erdene met with Minister of Foreign Affairs of Guyana Marcus "
        "Persaud in Georgetown. Later the same day, on Thursday, Erdene held a phone conversation with Minister of "
        "Foreign Affairs of Egypt Tarek Fahmy."
    )
    assert (same_day["date"], same_day["format"], same_day["location_country"]) == ("2026-05-07", "talks", "GUY")


def test_front_matter_may_open_with_a_fence_of_its_own():
    article = parse_article_text(
        "---\ntitle: Minister holds talks\npublished: 2026-05-08\npublisher: Ministry\n---\nA met B on Monday.\n",
        "fenced.md",
    )
    assert (article.title, article.published, article.text.strip()) == (
        "Minister holds talks",
        date(2026, 5, 8),
        "A met B on Monday.",
    )
    plain = parse_article_text("---\nTalks held\nA met B on Monday.\n", "plain.md")  # no key after the fence
    assert (plain.title, plain.text.strip()) == ("Talks held", "A met B on Monday.")


def test_the_growth_of_an_area_noted_at_the_meeting_is_a_sector(gazetteer):
    result = contract(
        "ACCRA, May 8 — President Kofi Asante on Wednesday received Ambassador of Norway Ingrid Halvorsen at "
        "Jubilee House. Asante welcomed the growth of tourism and investment between the two countries.",
        gazetteer,
        "President receives envoy",
        date(2026, 5, 8),
    )
    assert result["sectors"] == ["investment", "tourism"]


def test_a_plural_head_lists_each_country_with_its_envoys_name(gazetteer):
    """'the Ambassadors of Chile A, Poland B and Egypt C': three envoys of one ceremony, three meetings
    on the ceremony's day."""
    result = contract(
        "VIENTIANE, April 16 — President Somsack Inthavong on Tuesday accepted the letters of credence of "
        "newly accredited ambassadors at the Presidential Palace. Credentials were presented by the Ambassadors "
        "of Chile Javiera Rojas, Poland Tomasz Wrobel and Egypt Karim Mansour.",
        gazetteer,
        "President accepts credentials",
        date(2026, 4, 16),
    )
    assert result["parties"] == ["CHL", "LAO"]
    others = result["other_meetings"]
    assert [o["parties"] for o in others] == [["LAO", "POL"], ["EGY", "LAO"]]
    assert people(others[0]) == [("Somsack Inthavong", "LAO"), ("Tomasz Wrobel", "POL")]
    for meeting in [result["meeting"], *(o["meeting"] for o in others)]:
        assert (meeting["format"], meeting["location_country"], meeting["date"]) == ("reception", "LAO", "2026-04-14")


def test_a_lead_that_holds_separate_meetings_with_a_list_reports_each_of_them(gazetteer):
    result = contract(
        "On the sidelines of the UN General Assembly in New York on Tuesday, President of Mongolia Oyun Batbayar "
        "held separate meetings with Prime Minister of Nepal Ram Thapa, President of Chile Camila Pizarro and "
        "Minister of Foreign Affairs of Oman Salim Al Harthy. With the Chilean President she discussed copper "
        "mining and education.",
        gazetteer,
        "Mongolian leader meets counterparts",
        date(2026, 5, 8),
    )
    assert result["parties"] == ["MNG", "NPL"]  # the first one reported
    others = result["other_meetings"]
    assert [o["parties"] for o in others] == [["CHL", "MNG"], ["MNG", "OMN"]]
    assert people(others[0]) == [("Camila Pizarro", "CHL"), ("Oyun Batbayar", "MNG")]
    assert "education" in others[0]["sectors"] and "education" not in result["sectors"]
    for meeting in [result["meeting"], *(o["meeting"] for o in others)]:
        assert (meeting["format"], meeting["location_country"], meeting["date"]) == ("sidelines", "USA", "2026-05-05")
