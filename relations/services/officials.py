"""Resolving the people an article names to Officials, and merging two Officials.

A mention resolves to an Official of the same country whose name or other name is the same
(ignoring case, accents and honorifics), or whose name contains it or is contained in it
(two words at least in common). One match: that Official. Several: ambiguous, left for the
curator (raw name kept, official empty). None: a new Official, unless the mention is a
single word (a surname alone is never enough to create a person).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction

from relations.extraction.types import Participant
from relations.models import MeetingParticipant, Official, OfficialName, Position

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "h.e", "he", "excellency", "his", "her",
    "sir", "madam", "hon", "honourable", "honorable", "sheikh", "shaikh",
}  # fmt: skip


def name_key(name: str) -> tuple[str, ...]:
    """The words of a name, lower-cased, accents and honorifics removed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = re.findall(r"[^\W\d_]+(?:\.[^\W\d_]+)*", text)
    return tuple(w for w in words if w not in HONORIFICS)


@dataclass
class _Known:
    official_id: int
    keys: set[tuple[str, ...]]
    name: str


@dataclass
class OfficialResolver:
    """Resolves mentions to Officials; caches each country's officials for the length of a run."""

    create: bool = True
    _by_country: dict[str | None, list[_Known]] = field(default_factory=dict)

    def clear(self) -> None:
        """Forget the cache (after a rolled-back article, whose new officials no longer exist)."""
        self._by_country.clear()

    def _known(self, country: str | None) -> list[_Known]:
        if country not in self._by_country:
            officials = Official.objects.filter(country_id=country).prefetch_related("other_names")
            self._by_country[country] = [
                _Known(o.pk, {name_key(o.name), *(name_key(n.name) for n in o.other_names.all())}, o.name)
                for o in officials
            ]
        return self._by_country[country]

    def resolve_all(self, mentions: list[Participant]) -> list[tuple[Participant, int | None]]:
        return [(m, self.resolve(m)) for m in mentions]

    def resolve(self, mention: Participant) -> int | None:
        """The Official id for a mention, or None when it is unnamed or ambiguous."""
        if not mention.name:
            return None
        key = name_key(mention.name)
        if not key:
            return None
        known = self._known(mention.country)
        exact = [k for k in known if key in k.keys]
        if len(exact) == 1:
            return exact[0].official_id
        if len(exact) > 1:
            return None
        partial = [k for k in known if any(_compatible(key, other) for other in k.keys)]
        if len(partial) == 1:
            if len(key) >= 2:  # a surname alone is not kept as another name: it would match too much
                self._add_alias(partial[0], mention.name, key)
            return partial[0].official_id
        if partial or len(key) < 2 or not self.create:
            return None
        return self._create(mention, key, known)

    def _add_alias(self, known: _Known, name: str, key: tuple[str, ...]) -> None:
        """Remember another written form; the longest form becomes the name."""
        known.keys.add(key)
        official = Official.objects.get(pk=known.official_id)
        if len(key) > len(name_key(official.name)):
            OfficialName.objects.get_or_create(official=official, name=official.name)
            official.name = name[:255]
            official.save(update_fields=["name", "updated_at"])
            known.name = official.name
        else:
            OfficialName.objects.get_or_create(official=official, name=name[:255])

    def _create(self, mention: Participant, key: tuple[str, ...], known: list[_Known]) -> int:
        """A new Official, with the title the article gives as a position held (dates unknown)."""
        official = Official.objects.create(name=mention.name[:255], country_id=mention.country)
        if mention.title:
            Position.objects.create(official=official, title=mention.title[:255], country_id=mention.country)
        known.append(_Known(official.pk, {key}, official.name))
        return official.pk


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
    return keep
