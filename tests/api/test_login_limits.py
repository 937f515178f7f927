"""POST /api/auth/token/ under attack (issue 9): throttled per client and per username, locked
out per username and client after failed logins (django-axes), and open again afterwards."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from .conftest import make_user
from .test_auth import http

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery staple"
TOKEN_URL = "/api/auth/token/"
LOCKED = "Account locked: too many login attempts. Please try again later."


class Clock:
    """The throttles' clock (DRF throttles read `self.timer()`), moved by hand instead of waiting."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(SimpleRateThrottle, "timer", staticmethod(clock))
    return clock


@pytest.fixture
def login_rate(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Sets the login rate; DRF reads the rates when the throttle classes are imported, so patch them there."""

    def set_rate(rate: str) -> None:
        rates = {**SimpleRateThrottle.THROTTLE_RATES, "login": rate, "login_username": rate}
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)

    return set_rate


def post_token(username: str, password: str, address: str = "192.0.2.1", **headers: str):  # type: ignore[no-untyped-def]
    return APIClient().post(
        TOKEN_URL, {"username": username, "password": password}, format="json", REMOTE_ADDR=address, **headers
    )


def age_failed_logins(by: timedelta) -> None:
    """As if `by` had passed since the last failed login: django-axes counts failures by their time."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)


def test_token_endpoint_is_throttled_per_client_and_the_right_password_works_after_the_window(
    clock, login_rate, settings
):
    """issue 9: wrong guesses at several usernames from one client use up that client's rate."""
    login_rate("3/minute")
    make_user("curator")

    codes = [post_token(name, "guess").status_code for name in ("alice", "bob", "carol")]
    throttled = post_token("curator", RIGHT)

    assert codes == [400, 400, 400]
    assert throttled.status_code == 429
    assert throttled.json()["detail"].startswith("Request was throttled.")
    assert int(throttled["Retry-After"]) == 60
    assert post_token("curator", RIGHT, address="192.0.2.2").status_code == 200  # another client is not held up
    clock.now += 61
    assert post_token("curator", RIGHT).status_code == 200


def test_token_endpoint_is_throttled_per_username_across_clients(clock, login_rate):
    """issue 9: a slow spray at one account from many addresses; case and spaces make no new username."""
    login_rate("3/minute")
    make_user("curator")

    codes = [
        post_token(name, "guess", address=f"192.0.2.{n}").status_code
        for n, name in enumerate(["curator", "Curator", " curator "], start=10)
    ]
    throttled = post_token("curator", RIGHT, address="192.0.2.99")

    assert codes == [400, 400, 400]
    assert throttled.status_code == 429
    assert post_token("someone-else", "guess", address="192.0.2.99").status_code == 400  # other usernames go on
    clock.now += 61
    assert post_token("curator", RIGHT, address="192.0.2.99").status_code == 200


def test_a_forged_x_forwarded_for_does_not_make_a_client_new(clock, login_rate):
    """issue 9: with no trusted proxy (TRUSTED_PROXY_COUNT=0) the client is its connection's address."""
    login_rate("2/minute")

    codes = [post_token(f"user{n}", "guess", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(3)]

    assert codes == [400, 400, 429]


def test_behind_a_trusted_proxy_the_client_is_the_address_it_forwarded(clock, login_rate, settings, monkeypatch):
    """issue 9: TRUSTED_PROXY_COUNT=1: clients behind the proxy are told apart by the proxy's X-Forwarded-For."""
    from rest_framework.settings import api_settings

    login_rate("2/minute")
    monkeypatch.setattr(api_settings, "NUM_PROXIES", 1)

    first = [post_token(f"user{n}", "guess", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code for n in range(3)]
    second = post_token("user9", "guess", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code

    assert (first, second) == ([400, 400, 429], 400)


def test_failed_logins_lock_the_username_out_from_that_client_with_429_not_500(settings):
    """issue 9: django-axes' lockout reaches the token view, which answers it like a throttle."""
    settings.AXES_FAILURE_LIMIT = 3
    make_user("curator")

    codes = [post_token("curator", "guess").status_code for _ in range(3)]
    locked = post_token("curator", RIGHT)

    assert codes == [400, 400, 429]  # the failure that reaches the limit already answers the lockout
    assert locked.status_code == 429
    assert locked.json() == {"detail": f"{LOCKED} Expected available in 900 seconds."}
    assert locked["Retry-After"] == "900"
    assert post_token("curator", RIGHT, address="192.0.2.2").status_code == 200  # per username *and* client
    age_failed_logins(by=settings.AXES_COOLOFF_TIME)
    response = post_token("curator", RIGHT)
    assert response.status_code == 200
    assert set(response.json()) == {"token"}


def test_a_lockout_on_the_token_view_also_closes_the_admin_login(client, settings):
    """issue 9: one count of failures per username and client, whichever login they came through."""
    settings.AXES_FAILURE_LIMIT = 2
    user = make_user("curator")
    user.is_staff = True
    user.save()

    for _ in range(2):
        post_token("curator", "guess", address="127.0.0.1")
    response = client.post("/admin/login/", {"username": "curator", "password": RIGHT}, REMOTE_ADDR="127.0.0.1")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)
def test_login_throttle_and_lockout_over_http(live_server, settings, login_rate, clock):
    """issue 9: the same answers from a running server: 400s, then 429 with Retry-After, then 200."""
    settings.AXES_FAILURE_LIMIT = 2
    login_rate("100/minute")
    make_user("curator")
    url = f"{live_server.url}{TOKEN_URL}"

    wrong = [http("POST", url, {"username": "curator", "password": "guess"})[0] for _ in range(2)]
    status, headers, body = http("POST", url, {"username": "curator", "password": RIGHT})

    assert wrong == [400, 429]
    assert (status, headers["Retry-After"], body["detail"].split(" Expected")[0]) == (429, "900", LOCKED)
    age_failed_logins(by=settings.AXES_COOLOFF_TIME)
    assert http("POST", url, {"username": "curator", "password": RIGHT})[0] == 200
