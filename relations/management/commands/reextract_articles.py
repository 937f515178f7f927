"""Read stored articles again with the current extractor and bring what they gave up to date.

Re-ingesting the same text changes nothing (content hash), so an article keeps what the extractor
version that first read it found. This command re-reads articles (by default those another
extractor version read) and updates their meetings without overwriting a curator's work: verified
and rejected meetings, locked fields, curator rows and other sources' rows are left alone. An article
now read as reporting several meetings gets one Meeting each; a curated meeting is never split, and
what it would have been split into is listed. Each
article is one transaction; a failure is reported and skipped, and the exit status is non-zero.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from relations import services
from relations.management.progress import Progress


class Command(BaseCommand):
    help = (
        "Re-extract stored articles with the current extractor (default: those an older version read); "
        "curated meetings, locked fields and curator rows are kept. Prints a summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", dest="everything", help="Every stored article.")
        parser.add_argument(
            "--article",
            type=int,
            nargs="+",
            action="extend",
            dest="article_ids",
            metavar="ID",
            help="Only these articles (by id).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Do everything but commit.")
        parser.add_argument("--no-progress", action="store_true", help="No progress line, even on a terminal.")

    def handle(self, *args: object, **options: object) -> None:
        article_ids = options["article_ids"]
        if article_ids and options["everything"]:
            raise CommandError("give --all or --article, not both")
        progress = Progress(sys.stderr, enabled=not options["no_progress"] and sys.stderr.isatty())
        try:
            report = services.articles_reextract(
                article_ids=article_ids,  # type: ignore[arg-type]
                everything=bool(options["everything"]),
                dry_run=bool(options["dry_run"]),
                on_progress=progress,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        progress.done()
        for line in report.lost:
            self.stdout.write(self.style.WARNING(f"No longer found, left for a curator to reject: {line}"))
        for line in report.unsplit:
            self.stdout.write(self.style.WARNING(f"Curated, left for a curator to split: {line}"))
        for error in report.errors:
            self.stderr.write(self.style.ERROR(error))
        self.stdout.write(self.style.SUCCESS(report.summary()) if not report.failed else report.summary())
        if report.failed:
            raise CommandError(f"{report.failed} article(s) failed")
