"""Fetch article pages by URL and ingest them, in-process (the same service a queued task calls).

Each page is fetched politely (robots.txt, one request at a time per host), its main text read,
and the article ingested like any other (dedupe, merge, evidence, review status). A URL already
stored is not fetched again. A page that cannot be fetched or holds no article is reported with
its URL and the reason, nothing of it is stored, and the exit status is non-zero.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from relations import services
from relations.management.progress import Progress


def read_url_file(path: Path) -> list[str]:
    """One URL a line; blank lines and lines starting with # are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


class Command(BaseCommand):
    help = "Fetch article pages by URL and ingest them; prints one line per URL and a summary."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("urls", nargs="*", help="Article page URLs (http or https).")
        parser.add_argument("--from-file", type=Path, action="append", default=[], help="A file of URLs, one a line.")
        parser.add_argument("--dry-run", action="store_true", help="Fetch and extract, but commit nothing.")
        parser.add_argument("--queue", action="store_true", help="Queue one job per URL for the workers (PostgreSQL).")
        parser.add_argument("--no-progress", action="store_true", help="No progress line, even on a terminal.")

    def handle(self, *args: object, **options: object) -> None:
        urls = list(options["urls"])  # type: ignore[call-overload]
        for path in options["from_file"]:  # type: ignore[attr-defined]
            urls += read_url_file(path)
        if not urls:
            raise CommandError("no URL given (give URLs as arguments or --from-file FILE)")
        if options["queue"]:
            if not settings.TASK_QUEUE:
                raise CommandError("--queue needs PostgreSQL (DATABASE_URL); on SQLite the URLs are fetched here")
            from relations.tasks import defer_url_ingests

            self.stdout.write(self.style.SUCCESS(f"{defer_url_ingests(urls)} URL(s) queued"))
            return
        progress = Progress(sys.stderr, enabled=not options["no_progress"] and sys.stderr.isatty())
        report = services.urls_ingest(urls=urls, dry_run=bool(options["dry_run"]), on_progress=progress)
        progress.done()
        if options["verbosity"] >= 1:  # type: ignore[operator]
            for line in report.lines:
                self.stdout.write(line)
        for error in report.errors:
            self.stderr.write(self.style.ERROR(error))
        self.stdout.write(self.style.SUCCESS(report.summary()) if not report.failed else report.summary())
        if report.failed:
            raise CommandError(f"{report.failed} URL(s) failed")
