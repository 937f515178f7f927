"""The admin login locks a username out from a client after repeated failures (django-axes, issue 9)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import F
from django.test import Client

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery staple"
LOCKED = b"Account locked: too many login attempts. Please try again later."


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_user("editor", password=RIGHT, is_staff=True, is_superuser=True)


def admin_login(client: Client, password: str, username: str = "editor", address: str = "192.0.2.1"):  # type: ignore[no-untyped-def]
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=address)


def age_failed_logins(by: timedelta) -> None:
    """As if `by` had passed since the last failed login: django-axes counts failures by their time."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)


def test_admin_login_locks_out_after_the_failure_limit_and_opens_after_the_cool_off(client, staff, settings):
    """issue 9: five wrong passwords (LOGIN_FAILURE_LIMIT's default), then even the right one is refused."""
    codes = [admin_login(client, f"guess {n}").status_code for n in range(5)]
    locked = admin_login(client, RIGHT)

    assert codes == [200, 200, 200, 200, 429]  # the login page again four times, then the lockout
    assert locked.status_code == 429
    assert locked.content == LOCKED
    assert "_auth_user_id" not in client.session
    age_failed_logins(by=settings.AXES_COOLOFF_TIME - timedelta(seconds=5))
    assert admin_login(client, RIGHT).status_code == 429  # not yet, and trying again starts the cool-off anew
    age_failed_logins(by=settings.AXES_COOLOFF_TIME - timedelta(seconds=5))
    assert admin_login(client, RIGHT).status_code == 429
    age_failed_logins(by=settings.AXES_COOLOFF_TIME)
    response = admin_login(client, RIGHT)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_lockout_holds_one_username_from_one_client_only(client, staff, settings):
    """issue 9: locked by username *and* address: the owner logs in from elsewhere, others from here."""
    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_user("other", password=RIGHT, is_staff=True)
    for n in range(3):
        admin_login(client, f"guess {n}")

    assert admin_login(Client(), RIGHT).status_code == 429
    assert admin_login(Client(), RIGHT, address="192.0.2.2").status_code == 302
    assert admin_login(Client(), RIGHT, username="other").status_code == 302


def test_an_administrator_can_lift_a_lockout_with_axes_reset_username(client, staff, settings):
    """issue 9: the way out before the cool-off, for a curator who locked themselves out."""
    settings.AXES_FAILURE_LIMIT = 2
    for n in range(2):
        admin_login(client, f"guess {n}")
    assert admin_login(client, RIGHT).status_code == 429

    call_command("axes_reset_username", "editor", stdout=StringIO())

    assert admin_login(client, RIGHT).status_code == 302
