"""Print what the extractor finds in article files, as the extraction contract's JSON.

Writes nothing to the database (it reads the reference data to build the gazetteer, or the
seed files when the database has none yet). One path prints one JSON object; several print
JSON Lines, in the order given.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from relations.extraction import ArticleError, Gazetteer, NoRules, extract, read_article_file
from relations.selectors import gazetteer_from_db


class Command(BaseCommand):
    help = "Extract meetings from article files and print the contract JSON (writes nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="Article files (.txt/.md with optional front matter).")
        parser.add_argument("--json", action="store_true", help="Print JSON (the default and only format).")
        parser.add_argument("--indent", type=int, default=None, help="Pretty-print with this indent (one path only).")

    def gazetteer(self) -> Gazetteer:
        """The reference data in the database; the seed files when the database has none yet."""
        try:
            gazetteer = gazetteer_from_db()
        except DatabaseError:  # not migrated yet
            gazetteer = None
        if gazetteer is None or not gazetteer.countries:
            self.stderr.write("No reference data in the database (run `manage.py load_seeds`); using the seed files.")
            gazetteer = Gazetteer.from_seed_files()
        return gazetteer

    def handle(self, *args: object, **options: object) -> None:
        paths = options["paths"]
        assert isinstance(paths, list)
        try:
            articles = [read_article_file(path) for path in paths]
        except ArticleError as exc:
            raise CommandError(str(exc)) from None
        gazetteer = self.gazetteer()
        indent = options["indent"] if len(paths) == 1 else None
        for article in articles:
            try:
                result = extract(
                    article.text,
                    title=article.title,
                    published=article.published,
                    gazetteer=gazetteer,
                    language=article.language,
                )
            except NoRules as exc:
                raise CommandError(f"{article.origin}: {exc}") from None
            if not result.countries_mentioned and not result.parties:
                raise CommandError(f"{article.origin}: the article names no country")
            self.stdout.write(json.dumps(result.to_contract(), ensure_ascii=False, indent=indent))  # type: ignore[arg-type]
