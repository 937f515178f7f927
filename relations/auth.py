"""Logins: the API's token view with its rate limits, and the lockout of repeated failed logins.

Two defences, each on its own (issue 9):
- `POST /api/auth/token/` is throttled per client and per username (DRF throttles, scopes
  `login` and `login_username`, rate API_THROTTLE_LOGIN): it counts every attempt, right or wrong.
- django-axes counts failed logins per username *and* client, on every login (the admin, the
  API's session login, the token view) and refuses that pair for a cool-off after
  LOGIN_FAILURE_LIMIT failures. The token view answers that refusal with a 429, as the admin does.

Both name the client by one rule, `client_ip`, so a forged X-Forwarded-For cannot make a client new.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_lockout_message
from django.http import HttpRequest
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken as DRFObtainAuthToken
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle


def client_ip(request: HttpRequest) -> str | None:
    """The client's address by DRF's rule: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the
    address the outermost of them saw. django-axes calls this too (AXES_CLIENT_IP_CALLABLE)."""
    return BaseThrottle().get_ident(request)  # type: ignore[arg-type]  # it reads .headers and .META only


def normalise_username(username: str) -> str:
    """One spelling per username for counting attempts: 'Curator ' and 'curator' are one target."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


class LoginRateThrottle(SimpleRateThrottle):
    """Token requests per client address, right or wrong (scope `login`)."""

    scope = "login"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginUsernameRateThrottle(SimpleRateThrottle):
    """Token requests per username, from whichever clients (scope `login_username`): a slow spray
    of guesses from many addresses at one account is still stopped."""

    scope = "login_username"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        username = request.data.get("username") if hasattr(request.data, "get") else None
        if not isinstance(username, str) or not normalise_username(username):
            return None  # nothing to count: the serializer refuses the request
        # Hashed: the cache key must not carry arbitrary user text (length, spaces, control characters).
        digest = hashlib.sha256(normalise_username(username).encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, first in AUTHENTICATION_BACKENDS: refuses a username locked out from the
    requesting client, before any password is checked. The password check is ModelBackend's.

    Every login over HTTP passes its request (Django's login form, DRF's token serializer).
    `authenticate()` without one (the test client's `login()`, a shell) has no client to count
    or lock out, so this backend then stays out of the decision instead of raising as axes does.
    """

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


@extend_schema(
    summary="Get an API token",
    description="Exchange a username and password for the user's token (send it as `Authorization: Token <key>`). "
    "Limited per client and per username (API_THROTTLE_LOGIN); after LOGIN_FAILURE_LIMIT wrong passwords for "
    "one username from one client, that pair is refused for LOGIN_COOLOFF_MINUTES.",
    request=AuthTokenSerializer,
    responses={
        200: AuthTokenSerializer,
        400: OpenApiResponse(description="Wrong username or password, or a field missing."),
        429: OpenApiResponse(
            description="Too many attempts from this client or for this username, or this username is locked "
            "out from this client after failed logins; `Retry-After` says when to try again."
        ),
    },
)
class ObtainAuthToken(DRFObtainAuthToken):
    """DRF's token view, throttled, answering a django-axes lockout with 429 instead of a plain 400."""

    throttle_classes = (LoginRateThrottle, LoginUsernameRateThrottle)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # DRF's post(), with one more answer: validating twice would count a failure twice.
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            if getattr(request, "axes_locked_out", False):
                # Set by django-axes on the request the serializer passed to authenticate().
                cool_off = get_cool_off(request)
                raise Throttled(wait=cool_off.total_seconds() if cool_off else None, detail=str(get_lockout_message()))
            raise ValidationError(serializer.errors)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


obtain_auth_token = ObtainAuthToken.as_view()
