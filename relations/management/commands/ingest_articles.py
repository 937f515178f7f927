"""Ingest articles from files, folders (recursively) and JSON Lines dumps.

Each article is extracted and stored in its own transaction; a bad article is reported with
its file (and line) and skipped, and the exit status says that something failed. The same
article again changes nothing; a second report of a meeting on record is merged into it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from relations import services
from relations.extraction import iter_articles
from relations.management.progress import Progress


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
