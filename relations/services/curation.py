"""The one registry of what a curator edits on a meeting, and what each edit locks.

A meeting's facts are its scalar fields (FACT_FIELDS) and its link sets (LINK_SETS: parties,
participants, sectors, forums). When a curator changes a fact, it is locked in
`Meeting.locked_fields`: ingest and re-extraction never overwrite, refill or re-add what a
curator set, blanked or removed there. Sources (the articles reporting a meeting) and the
review status are edited too, but lock nothing: they are not facts about the meeting.

Every module that needs these names (the meeting services, ingest, re-extraction, the admin)
reads them from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from relations.models import Meeting, MeetingCountry, MeetingForum, MeetingParticipant, MeetingSector

# A curated fact may span two columns; editing either locks both, so that re-ingest cannot pair
# a curator's date with an extracted precision, or a curator's city with an extracted country.
FACT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "date_precision"),
    "date_precision": ("date", "date_precision"),
    "format": ("format",),
    "location_country": ("location_country", "location_city"),
    "location_city": ("location_country", "location_city"),
    "host_country": ("host_country",),
    "summary": ("summary",),
}
SCALAR_FIELDS = tuple(FACT_FIELDS)
COUNTRY_FIELDS = ("location_country", "host_country")
QUOTE = ("evidence", "evidence_start", "evidence_end")
EVIDENCE_COLUMNS = ("source_id", *QUOTE, "origin")

LinkModel = type[MeetingCountry] | type[MeetingParticipant] | type[MeetingSector] | type[MeetingForum]


@dataclass(frozen=True)
class LinkSet:
    """One of a meeting's link sets: its rows' model, the column naming the fact, its lock name."""

    name: str  # the lock name, and the key of the set in a meeting's data ("countries")
    model: LinkModel
    target: str  # the column that names what the row links to ("country_id")
    label: str  # how a change reads in the meeting's history ("+ party Armenia")
    updatable: tuple[str, ...]  # the columns re-extraction may update in place


LINK_SETS: tuple[LinkSet, ...] = (
    LinkSet("countries", MeetingCountry, "country_id", "party", QUOTE),
    LinkSet(
        "participants",
        MeetingParticipant,
        "official_id",
        "participant",
        ("official_id", "country_id", "raw_name", "title", *QUOTE),
    ),
    LinkSet("sectors", MeetingSector, "sector_id", "sector", QUOTE),
    LinkSet("forums", MeetingForum, "forum_id", "forum", QUOTE),
)
LINK_SET_BY_NAME: dict[str, LinkSet] = {link_set.name: link_set for link_set in LINK_SETS}
LINK_SET_BY_MODEL: dict[LinkModel, LinkSet] = {link_set.model: link_set for link_set in LINK_SETS}
LINK_FIELDS = tuple(LINK_SET_BY_NAME)


def meeting_fields_to_lock(changed_fields: Iterable[str]) -> list[str]:
    """The curated meeting fields and link sets that edits to `changed_fields` lock, in model order."""
    names = set(changed_fields)
    wanted = {locked for name in names for locked in FACT_FIELDS.get(name, ())}
    scalars = [field.name for field in Meeting._meta.concrete_fields if field.name in wanted]
    return [*scalars, *(name for name in LINK_FIELDS if name in names)]


def is_locked(meeting: Meeting, name: str) -> bool:
    """Whether a curator has set the fact or link set `name` of this meeting (machines keep off)."""
    return name in (meeting.locked_fields or ())
