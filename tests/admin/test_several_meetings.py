"""The admin with an article that reports several meetings (the extractor replaced by
tests/several_meetings.py's stand-in): the paste says how many meetings it made and lands on the
article, whose page links every one of them."""

from __future__ import annotations

import pytest

from relations import models
from tests.several_meetings import SUMMIT_BODY, SUMMIT_TITLE, read_as

from .conftest import admin_url, form_data

pytestmark = pytest.mark.django_db


def test_a_pasted_summit_article_makes_five_meetings_and_lands_on_the_article_listing_them(
    admin_client, reference, monkeypatch
):
    read_as(monkeypatch)
    data = form_data(admin_client.get(admin_url(models.Article, "add")))
    data.update(title=SUMMIT_TITLE, text=SUMMIT_BODY, published="2024-07-04")
    response = admin_client.post(admin_url(models.Article, "add"), data, follow=True)
    article = models.Article.objects.get()
    meetings = list(models.Meeting.objects.order_by("pk"))
    assert len(meetings) == 5
    assert response.redirect_chain[-1][0] == admin_url(article, "change")
    ids = ", ".join(f"#{m.pk}" for m in meetings)
    assert [str(m) for m in response.context["messages"]] == [
        f"The article reports 5 meetings: created meetings {ids}."
    ]
    html = response.content.decode()
    for meeting in meetings:
        assert f'href="{admin_url(meeting, "change")}"' in html


def test_the_article_changelist_counts_every_meeting(admin_client, reference, monkeypatch):
    read_as(monkeypatch)
    data = form_data(admin_client.get(admin_url(models.Article, "add")))
    data.update(title=SUMMIT_TITLE, text=SUMMIT_BODY, published="2024-07-04")
    admin_client.post(admin_url(models.Article, "add"), data)
    article = models.Article.objects.get()
    html = admin_client.get(admin_url(models.Article)).content.decode()
    assert f'?article={article.pk}" title="The meetings this article reports">5</a>' in html
