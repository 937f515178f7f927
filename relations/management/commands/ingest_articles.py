"""Ingest articles from files, folders (recursively) and JSON Lines dumps.

Each article is extracted and stored in its own transaction; a bad article is reported with
its file (and line) and skipped, and the exit status says that something failed. The same
article again changes nothing; a second report of a meeting on record is merged into it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from relations import services
from relations.extraction import iter_articles


class Progress:
    """A one-line progress display on a terminal; silent otherwise."""

    def __init__(self, stream: object, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, report: services.IngestReport) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.1:
            return
        self.last = now
        rate = report.read / max(now - self.started, 1e-9)
        line = (
            f"\r{report.read} read | {report.new} new | {report.known} known | {report.merged} merged | "
            f"{report.failed} failed | {rate:.0f}/s"
        )
        self.stream.write(line)  # type: ignore[attr-defined]
        self.stream.flush()  # type: ignore[attr-defined]

    def done(self) -> None:
        if self.enabled and self.last:
            self.stream.write("\n")  # type: ignore[attr-defined]


class Command(BaseCommand):
    help = "Ingest article files (.txt/.md), folders and .jsonl dumps; prints a summary."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="Files, folders or .jsonl files.")
        parser.add_argument("--dry-run", action="store_true", help="Do everything but commit.")
        parser.add_argument("--strict", action="store_true", help="Stop at the first bad article.")
        parser.add_argument("--no-progress", action="store_true", help="No progress line, even on a terminal.")

    def handle(self, *args: object, **options: object) -> None:
        paths = options["paths"]
        assert isinstance(paths, list)
        progress = Progress(sys.stderr, enabled=not options["no_progress"] and sys.stderr.isatty())
        report = services.articles_ingest(
            articles=iter_articles(paths),
            dry_run=bool(options["dry_run"]),
            strict=bool(options["strict"]),
            on_progress=progress,
        )
        progress.done()
        for error in report.errors:
            self.stderr.write(self.style.ERROR(error))
        self.stdout.write(self.style.SUCCESS(report.summary()) if not report.failed else report.summary())
        if report.failed:
            stopped = " (stopped at the first, --strict)" if options["strict"] else ""
            raise CommandError(f"{report.failed} article(s) failed{stopped}")
