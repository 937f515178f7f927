"""The stages return new values and mutate none of their inputs (issue 11): stages 4-5 learn people's
countries from the meeting's sentences on copies of their own, and hand them on to stage 7."""

from __future__ import annotations

from datetime import date

from relations.extraction import extractor
from relations.extraction.lexicon import get_lexicon

# Our own wording: neither person is known to the gazetteer, and only the meeting's sentences say
# which side each of them stands for.
TEXT = (
    "BAKU, March 3. Minister Ruslan Tagiyev received Senator Imran Qazati at the ministry on Monday. "
    "The Azerbaijani and Pakistani sides discussed energy and trade."
)


def people_of(reading: extractor.ArticleReading) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.country, p.title) for p in (*reading.people, *reading.headline_people)]


def test_the_meeting_stage_changes_no_person_of_the_reading(gazetteer) -> None:  # type: ignore[no-untyped-def]
    title = "Azerbaijan, Pakistan discuss energy"
    reading = extractor.read_article(TEXT, title, get_lexicon(gazetteer))
    before = people_of(reading)
    lead = extractor.find_the_lead(reading, title, date(2025, 3, 3))
    mentioned = extractor.mentioned_facts(reading)
    meeting = extractor.read_meeting(
        extractor.MeetingInput(reading, lead, date(2025, 3, 3), title, mentioned.countries)
    )

    assert meeting is not None
    assert people_of(reading) == before  # the reading is as stage 2 left it
    learnt = people_of(meeting.article)
    assert learnt != before  # the meeting stage did learn something of the people (else this proves nothing)
    assert {name: country for name, country, _ in learnt if country} == {
        "Ruslan Tagiyev": "AZE",
        "Imran Qazati": "PAK",
    }
