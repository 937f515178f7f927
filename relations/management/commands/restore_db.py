"""Restore the whole database from a file written by `backup_db` (issue 9).

Everything in the database of DATABASE_URL is replaced by the backup, all or nothing: on
PostgreSQL by pg_restore in one transaction (restore into a fresh database made with
`createdb`, or over the live one), on SQLite by the online backup API. Asks first unless
--noinput.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from relations import backup


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by backup_db."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Backup file made by backup_db.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Do not ask for confirmation."
        )

    def handle(self, *args: object, **options: object) -> None:
        connection = connections[str(options["database"])]
        path = options["path"]
        assert isinstance(path, Path)
        target = f"the {backup.ENGINE_NAMES.get(connection.vendor, connection.vendor)} database {connection.settings_dict['NAME']}"
        if options["interactive"]:
            answer = input(f"This replaces everything in {target} with {path}. Type 'yes' to go on: ")
            if answer != "yes":
                raise CommandError("Restore cancelled; nothing changed.")
        try:
            backup.restore(path, connection=connection)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {target} from {path}"))
