"""Settings for the bilateral-relations database, read from environment variables.

Development defaults apply only when DEBUG is on; with DEBUG off the app refuses to
start without a strong SECRET_KEY and ALLOWED_HOSTS, and serves HTTPS only. See
.env.example for every variable.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number of 0 or more")
    return number


def env_proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """`HTTP_X_FORWARDED_PROTO,https` -> the (header, value) pair Django's SECURE_PROXY_SSL_HEADER wants."""
    parts = env_list(name, [])
    if not parts:
        return None
    if len(parts) != 2 or not parts[0].startswith("HTTP_"):
        raise ImproperlyConfigured(
            f"{name}={os.environ[name]!r}: use the request.META name of the header your proxy sets and the value "
            "that means HTTPS, e.g. HTTP_X_FORWARDED_PROTO,https"
        )
    return parts[0], parts[1]


# DEBUG defaults to on so that a fresh clone (and `manage.py` commands) run with no
# configuration; a deployment sets DEBUG=0 and must then provide SECRET_KEY and ALLOWED_HOSTS.
DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "insecure-dev-key-only-used-when-DEBUG-is-on"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random string, or DEBUG=1 for local development."
        )
    SECRET_KEY = _DEV_SECRET_KEY
elif SECRET_KEY == _DEV_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY is the development key; set a real one when DEBUG is off.")
elif not DEBUG and (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
):
    # Django's own rule (check security.W009), made a refusal: a guessable key forges sessions and tokens.
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak: it needs at least {SECRET_KEY_MIN_LENGTH} characters, "
        f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} of them different, and no {SECRET_KEY_INSECURE_PREFIX!r} prefix. "
        "Generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Set ALLOWED_HOSTS to the comma-separated host names the site is served "
        "under (e.g. relations.example.org), or DEBUG=1 for local development."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "relations.apps.RelationsAdminConfig",  # django.contrib.admin, its index grouped (relations/admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "relations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "relations.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication (answers vary by user): 304 Not Modified while no write has committed.
    "relations.middleware.ConditionalGetMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the login into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

# The lockout backend first: it refuses a username locked out from the requesting client before
# the password is checked; ModelBackend then checks the password and the permissions.
AUTHENTICATION_BACKENDS = [
    "relations.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# Without DATABASE_URL a newcomer gets an SQLite file next to manage.py; CI and
# production set DATABASE_URL to PostgreSQL.
# An empty DATABASE_URL (`DATABASE_URL= make run`) counts as unset, not as an unreadable URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait instead of failing when the dev server and a command write at once. SQLite allows one
    # writer at a time; BEGIN IMMEDIATE makes each transaction take the write lock up front, so two
    # ingests queue whole instead of failing halfway ("database is locked") or reading stale rows.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The task queue (procrastinate) keeps its jobs in PostgreSQL, so it exists only there: on the
# SQLite default the same tasks run in-process (`manage.py poll_feeds --once`, `ingest_urls`).
TASK_QUEUE = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if TASK_QUEUE:
    INSTALLED_APPS.append("procrastinate.contrib.django")
# Workers look for tasks in relations/tasks.py (procrastinate's autodiscovery of `tasks` modules).
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"

# Fetching pages and feeds (relations/fetch.py). One request at a time per host, FETCH_HOST_DELAY
# seconds apart; robots.txt is obeyed. FETCH_ALLOWED_HOSTS, when set, is the only hosts fetched
# (the tests set 127.0.0.1); when empty, any host with a public address (private, loopback and
# link-local addresses are refused, so the API cannot be made to fetch the internal network).
FETCH_TIMEOUT = float(env_int("FETCH_TIMEOUT", 15))
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", 5)
FETCH_HOST_DELAY = float(os.environ.get("FETCH_HOST_DELAY", "1.0") or "1.0")
FETCH_ALLOWED_HOSTS = env_list("FETCH_ALLOWED_HOSTS", [])
FETCH_USER_AGENT = os.environ.get(
    "FETCH_USER_AGENT",
    "bilateral-relations/0.1 (a database of diplomatic meetings; reads press releases and their feeds)",
)

# The cache holds the API throttle counts. In memory by default: no query per request, but
# each worker process counts alone. CACHE_BACKEND=database shares the counts between all
# workers and hosts (a table made by `manage.py createcachetable`, which `make migrate` runs)
# at the cost of a few queries per request.
CACHE_BACKEND = os.environ.get("CACHE_BACKEND", "locmem")
if CACHE_BACKEND == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_BACKEND == "database":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "relations_cache"}}
else:
    raise ImproperlyConfigured(f"CACHE_BACKEND={CACHE_BACKEND!r}: use locmem or database")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "relations" / "static"] if (BASE_DIR / "relations" / "static").is_dir() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
# Serve static files straight from the app folders, so `make run` works without collectstatic.
WHITENOISE_USE_FINDERS = True
# Follow the DEBUG of the environment, not the one pytest-django forces off at run time: without
# this, every test request warns "No directory at: staticfiles/" until collectstatic has run.
WHITENOISE_AUTOREFRESH = DEBUG

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True

# HTTPS. With DEBUG off the site is served over HTTPS only: plain HTTP is redirected and browsers
# are told (HSTS) to use HTTPS for a year. Behind a proxy that ends TLS, SECURE_PROXY_SSL_HEADER
# names the header by which the proxy says the request came over HTTPS (and the proxy must
# overwrite that header on every request, or a client could claim HTTPS).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Off unless asked for: `preload` lets the domain into browsers' built-in HTTPS-only list, hard to leave.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")

# How many proxies in front of the app append to X-Forwarded-For. 0 (the default) trusts no such
# header: the client is REMOTE_ADDR. The API throttles and the login lockout both count clients
# by this rule (relations.auth.client_ip), so a forged header cannot make a client new.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Content-Security-Policy on every response (django-csp). Scripts and stylesheets come from this
# site only; an inline <script>/<style> runs only with the response's nonce (the API docs and the
# browsable API use it; Redoc's page relaxes a little more, see relations/api_urls.py).
# Style attributes (`style="..."`, which the admin's and DRF's own templates set) are allowed: they
# cannot run code, nor load anything that img-src/default-src refuse.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Lockout of repeated failed logins (django-axes): after LOGIN_FAILURE_LIMIT failures for one
# username from one client, that pair is refused (429) until LOGIN_COOLOFF_MINUTES have passed
# since the last failure. Counts live in the database, shared by every worker; they cover the
# admin login, the API's session login and POST /api/auth/token/.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "relations.auth.client_ip"
AXES_VERBOSE = False  # no banner on every manage.py command; lockouts are still logged

API_ANONYMOUS_READ = env_bool("API_ANONYMOUS_READ", True)
# Where the browsable API's log-in (/api/auth/login/) leads when no ?next= says otherwise.
LOGIN_REDIRECT_URL = "api:api-root"

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes DRF answer 401, not 403, without credentials.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["relations.permissions.ReadAnonymousWriteWithModelPerms"],
    "DEFAULT_RENDERER_CLASSES": [
        "relations.renderers.FastJSONRenderer",  # DRF's JSON, encoded by orjson (relations/renderers.py)
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "relations.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "relations.schema.ApiAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "1200/minute"),
        # POST /api/auth/token/: this many attempts per client and, separately, per username.
        "login": os.environ.get("API_THROTTLE_LOGIN", "10/minute"),
        "login_username": os.environ.get("API_THROTTLE_LOGIN", "10/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Bilateral relations API",
    "DESCRIPTION": "Meetings between officials of two or more countries, extracted from press "
    "releases and news reports and curated, with the source text behind every fact.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models name their choices "status" or "kind": give each set its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "MeetingStatusEnum": "relations.models.MeetingStatus",
        "MembershipStatusEnum": "relations.models.ForumMembership.Status",
        "CountryNameKindEnum": "relations.models.CountryName.Kind",
        "ForumKindEnum": "relations.models.Forum.Kind",
        "DatePrecisionEnum": "relations.models.DatePrecision",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes says "running database handler" at INFO on every failed login; its warnings
    # (each failure, each lockout) are the part worth keeping.
    # httpx says "HTTP Request: GET ..." at INFO for every fetch; failures are reported by the app.
    # procrastinate says how it registers its tasks at INFO on every start; its job logs stay at INFO.
    "loggers": {
        "axes": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        "procrastinate.blueprints": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
    },
}
