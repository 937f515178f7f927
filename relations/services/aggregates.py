"""What the pages and the API show per pair, per country and per official, stored and kept in step by the writes.

Counting a pair's meetings on every read costs a scan that grows with the data (issue 10: the
home page took 100 s at 100,000 meetings). Instead, every write that changes a meeting's
parties, status, date or sectors, or a pair's stated levels, calls `meetings_aggregates_refresh`
(or `relations_refresh`) in its own transaction, which

- keeps `MeetingPair` (which relations each meeting belongs to, with the meeting's date) in step
  with its parties and date,
- recomputes, for the relations those meetings belong to now or belonged to before, the stored
  figures: `BilateralRelation.meetings_count`, `last_meeting_date`, `current_level`, and the
  per-year (`RelationYear`), per-sector (`RelationSector`) and per-person (`RelationPerson`) counts,
- and recomputes `Country.meetings_count` and `Official.meetings_count` for the countries and
  officials those meetings had or have.

A pair's figures are recomputed from the pair's rows (which cannot drift), under the pair locks the
writers hold (services.locks). A country's, an official's or a forum's count and the totals are
shared by writers of many pairs and would cost a scan of the whole table to recount, so they move
by differences instead (F() additions, atomic), under figure locks taken last.
`aggregates_recompute_all` (command `recompute_aggregates`) rebuilds everything from scratch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import ExtractYear

from relations.models import (
    Article,
    BilateralRelation,
    Country,
    Forum,
    Meeting,
    MeetingCountry,
    MeetingForum,
    MeetingPair,
    MeetingParticipant,
    MeetingSector,
    MeetingStatus,
    Official,
    RelationLevel,
    RelationPerson,
    RelationSector,
    RelationYear,
    Totals,
)

from .bulk import copy_insert, values_update
from .locks import keys_lock
from .versions import data_changed

BATCH = 1000
TOTALS = 1  # the one row of Totals


@dataclass
class Before:
    """What some meetings count for, read before a write to them (and again after it): the relations
    they belong to, and how many of them (rejected ones aside) each country, official and forum has,
    and how many are visible and verified. After minus before is what the write changed."""

    relations: frozenset[int] = frozenset()
    countries: Counter[str] = field(default_factory=Counter)
    officials: Counter[int] = field(default_factory=Counter)
    forums: Counter[int] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, meeting_ids: Iterable[int]) -> Before:
        ids = set(meeting_ids)
        if not ids:
            return cls()
        visible = Q(meeting_id__in=ids) & ~Q(meeting__status=MeetingStatus.REJECTED)

        def per(model: Any, column: str) -> Counter:
            rows = model.objects.filter(visible, **{f"{column}__isnull": False}).order_by().values_list(column)
            return Counter(dict(rows.annotate(n=Count("meeting_id", distinct=True))))

        return cls(
            frozenset(MeetingPair.objects.filter(meeting_id__in=ids).values_list("relation_id", flat=True)),
            per(MeetingCountry, "country_id"),
            per(MeetingParticipant, "official_id"),
            per(MeetingForum, "forum_id"),
            Counter(dict(Meeting.objects.filter(pk__in=ids).order_by().values_list("status").annotate(n=Count("id")))),
        )


def meetings_aggregates_refresh(
    meeting_ids: Iterable[int], *, before: Before | None = None, also: Iterable[int] = (), articles: int = 0
) -> set[int]:
    """After a write to these meetings (whose state `before` it was read): their pairs follow their
    parties; the figures of every relation they belong to now or did before (and of the relations
    `also`) are recomputed; the counts of their countries, officials and forums and the totals move by
    what the write changed, and the totals' articles by `articles`. Returns the relation ids.

    `before` must be read before the write for every meeting that already existed (empty for new ones).
    """
    ids = set(meeting_ids)
    before = before or Before()
    touched = meeting_pairs_sync(ids).relations | before.relations | set(also)
    relations_refresh(touched)
    figures_move(before, Before.of(ids), articles=articles)
    return touched


def _delta(after: Counter, before: Counter) -> dict[Any, int]:
    return {key: after[key] - before[key] for key in after.keys() | before.keys() if after[key] != before[key]}


@transaction.atomic
def figures_move(before: Before, after: Before, *, articles: int = 0) -> None:
    """Add what a write changed to the stored counts of countries, officials and forums and to the totals.

    Each count moves by an exact difference read from the rows of the meetings written, whatever the
    size of the database; the updates are F() additions, under the figure locks (sorted, taken after
    the write's other locks) so that two writers never wait for each other's rows in opposite orders.
    """
    moves: list[tuple[type[Country] | type[Official] | type[Forum], str, dict[Any, int]]] = [
        (Country, "country-figures", _delta(after.countries, before.countries)),
        (Official, "official-figures", _delta(after.officials, before.officials)),
        (Forum, "forum-figures", _delta(after.forums, before.forums)),
    ]
    visible = sum(n for status, n in after.statuses.items() if status != MeetingStatus.REJECTED) - sum(
        n for status, n in before.statuses.items() if status != MeetingStatus.REJECTED
    )
    verified = after.statuses[MeetingStatus.VERIFIED] - before.statuses[MeetingStatus.VERIFIED]
    keys = [(lock, str(key)) for _, lock, deltas in moves for key in deltas]
    totals = bool(visible or verified or articles)
    keys_lock(keys + ([("totals", "")] if totals else []))
    for model, _, deltas in moves:
        if deltas:
            # Not updated_at: the gazetteer's cache watches it, and a count is no change of reference data.
            values_update(model, sorted(deltas.items()), ["meetings_count"], add=True)
    if totals:
        moved = Totals.objects.filter(pk=TOTALS).update(
            meetings=F("meetings") + visible, verified=F("verified") + verified, articles=F("articles") + articles
        )
        if not moved:  # no row yet (a new database): count it all
            _totals_recount()


@transaction.atomic
def figures_recount(*, officials: Iterable[int] = (), countries: Iterable[str] = (), forums: Iterable[int] = ()) -> int:
    """Count again, from all the rows, the meetings of these officials, countries and forums and the
    totals (after an import around the services); returns how many were wrong."""
    official_ids, codes, forum_ids = sorted(set(officials)), sorted(set(countries)), sorted(set(forums))
    keys = [("country-figures", code) for code in codes] + [("official-figures", str(pk)) for pk in official_ids]
    keys_lock([*keys, *(("forum-figures", str(pk)) for pk in forum_ids), ("totals", "")])
    changed = int(_totals_recount())
    visible = ~Q(meeting__status=MeetingStatus.REJECTED)
    changed += _recount(
        Country,
        codes,
        MeetingCountry.objects.filter(visible, country_id__in=codes)
        .order_by()
        .values_list("country_id")
        .annotate(n=Count("meeting_id")),
    )
    changed += _recount(
        Official,
        official_ids,
        MeetingParticipant.objects.filter(visible, official_id__in=official_ids)
        .order_by()
        .values_list("official_id")
        .annotate(n=Count("meeting_id", distinct=True)),
    )
    changed += _recount(
        Forum,
        forum_ids,
        MeetingForum.objects.filter(visible, forum_id__in=forum_ids)
        .order_by()
        .values_list("forum_id")
        .annotate(n=Count("meeting_id")),
    )
    return changed


def _totals_recount() -> bool:
    by_status = dict(Meeting.objects.order_by().values_list("status").annotate(n=Count("id")))
    figures = {
        "meetings": sum(n for status, n in by_status.items() if status != MeetingStatus.REJECTED),
        "verified": by_status.get(MeetingStatus.VERIFIED, 0),
        "articles": Article.objects.count(),
    }
    stored = Totals.objects.filter(pk=TOTALS).values("meetings", "verified", "articles").first()
    if stored != figures:
        Totals.objects.update_or_create(pk=TOTALS, defaults=figures)
    return stored != figures


def _recount(model: type[Country] | type[Official] | type[Forum], keys: list, counts: Iterable[tuple[Any, int]]) -> int:
    """Store each row's meetings count (the rows of `keys` absent from `counts` have none); returns how many changed."""
    if not keys:
        return 0
    wanted = dict(counts)
    manager: Any = model.objects  # one code path for the three models
    stale = [
        row
        for row in manager.filter(pk__in=keys).only("pk", "meetings_count")
        if row.meetings_count != wanted.get(row.pk, 0)
    ]
    # Not updated_at: the gazetteer's cache watches it, and a count is no change of reference data.
    values_update(model, [(row.pk, wanted.get(row.pk, 0)) for row in stale], ["meetings_count"])
    return len(stale)


@dataclass
class PairsSync:
    relations: set[int]  # the relations the meetings belonged to before or belong to now
    rows_changed: int  # MeetingPair rows added, removed or given their meeting's new date


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
    dates = dict(Meeting.objects.filter(pk__in=meeting_ids).values_list("pk", "date"))
    rows = list(
        MeetingPair.objects.filter(meeting_id__in=meeting_ids).values_list(
            "pk", "meeting_id", "relation_id", "meeting_date"
        )
    )
    stored_pks = {(m, r): pk for pk, m, r, _ in rows}
    stored = set(stored_pks)
    gone = [stored_pks[key] for key in stored - wanted]
    if gone:
        MeetingPair.objects.filter(pk__in=gone).delete()
    new = sorted(wanted - stored)
    copy_insert(MeetingPair, [MeetingPair(meeting_id=m, relation_id=r, meeting_date=dates.get(m)) for m, r in new])
    redated = [(pk, dates.get(m)) for pk, m, r, day in rows if (m, r) in wanted and day != dates.get(m)]
    values_update(MeetingPair, redated, ["meeting_date"])
    return PairsSync({r for _, r in stored | wanted}, len(gone) + len(new) + len(redated))


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
    values_update(
        BilateralRelation,
        [(r.pk, r.meetings_count, r.last_meeting_date, r.current_level) for r in stale],
        ["meetings_count", "last_meeting_date", "current_level"],
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
    changed |= _replace_people(ids)
    return changed


def _replace_people(ids: list[int]) -> set[int]:
    """RelationPerson rows of these relations: everyone at their visible meetings of either country
    (or of none), counted once per meeting, with the title of the latest; returns the relations changed."""
    rows = (
        MeetingParticipant.objects.filter(meeting__pairs__relation_id__in=ids)
        .exclude(meeting__status=MeetingStatus.REJECTED)
        .filter(
            Q(country__isnull=True)
            | Q(country_id=F("meeting__pairs__relation__country_a_id"))
            | Q(country_id=F("meeting__pairs__relation__country_b_id"))
        )
        .order_by("meeting__pairs__relation_id", F("meeting__date").desc(nulls_last=True), "-meeting_id", "id")
        .values_list(
            "meeting__pairs__relation_id",
            "official_id",
            "official__name",
            "raw_name",
            "country_id",
            "title",
            "meeting_id",
        )
    )
    people: dict[tuple, list] = {}
    seen: set[tuple] = set()
    for relation, official, official_name, raw, country, title, meeting in rows:
        name = (official_name or raw or title)[:255]
        key = (relation, "official", official) if official else (relation, "name", name.casefold(), country)
        if key not in people:
            people[key] = [relation, official, name, country, title, 0]
        if (key, meeting) not in seen:
            seen.add((key, meeting))
            people[key][5] += 1
    wanted = {tuple(row[:5]): row[5] for row in people.values()}
    stored = {
        (relation, official, name, country, title): (pk, n)
        for pk, relation, official, name, country, title, n in RelationPerson.objects.filter(
            relation_id__in=ids
        ).values_list("pk", "relation_id", "official_id", "name", "country_id", "title", "meetings")
    }
    gone = [stored[k][0] for k in stored if k not in wanted]
    recount = [
        RelationPerson(pk=stored[k][0], meetings=n) for k, n in wanted.items() if k in stored and stored[k][1] != n
    ]
    new = [
        RelationPerson(
            relation_id=r, official_id=o, name=name, country_id=c, title=t, meetings=wanted[(r, o, name, c, t)]
        )
        for (r, o, name, c, t) in wanted
        if (r, o, name, c, t) not in stored
    ]
    if gone:
        RelationPerson.objects.filter(pk__in=gone).delete()
    values_update(RelationPerson, [(row.pk, row.meetings) for row in recount], ["meetings"])
    copy_insert(RelationPerson, new)
    changed = {k[0] for k in stored if k not in wanted} | {row.relation_id for row in new}
    return changed | {k[0] for k, n in wanted.items() if k in stored and stored[k][1] != n}


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
    values_update(model, [(stored[k][0], wanted[k]) for k in recount], ["meetings"])
    copy_insert(
        model,
        [model(relation_id=relation, meetings=wanted[(relation, value)], **{key: value}) for relation, value in new],
    )
    return {relation for relation, _ in (*gone, *recount, *new)}


@dataclass
class RecomputeReport:
    """What a recompute from scratch changed (nothing, when the writes kept everything in step)."""

    meetings: int
    relations: int
    pairs_changed: int  # MeetingPair rows added or removed
    relations_changed: int  # relations whose stored figures were wrong
    figures_changed: int  # countries', officials' and forums' counts and the totals that were wrong

    def summary(self) -> str:
        return (
            f"{self.meetings} meetings, {self.relations} relations: {self.pairs_changed} meeting pairs, "
            f"{self.relations_changed} relations' figures and {self.figures_changed} other figures corrected"
        )


@transaction.atomic
def aggregates_recompute_all() -> RecomputeReport:
    """Rebuild every meeting's pairs and every relation's figures from the rows."""
    meeting_ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
    rows_changed = 0
    for start in range(0, len(meeting_ids), BATCH * 10):
        rows_changed += meeting_pairs_sync(set(meeting_ids[start : start + BATCH * 10])).rows_changed
    relation_ids = list(BilateralRelation.objects.values_list("pk", flat=True))
    changed = relations_refresh(relation_ids)
    figures = figures_recount(
        officials=Official.objects.values_list("pk", flat=True),
        countries=Country.objects.values_list("pk", flat=True),
        forums=Forum.objects.values_list("pk", flat=True),
    )
    data_changed()  # after an import around the services, which bumped nothing
    return RecomputeReport(len(meeting_ids), len(relation_ids), rows_changed, len(changed), figures)
