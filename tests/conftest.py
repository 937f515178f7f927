"""Shared fixtures. The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from django.db import connection, transaction


def pytest_report_header(config: pytest.Config) -> str:
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture(scope="session", autouse=True)
def _require_postgres_in_ci(django_db_setup, django_db_blocker) -> None:
    """CI sets REQUIRE_POSTGRES=1: never pass silently on another database."""
    if os.environ.get("REQUIRE_POSTGRES") == "1" and connection.vendor != "postgresql":
        pytest.exit(f"REQUIRE_POSTGRES=1 but the tests run on {connection.vendor}", returncode=3)


def _once_per_module(load: Callable[[], object], django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Runs `load` once for a test module, in a transaction rolled back after the module's last test.

    pytest-django's django_db_setup pattern loads data once, but for every test of the run; reference
    data in every test would change what most tests see. Here the data is there only for the modules
    that ask for it: each of their tests runs in a savepoint inside this transaction (pytest-django's
    per-test atomic nests), so tests still never see each other's writes, and the module loads once
    instead of once per test. Not for transactional or live_server tests (their commits need a
    transaction of their own).
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def _module_reference_data(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from relations import services

    yield from _once_per_module(services.reference_data_load, django_db_blocker)


@pytest.fixture
def reference(_module_reference_data, db) -> None:  # type: ignore[no-untyped-def]
    """The seed files' reference data (countries, sectors, forums, memberships, known officials), loaded
    once per test module."""


@pytest.fixture(scope="module")
def _module_seed_data(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from io import StringIO

    from django.core.management import call_command

    yield from _once_per_module(lambda: call_command("load_seeds", stdout=StringIO()), django_db_blocker)


@pytest.fixture
def seeded(_module_seed_data, db) -> None:  # type: ignore[no-untyped-def]
    """What `manage.py load_seeds` loads (reference data and the seed articles), once per test module."""


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """Tests create users with passwords all the time; PBKDF2 would spend most of the run on it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config: pytest.Config) -> None:
    """No test reaches the network: pages and feeds are fetched only from the tests' own server
    on 127.0.0.1 (tests/webserver.py), without the politeness delay; any other host is refused."""
    from django.conf import settings

    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.FETCH_HOST_DELAY = 0.0
    settings.FETCH_TIMEOUT = 2.0


@pytest.fixture
def web():  # type: ignore[no-untyped-def]
    """The tests' own small web on 127.0.0.1 (tests/webserver.py)."""
    from tests.webserver import serve

    with serve() as server:
        yield server


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: a count or throttle cached by an earlier test's rows is not this test's."""
    from django.core.cache import cache

    cache.clear()
