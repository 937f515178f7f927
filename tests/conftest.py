"""Shared fixtures. The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import os

import pytest
from django.db import connection


def pytest_report_header(config: pytest.Config) -> str:
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture(scope="session", autouse=True)
def _require_postgres_in_ci(django_db_setup, django_db_blocker) -> None:
    """CI sets REQUIRE_POSTGRES=1: never pass silently on another database."""
    if os.environ.get("REQUIRE_POSTGRES") == "1" and connection.vendor != "postgresql":
        pytest.exit(f"REQUIRE_POSTGRES=1 but the tests run on {connection.vendor}", returncode=3)


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
