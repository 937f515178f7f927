"""Who may do what: anonymous reads, 401 without credentials, 403 without the model permission,
tokens, sessions, the API_ANONYMOUS_READ switch and throttling. Some run over real HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from relations import models, services

from .conftest import World, make_user
from .test_articles import NEW_ARTICLE
from .test_meeting_writes import NEW_MEETING

pytestmark = pytest.mark.django_db


def writes(w: World) -> list[tuple[str, str, dict]]:
    return [
        ("post", "/api/meetings/", NEW_MEETING),
        ("patch", f"/api/meetings/{w.meeting.pk}/", {"location_city": "Lahore"}),
        ("post", f"/api/meetings/{w.meeting.pk}/status/", {"status": "verified"}),
    ]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_anonymous_write_is_401_with_a_token_challenge(client_anon, world, index):
    method, url, payload = writes(world)[index]

    response = getattr(client_anon, method)(url, payload, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


@pytest.mark.parametrize("index", [0, 1, 2])
def test_write_without_the_model_permission_is_403(client_reader, world, index):
    method, url, payload = writes(world)[index]

    response = getattr(client_reader, method)(url, payload, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}


@pytest.mark.parametrize(
    ("perms", "index", "expect"),
    [
        (["relations.add_meeting"], 0, 201),
        (["relations.add_meeting"], 1, 403),
        (["relations.add_meeting"], 2, 403),
        (["relations.change_meeting"], 0, 403),
        (["relations.change_meeting"], 1, 200),
        (["relations.change_meeting"], 2, 200),
    ],
)
def test_each_write_needs_its_own_permission(world, perms, index, expect):
    client = APIClient()
    client.force_authenticate(make_user("someone", *perms))
    method, url, payload = writes(world)[index]

    assert getattr(client, method)(url, payload, format="json").status_code == expect


def test_article_post_needs_add_article(world):
    client = APIClient()
    client.force_authenticate(make_user("meetings-only", "relations.add_meeting", "relations.change_meeting"))

    assert client.post("/api/articles/", NEW_ARTICLE, format="json").status_code == 403


def test_bad_token_is_401(client_anon, world):
    client_anon.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client_anon.get("/api/meetings/")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_session_write_needs_the_csrf_token(world, curator):
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="curator", password="correct horse battery staple")

    response = client.post(f"/api/meetings/{world.meeting.pk}/status/", {"status": "verified"}, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_session_login_can_write(world, curator):
    client = APIClient()
    client.login(username="curator", password="correct horse battery staple")

    response = client.post(f"/api/meetings/{world.meeting.pk}/status/", {"status": "verified"}, format="json")

    assert response.status_code == 200


def test_token_endpoint_gives_a_token_for_username_and_password(client_anon, curator):
    response = client_anon.post(
        "/api/auth/token/", {"username": "curator", "password": "correct horse battery staple"}, format="json"
    )

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=curator).key}


def test_token_endpoint_refuses_a_wrong_password(client_anon, curator):
    response = client_anon.post("/api/auth/token/", {"username": "curator", "password": "nope"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/",
        "/api/countries/",
        "/api/countries/AZE/",
        "/api/officials/",
        "/api/meetings/",
        "/api/sectors/",
        "/api/forums/",
        "/api/forums/OIC/",
        "/api/relations/",
        "/api/relations/AZE-PAK/",
        "/api/articles/",
    ],
)
def test_anonymous_read_can_be_switched_off(client_anon, client_reader, world, settings, url):
    assert client_anon.get(url).status_code == 200
    settings.API_ANONYMOUS_READ = False

    assert client_anon.get(url).status_code == 401
    assert client_reader.get(url).status_code == 200


def test_anonymous_requests_are_throttled(client_anon, world, monkeypatch):
    """DRF reads the rates when the throttle classes are imported, so the test patches them there."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"})

    codes = [client_anon.get("/api/sectors/").status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]


def test_authenticated_requests_have_their_own_rate(client_reader, world, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/minute", "user": "3/minute"})

    codes = [client_reader.get("/api/sectors/").status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]


# --------------------------------------------------------------------------- over real HTTP


def http(method: str, url: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


@pytest.mark.django_db(transaction=True)
def test_auth_matrix_over_http(live_server):
    make_user("reader")
    make_user("curator", "relations.add_article")
    base = f"{live_server.url}/api"

    assert http("GET", f"{base}/articles/")[0] == 200
    status, headers, body = http("POST", f"{base}/articles/", NEW_ARTICLE)
    assert (status, headers.get("WWW-Authenticate"), body) == (
        401,
        "Token",
        {"detail": "Authentication credentials were not provided."},
    )
    reader = http("POST", f"{base}/auth/token/", {"username": "reader", "password": "correct horse battery staple"})
    assert reader[0] == 200
    assert http("POST", f"{base}/articles/", NEW_ARTICLE, token=reader[2]["token"])[:3:2] == (
        403,
        {"detail": "You do not have permission to perform this action."},
    )
    assert http("POST", f"{base}/articles/", NEW_ARTICLE, token="forged")[0] == 401
    assert models.Article.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_token_post_of_a_new_article_is_201_and_of_the_same_article_200_over_http(live_server):
    services.reference_data_load()
    make_user("curator", "relations.add_article")
    base = f"{live_server.url}/api"
    token = http("POST", f"{base}/auth/token/", {"username": "curator", "password": "correct horse battery staple"})[2][
        "token"
    ]

    first = http("POST", f"{base}/articles/", NEW_ARTICLE, token=token)
    again = http("POST", f"{base}/articles/", NEW_ARTICLE, token=token)

    assert (first[0], first[2]["outcome"]) == (201, "new"), first[2]
    assert (again[0], again[2]["outcome"]) == (200, "known"), again[2]
    assert again[2]["article"] == first[2]["article"]
    assert models.Article.objects.count() == 1
