"""Article ingest: an article's text becomes an Article, and each meeting it reports a Meeting with evidence.

Idempotent by content hash: the same text again changes nothing. When an article reports a
meeting already on record (another agency's report of the same event), it is merged into
that Meeting as a further source instead of creating a second one; an article reporting
several meetings (a summit's sidelines) makes or merges into one Meeting for each. Curator work is never
overwritten: verified or rejected meetings only gain the source, and fields listed in
Meeting.locked_fields are left alone.

Articles are written in batches (build in memory, one bulk insert per model), each batch in
one transaction. If a batch fails, its articles are retried one transaction each, so a bad
article is skipped alone and nothing is ever half-written. The API and the commands share
this one path: a single article is a batch of one. Re-extraction (reextract.py) places and
links through the same helpers.

Several workers may ingest at once (processes, API requests, hosts): a batch's transaction first
takes the locks of everything it may create or merge into (services.locks: its texts, its
meetings' parties and pairs, its people's names, its new forums), then reads again what other
workers stored meanwhile. So N workers given overlapping or split corpora store exactly the rows
of one serial run, and a text another worker stored first comes out "known".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from relations.extraction import ArticleError, ArticleInput, Extraction, Gazetteer
from relations.extraction.batch import NO_COUNTRY
from relations.models import Article, Meeting, MeetingSource

from .bulk import copy_insert
from .linking import (
    IngestContext,
    Outcome,
    Pending,
    describe,
    mentioned_codes,
    place_reports,
    prepare,
    reports_of,
    save_placed,
)
from .versions import data_changed

log = logging.getLogger(__name__)

BATCH_SIZE = 200


@dataclass
class ArticleIngestResult:
    """What ingesting one article did: its meetings in the order the article reports them."""

    article: Article
    created: bool
    outcome: str
    meetings: list[Meeting] = field(default_factory=list)
    extraction: Extraction | None = None
    merged: set[int] = field(default_factory=set)  # the meetings (ids) on record it was added to as a source


def ingest_message(result: ArticleIngestResult) -> str:
    """What ingesting an article did, in one sentence for a curator (the admin after a paste)."""
    meeting = result.meetings[0] if result.meetings else None
    if len(result.meetings) > 1 and result.outcome != Outcome.KNOWN:
        return _several_message(result)
    if result.outcome == Outcome.NEW and meeting is not None:
        return f"Created meeting #{meeting.pk}"
    if result.outcome == Outcome.MERGED and meeting is not None:
        count = MeetingSource.objects.filter(meeting=meeting).count()
        return f"Added as the {_ordinal(count)} source of meeting #{meeting.pk}"
    if result.outcome == Outcome.KNOWN:
        ids = ", ".join(f"#{m.pk}" for m in result.meetings)
        label = "meetings" if len(result.meetings) > 1 else "meeting"
        return f"Already stored as article #{result.article.pk}" + (f" ({label} {ids})" if ids else "")
    return "No meeting: the article reports no meeting between two countries"


def _several_message(result: ArticleIngestResult) -> str:
    """An article that reports several meetings: how many, which are new and which were on record."""
    created = [f"#{m.pk}" for m in result.meetings if m.pk not in result.merged]
    merged = [f"#{m.pk}" for m in result.meetings if m.pk in result.merged]
    parts = []
    if created:
        parts.append(f"created meeting{'s' if len(created) > 1 else ''} {', '.join(created)}")
    if merged:
        parts.append(f"added as a source of meeting{'s' if len(merged) > 1 else ''} {', '.join(merged)} on record")
    return f"The article reports {len(result.meetings)} meetings: {'; '.join(parts)}"


def refusal_message(error: ArticleError) -> str:
    """Why an article was refused, as the admin and the API both say it."""
    if error.problem == NO_COUNTRY:
        return f"No meeting: {error.problem}"
    return error.problem


def _ordinal(n: int) -> str:
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    return words.get(n, f"{n}th")


def article_ingest(*, article: ArticleInput, gazetteer: Gazetteer | None = None) -> ArticleIngestResult:
    """Store one article and what it reports, in one transaction; a no-op for a known text.

    Raises ArticleError when the article cannot be used (it names no country, say).
    """
    result = ingest_batch([article], IngestContext.load(gazetteer))[0]
    if isinstance(result, ArticleError):
        raise result
    if result.outcome == Outcome.KNOWN:
        result.article = Article.objects.get(pk=result.article.pk)
        result.meetings = list(result.article.meetings.order_by("pk"))
    return result


# --------------------------------------------------------------------------- one batch


def ingest_batch(
    items: list[ArticleInput],
    ctx: IngestContext,
    *,
    stop_at_error: bool = False,
) -> list[ArticleIngestResult | ArticleError]:
    """Ingest a batch; returns one result (or the error that stopped it) per item, in order.

    With stop_at_error, nothing after the first bad article is written (or returned).
    """
    results: list[ArticleIngestResult | ArticleError | Pending] = []
    known = dict(
        Article.objects.filter(content_hash__in={i.content_hash for i in items}).values_list("content_hash", "pk")
    )
    seen: dict[str, Pending] = {}
    for item in items:
        if item.content_hash in known or item.content_hash in seen:
            results.append(_known_result(item, known, seen))
            continue
        pending = prepare(item, ctx)
        results.append(pending)
        if isinstance(pending, ArticleError):
            if stop_at_error:
                break
            continue
        seen[item.content_hash] = pending
    todo = [r for r in results if isinstance(r, Pending)]
    late: dict[str, int] = {}
    if todo:
        try:
            with transaction.atomic():
                late = _write(todo, ctx)
        except (DatabaseError, ValidationError) as exc:
            ctx.forget_writes()
            if len(items) == 1:
                return [ArticleError(items[0].origin or items[0].title, describe(exc))]
            log.info("batch of %d failed (%s); retrying one article at a time", len(items), exc)
            return _one_by_one(items, ctx, stop_at_error)
    return [_finish(r, late) for r in results]


def _one_by_one(
    items: list[ArticleInput], ctx: IngestContext, stop_at_error: bool
) -> list[ArticleIngestResult | ArticleError]:
    results: list[ArticleIngestResult | ArticleError] = []
    for item in items:
        results += ingest_batch([item], ctx)
        if stop_at_error and isinstance(results[-1], ArticleError):
            break
    return results


def _known_result(item: ArticleInput, known: dict[str, int], seen: dict[str, Pending]) -> ArticleIngestResult:
    if item.content_hash in seen:  # the same text twice in one batch: the second is already known
        return ArticleIngestResult(article=seen[item.content_hash].article, created=False, outcome=Outcome.KNOWN)
    return ArticleIngestResult(article=Article(pk=known[item.content_hash]), created=False, outcome=Outcome.KNOWN)


def _finish(
    result: ArticleIngestResult | ArticleError | Pending, late: dict[str, int]
) -> ArticleIngestResult | ArticleError:
    if not isinstance(result, Pending):
        return result
    if result.source.content_hash in late:  # another worker stored the same text first
        return ArticleIngestResult(Article(pk=late[result.source.content_hash]), False, Outcome.KNOWN)
    meetings = [r.candidate.meeting for r in result.meetings if r.candidate]
    merged = {r.candidate.meeting.pk for r in result.meetings if r.candidate and r.outcome == Outcome.MERGED}
    return ArticleIngestResult(result.article, True, result.outcome, meetings, result.extraction, merged)


def _write(todo: list[Pending], ctx: IngestContext) -> dict[str, int]:
    """Write the batch under its locks; returns the texts other workers stored first (hash -> article id)."""
    ctx.lock(todo)
    data_changed()
    late = dict(
        Article.objects.filter(content_hash__in=[p.source.content_hash for p in todo]).values_list("content_hash", "pk")
    )
    todo = [p for p in todo if p.source.content_hash not in late]
    with_meeting = reports_of(p for p in todo if p.outcome == Outcome.NEW)  # one report per meeting
    placement = place_reports(with_meeting, ctx)
    # Articles and link rows get their history on first change (models.HistoryOnFirstChange).
    Article.objects.bulk_create([p.article for p in todo], batch_size=500)
    through = Article.countries_mentioned.through
    copy_insert(
        through, [through(article_id=p.article.pk, country_id=code) for p in todo for code in mentioned_codes(p, ctx)]
    )
    save_placed(with_meeting, ctx, placement, articles=len(todo))
    return late
