"""Back up the whole database to one file (issue 9).

PostgreSQL: a pg_dump custom-format file; SQLite: a copy made with the online backup API, safe
while the app runs. `restore_db` reads either back. Without a path the file goes to
backups/<database>-<UTC time>.dump (or .sqlite3).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from relations import backup


class Command(BaseCommand):
    help = "Back up the whole database to a file (pg_dump on PostgreSQL, the online backup API on SQLite)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, help="Backup file (default: under backups/).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args: object, **options: object) -> None:
        connection = connections[str(options["database"])]
        path = options["path"]
        try:
            if path is None:
                name = Path(str(connection.settings_dict["NAME"])).stem or "database"
                stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
                path = Path(settings.BASE_DIR) / "backups" / f"{name}-{stamp}{backup.extension(connection)}"
            assert isinstance(path, Path)
            size = backup.backup(path, connection=connection)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        engine = backup.ENGINE_NAMES[connection.vendor]
        self.stdout.write(self.style.SUCCESS(f"Backed up the {engine} database to {path} ({size:,} bytes)"))
