"""GET and POST /api/articles/: list, detail with the extraction, filters, ingest through the service.

The POST tests run the real ingest (extractor included) over the reference data of seeds/.
"""

from __future__ import annotations

from datetime import date

import pytest

from relations import models
from tests import factories

from .conftest import World, page

pytestmark = pytest.mark.django_db

NEW_ARTICLE = {
    "title": "Azerbaijan, Türkiye discuss energy cooperation",
    "text": "Minister of Foreign Affairs of Azerbaijan Jeyhun Bayramov met with Minister of Foreign Affairs of "
    "Türkiye Hakan Fidan in Ankara on March 5, 2024.\n\nThe sides discussed cooperation in energy, trade and "
    "transport, and their work within the Organization of Turkic States.",
    "url": "https://example.org/aze-tur",
    "publisher": "Example Agency",
    "published": "2024-03-05",
}


def article_item(w: World) -> dict:
    a = w.article
    return {
        "id": a.pk,
        "title": "Azerbaijan, Pakistan discuss strategic partnership",
        "url": "https://example.org/aze-pak",
        "publisher": "Example Agency",
        "published": "2024-05-02",
        "language": "en",
        "content_hash": a.content_hash,
        "extractor_version": "",
        "extracted_at": None,
        "meetings": [w.meeting.pk],
    }


def test_article_list_shape(client_anon, world):
    assert client_anon.get("/api/articles/").json() == page([article_item(world)])


def test_article_detail_adds_text_extraction_and_countries(client_anon, world):
    world.article.extraction = {"parties": ["AZE", "PAK"]}
    world.article.save()
    world.article.countries_mentioned.set([world.pak, world.aze])

    response = client_anon.get(f"/api/articles/{world.article.pk}/")

    assert response.json() == {
        **article_item(world),
        "countries_mentioned": ["AZE", "PAK"],
        "extraction": {"parties": ["AZE", "PAK"]},
        "text": world.article.text,
    }


def test_unknown_article_is_404(client_anon, db):
    assert client_anon.get("/api/articles/999999/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("published_after=2024-05-02", ["newer", "seed"]),
        ("published_after=2024-05-03", ["newer"]),
        ("published_before=2024-05-02", ["seed"]),
        ("published_before=2024-05-01", []),
        ("publisher=example agency", ["seed"]),
        ("publisher=Other Wire", ["newer"]),
        ("publisher=Nobody", []),
        ("ordering=published", ["seed", "newer"]),
        ("", ["newer", "seed"]),
    ],
)
def test_article_list_filter(client_anon, world, query, expect):
    newer = factories.ArticleFactory(publisher="Other Wire", published=date(2024, 6, 1))
    names = {"seed": world.article.pk, "newer": newer.pk}

    response = client_anon.get(f"/api/articles/?{query}")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [names[n] for n in expect]


def test_article_list_bad_date_is_400(client_anon, world):
    response = client_anon.get("/api/articles/?published_after=last week")

    assert response.status_code == 400
    assert list(response.json()) == ["published_after"]


# --------------------------------------------------------------------------- POST (ingest)


def test_post_new_article_is_201_with_the_article_and_its_meeting(client_curator, reference):
    response = client_curator.post("/api/articles/", NEW_ARTICLE, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    article = models.Article.objects.get()
    meeting = models.Meeting.objects.get()
    assert body["outcome"] == "new"
    assert body["created"] is True
    assert body["article"]["id"] == article.pk
    assert {k: body["article"][k] for k in ("title", "url", "publisher", "published", "meetings")} == {
        "title": NEW_ARTICLE["title"],
        "url": NEW_ARTICLE["url"],
        "publisher": NEW_ARTICLE["publisher"],
        "published": NEW_ARTICLE["published"],
        "meetings": [meeting.pk],
    }
    assert [m["id"] for m in body["meetings"]] == [meeting.pk]
    assert body["meetings"][0]["countries"] == ["AZE", "TUR"]
    assert body["meetings"][0]["sources"][0]["article"] == article.pk


def test_post_same_article_again_is_200_with_the_existing_rows(client_curator, reference):
    first = client_curator.post("/api/articles/", NEW_ARTICLE, format="json").json()

    again = client_curator.post("/api/articles/", {**NEW_ARTICLE, "title": "Another headline"}, format="json")

    assert again.status_code == 200, again.content
    assert again.json() == {**first, "outcome": "known", "created": False}
    assert models.Article.objects.count() == 1


def test_post_article_that_names_no_country_is_400(client_curator, reference):
    response = client_curator.post(
        "/api/articles/", {"title": "Weather", "text": "It rained all week and the rivers rose."}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["No meeting: the article names no country"]}  # as the admin says it
    assert models.Article.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "expect"),
    [
        ({"title": "No text"}, {"text": ["This field is required."]}),
        ({"title": "Blank", "text": ""}, {"text": ["This field may not be blank."]}),
        ({"text": "A headline only"}, {"non_field_errors": ["the article has a title but no body"]}),
        ({"text": "   \n  "}, {"non_field_errors": ["the article has no text"]}),
        ({"text": "Title\n\nBody", "published": "yesterday"}, None),
        (
            {"text": "Title\n\nBody", "url": "not a url"},
            {"url": ["'not a url' contains a space or a control character"]},
        ),
        (
            {"text": "Title\n\nBody", "url": "ftp://example.org/a"},
            {"url": ["only http and https links are allowed, got 'ftp:'"]},
        ),
        ({"text": ["a", "list"]}, {"text": ["Not a valid string."]}),
    ],
)
def test_post_bad_article_is_400_with_a_clear_message(client_curator, db, payload, expect):
    response = client_curator.post("/api/articles/", payload, format="json")

    assert response.status_code == 400
    if expect is None:
        assert list(response.json()) == ["published"]
    else:
        assert response.json() == expect
    assert models.Article.objects.count() == 0


def test_post_malformed_json_is_400(client_curator, db):
    response = client_curator.post("/api/articles/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
