"""Settings come from the environment and fail fast when a production setting is missing."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A key as the README says to make one; only ever used by these subprocesses.
REAL_KEY = secrets.token_urlsafe(50)
# Variables of this file's subject: a developer's own values must not leak into these runs, nor
# the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (set in this process when their conftest loads).
SUBJECT = re.compile(
    r"DEBUG|SECRET_KEY|ALLOWED_HOSTS|DATABASE_URL|CSRF_TRUSTED_ORIGINS|SECURE_.*|TRUSTED_PROXY_COUNT"
    r"|DJANGO_ALLOW_ASYNC_UNSAFE"
)


def clean_environ() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not SUBJECT.fullmatch(k)}


def start(code: str = "print(settings.DEBUG)", **env: str) -> subprocess.CompletedProcess[str]:
    """Load the settings in a fresh interpreter, as a server process would at start."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from django.conf import settings; {code}"],
        cwd=ROOT,
        env={**clean_environ(), "DJANGO_SETTINGS_MODULE": "config.settings", **env},
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
    result = start(DEBUG="0", SECRET_KEY=REAL_KEY, ALLOWED_HOSTS="relations.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(REAL_KEY[:49], id="49-characters"),
        pytest.param("abcd" * 20, id="4-different-characters"),
        pytest.param("django-insecure-" + REAL_KEY, id="django-insecure-prefix"),
    ],
)
def test_debug_off_with_a_weak_key_refuses_to_start(key: str) -> None:
    """issue 9: Django's own rule for a key (check security.W009), refused at start, not merely warned about."""
    result = start(DEBUG="0", SECRET_KEY=key, ALLOWED_HOSTS="relations.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak: it needs at least 50 characters, 5 of them different" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_debug_off_without_allowed_hosts_refuses_to_start() -> None:
    """issue 9: not a server that answers 400 to every request."""
    result = start(DEBUG="0", SECRET_KEY=REAL_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set. Set ALLOWED_HOSTS to the comma-separated host names" in result.stderr


def test_debug_off_serves_https_only_and_debug_on_plain_http() -> None:
    """issue 9: the production defaults: redirect to HTTPS, HSTS for a year with subdomains, secure cookies;
    the dev server (DEBUG=1) keeps plain HTTP."""
    code = (
        "print(settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "settings.SECURE_HSTS_PRELOAD, settings.SECURE_PROXY_SSL_HEADER, settings.SESSION_COOKIE_SECURE)"
    )
    production = start(code, DEBUG="0", SECRET_KEY=REAL_KEY, ALLOWED_HOSTS="relations.example.org")
    development = start(code)
    assert production.stdout.split() == ["True", "31536000", "True", "False", "None", "True"], production.stderr
    assert development.stdout.split() == ["False", "0", "False", "False", "None", "False"], development.stderr


def test_https_settings_come_from_the_environment() -> None:
    result = start(
        "print(settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "settings.SECURE_HSTS_PRELOAD, *settings.SECURE_PROXY_SSL_HEADER)",
        DEBUG="0",
        SECRET_KEY=REAL_KEY,
        ALLOWED_HOSTS="relations.example.org",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="1",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO, https",
    )
    assert result.stdout.split() == ["False", "3600", "False", "True", "HTTP_X_FORWARDED_PROTO", "https"], result.stderr


@pytest.mark.parametrize("value", ["X-Forwarded-Proto,https", "HTTP_X_FORWARDED_PROTO"])
def test_a_bad_proxy_ssl_header_is_refused_with_an_example(value: str) -> None:
    result = start(SECURE_PROXY_SSL_HEADER=value)
    assert result.returncode != 0
    assert "e.g. HTTP_X_FORWARDED_PROTO,https" in result.stderr


def readme_production_environment() -> dict[str, str]:
    """The variables of the README's production block, with a fresh key where it shows how to make one."""
    text = (ROOT / "README.md").read_text()
    section = text.split("### Production", 1)[1]
    block = re.search(r"\n\n((?:    [A-Z_]+=.*\n)+)", section)
    assert block, "README.md: no indented block of VARIABLE=value lines under '### Production'"
    env = dict(line.strip().split("=", 1) for line in block.group(1).splitlines())
    assert env["SECRET_KEY"].startswith("<"), "README.md shows a real SECRET_KEY"
    return env | {"SECRET_KEY": REAL_KEY}


def test_check_deploy_is_clean_with_the_readme_production_environment() -> None:
    """issue 9: `manage.py check --deploy` prints no warning with the environment the README documents."""
    env = readme_production_environment()
    assert env["DEBUG"] == "0"

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean_environ(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.stderr == ""


def test_env_example_lists_every_production_variable_of_the_readme() -> None:
    example = (ROOT / ".env.example").read_text()
    names = {line.split("=", 1)[0] for line in example.splitlines() if re.match(r"[A-Z_]+=", line)}
    assert set(readme_production_environment()) <= names


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
        env={**clean_environ(), "DJANGO_SETTINGS_MODULE": "config.settings"},
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


def test_an_empty_database_url_is_the_sqlite_file_as_an_unset_one() -> None:
    """`DATABASE_URL= make run`: empty is unset (it used to stop the settings with KeyError 'ENGINE')."""
    result = start('print(settings.DATABASES["default"]["ENGINE"])', DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"
