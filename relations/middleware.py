"""Request guards that run before any view, and conditional GETs."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from relations.errors import bad_input, is_api
from relations.services.versions import data_version

NUL_PROBLEM = "contains a NUL character (%00), which no code, name or search can hold"


class RejectNulMiddleware:
    """A NUL character in the path or a query parameter is a 400 naming where it is.

    PostgreSQL text cannot hold NUL, so any lookup with one failed with a DataError (a 500),
    in every filter, search box and path converter alike. One guard here, before the views,
    rather than one in each of them. Request bodies are left to the forms and serializers,
    whose CharFields refuse NUL already.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            return bad_input(request, f"the path {NUL_PROBLEM}")
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return bad_input(request, NUL_PROBLEM, parameter=name.replace("\x00", "\\x00"))
        return self.get_response(request)


class ConditionalGetMiddleware:
    """Pages and API answers carry an ETag and Last-Modified made from the data version (services.versions),
    and a request that sends them back gets 304 Not Modified, before any view runs, while nothing
    has been written since.

    Left alone: writes, the admin, the API's schema, docs and login (their pages carry a per-response
    CSP nonce), static files, and the browsable API's HTML (it shows the user's own forms). Answers
    vary by Accept and by user, and say so; a client must revalidate before reusing one.
    """

    SKIP = ("/admin/", "/static/", "/api/schema/", "/api/docs/", "/api/redoc/", "/api/auth/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.applies(request):
            return self.get_response(request)
        version, changed_at = data_version()
        etag = self.etag(request, version)
        last_modified = int(changed_at.timestamp()) if changed_at else None
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        response = not_modified or self.get_response(request)
        if response.status_code in (200, 304):
            response.headers.setdefault("ETag", etag)
            if last_modified is not None:
                response.headers.setdefault("Last-Modified", http_date(last_modified))
            patch_cache_control(response, no_cache=True, **({"private": True} if request.user.is_authenticated else {}))
            patch_vary_headers(response, ("Accept", "Cookie", "Authorization"))
        return response

    def applies(self, request: HttpRequest) -> bool:
        if request.method not in ("GET", "HEAD") or request.path_info.startswith(self.SKIP):
            return False
        if not is_api(request):
            return True
        wanted = request.GET.get("format")
        return wanted in ("json", "csv") or (wanted is None and "text/html" not in request.headers.get("Accept", ""))

    @staticmethod
    def etag(request: HttpRequest, version: int) -> str:
        """The data version, the code's, and what the answer depends on beside the URL."""
        varies = "|".join((request.headers.get("Accept", ""), str(request.user.pk or ""), CODE_VERSION))
        digest = hashlib.blake2b(varies.encode(), digest_size=6).hexdigest()
        return f'W/"{version}-{digest}"'


def _code_version() -> str:
    """Changes when the code or templates that build the answers change (a deploy): their files' times."""
    root = Path(settings.BASE_DIR)
    stamps = sorted(
        f"{path}:{path.stat().st_mtime_ns}"
        for folder in ("relations", "templates", "config")
        for path in (root / folder).rglob("*")
        if path.suffix in (".py", ".html", ".css") and "migrations" not in path.parts
    )
    return hashlib.blake2b("\n".join(stamps).encode(), digest_size=6).hexdigest()


CODE_VERSION = _code_version()
