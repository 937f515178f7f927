"""Article ingest: an article's text becomes an Article, and its meeting a Meeting with evidence.

One article is one transaction. Idempotent by content hash: the same text again changes
nothing. When the article reports a meeting already on record (another agency's report of
the same event), it is merged into that Meeting as a further source instead of creating a
second one. Curator work is never overwritten: verified or rejected meetings only gain the
source, and fields listed in Meeting.locked_fields are left alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from relations.extraction import EXTRACTOR_VERSION, ArticleError, ArticleInput, Extraction, Gazetteer, extract
from relations.extraction.types import Fact, Participant, Span
from relations.models import (
    Article,
    CooperationSector,
    Country,
    DatePrecision,
    Forum,
    Meeting,
    MeetingCountry,
    MeetingForum,
    MeetingParticipant,
    MeetingSector,
    MeetingSource,
    MeetingStatus,
    RelationLevel,
)

from .dedupe import find_matching_meeting
from .officials import OfficialResolver
from .reference import gazetteer_cached
from .relations import relation_get_or_create

log = logging.getLogger(__name__)


class Outcome:
    NEW = "new"  # a new article that created a meeting
    KNOWN = "known"  # the same text was ingested before: nothing changed
    MERGED = "merged"  # a new article about a meeting already on record
    NO_MEETING = "no_meeting"  # a new article that reports no meeting


@dataclass
class ArticleIngestResult:
    """What ingesting one article did."""

    article: Article
    created: bool
    outcome: str
    meetings: list[Meeting] = field(default_factory=list)
    extraction: Extraction | None = None


def article_ingest(
    *,
    article: ArticleInput,
    gazetteer: Gazetteer | None = None,
    resolver: OfficialResolver | None = None,
) -> ArticleIngestResult:
    """Store one article and what it reports, in one transaction; a no-op for a known text."""
    known = Article.objects.filter(content_hash=article.content_hash).first()
    if known is not None:
        return ArticleIngestResult(
            article=known, created=False, outcome=Outcome.KNOWN, meetings=list(known.meetings.all())
        )
    extraction = extract(
        article.text, title=article.title, published=article.published, gazetteer=gazetteer or gazetteer_cached()
    )
    if not extraction.countries_mentioned:
        raise ArticleError(article.origin or article.title, "the article names no country")
    resolver = resolver or OfficialResolver()
    try:
        with transaction.atomic():
            return _store(article, extraction, resolver)
    except Exception:
        resolver.clear()  # it may hold officials created by the rolled-back transaction
        known = Article.objects.filter(content_hash=article.content_hash).first()
        if known is None:
            raise
        # Another process stored the same text between our check and our insert.
        return ArticleIngestResult(
            article=known, created=False, outcome=Outcome.KNOWN, meetings=list(known.meetings.all())
        )


def _store(article: ArticleInput, extraction: Extraction, resolver: OfficialResolver) -> ArticleIngestResult:
    row = Article.objects.create(
        title=article.title,
        text=article.text,
        url=article.url,
        publisher=article.publisher,
        published=article.published,
        language=article.language,
        content_hash=article.content_hash,
        extractor_version=EXTRACTOR_VERSION,
        extracted_at=timezone.now(),
        extraction=extraction.to_contract(),
    )
    known_codes = set(
        Country.objects.filter(iso3__in=[f.value for f in extraction.countries_mentioned]).values_list(
            "iso3", flat=True
        )
    )
    row.countries_mentioned.set(sorted(known_codes))
    parties = sorted({f.value for f in extraction.parties} & _existing_codes(extraction.parties))
    if extraction.meeting is None or len(parties) < 2:
        return ArticleIngestResult(article=row, created=True, outcome=Outcome.NO_MEETING, extraction=extraction)
    participants = resolver.resolve_all(extraction.participants)
    meeting = find_matching_meeting(article=row, extraction=extraction, parties=parties, officials=participants)
    if meeting is None:
        meeting = _meeting_create(row, extraction)
        outcome, how = Outcome.NEW, "created"
    else:
        outcome, how = Outcome.MERGED, "merged"
        _meeting_fill(meeting, row, extraction)
    MeetingSource.objects.create(meeting=meeting, article=row, how=how)
    if meeting.status == MeetingStatus.EXTRACTED:
        _add_links(meeting, row, extraction, parties, participants)
    _record_relations(meeting, row, extraction, parties)
    return ArticleIngestResult(article=row, created=True, outcome=outcome, meetings=[meeting], extraction=extraction)


def _existing_codes(facts: list[Fact]) -> set[str]:
    return set(Country.objects.filter(iso3__in=[f.value for f in facts]).values_list("iso3", flat=True))


def _quote(span: Span | None) -> dict:
    if span is None:
        return {"evidence": "", "evidence_start": None, "evidence_end": None}
    return {"evidence": span.sentence, "evidence_start": span.start, "evidence_end": span.end}


def _meeting_values(article: Article, extraction: Extraction) -> dict:
    facts = extraction.meeting
    assert facts is not None
    when = facts.date
    return {
        "date": when,
        "date_precision": facts.date_precision if when else DatePrecision.UNKNOWN,
        "format": facts.format,
        "location_country_id": facts.location_country if _country_exists(facts.location_country) else None,
        "location_city": facts.location_city or "",
        "host_country_id": facts.location_country if _country_exists(facts.location_country) else None,
        "date_evidence": facts.date_span.sentence if facts.date_span else "",
        "format_evidence": facts.format_span.sentence if facts.format_span else "",
        "location_evidence": facts.location_span.sentence if facts.location_span else "",
    }


def _country_exists(code: str | None) -> bool:
    return bool(code) and Country.objects.filter(iso3=code).exists()


def _meeting_create(article: Article, extraction: Extraction) -> Meeting:
    meeting = Meeting(title=article.title[:500], **_meeting_values(article, extraction))
    meeting.full_clean()
    meeting.save()
    return meeting


# Fields a later report may fill when the first report left them empty.
FILLABLE = {
    "date": ("date", "date_precision", "date_evidence"),
    "location_country": ("location_country_id", "location_evidence"),
    "location_city": ("location_city",),
    "host_country": ("host_country_id",),
}


def _meeting_fill(meeting: Meeting, article: Article, extraction: Extraction) -> None:
    """Fill what the meeting lacks from a further report; never touch curated or locked fields."""
    if meeting.status != MeetingStatus.EXTRACTED:
        return
    values = _meeting_values(article, extraction)
    changed: list[str] = []
    for name, columns in FILLABLE.items():
        if name in meeting.locked_fields or getattr(meeting, columns[0]) not in (None, ""):
            continue
        if values[columns[0]] in (None, ""):
            continue
        for column in columns:
            setattr(meeting, column, values[column])
            changed.append(column.removesuffix("_id"))
    if changed:
        meeting.save(update_fields=[*changed, "updated_at"])


def _add_links(
    meeting: Meeting,
    article: Article,
    extraction: Extraction,
    parties: list[str],
    participants: list[tuple[Participant, int | None]],
) -> None:
    """Add the parties, participants, sectors and forums the meeting does not have yet."""
    evidence = {f.value: f.span for f in extraction.parties}
    have = set(meeting.parties.values_list("country_id", flat=True))
    bulk_create_with_history(
        [
            MeetingCountry(
                meeting=meeting, country_id=code, source=article, origin="extracted", **_quote(evidence.get(code))
            )
            for code in parties
            if code not in have
        ],
        MeetingCountry,
    )
    _add_participants(meeting, article, participants)
    sectors = dict(
        CooperationSector.objects.filter(slug__in=[f.value for f in extraction.sectors]).values_list("slug", "pk")
    )
    have = set(meeting.sector_links.values_list("sector_id", flat=True))
    bulk_create_with_history(
        [
            MeetingSector(
                meeting=meeting, sector_id=sectors[f.value], source=article, origin="extracted", **_quote(f.span)
            )
            for f in _unique(extraction.sectors)
            if f.value in sectors and sectors[f.value] not in have
        ],
        MeetingSector,
    )
    forums = _forums_for(extraction.forums)
    have = set(meeting.forum_links.values_list("forum_id", flat=True))
    bulk_create_with_history(
        [
            MeetingForum(meeting=meeting, forum=forums[f.value], source=article, origin="extracted", **_quote(f.span))
            for f in _unique(extraction.forums)
            if forums[f.value].pk not in have
        ],
        MeetingForum,
    )


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.value, fact)
    return list(seen.values())


def _forums_for(facts: list[Fact]) -> dict[str, Forum]:
    """The Forum of each reported acronym; an organisation outside the registry is added unregistered."""
    wanted = {f.value for f in facts}
    forums = {f.acronym: f for f in Forum.objects.filter(acronym__in=wanted)}
    for value in sorted(wanted - forums.keys()):
        forums[value], _ = Forum.objects.get_or_create(
            acronym=value[:128], defaults={"name": value[:255], "registered": False, "kind": Forum.Kind.OTHER}
        )
    return forums


def _add_participants(meeting: Meeting, article: Article, participants: list[tuple[Participant, int | None]]) -> None:
    existing = list(meeting.participants.all())
    have_officials = {p.official_id for p in existing if p.official_id}
    have_names = {p.raw_name.casefold() for p in existing if p.raw_name}
    rows = []
    for mention, official_id in participants:
        raw = (mention.name or "")[:255]
        if (official_id and official_id in have_officials) or (raw and raw.casefold() in have_names):
            continue
        if not raw and not official_id and not mention.title:
            continue
        if official_id:
            have_officials.add(official_id)
        if raw:
            have_names.add(raw.casefold())
        rows.append(
            MeetingParticipant(
                meeting=meeting,
                official_id=official_id,
                country_id=mention.country if _country_exists(mention.country) else None,
                raw_name=raw,
                title=(mention.title or "")[:255],
                source=article,
                origin="extracted",
                **_quote(mention.span),
            )
        )
    bulk_create_with_history(rows, MeetingParticipant)


def _record_relations(meeting: Meeting, article: Article, extraction: Extraction, parties: list[str]) -> None:
    """Every pair of parties has its relation row; a stated level is recorded with its source."""
    level = extraction.relation_level
    stated_on: date | None = meeting.date or article.published
    for a, b in combinations(parties, 2):
        relation, _ = relation_get_or_create(first=a, second=b)
        if level is not None and len(parties) == 2:
            RelationLevel.objects.get_or_create(
                relation=relation,
                level=level.value,
                source=article,
                defaults={"stated_on": stated_on, "evidence": level.span.sentence if level.span else ""},
            )


# --------------------------------------------------------------------------- many articles


class DryRunRollback(Exception):
    """Raised at the end of a dry run to roll everything back."""


@dataclass
class IngestReport:
    """What ingesting many articles did (STYLE rule 16)."""

    read: int = 0
    new: int = 0
    known: int = 0
    merged: int = 0
    no_meeting: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        prefix = "Dry run, nothing committed: " if self.dry_run else ""
        return (
            f"{prefix}{self.read} read, {self.new} new, {self.known} already known, "
            f"{self.merged} merged into an existing meeting, {self.no_meeting} without a meeting, {self.failed} failed"
        )


def articles_ingest(
    *,
    articles: Iterable[ArticleInput | ArticleError],
    dry_run: bool = False,
    strict: bool = False,
    gazetteer: Gazetteer | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Ingest a stream of articles, each in its own transaction; bad ones are reported and skipped.

    With strict, the first bad article stops the run (what was stored before it stays).
    With dry_run, everything runs inside one transaction that is rolled back at the end.
    """
    report = IngestReport(dry_run=dry_run)
    gazetteer = gazetteer or gazetteer_cached()
    resolver = OfficialResolver()
    try:
        with transaction.atomic() if dry_run else nullcontext():
            _ingest_stream(articles, report, strict, gazetteer, resolver, on_progress)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return report


def _ingest_stream(
    articles: Iterable[ArticleInput | ArticleError],
    report: IngestReport,
    strict: bool,
    gazetteer: Gazetteer,
    resolver: OfficialResolver,
    on_progress: Callable[[IngestReport], None] | None,
) -> None:
    for item in articles:
        report.read += 1
        try:
            if isinstance(item, ArticleError):
                raise item
            result = article_ingest(article=item, gazetteer=gazetteer, resolver=resolver)
            report.count(result.outcome)
        except (ArticleError, ValidationError, DatabaseError) as exc:
            report.failed += 1
            where = item.origin if isinstance(item, ArticleInput) else ""
            report.errors.append(str(exc) if isinstance(exc, ArticleError) else f"{where}: {_describe(exc)}")
            if strict:
                break
        finally:
            if on_progress:
                on_progress(report)


def _describe(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return (
            "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            if hasattr(exc, "error_dict")
            else " ".join(exc.messages)
        )
    return f"database error ({exc.__class__.__name__}: {exc})".splitlines()[0]
