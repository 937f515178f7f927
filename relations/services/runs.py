"""Ingest runs: a stream of articles (files, folders, JSON Lines) into the database, with a report.

The stream is read one batch at a time, so memory stays flat however long it is.
(Extracting the next batch in a worker process while one is written was tried and measured:
no faster on two cores, since pickling the results back costs what the overlap saves.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import reset_queries, transaction

from relations.extraction import ArticleError, ArticleInput, Gazetteer

from .ingest import ArticleIngestResult, ingest_batch
from .linking import IngestContext

BATCH_SIZE = 200


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
    meetings: int = 0  # the meetings the new articles reported (created or merged into)
    several: int = 0  # the new articles that reported more than one meeting

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def tally(self, result: ArticleIngestResult) -> None:
        """Count an article's outcome, and the meetings a new one reported."""
        self.count(result.outcome)
        if result.created:
            self.meetings += len(result.meetings)
            self.several += len(result.meetings) > 1

    def progress_line(self) -> str:
        return f"{self.read} read | {self.new} new | {self.known} known | {self.merged} merged | {self.failed} failed"

    def summary(self) -> str:
        prefix = "Dry run, nothing committed: " if self.dry_run else ""
        return (
            f"{prefix}{self.read} read, {self.new} new, {self.known} already known, "
            f"{self.merged} merged into an existing meeting, {self.no_meeting} without a meeting, {self.failed} failed"
            + (f"; {self.several} reported several meetings ({self.meetings} meetings in all)" if self.several else "")
        )


def articles_ingest(
    *,
    articles: Iterable[ArticleInput | ArticleError],
    dry_run: bool = False,
    strict: bool = False,
    gazetteer: Gazetteer | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Ingest a stream of articles; bad ones are reported and skipped (with strict, the first stops it).

    With dry_run, everything runs inside one transaction that is rolled back at the end.
    """
    report = IngestReport(dry_run=dry_run)
    ctx = IngestContext.load(gazetteer)
    with rolled_back_if(dry_run):
        for result in _results(articles, ctx, strict, batch_size):
            report.read += 1
            if isinstance(result, ArticleError):
                report.failed += 1
                report.errors.append(str(result))
            else:
                report.tally(result)
            if on_progress:
                on_progress(report)
            if strict and report.failed:
                break
    return report


@contextmanager
def rolled_back_if(dry_run: bool) -> Iterator[None]:
    """With dry_run, the block runs in one transaction that is rolled back at its end."""
    if not dry_run:
        yield
        return
    try:
        with transaction.atomic():
            yield
            raise DryRunRollback
    except DryRunRollback:
        pass


Segment = list[ArticleInput] | ArticleError


def _segments(articles: Iterable[ArticleInput | ArticleError], batch_size: int) -> Iterator[Segment]:
    """Batches of articles, with each read error on its own in between (order kept)."""
    batch: list[ArticleInput] = []
    for item in articles:
        if isinstance(item, ArticleError):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _results(
    articles: Iterable[ArticleInput | ArticleError], ctx: IngestContext, strict: bool, batch_size: int
) -> Iterator[ArticleIngestResult | ArticleError]:
    """Results in input order; a read error comes out between the batches before and after it."""
    for segment in _segments(articles, batch_size):
        if isinstance(segment, ArticleError):
            yield segment
        else:
            yield from ingest_batch(segment, ctx, stop_at_error=strict)
            # With DEBUG on, Django keeps the last 9,000 queries, bulk inserts with whole
            # article texts among them: memory would grow with the run. Keep it flat.
            reset_queries()
