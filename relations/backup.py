"""Backup and restore of the whole database, on either engine (issue 9).

PostgreSQL: `pg_dump --format=custom` of the database, and `pg_restore --clean --if-exists
--no-owner --no-privileges --single-transaction` into the database of the connection (a fresh
one made with `createdb`, or the live one, whose tables are replaced): all or nothing.
SQLite: Python's `sqlite3` online backup, which copies a consistent snapshot while the app goes
on writing, and the same API the other way to restore.

The connection settings come from Django's (DATABASE_URL); the password reaches pg_dump and
pg_restore through their environment, never their command line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper

PG_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Debian installs the client programs per major version; `.ci/run` puts the newest on PATH.
PG_BIN_DIRS = "/usr/lib/postgresql/*/bin"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def extension(connection: BaseDatabaseWrapper) -> str:
    """The file extension of a backup of this database: `.dump` (PostgreSQL) or `.sqlite3`."""
    return ".dump" if _engine(connection) == "postgresql" else ".sqlite3"


def backup(path: Path, *, connection: BaseDatabaseWrapper) -> int:
    """Write a backup of the connection's database to `path`; returns its size in bytes."""
    engine = _engine(connection)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        if engine == "postgresql":
            _run_pg(
                "pg_dump",
                ["--format=custom", f"--file={partial}", _pg_name(connection)],
                connection=connection,
            )
        else:
            connection.ensure_connection()
            with sqlite3.connect(partial) as target:
                connection.connection.backup(target)
            target.close()
        partial.replace(path)  # a backup file is whole or absent
    finally:
        partial.unlink(missing_ok=True)
    return path.stat().st_size


def restore(path: Path, *, connection: BaseDatabaseWrapper) -> None:
    """Replace the connection's database with the backup at `path`."""
    engine = _engine(connection)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    kind = "postgresql" if head.startswith(PG_MAGIC) else "sqlite" if head == SQLITE_MAGIC else None
    if kind is None:
        raise BackupError(f"{path} is neither a pg_dump custom-format file nor an SQLite database")
    if kind != engine:
        raise BackupError(
            f"{path} is a backup of a {ENGINE_NAMES[kind]} database, but DATABASE_URL points at "
            f"{ENGINE_NAMES[engine]}: restore it into a {ENGINE_NAMES[kind]} database"
        )
    if engine == "postgresql":
        _run_pg(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={_pg_name(connection)}",
                str(path),
            ],
            connection=connection,
        )
    else:
        connection.close()
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
        source.close()


def pg_program(name: str) -> str:
    """The path of a PostgreSQL client program: on PATH, else Debian's newest versioned one."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        Path("/").glob(f"{PG_BIN_DIRS.lstrip('/')}/{name}"),
        key=lambda program: [int(part) for part in program.parent.parent.name.split(".") if part.isdigit()],
    )
    if candidates:
        return str(candidates[-1])
    raise BackupError(f"{name} not found on PATH nor in {PG_BIN_DIRS}: install the PostgreSQL client programs")


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"backups are made for PostgreSQL and SQLite, not {connection.vendor}")
    return connection.vendor


def _pg_name(connection: BaseDatabaseWrapper) -> str:
    return str(connection.settings_dict["NAME"])


def _run_pg(program: str, arguments: list[str], *, connection: BaseDatabaseWrapper) -> None:
    settings = connection.settings_dict
    env = {**os.environ}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings.get(key):
            env[variable] = str(settings[key])
    if settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = settings["OPTIONS"]["sslmode"]
    result = subprocess.run([pg_program(program), *arguments], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed (exit {result.returncode}): {result.stderr.strip()}")
