"""The article add page with a URL and no text (issue 14): the page is fetched from the tests' own web,
read and ingested like any other article; a page that holds no article is an error on the URL."""

from __future__ import annotations

import pytest

from relations import models, services

from .conftest import admin_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db) -> None:
    services.reference_data_load()


def add(admin_client, **fields):  # type: ignore[no-untyped-def]
    data = form_data(admin_client.get(admin_url(models.Article, "add")))
    data.update(fields)
    return admin_client.post(admin_url(models.Article, "add"), data, follow=True)


def test_a_url_without_text_is_fetched_and_its_meeting_created_for_review(admin_client, web, reference):
    response = add(admin_client, url=web.url("/news/visit.html"))

    article = models.Article.objects.get()
    meeting = models.Meeting.objects.get()
    # As after a paste (issue 13): the curator lands on the meeting the page produced, with one message.
    assert response.redirect_chain[-1][0] == admin_url(meeting, "change")
    assert f"Created meeting #{meeting.pk}." in response.content.decode()
    assert (article.title, article.publisher) == (
        "Foreign ministers of Georgia and Armenia hold talks in Tbilisi",
        "Georgian Foreign Ministry",
    )
    assert article.fetched_at is not None
    assert meeting.status == models.MeetingStatus.EXTRACTED
    # Ingest's links stay: the add form's empty "countries mentioned" does not clear them.
    assert sorted(article.countries_mentioned.values_list("iso3", flat=True)) == ["ARM", "GEO"]
    assert models.Totals.objects.get().articles == 1


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing.html", "HTTP 404 Not Found"), ("/login.html", "no article text on the page")],
)
def test_a_page_that_is_no_article_is_an_error_on_the_url_and_nothing_is_stored(
    admin_client, web, reference, path, reason
):
    response = add(admin_client, url=web.url(path))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["url"]
    assert errors["url"][0].startswith(f"{web.url(path)}: {reason}")
    assert models.Article.objects.count() == 0


def test_a_url_already_stored_is_refused_without_fetching(admin_client, web, reference):
    add(admin_client, url=web.url("/news/visit.html"))
    article = models.Article.objects.get()

    response = add(admin_client, url=web.url("/news/visit.html"))

    errors = response.context["adminform"].form.errors
    assert errors["url"] == [f"This URL is already stored as article #{article.pk}: {article.title}"]
    assert web.hits["/news/visit.html"] == 1


def test_neither_text_nor_url_asks_for_one(admin_client, reference):
    response = add(admin_client, title="Nothing here")
    assert response.context["adminform"].form.errors == {"text": ["Paste the text, or give a URL to fetch it from."]}


def test_a_pasted_text_still_needs_its_title(admin_client, reference):
    response = add(admin_client, text="Ministers met in Baku.")
    assert response.context["adminform"].form.errors == {"title": ["This field is required."]}
