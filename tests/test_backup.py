"""backup_db and restore_db (issue 9): a backup restored into a fresh database has every row of
every table, on the engine the suite runs on (PostgreSQL in CI, SQLite by default)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql
from rest_framework.authtoken.models import Token

from relations import models
from tests.api.conftest import make_user

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"

# Prints the fingerprint of the database of DATABASE_URL, computed by the same code as in this process.
FINGERPRINT_SCRIPT = (
    "import django, json; django.setup(); from django.db import connection; "
    "from tests.test_backup import fingerprint; print(json.dumps(fingerprint(connection)))"
)


def fingerprint(conn) -> dict[str, list]:  # type: ignore[no-untyped-def]
    """Every table: its row count and a hash of all its rows (in any order)."""
    result = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")
            rows = sorted(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)) for row in cursor)
            result[table] = [len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()]
    return result


def fingerprint_of(database_url: str) -> dict[str, list]:
    result = subprocess.run(
        [sys.executable, "-c", FINGERPRINT_SCRIPT],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def restore_into(database_url: str, backup: Path) -> subprocess.CompletedProcess[str]:
    """`manage.py restore_db` as an operator runs it: a new process, DATABASE_URL naming the target."""
    return subprocess.run(
        [sys.executable, "manage.py", "restore_db", "--noinput", str(backup)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database on the suite's engine, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"relations_restore_{uuid.uuid4().hex[:12]}"
    server = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
    admin = psycopg.connect(dbname="postgres", password=settings["PASSWORD"] or None, autocommit=True, **server)
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        password = quote(settings["PASSWORD"] or "", safe="")
        yield f"postgres://{quote(settings['USER'], safe='')}:{password}@{settings['HOST']}:{settings['PORT']}/{name}"
    finally:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


@pytest.fixture
def real_rows(transactional_db) -> None:
    """The project's own data through its real ingest: the seeds, a few test articles, a user with a token.

    Committed (transactional_db): pg_dump reads the database from another connection."""
    call_command("load_seeds", stdout=StringIO())
    articles = sorted(ARTICLES.glob("*.txt"))[:4]
    call_command("ingest_articles", *map(str, articles), "--no-progress", stdout=StringIO(), stderr=StringIO())
    Token.objects.create(user=make_user("curator", "relations.add_article"))


def test_backup_restored_into_a_fresh_database_has_every_row_of_every_table(real_rows, fresh_database, tmp_path):
    """issue 9: pg_dump/pg_restore on PostgreSQL, the online backup API on SQLite."""
    backup = tmp_path / "backup"
    out = StringIO()

    call_command("backup_db", str(backup), stdout=out)
    restored = restore_into(fresh_database, backup)

    engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    assert out.getvalue().startswith(f"Backed up the {engine} database to {backup} (")
    assert restored.returncode == 0, restored.stderr
    assert "Restored the" in restored.stdout
    before = fingerprint(connection)
    after = fingerprint_of(fresh_database)
    assert after == before
    counts = {table: count for table, (count, _) in before.items()}
    assert counts["relations_country"] == 249
    assert counts["relations_meeting"] == models.Meeting.objects.count() >= 3
    assert counts["relations_historicalmeeting"] > 0
    assert counts["authtoken_token"] == 1


def test_restore_over_a_database_replaces_what_it_held(real_rows, fresh_database, tmp_path):
    """issue 9: restoring the same backup twice (over its own restore) gives the same database."""
    backup = tmp_path / "backup"
    call_command("backup_db", str(backup), stdout=StringIO())

    first = restore_into(fresh_database, backup)
    again = restore_into(fresh_database, backup)

    assert (first.returncode, again.returncode) == (0, 0), again.stderr
    assert fingerprint_of(fresh_database) == fingerprint(connection)


def test_restore_refuses_a_backup_of_the_other_engine(db, tmp_path):
    other = tmp_path / "other"
    other.write_bytes(b"SQLite format 3\x00" if connection.vendor == "postgresql" else b"PGDMP\x01\x0e")

    with pytest.raises(CommandError, match=r"is a backup of a \w+ database, but DATABASE_URL points at"):
        call_command("restore_db", "--noinput", str(other), stdout=StringIO())


def test_restore_refuses_a_file_that_is_no_backup(db, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")

    with pytest.raises(CommandError, match=r"neither a pg_dump custom-format file nor an SQLite database"):
        call_command("restore_db", "--noinput", str(junk), stdout=StringIO())


def test_restore_asks_first_and_a_no_changes_nothing(db, tmp_path, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    models.Country.objects.create(iso3="ALD", iso2="AX", name="Aland")

    with pytest.raises(CommandError, match=r"Restore cancelled; nothing changed\."):
        call_command("restore_db", str(tmp_path / "whatever"), stdout=StringIO())

    assert models.Country.objects.filter(iso3="ALD").exists()
