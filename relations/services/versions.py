"""The data version: a number every write bumps once it has committed, for conditional GETs.

`data_changed()` is called by the services that write (ingest, re-extraction, curator edits,
reference data); the bump runs after the transaction commits (and not at all if it rolls back),
as one short UPDATE of its own, so a reader never sees a new version with old rows, and
concurrent writers hold no lock on the version while they work. `data_version()` is what the
conditional GET middleware reads: one query per request.

Writes made around the services (a raw SQL import, a shell) do not bump it; `manage.py
recompute_aggregates` does, so run it after such an import.
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from relations.models import DataVersion

SINGLETON = 1


def data_changed() -> None:
    """Bump the data version once this transaction commits (once however many writes it makes)."""
    pending = [entry[1] for entry in connection.run_on_commit]  # (savepoints, callback, robust)
    if connection.in_atomic_block and _bump in pending:
        return
    transaction.on_commit(_bump)


def data_changed_now() -> None:
    """Bump the data version at once: after writes made around the services (test factories, an import)."""
    _bump()


def _bump() -> None:
    updated = DataVersion.objects.filter(pk=SINGLETON).update(version=F("version") + 1, changed_at=timezone.now())
    if not updated:  # the row is made by migration 0009; a flushed test database lacks it
        DataVersion.objects.get_or_create(pk=SINGLETON, defaults={"version": 1, "changed_at": timezone.now()})


def data_version() -> tuple[int, datetime | None]:
    """The current version and when it changed ((0, None) before any write)."""
    row = DataVersion.objects.filter(pk=SINGLETON).values_list("version", "changed_at").first()
    return row if row is not None else (0, None)
