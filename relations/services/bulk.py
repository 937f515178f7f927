"""Bulk updates from a list of values: one `UPDATE ... FROM (VALUES ...)` per chunk of rows.

Django's bulk_update writes a CASE WHEN per row and column; building those expressions took more
time than the updates themselves once ingest kept the stored figures in step (profile of 2,000
articles: 7.5 s of 40 in `update()`, most of it resolving expressions, issue 10). A list of values
is one placeholder per cell. PostgreSQL and SQLite (3.33+) both read `UPDATE ... FROM`, and both
name a VALUES list's columns column1, column2, ...
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db import connection, models

CHUNK = 1000


def values_update(
    model: type[models.Model], rows: Iterable[Sequence[Any]], columns: Sequence[str], *, add: bool = False
) -> int:
    """Set `columns` (or, with `add`, add to them) of `model`'s rows given as (pk, value, ...) tuples.

    Derived columns only: no signal, no history, no auto_now. Returns how many rows were updated.
    """
    rows = list(rows)
    meta = model._meta
    fields: list[Any] = [meta.pk, *(meta.get_field(name) for name in columns)]
    quote = connection.ops.quote_name
    cast = connection.vendor == "postgresql"  # a VALUES list's NULLs and literals need their types there
    row_sql = "(" + ", ".join(f"%s::{f.cast_db_type(connection)}" if cast else "%s" for f in fields) + ")"
    assignments = ", ".join(
        f"{quote(f.column)} = " + (f"{quote(f.column)} + " if add else "") + f"v.column{i}"
        for i, f in enumerate(fields[1:], start=2)
    )
    table, pk = quote(meta.db_table), quote(fields[0].column)
    updated = 0
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            params = [
                field.get_db_prep_save(value, connection)
                for row in chunk
                for field, value in zip(fields, row, strict=True)
            ]
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row_sql] * len(chunk))}) AS v "
                f"WHERE {table}.{pk} = v.column1",
                params,
            )
            updated += cursor.rowcount
    return updated


def copy_insert(model: type[models.Model], objs: Iterable[models.Model]) -> int:
    """Insert rows whose ids the caller does not need, by COPY on PostgreSQL (bulk_create elsewhere).

    For the link and count rows ingest writes by the thousand: bulk_create prepares every cell of
    an INSERT through the query compiler and psycopg parses the whole statement again; COPY sends
    the values as they are (a fifth of ingest's CPU, issue 10). As bulk_create: no signal, no
    history, auto_now and defaults applied; the objects do not get their ids.
    """
    objs = list(objs)
    if not objs:
        return 0
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=500)
        return len(objs)
    fields: list[Any] = [f for f in model._meta.concrete_fields if not f.primary_key or f.has_default()]
    if any(f.primary_key for f in fields):
        model._default_manager.bulk_create(objs, batch_size=500)  # a chosen primary key: let Django make it
        return len(objs)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objs:
            for f in stamped:
                f.pre_save(obj, True)
            copy.write_row([_cell(f, getattr(obj, f.attname)) for f in fields])
    return len(objs)


# Values psycopg writes as they are; anything else (JSON, enums, decimals) goes through its field.
_PLAIN = frozenset({str, int, bool, type(None), datetime, date})


def _cell(field: Any, value: Any) -> Any:
    return value if type(value) in _PLAIN else field.get_db_prep_save(value, connection)
