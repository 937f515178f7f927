"""Load the reference data (countries, sectors, forums, memberships) and the seed articles.

Reads seeds/*.json and ingests every article under seeds/articles/. Additive and idempotent:
running it twice changes nothing, and it never overwrites what a curator has edited.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from relations import services
from relations.extraction import iter_articles
from relations.services.reference import SEEDS_DIR


class Command(BaseCommand):
    help = "Load reference data and the seed articles from seeds/ (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seeds-dir", type=Path, default=SEEDS_DIR, help="Folder with the seed files.")
        parser.add_argument("--no-articles", action="store_true", help="Load only the reference data.")

    def handle(self, *args: object, **options: object) -> None:
        seeds_dir = options["seeds_dir"]
        assert isinstance(seeds_dir, Path)
        try:
            reference = services.reference_data_load(seeds_dir=seeds_dir)
        except services.ReferenceDataError as exc:
            raise CommandError(str(exc)) from None
        if options["verbosity"] >= 2:  # type: ignore[operator]
            self.stdout.write(reference.summary())
        articles_dir = seeds_dir / "articles"
        report = services.IngestReport()
        if not options["no_articles"] and articles_dir.is_dir():
            report = services.articles_ingest(articles=iter_articles([articles_dir]))
        for error in report.errors:
            self.stderr.write(self.style.ERROR(error))
        state = "reference data loaded" if reference.changed else "reference data unchanged"
        self.stdout.write(self.style.SUCCESS(f"Seeds: {state}; articles: {report.summary()}"))
        if report.failed:
            raise CommandError(f"{report.failed} seed article(s) failed")
