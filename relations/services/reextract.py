"""Re-extraction: bring stored articles up to the current extractor without losing a curator's work.

Re-ingesting a stored text is a no-op (content hash), so what an older extractor read stays on
record until this runs. Each article is read again and applied in its own transaction:

- a meeting a curator verified or rejected, or attached the article to, is not touched ("kept");
- in an extracted meeting, the links the extractor took from this article are replaced by what it
  reads now, by difference (rows that stay keep their ids and history); links a curator added,
  links from other sources and link sets a curator edited (Meeting.locked_fields) are left alone;
- the meeting's own fields are recomputed from the article when it is the only source, and only
  filled where empty when there are several (as ingest does for a merged report); locked fields never;
- an article that now reports a meeting where it had none is placed as ingest places it (dedupe
  may merge it into a meeting on record);
- an article whose meeting the extractor no longer finds keeps it: nothing is deleted, and the
  meeting is listed so that a curator can reject it;
- an article may report several meetings: each reading goes to the stored meeting of its parties
  (the principal reading to the one whose parties changed, as before), and a meeting the article now
  reports beside those is placed as ingest places it, which splits a stored meeting that had taken
  in several ("split"). A meeting a curator verified, rejected or whose parties or participants
  they locked is never split: what would have been taken out of it is listed for a curator instead;
- an article a curator took off its meeting (or whose meeting a curator deleted) is "kept" too:
  it is not placed again;
- like ingest, each article's transaction holds the locks of what it may write (services.locks),
  so re-extraction runs beside ingest workers.

Stated relation levels carry no origin (a curator may have entered one under the article), so
a level the extractor no longer reads is left in place; a new one is added.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, reset_queries, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from relations.extraction import EXTRACTOR_VERSION, ArticleError, ArticleInput, Gazetteer
from relations.models import (
    Article,
    Meeting,
    MeetingCountry,
    MeetingForum,
    MeetingParticipant,
    MeetingSector,
    MeetingSource,
    MeetingStatus,
    RelationLevel,
)

from .aggregates import Before, meetings_aggregates_refresh
from .curation import LINK_SET_BY_MODEL, LinkModel
from .dedupe import Candidate
from .linking import (
    EXTRACTED,
    HeldLinks,
    IngestContext,
    MeetingReport,
    Outcome,
    Pending,
    describe,
    ensure_forums,
    fill_empty,
    links_of,
    meeting_values,
    mentioned_codes,
    place_reports,
    prepare,
    resolve_people,
    save_placed,
    write_relations,
)
from .runs import rolled_back_if
from .versions import data_changed

CHUNK = 200  # articles loaded per query


class Result:
    UPDATED = "updated"  # what the article gives its meeting (or its mentioned countries) changed
    UNCHANGED = "unchanged"  # the current extractor reads what is on record
    NEW_MEETING = "new_meeting"  # it had no meeting and now has one (new, or merged into one on record)
    NO_LONGER_FOUND = "no_longer_found"  # its meeting is no longer found: kept, listed for a curator
    KEPT = "kept"  # its meeting is a curator's (verified, rejected, or the article attached by hand)
    SPLIT = "split"  # it now reports several meetings: the ones beside its stored meeting(s) were placed


@dataclass
class ReextractReport:
    """What re-extracting stored articles did (STYLE rule 16)."""

    read: int = 0
    updated: int = 0
    unchanged: int = 0
    new_meeting: int = 0
    no_longer_found: int = 0
    kept: int = 0
    split: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # "article 3 (title): meeting 7", for a curator to review
    unsplit: list[str] = field(default_factory=list)  # meetings a curated meeting would have been split into
    dry_run: bool = False

    def summary(self) -> str:
        prefix = "Dry run, nothing committed: " if self.dry_run else ""
        several = f", {self.split} split into several meetings" if self.split else ""
        if self.unsplit:
            several += f", {len(self.unsplit)} further meeting(s) of curated meetings not split (left for a curator)"
        return (
            f"{prefix}{self.read} read, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.new_meeting} with a new meeting, {self.no_longer_found} no longer found (left for a curator), "
            f"{self.kept} kept (curated){several}, {self.failed} failed"
        )

    def progress_line(self) -> str:
        return (
            f"{self.read} read | {self.updated} updated | {self.new_meeting} new meeting | "
            f"{self.no_longer_found} no longer found | {self.failed} failed"
        )


def articles_reextract(
    *,
    article_ids: Iterable[int] | None = None,
    everything: bool = False,
    dry_run: bool = False,
    gazetteer: Gazetteer | None = None,
    on_progress: Callable[[ReextractReport], None] | None = None,
) -> ReextractReport:
    """Read stored articles again with the current extractor and update what they gave (module doc).

    By default the articles another extractor version read; `everything` for all of them,
    `article_ids` for those. Raises ValueError for an id with no article, before any work.
    Each article is its own transaction; with dry_run the whole run is rolled back at the end.
    """
    ids = _selected(article_ids, everything)
    report = ReextractReport(dry_run=dry_run)
    ctx = IngestContext.load(gazetteer)
    with rolled_back_if(dry_run):
        for article in _articles(ids):
            report.read += 1
            _count(report, article, _reextract(article, ctx))
            if on_progress:
                on_progress(report)
    return report


def _selected(article_ids: Iterable[int] | None, everything: bool) -> list[int]:
    articles = Article.objects.order_by("pk")
    if article_ids is not None:
        wanted = set(article_ids)
        found = list(articles.filter(pk__in=wanted).values_list("pk", flat=True))
        missing = sorted(wanted - set(found))
        if missing:
            raise ValueError(f"no article with id {', '.join(map(str, missing))}")
        return found
    if not everything:
        articles = articles.exclude(extractor_version=EXTRACTOR_VERSION)
    return list(articles.values_list("pk", flat=True))


def _articles(ids: list[int]) -> Iterator[Article]:
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        by_id = Article.objects.in_bulk(chunk)
        yield from (by_id[pk] for pk in chunk if pk in by_id)
        if settings.DEBUG:  # Django logs every query in DEBUG; keep memory flat over a long run
            reset_queries()


def _count(report: ReextractReport, article: Article, done: _Done | ArticleError) -> None:
    if isinstance(done, ArticleError):
        report.failed += 1
        report.errors.append(str(done))
        return
    setattr(report, done.result, getattr(report, done.result) + 1)
    for meeting, others in done.lost:
        also = f" (also reported by {others} other source{'s' if others > 1 else ''})" if others else ""
        report.lost.append(f"article {article.pk} ({article.title}): meeting {meeting}{also}")
    for line in done.unsplit:
        report.unsplit.append(f"article {article.pk} ({article.title}): {line}")


@dataclass
class _Done:
    result: str
    lost: list[tuple[int, int]] = field(default_factory=list)  # meetings no longer found, their other sources
    unsplit: list[str] = field(default_factory=list)  # the meetings a curated meeting was not split into


def _reextract(article: Article, ctx: IngestContext) -> _Done | ArticleError:
    """Extract (outside the transaction: the slow, pure part), then apply in one transaction."""
    where = f"article {article.pk} ({article.title})"
    source = ArticleInput(
        title=article.title,
        text=article.text,
        url=article.url,
        publisher=article.publisher,
        published=article.published,
        language=article.language,
        origin=where,
    )
    pending = prepare(source, ctx)
    if isinstance(pending, ArticleError):
        return pending
    try:
        with transaction.atomic():
            links = list(MeetingSource.objects.filter(article=article).select_related("meeting").order_by("pk"))
            ctx.lock([pending], [link.meeting.party_key for link in links])
            return _apply(article, pending, ctx, links)
    except (DatabaseError, ValidationError) as exc:
        ctx.forget_writes()
        return ArticleError(where, describe(exc))


def _apply(article: Article, p: Pending, ctx: IngestContext, links: list[MeetingSource]) -> _Done:
    """Apply the new reading of `article` (whose links to meetings are `links`), under its locks."""
    data_changed()  # a version too many when nothing changes: rare, and only costs a client one full answer
    changed = _refresh_article(article, p, ctx)
    p.article = article
    placed = [link.meeting for link in links if link.how != "curator"]
    if not placed:
        if links:  # a curator attached the article to a meeting: that is theirs
            return _Done(Result.KEPT)
        if ctx.decisions.removed_items("meetingsource", article.pk):  # a curator took it off its meeting
            return _Done(Result.KEPT)
        if p.outcome == Outcome.NEW:
            save_placed(p.meetings, ctx, place_reports(p.meetings, ctx), _known_levels(p))
            return _Done(Result.NEW_MEETING)
        return _Done(Result.UPDATED if changed else Result.UNCHANGED)
    extracted = [m for m in placed if m.status == MeetingStatus.EXTRACTED]
    if p.outcome != Outcome.NEW:
        if not extracted:
            return _Done(Result.KEPT)
        sources = _source_counts(extracted)
        return _Done(Result.NO_LONGER_FOUND, [(m.pk, sources[m.pk] - 1) for m in extracted])
    pairs, further, free = _assign(p.meetings, placed)
    ours = [(r, m) for r, m in pairs if m.status == MeetingStatus.EXTRACTED]
    new, unsplit = _split(further, links, bool(ctx.decisions.removed_items("meetingsource", article.pk)))
    if ours:
        changed |= _refresh_meetings(ours, ctx)
    if new:
        save_placed(new, ctx, place_reports(new, ctx), _known_levels(p))
    lost = [m for m in free if m.status == MeetingStatus.EXTRACTED]
    sources = _source_counts(lost)
    done = _Done(Result.UPDATED if changed else Result.UNCHANGED, [(m.pk, sources[m.pk] - 1) for m in lost], unsplit)
    if new:
        done.result = Result.SPLIT
    elif not ours:
        done.result = Result.NO_LONGER_FOUND if lost else Result.KEPT
    return done


def _assign(
    reports: list[MeetingReport], placed: list[Meeting]
) -> tuple[list[tuple[MeetingReport, Meeting]], list[MeetingReport], list[Meeting]]:
    """Which stored meeting each meeting the article now reports is: the one of its parties; then a
    stored meeting whose parties changed takes the reading left that shares most of its countries (the
    principal first among equals), and the principal may take one sharing none (as the one meeting
    of an article could change all its parties before). One reading per stored meeting: giving every
    changed meeting the principal's reading made duplicates of it. Returns the pairs, the further
    readings to place and the stored meetings no reading describes any more."""
    free = list(placed)
    pairs: list[tuple[MeetingReport, Meeting]] = []
    further: list[MeetingReport] = []
    for r in reports:
        meeting = next((m for m in free if m.party_key == r.party_key), None)
        if meeting is None:
            further.append(r)
        else:
            free.remove(meeting)
            pairs.append((r, meeting))
    for meeting in list(free):
        stored = set(meeting.party_key.split("-"))
        candidates = [r for r in further if stored & set(r.parties) or r.principal]
        if candidates:
            best = max(candidates, key=lambda r: (len(stored & set(r.parties)), r.principal))
            further.remove(best)
            free.remove(meeting)
            pairs.append((best, meeting))
    return pairs, further, free


def _curated(link: MeetingSource) -> str:
    """Why a curator owns the meeting of this link (its status, its locked parties or people), or ""."""
    meeting = link.meeting
    if link.how == "curator":
        return "the article attached by a curator"
    if meeting.status != MeetingStatus.EXTRACTED:
        return str(meeting.status)
    locked = sorted({"countries", "participants"} & set(meeting.locked_fields))
    return f"{' and '.join(locked)} set by a curator" if locked else ""


def _split(
    further: list[MeetingReport], links: list[MeetingSource], taken_off: bool
) -> tuple[list[MeetingReport], list[str]]:
    """The further meetings to place, and those left for a curator: a meeting whose parties a curated
    meeting of the article holds would be split out of it (or, when a curator took the article off a
    meeting, might be that one)."""
    curated = [(link.meeting, why) for link in links if (why := _curated(link))]
    new: list[MeetingReport] = []
    unsplit: list[str] = []
    for r in further:
        owner = next(((m, why) for m, why in curated if set(r.parties) <= set(m.party_key.split("-"))), None)
        sentence = f' ("{r.span.sentence.strip()}")' if r.span else ""
        if owner is not None:
            meeting, why = owner
            unsplit.append(f"meeting {meeting.pk} ({why}) not split: the article also reports {r.party_key}{sentence}")
        elif taken_off:
            unsplit.append(f"a curator took the article off a meeting: {r.party_key}{sentence} not placed")
        else:
            new.append(r)
    return new, unsplit


def _refresh_article(article: Article, p: Pending, ctx: IngestContext) -> bool:
    """Record the new reading on the article; True when its mentioned countries changed."""
    fresh = p.article
    if article.extractor_version != fresh.extractor_version or article.extraction != fresh.extraction:
        article.extractor_version = fresh.extractor_version
        article.extracted_at = fresh.extracted_at
        article.extraction = fresh.extraction
        article.save(update_fields=["extractor_version", "extracted_at", "extraction", "updated_at"])
    if ctx.decisions.is_locked("article.countries_mentioned", article.pk):
        return False  # a curator set the article's countries
    through = Article.countries_mentioned.through
    stored = set(through.objects.filter(article_id=article.pk).values_list("country_id", flat=True))
    wanted = set(mentioned_codes(p, ctx))
    if stored == wanted:
        return False
    if stored - wanted:
        through.objects.filter(article_id=article.pk, country_id__in=stored - wanted).delete()
    through.objects.bulk_create([through(article_id=article.pk, country_id=code) for code in sorted(wanted - stored)])
    return True


def _known_levels(p: Pending) -> frozenset[tuple[int, str, int]]:
    """The levels already stated under this article, so that they are not added twice."""
    if p.extraction.relation_level is None:
        return frozenset()
    rows = RelationLevel.objects.filter(source_id=p.article.pk).values_list("relation_id", "level")
    return frozenset((relation, level, p.article.pk) for relation, level in rows)


# --------------------------------------------------------------------------- an extracted meeting

# The fields a sole source sets, as ingest does for a new meeting: field -> columns.
RECOMPUTED = {
    "title": ("title",),
    "summary": ("summary",),
    "date": ("date", "date_precision", "date_evidence"),
    "format": ("format", "format_evidence"),
    "location_country": ("location_country_id", "location_evidence"),
    "location_city": ("location_city",),
    "host_country": ("host_country_id",),
}


def _refresh_meetings(pairs: list[tuple[MeetingReport, Meeting]], ctx: IngestContext) -> bool:
    """Bring the extracted meetings this article placed up to what it reads now (each from the reading
    `pairs` gives it); True on a change."""
    reports = list(dict.fromkeys(r for r, _ in pairs))
    meetings = [m for _, m in pairs]
    resolve_people(reports, ctx)
    ctx.resolver.flush()
    ensure_forums({f.value for r in reports for f in r.forums}, ctx)
    for r, meeting in pairs:
        if r.candidate is None:
            r.candidate = Candidate(meeting, r.pending.source.published)
    before = Before.of(m.pk for m in meetings)
    links = _LinkChanges.load(meetings)
    sources = _source_counts(meetings)
    refreshed: dict[int, list[str]] = {}  # meeting id -> the fields this article set
    for r, meeting in pairs:
        links.compare(r, meeting, ctx)
        fields = _refresh_fields(r, meeting, ctx, sole=sources[meeting.pk] == 1)
        if fields:
            refreshed[meeting.pk] = fields
            meeting.updated_at = timezone.now()
    changed = links.save()
    edited = [m for m in meetings if m.pk in refreshed]
    if edited:
        fields = sorted({f for names in refreshed.values() for f in names})
        bulk_update_with_history(edited, Meeting, [*fields, "updated_at"], batch_size=500)
    for meeting in meetings:
        if meeting.pk in links.parties_changed:
            meeting.refresh_party_key()  # dedupe finds meetings by their parties
    levels = write_relations(reports, ctx, _known_levels(reports[0].pending))
    if changed or edited or levels:
        meetings_aggregates_refresh([m.pk for m in meetings], before=before, also=levels)
    return changed or bool(edited) or bool(levels)


def _source_counts(meetings: list[Meeting]) -> dict[int, int]:
    counts = dict.fromkeys((m.pk for m in meetings), 0)
    for meeting_id in MeetingSource.objects.filter(meeting_id__in=counts).values_list("meeting_id", flat=True):
        counts[meeting_id] += 1
    return counts


def _refresh_fields(r: MeetingReport, meeting: Meeting, ctx: IngestContext, *, sole: bool) -> list[str]:
    """Set the meeting's fields from the article (only the empty ones when it has other sources);
    returns the fields that changed. Locked fields are never touched."""
    values = meeting_values(r.facts, ctx)
    if not sole:
        return sorted(fill_empty(meeting, values))
    values |= {"title": r.title(), "summary": r.summary()}
    locked = set(meeting.locked_fields)
    changed = set()
    for name, columns in RECOMPUTED.items():
        if locked & {name, *(column.removesuffix("_id") for column in columns)}:
            continue
        for column in columns:
            if getattr(meeting, column) != values[column]:
                setattr(meeting, column, values[column])
                changed.add(column.removesuffix("_id"))
    return sorted(changed)


# --------------------------------------------------------------------------- link rows

LinkRow = MeetingCountry | MeetingParticipant | MeetingSector | MeetingForum
LINK_MODELS = list(LINK_SET_BY_MODEL)


def _keys(row: LinkRow) -> list[tuple[str, object]]:
    """What makes two link rows the same fact; a participant is matched by person, then by name."""
    if isinstance(row, MeetingParticipant):
        keys: list[tuple[str, object]] = [("official", row.official_id)] if row.official_id else []
        if row.raw_name:
            keys.append(("name", row.raw_name.casefold()))
        return keys or [("title", (row.country_id, row.title))]
    column = LINK_SET_BY_MODEL[type(row)].target
    return [(column, getattr(row, column))]


def _have_of(rows: Iterable[LinkRow]) -> HeldLinks:
    """What a meeting has from other sources and curators, which this article's links must not repeat."""
    have = HeldLinks()
    for row in rows:
        if isinstance(row, MeetingCountry):
            have.parties.add(row.country_id)
        elif isinstance(row, MeetingParticipant):
            have.add_participant(row.official_id, row.raw_name)
        elif isinstance(row, MeetingSector):
            have.sectors.add(row.sector_id)
        else:
            have.forums.add(row.forum_id)
    return have


@dataclass
class _LinkChanges:
    """The link rows of some meetings, and the rows to delete, update and create, per model."""

    stored: dict[int, list[LinkRow]]
    delete: dict[LinkModel, list] = field(default_factory=lambda: {m: [] for m in LINK_MODELS})
    before: dict[LinkModel, list] = field(default_factory=lambda: {m: [] for m in LINK_MODELS})
    update: dict[LinkModel, list] = field(default_factory=lambda: {m: [] for m in LINK_MODELS})
    columns: dict[LinkModel, set[str]] = field(default_factory=lambda: {m: set() for m in LINK_MODELS})
    create: dict[LinkModel, list] = field(default_factory=lambda: {m: [] for m in LINK_MODELS})
    parties_changed: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, meetings: list[Meeting]) -> _LinkChanges:
        stored: dict[int, list[LinkRow]] = {m.pk: [] for m in meetings}
        for model in LINK_MODELS:
            for row in model._default_manager.filter(meeting_id__in=stored).order_by("pk"):
                stored[row.meeting_id].append(row)
        return cls(stored)

    def compare(self, r: MeetingReport, meeting: Meeting, ctx: IngestContext) -> None:
        """Plan the changes that make this article's extracted links what the extractor reads now."""
        rows = self.stored[meeting.pk]
        ours: list[LinkRow] = []
        others: list[LinkRow] = []
        for row in rows:
            (ours if row.origin == EXTRACTED and row.source_id == r.article.pk else others).append(row)
        wanted: dict[type[models.Model], list] = {model: [] for model in LINK_MODELS}
        # What ingest would add to the meeting if it had only the other sources' and curators' rows.
        links_of(r, meeting, _have_of(others), ctx, wanted)
        locked = set(meeting.locked_fields)
        for model, link_set in LINK_SET_BY_MODEL.items():
            if link_set.name in locked:
                continue
            added_or_removed = self._match(model, [r for r in ours if type(r) is model], wanted[model])
            if model is MeetingCountry and added_or_removed:
                self.parties_changed.add(meeting.pk)

    def _match(self, model: LinkModel, ours: list[LinkRow], wanted: list[LinkRow]) -> bool:
        """Pair this article's rows with the wanted ones; returns True when a row is added or removed."""
        index: dict[tuple[str, object], list[LinkRow]] = {}
        for row in ours:
            for key in _keys(row):
                index.setdefault(key, []).append(row)
        kept: set[int] = set()
        for new in wanted:
            candidates = (row for key in _keys(new) for row in index.get(key, ()))
            old = next((row for row in candidates if row.pk not in kept), None)
            if old is None:
                self.create[model].append(new)
                continue
            kept.add(old.pk)
            columns = [c for c in LINK_SET_BY_MODEL[model].updatable if getattr(old, c) != getattr(new, c)]
            if columns:
                self.before[model].append(copy.copy(old))
                for column in columns:
                    setattr(old, column, getattr(new, column))
                old.updated_at = timezone.now()
                self.update[model].append(old)
                self.columns[model].update(columns)
        stale = [row for row in ours if row.pk not in kept]
        self.delete[model] += stale
        return bool(stale) or len(kept) < len(wanted)

    def save(self) -> bool:
        """Deletes first (a new row may take a removed row's name), then updates, then inserts."""
        for model, rows in self.delete.items():
            if rows:
                _delete_with_history(model, rows)
        for model, rows in self.update.items():
            if rows:
                _record_initial_history(model, self.before[model])
                bulk_update_with_history(rows, model, [*sorted(self.columns[model]), "updated_at"], batch_size=500)
        for model, rows in self.create.items():
            # New link rows get their history on first change (models.HistoryOnFirstChange), as in ingest.
            model._default_manager.bulk_create(rows, batch_size=500)
        return any(self.delete.values()) or any(self.update.values()) or any(self.create.values())


def _record_initial_history(model: LinkModel, stored: list[LinkRow]) -> None:
    """models.record_initial_history for many rows at once: the stored state of rows with no history yet."""
    history = model.history  # type: ignore[union-attr]
    recorded = set(history.filter(id__in=[r.pk for r in stored]).values_list("id", flat=True))
    first = [r for r in stored if r.pk not in recorded]
    for row in first:
        row._history_date = row.created_at  # type: ignore[union-attr]
    history.bulk_history_create(first, batch_size=500)


def _delete_with_history(model: LinkModel, rows: list[LinkRow]) -> None:
    """Delete rows and record their deletion in two queries.

    QuerySet.delete() would send a post_delete signal per row, and simple-history answers each
    with its own INSERT: the query count would grow with the rows a new extractor drops. So the
    "-" history rows are written in bulk and the rows deleted without signals (link rows have no
    dependants to cascade to).
    """
    historical = model.history.model  # type: ignore[union-attr]
    now = timezone.now()
    historical.objects.bulk_create(
        [
            historical(
                history_date=now,
                history_type="-",
                history_user=None,
                history_change_reason="",
                **{f.attname: getattr(row, f.attname) for f in historical.tracked_fields},
            )
            for row in rows
        ],
        batch_size=500,
    )
    queryset = model._default_manager.filter(pk__in=[row.pk for row in rows])
    queryset._raw_delete(queryset.db)  # type: ignore[attr-defined]
