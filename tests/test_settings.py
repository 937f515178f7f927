"""Settings come from the environment and fail fast when a production setting is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start(**env: str) -> subprocess.CompletedProcess[str]:
    """Load the settings in a fresh interpreter, as a server process would at start."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_off_without_secret_key_refuses_to_start() -> None:
    result = start(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_off_with_the_development_key_refuses_to_start() -> None:
    result = start(DEBUG="0", SECRET_KEY="insecure-dev-key-only-used-when-DEBUG-is-on")
    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr


def test_debug_off_with_a_real_key_starts() -> None:
    result = start(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="relations.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_bad_boolean_names_the_variable(value: str) -> None:
    result = start(DEBUG=value)
    assert result.returncode != 0
    assert f"DEBUG={value!r} is not a boolean" in result.stderr


def test_without_configuration_a_fresh_clone_runs_in_debug_on_sqlite() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
        | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"], result.stderr


def test_cache_backend_is_chosen_by_name_and_a_bad_one_is_refused() -> None:
    result = start(CACHE_BACKEND="database")
    assert result.returncode == 0, result.stderr
    result = start(CACHE_BACKEND="redis")
    assert result.returncode != 0
    assert "CACHE_BACKEND='redis': use locmem or database" in result.stderr
