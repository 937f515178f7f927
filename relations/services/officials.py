"""Resolving the people an article names to Officials, and merging two Officials.

A mention resolves to an Official of the same country whose name or other name is the same
(relations.extraction.names.name_key: case, accents, dotless i, honorifics and particles ignored),
or whose name contains it or is contained in it (two words at least in common). One match: that Official. Several: ambiguous, left for the
curator (raw name kept, official empty). None: a new Official, unless the mention is a
single word (a surname alone is never enough to create a person).

Ingest resolves a whole batch of articles before writing: new people are `Person` handles
without an id until `flush()` creates them all with one bulk insert.

A curator's decisions hold (services.decisions): an official a curator deleted is not created
again (the mention stays a raw name), an official a curator renamed is never renamed, and a
name a curator took off an official is not added back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Q, Sum
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from relations.extraction.names import name_key  # one idea of "the same name", the extractor's (issue 11)
from relations.extraction.types import Participant
from relations.models import MeetingParticipant, Official, OfficialName, Position

from .aggregates import Before, meetings_aggregates_refresh
from .versions import data_changed

if TYPE_CHECKING:
    from .decisions import Decisions


@dataclass(eq=False)
class Person:
    """An Official as the resolver knows it; official_id is None until a new one is flushed."""

    official_id: int | None
    name: str
    country: str | None
    keys: set[tuple[str, ...]]
    names: set[str] = field(default_factory=set)  # exact written forms already stored (name and other names)
    title: str = ""  # for a new person: the title to record as a position
    aliases: set[str] = field(default_factory=set)  # the other names stored as OfficialName rows


@dataclass
class OfficialResolver:
    """Resolves mentions to Officials; caches each country's officials for the length of a run."""

    create: bool = True
    decisions: Decisions | None = None
    _by_country: dict[str | None, list[Person]] = field(default_factory=dict)
    _new: list[Person] = field(default_factory=list)
    _aliases: list[tuple[Person, str]] = field(default_factory=list)
    _renamed: dict[int, Person] = field(default_factory=dict)
    # Per cached country, its stored officials and other names as this resolver knows them (counts
    # and id sums: see keep_fresh); kept up to date with the resolver's own writes.
    _prints: dict[str | None, Fingerprint] = field(default_factory=dict)

    def keep_fresh(self, countries: Iterable[str | None]) -> None:
        """Forget the cached officials of those `countries` that another writer changed since they were
        read (one query), so that the next use reads them again; the others stay cached.

        A country's officials and their other names are compared by count and id sum: another worker's
        new official or name, or a curator's deletion, changes them (renames come with a new other name).
        """
        cached = [c for c in set(countries) if c in self._by_country]
        if not cached:
            return
        stored = _fingerprints(cached)
        for country in cached:
            if stored.get(country, EMPTY_PRINT) != self._prints.get(country):
                del self._by_country[country]
                self._prints.pop(country, None)

    def clear(self) -> None:
        """Forget everything (after a rolled-back transaction, whose new officials no longer exist)."""
        self._by_country.clear()
        self._prints.clear()
        self._new.clear()
        self._aliases.clear()
        self._renamed.clear()

    def preload(self, countries: Iterable[str | None]) -> None:
        """Load the officials of these countries in two queries."""
        wanted = {c for c in countries if c not in self._by_country}
        if not wanted:
            return
        codes = [c for c in wanted if c is not None]
        officials = Official.objects.filter(country_id__in=codes).prefetch_related("other_names")
        if None in wanted:
            officials = officials | Official.objects.filter(country__isnull=True).prefetch_related("other_names")
        for country in wanted:
            self._by_country[country] = []
            self._prints[country] = EMPTY_PRINT
        for o in officials:
            stored = list(o.other_names.all())
            aliases = {n.name for n in stored}
            names = {o.name, *aliases}
            person = Person(o.pk, o.name, o.country_id, {name_key(n) for n in names}, names, aliases=aliases)
            self._by_country[o.country_id].append(person)
            self._count(o.country_id, o.pk, [n.pk for n in stored])

    def resolve_all(self, mentions: list[Participant]) -> list[tuple[Participant, Person | None]]:
        return [(m, self.resolve(m)) for m in mentions]

    def resolve(self, mention: Participant) -> Person | None:
        """The Person for a mention, or None when it is unnamed or ambiguous."""
        if not mention.name:
            return None
        key = name_key(mention.name)
        if not key:
            return None
        self.preload([mention.country])
        known = self._by_country[mention.country]
        exact = [p for p in known if key in p.keys]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            return None
        partial = [p for p in known if any(_compatible(key, other) for other in p.keys)]
        if len(partial) == 1:
            if len(key) >= 2:  # a surname alone is not kept as another name: it would match too much
                self._remember(partial[0], mention.name[:255], key)
            return partial[0]
        if partial or len(key) < 2 or not self.create:
            return None
        if self._removed_by_a_curator(mention.country, key):
            return None  # a curator deleted this person: the mention stays a raw name
        person = Person(
            None, mention.name[:255], mention.country, {key}, {mention.name[:255]}, (mention.title or "")[:255]
        )
        known.append(person)
        self._new.append(person)
        return person

    def _removed_by_a_curator(self, country: str | None, key: tuple[str, ...]) -> bool:
        """A curator deleted an official of this name, or of a name this resolver takes for the same person
        ("Jeyhun Bayramov" after "Jeyhun Aziz oglu Bayramov" was deleted)."""
        if self.decisions is None:
            return False
        removed = self.decisions.removed_items("official", country or "")
        return any(_compatible(key, tuple(item.split())) for item in removed)

    def _remember(self, person: Person, name: str, key: tuple[str, ...]) -> None:
        """Another written form of a known person; the longest form becomes the name, unless a
        curator chose the name."""
        person.keys.add(key)
        if name in person.names:
            return
        person.names.add(name)
        chosen = self.decisions and self.decisions.is_locked("official.name", person.official_id)
        if len(key) > len(name_key(person.name)) and not chosen:
            self._alias(person, person.name)
            person.name = name
            if person.official_id is not None:
                self._renamed[person.official_id] = person
        else:
            self._alias(person, name)

    def _alias(self, person: Person, name: str) -> None:
        """Store `name` as another name of the person, unless it is one already or a curator removed it."""
        if name in person.aliases:
            return
        if self.decisions and self.decisions.is_removed("officialname", person.official_id, name):
            return
        person.aliases.add(name)
        self._aliases.append((person, name))

    def flush(self) -> None:
        """Write the new officials (with their first position), other names and renames."""
        new, self._new = self._new, []
        if new:
            rows = bulk_create_with_history(
                [Official(name=p.name, country_id=p.country) for p in new], Official, batch_size=500
            )
            for person, row in zip(new, rows, strict=True):
                person.official_id = row.pk
                self._count(person.country, row.pk, [])
            positions = [
                Position(official=row, title=p.title, country_id=p.country)
                for p, row in zip(new, rows, strict=True)
                if p.title
            ]
            bulk_create_with_history(positions, Position, batch_size=500)
        aliases, self._aliases = self._aliases, []
        rows = [OfficialName(official_id=p.official_id, name=name) for p, name in aliases if p.official_id]
        bulk_create_with_history(rows, OfficialName, batch_size=500)
        for (person, _), row in zip([a for a in aliases if a[0].official_id], rows, strict=True):
            self._count(person.country, None, [row.pk])
        renamed, self._renamed = self._renamed, {}
        if renamed:
            officials = list(Official.objects.filter(pk__in=renamed))
            for official in officials:
                official.name = renamed[official.pk].name
            bulk_update_with_history(officials, Official, ["name"], batch_size=500)

    def _count(self, country: str | None, official_id: int | None, name_ids: list[int]) -> None:
        """Add a stored official and/or other names to the fingerprint of a cached country."""
        if country not in self._prints:
            return
        n, ids, names, name_sum = self._prints[country]
        if official_id is not None:
            n, ids = n + 1, ids + official_id
        self._prints[country] = (n, ids, names + len(name_ids), name_sum + sum(name_ids))


Fingerprint = tuple[int, int, int, int]  # officials: count, id sum; their other names: count, id sum
EMPTY_PRINT: Fingerprint = (0, 0, 0, 0)


def _fingerprints(countries: list[str | None]) -> dict[str | None, Fingerprint]:
    """The stored fingerprint of each country's officials, in one aggregate query."""
    where = Q(country_id__in=[c for c in countries if c is not None])
    if None in countries:
        where |= Q(country__isnull=True)
    rows = (
        Official.objects.filter(where)
        .values("country_id")
        .annotate(
            n=Count("id", distinct=True),
            ids=Sum("id", distinct=True),
            names=Count("other_names"),
            name_ids=Sum("other_names__id"),
        )
        .order_by()
    )
    return {row["country_id"]: (row["n"], row["ids"] or 0, row["names"], row["name_ids"] or 0) for row in rows}


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One name's words contain the other's, with at least two words in common ("Yousuf Raza Gilani")."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    if len(small) < 2:
        # A surname alone matches a full name whose last word it is.
        return len(small) == 1 and len(big) >= 2 and big[-1] == small[0]
    return set(small) <= set(big)


@transaction.atomic
def official_merge(*, keep: Official, remove: Official) -> Official:
    """Merge `remove` into `keep`: participations, positions and names move over, `remove` goes."""
    if keep.pk == remove.pk:
        raise ValueError("cannot merge an official into itself")
    meeting_ids = set(
        MeetingParticipant.objects.filter(official__in=[keep, remove]).values_list("meeting_id", flat=True)
    )
    before = Before.of(meeting_ids)
    meetings_with_keep = set(MeetingParticipant.objects.filter(official=keep).values_list("meeting_id", flat=True))
    # A meeting where both appear keeps one participant row: the one already linked to `keep`.
    MeetingParticipant.objects.filter(official=remove, meeting_id__in=meetings_with_keep).delete()
    MeetingParticipant.objects.filter(official=remove).update(official=keep)
    names = set(keep.other_names.values_list("name", flat=True)) | {keep.name}
    for alias in [remove.name, *remove.other_names.values_list("name", flat=True)]:
        if alias not in names:
            OfficialName.objects.create(official=keep, name=alias)
            names.add(alias)
    for position in remove.positions.all():
        clash = keep.positions.filter(title=position.title, country=position.country, end_date__isnull=True)
        if position.end_date is None and clash.exists():
            position.delete()
        else:
            position.official = keep
            position.save(update_fields=["official", "updated_at"])
    if keep.country_id is None and remove.country_id:
        keep.country_id = remove.country_id
        keep.save(update_fields=["country", "updated_at"])
    remove.delete()
    meetings_aggregates_refresh(meeting_ids, before=before)
    data_changed()
    return keep
