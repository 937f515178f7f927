"""Issue 9: an article URL is http, https or empty on every way in, and no page links another scheme.

The rule is relations.extraction.articles.url_problem(); the model field (relations.validators),
make_article() (command .txt and .jsonl, the API) and the pages (the link_url filter) ask it.
"""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.test import APIClient

from relations import models, services
from relations.extraction.articles import url_problem
from tests import factories
from tests.admin.conftest import admin_url, form_data

pytestmark = pytest.mark.django_db

HOSTILE = "javascript:alert(document.cookie)"
REFUSED = "only http and https links are allowed, got 'javascript:'"

BODY = (
    "Minister of Foreign Affairs of Kazakhstan Murat Nurtleu held talks with Minister of Foreign Affairs of "
    "Uzbekistan Bakhtiyor Saidov in Tashkent on March 12, 2024. They discussed trade and energy."
)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", None),
        ("https://example.org/a?b=1#c", None),
        ("HTTP://Example.org", None),
        (HOSTILE, REFUSED),
        ("JavaScript:alert(1)", REFUSED),
        ("data:text/html,<script>alert(1)</script>", "only http and https links are allowed, got 'data:'"),
        ("ftp://example.org/file", "only http and https links are allowed, got 'ftp:'"),
        ("example.org/a", "only http and https links are allowed, got 'example.org/a' (no scheme)"),
        ("//example.org/a", "only http and https links are allowed, got '//example.org/a' (no scheme)"),
        ("https:example.org", "'https:example.org' names no host"),
        ("java\tscript:alert(1)", "'java\\tscript:alert(1)' contains a space or a control character"),
        ("http://[::1", "'http://[::1' is not a valid URL"),
    ],
)
def test_url_problem_allows_only_http_and_https_links(url, problem):
    assert url_problem(url) == problem


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (HOSTILE, REFUSED),
        ("ftp://example.org/file", "only http and https links are allowed, got 'ftp:'"),
        ("http://exa_mple..org/", "http://exa_mple..org/ is not a well-formed URL"),
    ],
)
def test_the_model_field_refuses_another_scheme_with_one_message(url, message):
    """The admin and the services full_clean(); the error sits on the url field, said once."""
    article = factories.ArticleFactory.build(url=url)

    with pytest.raises(ValidationError) as info:
        article.full_clean(exclude=["content_hash"])

    assert info.value.message_dict == {"url": [message]}


def test_the_model_field_takes_an_https_url():
    factories.ArticleFactory.build(url="https://example.org/news/1").full_clean(exclude=["content_hash"])


# --------------------------------------------------------------------------- ingest: .txt and .jsonl


def ingest(*paths: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"1 article\(s\) failed"):
        call_command("ingest_articles", *map(str, paths), "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_ingest_refuses_a_txt_article_whose_front_matter_url_is_javascript(tmp_path):
    """Issue 9: `url: javascript:alert(document.cookie)` was stored, then rendered as the "original" link."""
    services.reference_data_load()
    path = tmp_path / "visit.txt"
    path.write_text(f"title: Ministers meet\nurl: {HOSTILE}\n---\n{BODY}\n")

    _, err = ingest(path)

    assert err.strip() == f"{path}: url: {REFUSED}"
    assert not models.Article.objects.exists()


def test_ingest_refuses_a_jsonl_line_whose_url_is_javascript(tmp_path):
    services.reference_data_load()
    path = tmp_path / "dump.jsonl"
    lines = [{"title": "Ministers meet", "text": BODY, "url": HOSTILE}, {"title": "Again", "text": BODY + " Twice."}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")

    _, err = ingest(path)

    assert err.strip() == f"{path}:1: url: {REFUSED}"
    assert list(models.Article.objects.values_list("title", "url")) == [("Again", "")]


# --------------------------------------------------------------------------- the API and the admin


def test_the_api_refuses_an_article_url_of_another_scheme(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)

    response = client.post("/api/articles/", {"title": "Ministers meet", "text": BODY, "url": HOSTILE}, format="json")

    assert response.status_code == 400
    assert response.json() == {"url": [REFUSED]}
    assert not models.Article.objects.exists()


def test_the_admin_refuses_an_article_url_of_another_scheme(admin_client):
    data = form_data(admin_client.get(admin_url(models.Article, "add")))
    data.update(title="Ministers meet", text=BODY, url=HOSTILE)

    response = admin_client.post(admin_url(models.Article, "add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"] == [REFUSED]
    assert not models.Article.objects.exists()


# --------------------------------------------------------------------------- pages


@pytest.fixture
def meeting(db) -> models.Meeting:
    factories.CountryFactory.reset_sequence()
    aland = factories.CountryFactory(iso3="ALD", iso2="ZY", name="Aland")
    borduria = factories.CountryFactory(iso3="BRD", iso2="ZZ", name="Borduria")
    meeting = factories.make_reported_meeting(aland, borduria, date=date(2024, 3, 3))
    relation = factories.BilateralRelationFactory(country_a=aland, country_b=borduria)
    factories.RelationLevelFactory(relation=relation, source=factories.ArticleFactory(title="Level stated"))
    return meeting


@pytest.mark.parametrize(
    "url", [HOSTILE, "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"]
)
def test_a_stored_url_of_another_scheme_is_never_a_link_on_a_page(meeting, url):
    """Issue 9: rows stored before the rule (bulk_create skipped field validation) keep their text, not a link."""
    models.Article.objects.update(url=url)
    client = Client()

    meeting_page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    relation_page = client.get("/relations/ALD-BRD/").content.decode()

    assert "original</a>" not in meeting_page
    assert "Source: Level stated" in relation_page
    for html in (meeting_page, relation_page):
        assert f'href="{url[:10]}' not in html
        assert "alert(" not in html and "msgbox(" not in html


def test_an_http_url_is_the_original_link_and_the_level_source_link(meeting):
    models.Article.objects.update(url="https://example.org/report?id=1&lang=en")
    client = Client()

    meeting_page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    relation_page = client.get("/relations/ALD-BRD/").content.decode()

    link = '<a href="https://example.org/report?id=1&amp;lang=en" rel="noopener noreferrer">'
    assert f"{link}original</a>" in meeting_page
    assert f"{link}Level stated</a>" in relation_page
