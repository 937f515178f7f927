"""Transaction-scoped locks that serialise only the writers that could collide.

Two workers ingesting reports of one event at the same moment must make one Meeting, one
Official per person and one Article per text. Each writer takes, at the start of its
transaction and in one statement, a PostgreSQL advisory lock per *key* it may create or
merge into: an article's content hash, a meeting's party key ("AZE-PAK"), a country pair,
a person's name key, an unregistered forum's label. A second writer with an overlapping key
waits until the first commits, then reads what the first wrote; writers with disjoint keys
run side by side. The locks are released at commit or rollback.

All of a transaction's keys are taken in one call, in sorted order, so two writers can never
wait for each other (there is no lock ordering to get wrong across call sites).

On SQLite there is nothing to do: one writer at a time is the database's own rule, and
settings open every transaction with BEGIN IMMEDIATE so that a writer waits for the write
lock up front instead of failing halfway.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import connection


def lock_key(namespace: str, value: str) -> int:
    """A stable signed 64-bit key for `namespace:value` (a collision only serialises two writers)."""
    digest = hashlib.blake2b(f"{namespace}:{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def keys_lock(keys: Iterable[tuple[str, str]]) -> int:
    """Take the advisory locks of `keys` ((namespace, value) pairs) until the transaction ends.

    Must run inside a transaction, once per transaction. Returns the number of locks taken.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("keys_lock() needs a transaction: the locks last until it ends")
    numbers = sorted({lock_key(namespace, value) for namespace, value in keys})
    if not numbers or connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        # unnest() yields the array in order, so the locks are taken in sorted order.
        cursor.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k", [numbers])
    return len(numbers)


def party_keys(party_key: str) -> list[tuple[str, str]]:
    """The locks of writing a meeting of these parties: its party key and every pair it makes."""
    codes = [code for code in party_key.split("-") if code]
    pairs = [("pair", f"{a}-{b}") for i, a in enumerate(codes) for b in codes[i + 1 :]]
    return [("party", party_key), *pairs] if party_key else []
