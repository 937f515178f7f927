"""The Content-Security-Policy header on every kind of page (issue 9); tests/browser/test_csp.py
shows the pages work under it in Chromium."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/meetings/",
        "/search/?q=a",
        "/admin/login/",
        "/api/",
        "/api/meetings/?format=api",
        "/api/schema/",
        "/api/docs/",
    ],
)
def test_every_page_has_a_policy_without_inline_scripts(client: Client, path: str) -> None:
    response = client.get(path)

    policy = directives(response)
    assert response.status_code == 200
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_admin_change_pages_have_the_policy(client: Client) -> None:
    client.force_login(User.objects.create_superuser("curator", "curator@example.org", "x"))

    response = client.get("/admin/relations/meeting/add/")

    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]


def test_the_api_docs_inline_script_carries_the_nonce_of_its_response(client: Client) -> None:
    response = client.get("/api/docs/")

    nonce = directives(response)["script-src"][1].removeprefix("'nonce-").removesuffix("'")
    assert re.findall(r'<script nonce="([^"]+)">', response.content.decode()) == [nonce]
    assert client.get("/api/docs/")["Content-Security-Policy"] != response["Content-Security-Policy"]  # fresh each time
