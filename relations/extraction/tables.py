"""Every module's rule tables of one Rules object, in one place a document carries.

A stage reads its tables as `doc.tables.meeting` or `sentence.tables.sectors`: two attribute reads,
no call, however often a stage asks (a call per read cost the extractor a few percent). Built once per
Rules object (`Tables.of(rules)`, cached on it), from the tables class each module declares next to
its code (`meeting.MeetingTables`, ...), which are the same objects `MeetingTables.of(rules)` returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .rules import ModuleTables

if TYPE_CHECKING:
    from .dates import DateTables
    from .extractor import ExtractorTables
    from .forums import ForumTables
    from .lexicon import LexiconTables
    from .meeting import MeetingTables
    from .meetings import MeetingsTables
    from .names import NameTables
    from .participants import ParticipantTables
    from .people import PeopleTables
    from .places import PlaceTables
    from .rules import Rules
    from .sectors import SectorTables
    from .text import TextTables


class Tables(ModuleTables):
    """The tables of every module for one Rules object (and the rules themselves)."""

    __slots__ = (
        "dates",
        "extractor",
        "forums",
        "lexicon",
        "meeting",
        "meetings",
        "names",
        "participants",
        "people",
        "places",
        "rules",
        "sectors",
        "text",
    )

    def __init__(self, rules: Rules) -> None:
        # imported here: every module imports text.py, which makes a Tables for each document
        from .dates import DateTables
        from .extractor import ExtractorTables
        from .forums import ForumTables
        from .lexicon import LexiconTables
        from .meeting import MeetingTables
        from .meetings import MeetingsTables
        from .names import NameTables
        from .participants import ParticipantTables
        from .people import PeopleTables
        from .places import PlaceTables
        from .sectors import SectorTables
        from .text import TextTables

        self.rules = rules
        self.dates: DateTables = DateTables.of(rules)
        self.extractor: ExtractorTables = ExtractorTables.of(rules)
        self.forums: ForumTables = ForumTables.of(rules)
        self.lexicon: LexiconTables = LexiconTables.of(rules)
        self.meeting: MeetingTables = MeetingTables.of(rules)
        self.meetings: MeetingsTables = MeetingsTables.of(rules)
        self.names: NameTables = NameTables.of(rules)
        self.participants: ParticipantTables = ParticipantTables.of(rules)
        self.people: PeopleTables = PeopleTables.of(rules)
        self.places: PlaceTables = PlaceTables.of(rules)
        self.sectors: SectorTables = SectorTables.of(rules)
        self.text: TextTables = TextTables.of(rules)
