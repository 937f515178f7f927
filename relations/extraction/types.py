"""Typed inputs (gazetteer entries) and outputs (extraction result) of the extractor.

Pure Python: nothing here imports Django, so the extractor runs from reference files in
unit tests and from the database in production.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

# ------------------------------------------------------------------ gazetteer entries


@dataclass(frozen=True, slots=True)
class CountryRef:
    """A country and every name a text may use for it."""

    iso3: str
    name: str
    official_name: str = ""
    capital: str = ""
    official: tuple[str, ...] = ()  # official forms ("the Republic of Peru")
    alternative: tuple[str, ...] = ()  # other names ("Türkiye", "UAE", "South Korea")
    demonym: tuple[str, ...] = ()  # demonyms/adjectives ("Peruvian", "Kyrgyz")
    city: tuple[str, ...] = ()  # major cities other than the capital
    institution: tuple[str, ...] = ()  # offices that imply the country ("Jogorku Kenesh", "Kremlin")


@dataclass(frozen=True, slots=True)
class ForumRef:
    """A multilateral forum of the registry, or a known organisation outside it."""

    acronym: str  # the full name when the forum has no acronym
    name: str
    other_names: tuple[str, ...] = ()
    parent: str | None = None
    registered: bool = True  # False: a known organisation outside the registry (reported by its label)


@dataclass(frozen=True, slots=True)
class SectorRef:
    """A canonical cooperation sector and the words that map to it."""

    slug: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OfficialRef:
    """A known official (from the database) to help resolve names."""

    name: str
    country: str | None = None
    other_names: tuple[str, ...] = ()


# ------------------------------------------------------------------ results


class Span(NamedTuple):
    """Where a fact was read: character offsets into the article text and the sentence.
    (A named tuple: immutable like a frozen dataclass, and several times cheaper to make.)"""

    start: int
    end: int
    sentence: str


@dataclass(slots=True)
class Fact:
    """A value (ISO3 code, sector slug, forum acronym, ...) with the span it came from."""

    value: str
    span: Span | None = None
    rule: str | None = None  # the id of the rule that produced it (rules/<language>/*.toml, gazetteer.*)


@dataclass(slots=True)
class Participant:
    name: str | None
    country: str | None
    title: str | None
    span: Span | None = None
    rule: str | None = None


@dataclass(slots=True)
class MeetingFacts:
    date: date | None = None
    date_precision: str = "unknown"  # day, month, year, unknown
    date_span: Span | None = None
    format: str = "talks"
    format_span: Span | None = None
    location_country: str | None = None
    location_city: str | None = None
    location_span: Span | None = None
    format_rule: str | None = None
    date_rule: str | None = None
    location_rule: str | None = None


def contract_order(people: list[Participant]) -> list[Participant]:
    """Participants in the contract's order: by country, name, title."""
    return sorted(people, key=lambda p: (p.country or "", p.name or "", p.title or ""))


@dataclass(slots=True)
class OtherMeeting:
    """A further meeting the article reports (the contract's `other_meetings`): its own facts,
    parties, participants and sectors, and the sentence (span) and rule that made it a separate one."""

    meeting: MeetingFacts
    parties: list[Fact] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    sectors: list[Fact] = field(default_factory=list)
    span: Span | None = None
    rule: str | None = None

    def sorted_participants(self) -> list[Participant]:
        return contract_order(self.participants)


@dataclass(slots=True)
class Extraction:
    """Everything the extractor found in one article."""

    title: str
    published: date | None
    meeting: MeetingFacts | None
    parties: list[Fact] = field(default_factory=list)
    countries_mentioned: list[Fact] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    sectors: list[Fact] = field(default_factory=list)
    forums: list[Fact] = field(default_factory=list)
    relation_level: Fact | None = None
    other_meetings: list[OtherMeeting] = field(default_factory=list)  # in the order of first mention

    def rules(self) -> dict:
        """Which rule produced each fact, in the contract's shape: value -> rule id (the first fact of a
        value where several are), the participants in the contract's order."""

        def by_value(facts: list[Fact]) -> dict[str, str | None]:
            out: dict[str, str | None] = {}
            for f in facts:
                out.setdefault(f.value, f.rule)
            return dict(sorted(out.items()))

        m = self.meeting
        return {
            "meeting": None if m is None else _meeting_rules(m),
            "parties": by_value(self.parties),
            "countries_mentioned": by_value(self.countries_mentioned),
            "participants": [p.rule for p in self.sorted_participants()],
            "sectors": by_value(self.sectors),
            "forums": by_value(self.forums),
            "relation_level": self.relation_level.rule if self.relation_level else None,
            "other_meetings": [
                {
                    "separate": o.rule,
                    "sentence": o.span.sentence if o.span else None,
                    "meeting": _meeting_rules(o.meeting),
                    "participants": [p.rule for p in o.sorted_participants()],
                }
                for o in self.other_meetings
            ],
        }

    def sorted_participants(self) -> list[Participant]:
        return contract_order(self.participants)

    def to_contract(self, *, rules: bool = False) -> dict:
        """The JSON shape of ../shared/extraction-contract.md (lists sorted, no duplicates); with
        rules=True (what ingest stores) also "rules": which rule produced each fact."""
        contract = self._contract()
        if rules:
            contract["rules"] = self.rules()
        return contract

    def _contract(self) -> dict:
        m = self.meeting
        return {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "meeting": None if m is None else _meeting_contract(m),
            "parties": sorted({f.value for f in self.parties}),
            "countries_mentioned": sorted({f.value for f in self.countries_mentioned}),
            "participants": _participants_contract(self.sorted_participants()),
            "sectors": sorted({f.value for f in self.sectors}),
            "forums": sorted({f.value for f in self.forums}),
            "relation_level": self.relation_level.value if self.relation_level else None,
            "other_meetings": [
                {
                    "meeting": _meeting_contract(o.meeting),
                    "parties": sorted({f.value for f in o.parties}),
                    "participants": _participants_contract(o.sorted_participants()),
                    "sectors": sorted({f.value for f in o.sectors}),
                }
                for o in self.other_meetings
            ],
        }


def _meeting_rules(m: MeetingFacts) -> dict:
    return {"format": m.format_rule, "location": m.location_rule, "date": m.date_rule}


def _meeting_contract(m: MeetingFacts) -> dict:
    return {
        "date": m.date.isoformat() if m.date else None,
        "format": m.format,
        "location_country": m.location_country,
        "location_city": m.location_city,
    }


def _participants_contract(people: list[Participant]) -> list[dict]:
    return [{"name": p.name, "country": p.country, "title": p.title} for p in people]
