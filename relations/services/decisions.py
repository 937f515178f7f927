"""Curator decisions that machines must see: removals and locks of reference data.

The machines (`load_seeds`, ingest, re-extraction) only add rows and fill or improve fields.
What they could undo is therefore a curator's deletion (by adding the row again), blanking (by
filling the field again) or edit (by overwriting it). A curator's edit of reference data goes
through `reference_save` / `reference_delete`, which record, as CuratorDecision rows:

- REMOVED: a row deleted, or re-keyed (a renamed country name is the old name removed), or an
  item taken off a list field (a sector's word, a forum's other name);
- LOCKED: a field machines write, once a curator changed or blanked it.

Machines read them through `Decisions` and skip what was removed or locked. Meetings keep their
own locks in `Meeting.locked_fields` (ingest reads them with the meeting, no extra query);
the articles a curator takes off a meeting are recorded here (scope "meetingsource").

Keys: a decision on an existing row's fields or list items is owned by the row's id (it survives
a rename); a removed row is named by its natural key (what the seed files and texts use).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction

from relations.extraction.names import name_key
from relations.models import (
    Article,
    BilateralRelation,
    CooperationSector,
    Country,
    CountryName,
    CuratorDecision,
    Feed,
    Forum,
    ForumMembership,
    Official,
    OfficialName,
    Position,
    RelationLevel,
)

from .aggregates import Before, figures_move, meetings_aggregates_refresh, relations_refresh
from .versions import data_changed

User = AbstractBaseUser | AnonymousUser | None
REMOVED = CuratorDecision.Kind.REMOVED
LOCKED = CuratorDecision.Kind.LOCKED


def official_removal_key(name: str) -> str:
    """How a removed official is named: the words of its name, as the resolver compares them."""
    return " ".join(name_key(name))


@dataclass(frozen=True)
class Curated:
    """How machines write one kind of reference row, and so what a curator's edit of it records."""

    scope: str
    fields: tuple[str, ...] = ()  # fields machines fill or overwrite: a curator's change locks them
    lists: tuple[str, ...] = ()  # list fields machines add to: an item a curator takes off is recorded
    removal: Callable[[Any], tuple[str, str]] | None = None  # (owner, item) of a deleted row, for the machines


CURATED: dict[type[models.Model], Curated] = {
    Country: Curated("country", fields=("numeric", "official_name", "capital")),
    CountryName: Curated("countryname", removal=lambda row: (row.country_id, row.name)),
    CooperationSector: Curated("cooperationsector", lists=("words",), removal=lambda row: (row.slug, "")),
    Forum: Curated(
        "forum",
        fields=("name", "founded", "parent", "registered"),
        lists=("other_names",),
        removal=lambda row: (row.acronym, ""),
    ),
    ForumMembership: Curated(
        "forummembership",
        fields=("since",),
        removal=lambda row: (row.forum.acronym, row.country_id),
    ),
    Official: Curated(
        "official",
        fields=("name", "curated"),
        removal=lambda row: (row.country_id or "", official_removal_key(row.name)),
    ),
    OfficialName: Curated("officialname", removal=lambda row: (str(row.official_id), row.name)),
    Position: Curated("position"),  # machines add positions only to the officials they create
    BilateralRelation: Curated("bilateralrelation"),  # one row per pair that meets: structure, not a fact
    RelationLevel: Curated(
        "relationlevel", removal=lambda row: (str(row.source_id or ""), f"{row.relation.pair}:{row.level}")
    ),
    # load_seeds adds feeds (inactive) and fills their blanks; a curator's deletion or edit stays.
    Feed: Curated("feed", fields=("title", "publisher", "language"), removal=lambda row: (row.url, "")),
}


def decision_record(
    *, kind: str, scope: str, owner: str, item: str = "", note: str = "", user: User = None
) -> CuratorDecision:
    """Record a curator's decision (once: the same decision again changes nothing)."""
    decision, _ = CuratorDecision.objects.get_or_create(
        kind=kind,
        scope=scope,
        owner=str(owner)[:255],
        item=item.casefold()[:255],
        defaults={"note": note[:500], "user": user if getattr(user, "is_authenticated", False) else None},  # type: ignore[misc]
    )
    return decision


@dataclass
class Decisions:
    """The decisions machines respect, loaded once per run or batch (one query)."""

    removed: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (scope, owner) -> items
    locked: set[tuple[str, str]] = field(default_factory=set)  # (scope, owner)

    @classmethod
    def load(cls) -> Decisions:
        decisions = cls()
        for kind, scope, owner, item in CuratorDecision.objects.values_list("kind", "scope", "owner", "item"):
            if kind == REMOVED:
                decisions.removed.setdefault((scope, owner), set()).add(item)
            else:
                decisions.locked.add((scope, owner))
        return decisions

    def is_removed(self, scope: str, owner: object, item: str = "") -> bool:
        """Whether a curator removed this row (`item` "") or this item of a list, e.g. ("forummembership", "OIC", "AZE")."""
        return item.casefold() in self.removed.get((scope, str(owner)), ())

    def removed_items(self, scope: str, owner: object) -> set[str]:
        """What a curator removed of one owner, e.g. the meetings an article was taken off."""
        return self.removed.get((scope, str(owner)), set())

    def is_locked(self, scope: str, owner: object) -> bool:
        """`scope` is "<kind>.<field>", e.g. "country.capital"; `owner` the row's id."""
        return (scope, str(owner)) in self.locked


# --------------------------------------------------------------------------- curator edits


@transaction.atomic
def article_update(*, article: Article, changed_fields: Iterable[str], user: User = None) -> Article:
    """Save a curator's edit of an article; countries a curator set are locked against re-extraction."""
    adding = article._state.adding
    if "countries_mentioned" in changed_fields and article.pk is not None:
        _record(
            LOCKED,
            "article.countries_mentioned",
            str(article.pk),
            "",
            f"Article {article.pk}: countries set by a curator",
            user,
        )
    article._history_user = user if getattr(user, "is_authenticated", False) else None  # type: ignore[attr-defined]
    article.save()
    if adding:
        figures_move(Before(), Before(), articles=1)
    data_changed()
    return article


@transaction.atomic
def articles_delete(*, articles: Iterable[Article], user: User = None) -> int:
    """Delete articles a curator removed; their meetings stay (a curator rejects or deletes those)."""
    count = 0
    for article in articles:
        article._history_user = user if getattr(user, "is_authenticated", False) else None  # type: ignore[attr-defined]
        article.delete()
        count += 1
    figures_move(Before(), Before(), articles=-count)
    data_changed()
    return count


@transaction.atomic
def reference_save(*, instance: models.Model, user: User = None) -> models.Model:
    """Save a curator's new or edited reference row, recording what the machines must not undo."""
    curated = CURATED[type(instance)]
    stored = type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk is not None else None
    if stored is not None:
        _record_edit(curated, stored, instance, user)
    instance._history_user = user if getattr(user, "is_authenticated", False) else None  # type: ignore[attr-defined]
    instance.full_clean()
    instance.save()
    if isinstance(instance, RelationLevel):  # the pair's current level may have changed
        relations_refresh({instance.relation_id, *([stored.relation_id] if stored else [])})  # type: ignore[attr-defined]
    data_changed()
    return instance


@transaction.atomic
def reference_delete(*, instances: Iterable[models.Model], user: User = None) -> int:
    """Delete reference rows a curator removed; the machines will never add them again."""
    count = 0
    for instance in instances:
        curated = CURATED[type(instance)]
        if curated.removal is not None:
            owner, item = curated.removal(instance)
            _record(REMOVED, curated.scope, owner, item, f"Removed {type(instance).__name__} {instance}", user)
        instance._history_user = user if getattr(user, "is_authenticated", False) else None  # type: ignore[attr-defined]
        relation_id = instance.relation_id if isinstance(instance, RelationLevel) else None
        # An official's participations are counted by name once it is gone.
        meetings = (
            list(instance.participations.values_list("meeting_id", flat=True)) if isinstance(instance, Official) else []
        )
        before = Before.of(meetings)
        instance.delete()
        if relation_id is not None:
            relations_refresh([relation_id])
        if meetings:
            meetings_aggregates_refresh(meetings, before=before)
        count += 1
    data_changed()
    return count


def _record_edit(curated: Curated, stored: models.Model, new: models.Model, user: User) -> None:
    label = f"{type(new).__name__} {stored}"
    for name in curated.fields:
        attname = new._meta.get_field(name).attname  # type: ignore[union-attr]
        if getattr(stored, attname) != getattr(new, attname):
            _record(LOCKED, f"{curated.scope}.{name}", str(new.pk), "", f"{label}: {name} set by a curator", user)
    for name in curated.lists:
        kept = {str(item).casefold() for item in getattr(new, name) or []}
        for item in getattr(stored, name) or []:
            if str(item).casefold() not in kept:
                _record(REMOVED, f"{curated.scope}.{name}", str(new.pk), str(item), f"{label}: {item!r} removed", user)
    if curated.removal is not None and curated.removal(stored) != curated.removal(new):
        owner, item = curated.removal(stored)  # a re-keyed row: its old key is gone
        _record(REMOVED, curated.scope, owner, item, f"{label} renamed", user)


def _record(kind: str, scope: str, owner: str, item: str, note: str, user: User) -> None:
    decision_record(kind=kind, scope=scope, owner=owner, item=item, note=note, user=user)
