"""A summit article that reports five meetings, and a stand-in extractor that reads it as the contract says.

The ingest, API, admin and page tests of articles that report several meetings replace the
extractor, so that they test the services and not the rules of the day, (services.linking.extract_article, the one call
the services make) with a reading built from the text: the principal meeting first, then the others,
each fact with its span in the text. The database stays real.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from relations.extraction import ArticleInput, Extraction, Fact, MeetingFacts, Participant, Span
from relations.extraction.types import OtherMeeting
from relations.services import linking

_REAL = linking.extract_article  # the real extractor, for the articles the stand-in does not read

TOKAYEV = ("Kassym-Jomart Tokayev", "KAZ", "President")

# Written for these tests. One sentence per meeting, each naming the two leaders.
SUMMIT_BODY = (
    "ASTANA, July 4. President of Kazakhstan Kassym-Jomart Tokayev met with President of Uzbekistan "
    "Shavkat Mirziyoyev on the sidelines of the Shanghai Cooperation Organisation summit in Astana on "
    "July 3, 2024, and the two leaders discussed trade and energy.\n\n"
    "On the same day, President of Kazakhstan Kassym-Jomart Tokayev held a meeting with President of "
    "Kyrgyzstan Sadyr Japarov on water resources and transport.\n\n"
    "President of Kazakhstan Kassym-Jomart Tokayev also met with President of Tajikistan Emomali Rahmon "
    "to discuss education.\n\n"
    "President of Kazakhstan Kassym-Jomart Tokayev and Prime Minister of Pakistan Shehbaz Sharif talked "
    "about transit and trade during a separate meeting.\n\n"
    "Later, President of Kazakhstan Kassym-Jomart Tokayev met with President of Azerbaijan Ilham Aliyev, "
    "and the sides discussed energy and culture.\n"
)
SUMMIT_TITLE = "Kazakh President meets Uzbek President on the sidelines of the SCO summit"
SUMMIT = f"title: {SUMMIT_TITLE}\npublished: 2024-07-04\npublisher: Steppe News Agency\n---\n{SUMMIT_BODY}"

# Another agency's report of one of those meetings.
KYRGYZ_BODY = (
    "BISHKEK, July 3. President of Kyrgyzstan Sadyr Japarov met with President of Kazakhstan "
    "Kassym-Jomart Tokayev in Astana on July 3, 2024, on the sidelines of the SCO summit.\n\n"
    "The presidents discussed water resources, energy and transport links.\n"
)
KYRGYZ = "title: Japarov and Tokayev meet in Astana\npublished: 2024-07-03\npublisher: Kyrgyz Wire\n---\n" + KYRGYZ_BODY


@dataclass(frozen=True)
class Seen:
    """One meeting as the stand-in extractor reports it: the sentence (its start) and what it names."""

    sentence: str
    parties: tuple[str, ...]
    people: tuple[tuple[str, str, str], ...]  # name, ISO3, title
    sectors: tuple[tuple[str, str], ...] = ()  # slug, the word that maps to it
    when: date = date(2024, 7, 3)
    format: str = "sidelines"


SUMMIT_MEETINGS = [
    Seen(
        "ASTANA, July 4.",
        ("KAZ", "UZB"),
        (TOKAYEV, ("Shavkat Mirziyoyev", "UZB", "President")),
        (("trade", "trade"), ("energy", "energy")),
    ),
    Seen(
        "On the same day",
        ("KAZ", "KGZ"),
        (TOKAYEV, ("Sadyr Japarov", "KGZ", "President")),
        (("water", "water resources"), ("transport", "transport")),
    ),
    Seen(
        "President of Kazakhstan Kassym-Jomart Tokayev also met",
        ("KAZ", "TJK"),
        (TOKAYEV, ("Emomali Rahmon", "TJK", "President")),
        (("education", "education"),),
    ),
    Seen(
        "President of Kazakhstan Kassym-Jomart Tokayev and Prime Minister",
        ("KAZ", "PAK"),
        (TOKAYEV, ("Shehbaz Sharif", "PAK", "Prime Minister")),
        (("transport", "transit"), ("trade", "trade")),
    ),
    Seen(
        "Later, President",
        ("AZE", "KAZ"),
        (TOKAYEV, ("Ilham Aliyev", "AZE", "President")),
        (("energy", "energy"), ("culture", "culture")),
    ),
]

KYRGYZ_MEETING = [
    Seen(
        "BISHKEK, July 3.",
        ("KAZ", "KGZ"),
        (("Sadyr Japarov", "KGZ", "President"), TOKAYEV),
        (("water", "water resources"), ("energy", "energy"), ("transport", "transport")),
    )
]

# What the stand-in reads, by a phrase of the article's text (articles without one get the real extractor).
READINGS: dict[str, list[Seen]] = {"ASTANA, July 4.": SUMMIT_MEETINGS, "BISHKEK, July 3.": KYRGYZ_MEETING}


def _span_of(text: str, phrase: str, start: int, sentence: str) -> Span:
    at = text.index(phrase, start)
    return Span(at, at + len(phrase), sentence)


def reading(item: ArticleInput, meetings: list[Seen], forums: tuple[str, ...] = ("SCO",)) -> Extraction:
    """The extraction of `item` that reports `meetings` (the first is the principal one)."""
    text = item.text
    found: list[OtherMeeting] = []
    for seen in meetings:
        start = text.index(seen.sentence)
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        span = Span(start, end, text[start:end])
        facts = MeetingFacts(
            date=seen.when,
            date_precision="day",
            date_span=span,
            format=seen.format,
            format_span=span,
            location_country="KAZ",
            location_city="Astana",
            location_span=span,
        )
        found.append(
            OtherMeeting(
                meeting=facts,
                parties=[Fact(code, span, "test.party") for code in seen.parties],
                participants=[
                    Participant(name, country, title, _span_of(text, name, start, span.sentence), "test.participant")
                    for name, country, title in seen.people
                ],
                sectors=[
                    Fact(slug, _span_of(text, word, start, span.sentence), "test.sector") for slug, word in seen.sectors
                ],
                span=span,
                rule="test.separate",
            )
        )
    principal, others = found[0], found[1:]
    summit = "Shanghai Cooperation Organisation" if "Shanghai" in text else "SCO"
    forum_span = _span_of(text, summit, 0, "") if summit in text else None
    if forum_span is not None:
        line = text.rfind("\n", 0, forum_span.start) + 1
        stop = text.find("\n", forum_span.end)
        forum_span = forum_span._replace(sentence=text[line : stop if stop >= 0 else len(text)])
    countries = sorted({f.value for m in found for f in m.parties})
    return Extraction(
        title=item.title,
        published=item.published,
        meeting=principal.meeting,
        parties=principal.parties,
        countries_mentioned=[Fact(code, None, "test.mention") for code in countries],
        participants=principal.participants,
        sectors=principal.sectors,
        forums=[Fact(acronym, forum_span, "test.forum") for acronym in forums],
        other_meetings=others,
    )


def read_as(monkeypatch: pytest.MonkeyPatch, readings: dict[str, list[Seen]] | None = None) -> None:
    """From now on the services read the articles of `readings` (by a phrase of their text) with the
    stand-in; any other article with the real extractor. Call again to change the reading."""
    readings = READINGS if readings is None else readings
    real = _REAL

    def extract(item: ArticleInput, gazetteer):  # type: ignore[no-untyped-def]
        for phrase, meetings in readings.items():
            if phrase in item.text:
                return reading(item, meetings)
        return real(item, gazetteer)

    monkeypatch.setattr(linking, "extract_article", extract)
