"""What the pages and the API show per pair of countries, stored and kept in step by the writes.

Counting a pair's meetings on every read costs a scan that grows with the data (issue 10: the
home page took 100 s at 100,000 meetings). Instead, every write that changes a meeting's
parties, status, date or sectors, or a pair's stated levels, calls `meetings_aggregates_refresh`
(or `relations_refresh`) in its own transaction, which

- keeps `MeetingPair` (which relations each meeting belongs to) in step with its parties, and
- recomputes, for the relations those meetings belong to now or belonged to before, the stored
  figures: `BilateralRelation.meetings_count`, `last_meeting_date`, `current_level`, and the
  per-year (`RelationYear`) and per-sector (`RelationSector`) counts.

Recomputing a relation's figures from its rows (rather than adding and subtracting) cannot drift;
it costs one grouped query per figure for all the relations of a batch. The writers hold the
pair locks of these relations (services.locks), so two workers never refresh one pair at once.
`aggregates_recompute_all` (command `recompute_aggregates`) rebuilds everything from scratch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Max
from django.db.models.functions import ExtractYear

from relations.models import (
    BilateralRelation,
    MeetingCountry,
    MeetingPair,
    MeetingSector,
    MeetingStatus,
    RelationLevel,
    RelationSector,
    RelationYear,
)

from .versions import data_changed

BATCH = 1000


def meetings_aggregates_refresh(meeting_ids: Iterable[int], *, also: Iterable[int] = ()) -> set[int]:
    """After a write to these meetings: their pairs follow their parties, and the figures of every
    relation they belong to (or belonged to, or `also`) are recomputed. Returns those relation ids."""
    touched = meeting_pairs_sync(set(meeting_ids)).relations | set(also)
    relations_refresh(touched)
    return touched


@dataclass
class PairsSync:
    relations: set[int]  # the relations the meetings belonged to before or belong to now
    rows_changed: int  # MeetingPair rows added or removed


def meeting_pairs_sync(meeting_ids: set[int]) -> PairsSync:
    """Make the MeetingPair rows of these meetings match their parties (relation rows made as needed)."""
    if not meeting_ids:
        return PairsSync(set(), 0)
    parties: dict[int, list[str]] = {pk: [] for pk in meeting_ids}
    for meeting_id, code in (
        MeetingCountry.objects.filter(meeting_id__in=meeting_ids)
        .order_by("country_id")
        .values_list("meeting_id", "country_id")
    ):
        parties[meeting_id].append(code)
    wanted_pairs = {(m, pair) for m, codes in parties.items() for pair in combinations(codes, 2)}
    relations = relation_ids_for({pair for _, pair in wanted_pairs})
    wanted = {(m, relations[pair]) for m, pair in wanted_pairs}
    rows = MeetingPair.objects.filter(meeting_id__in=meeting_ids).values_list("pk", "meeting_id", "relation_id")
    stored_pks = {(m, r): pk for pk, m, r in rows}
    stored = set(stored_pks)
    gone = [stored_pks[key] for key in stored - wanted]
    if gone:
        MeetingPair.objects.filter(pk__in=gone).delete()
    new = sorted(wanted - stored)
    MeetingPair.objects.bulk_create([MeetingPair(meeting_id=m, relation_id=r) for m, r in new], batch_size=BATCH)
    return PairsSync({r for _, r in stored | wanted}, len(gone) + len(new))


def relation_ids_for(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The relation id of each pair (in code order), creating the missing rows."""
    if not pairs:
        return {}
    firsts = {a for a, _ in pairs}
    found = {
        (a, b): pk
        for pk, a, b in BilateralRelation.objects.filter(country_a_id__in=firsts).values_list(
            "pk", "country_a_id", "country_b_id"
        )
        if (a, b) in pairs
    }
    missing = sorted(pairs - found.keys())
    if missing:
        from simple_history.utils import bulk_create_with_history

        rows = [BilateralRelation(country_a_id=a, country_b_id=b) for a, b in missing]
        for row in bulk_create_with_history(rows, BilateralRelation, batch_size=BATCH):
            found[(row.country_a_id, row.country_b_id)] = row.pk
    return found


@transaction.atomic
def relations_refresh(relation_ids: Iterable[int]) -> set[int]:
    """Recompute the stored figures of these relations from their rows; returns those that changed."""
    ids = sorted(set(relation_ids))
    changed: set[int] = set()
    for start in range(0, len(ids), BATCH):
        changed |= _refresh(ids[start : start + BATCH])
    return changed


def _refresh(ids: list[int]) -> set[int]:
    visible = MeetingPair.objects.filter(relation_id__in=ids).exclude(meeting__status=MeetingStatus.REJECTED)
    figures = {
        row["relation_id"]: (row["n"], row["last"])
        for row in visible.order_by().values("relation_id").annotate(n=Count("meeting_id"), last=Max("meeting__date"))
    }
    levels: dict[int, Any] = {}  # None: no level stated (current_level is a nullable CharField)
    for relation_id, stated in (
        RelationLevel.objects.filter(relation_id__in=ids)
        .order_by("relation_id", F("stated_on").desc(nulls_last=True), "-id")
        .values_list("relation_id", "level")
    ):
        levels.setdefault(relation_id, stated)
    stale = []
    for relation in BilateralRelation.objects.filter(pk__in=ids).only(
        "pk", "meetings_count", "last_meeting_date", "current_level"
    ):
        count, last = figures.get(relation.pk, (0, None))
        level = levels.get(relation.pk)
        if (relation.meetings_count, relation.last_meeting_date, relation.current_level) != (count, last, level):
            relation.meetings_count, relation.last_meeting_date = count, last
            relation.current_level = level
            stale.append(relation)
    # Not bulk_update_with_history: these columns are derived (and excluded from the history).
    BilateralRelation.objects.bulk_update(
        stale, ["meetings_count", "last_meeting_date", "current_level"], batch_size=BATCH
    )
    changed = {relation.pk for relation in stale}
    changed |= _replace_counts(
        RelationYear,
        "year",
        ids,
        visible.exclude(meeting__date=None)
        .annotate(year=ExtractYear("meeting__date"))
        .order_by()
        .values_list("relation_id", "year")
        .annotate(n=Count("meeting_id")),
    )
    sectors = (
        MeetingSector.objects.filter(meeting__pairs__relation_id__in=ids)
        .exclude(meeting__status=MeetingStatus.REJECTED)
        .order_by()
        .values_list("meeting__pairs__relation_id", "sector_id")
        .annotate(n=Count("meeting_id", distinct=True))
    )
    changed |= _replace_counts(RelationSector, "sector_id", ids, sectors)
    return changed


def _replace_counts(
    model: type[RelationYear] | type[RelationSector], key: str, ids: list[int], rows: Iterable
) -> set[int]:
    """Make the count rows of these relations exactly `rows` ((relation, key, count) triples), by
    difference; returns the relations whose rows changed."""
    wanted = {(relation, value): n for relation, value, n in rows}
    stored = {
        (relation, value): (pk, n)
        for pk, relation, value, n in model.objects.filter(relation_id__in=ids).values_list(
            "pk", "relation_id", key, "meetings"
        )
    }
    gone = [k for k in stored if k not in wanted]
    recount = [k for k, n in wanted.items() if k in stored and stored[k][1] != n]
    new = [k for k in wanted if k not in stored]
    manager: Any = model.objects  # one code path for both count models
    if gone:
        manager.filter(pk__in=[stored[k][0] for k in gone]).delete()
    manager.bulk_update([model(pk=stored[k][0], meetings=wanted[k]) for k in recount], ["meetings"], batch_size=BATCH)
    manager.bulk_create(
        [model(relation_id=relation, meetings=wanted[(relation, value)], **{key: value}) for relation, value in new],
        batch_size=BATCH,
    )
    return {relation for relation, _ in (*gone, *recount, *new)}


@dataclass
class RecomputeReport:
    """What a recompute from scratch changed (nothing, when the writes kept everything in step)."""

    meetings: int
    relations: int
    pairs_changed: int  # MeetingPair rows added or removed
    relations_changed: int  # relations whose stored figures were wrong

    def summary(self) -> str:
        return (
            f"{self.meetings} meetings, {self.relations} relations: {self.pairs_changed} meeting pairs and "
            f"{self.relations_changed} relations' figures corrected"
        )


@transaction.atomic
def aggregates_recompute_all() -> RecomputeReport:
    """Rebuild every meeting's pairs and every relation's figures from the rows."""
    from relations.models import Meeting

    meeting_ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
    rows_changed = 0
    for start in range(0, len(meeting_ids), BATCH * 10):
        rows_changed += meeting_pairs_sync(set(meeting_ids[start : start + BATCH * 10])).rows_changed
    relation_ids = list(BilateralRelation.objects.values_list("pk", flat=True))
    changed = relations_refresh(relation_ids)
    data_changed()  # after an import around the services, which bumped nothing
    return RecomputeReport(len(meeting_ids), len(relation_ids), rows_changed, len(changed))
