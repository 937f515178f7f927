"""The meeting page of an article that reports several meetings links its sibling meetings
(the extractor replaced by tests/several_meetings.py's stand-in)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relations import models, services
from relations.extraction.articles import make_article
from tests.several_meetings import SUMMIT_BODY, SUMMIT_MEETINGS, SUMMIT_TITLE, read_as

pytestmark = pytest.mark.django_db


def summit(meetings: int = 5) -> list[models.Meeting]:
    item = make_article(title=SUMMIT_TITLE, text=SUMMIT_BODY, published="2024-07-04", where="test")
    return services.article_ingest(article=item).meetings[:meetings]


def page(client, meeting: models.Meeting) -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse("pages:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_meeting_page_links_the_other_meetings_of_its_article(client, reference, monkeypatch):
    read_as(monkeypatch)
    meetings = summit()
    html = page(client, meetings[1])
    assert "This article also reports 4 other meetings:" in html
    for other in meetings:
        link = f'href="{reverse("pages:meeting_detail", args=[other.pk])}"'
        assert (link in html) == (other != meetings[1]), other.party_key


def test_a_rejected_sibling_is_not_linked(client, reference, monkeypatch):
    read_as(monkeypatch)
    meetings = summit()
    services.meeting_set_status(meeting=meetings[4], status="rejected")
    html = page(client, meetings[0])
    assert "This article also reports 3 other meetings:" in html
    assert f'href="{reverse("pages:meeting_detail", args=[meetings[4].pk])}"' not in html


def test_the_sibling_list_costs_the_same_queries_for_two_or_five_meetings(client, reference, monkeypatch):
    """prevents N+1: the siblings are one query however many there are."""
    read_as(monkeypatch, {"ASTANA, July 4.": SUMMIT_MEETINGS[:2]})
    two = summit()
    with CaptureQueriesContext(connection) as few:
        page(client, two[0])
    models.Article.objects.all().delete()
    models.Meeting.objects.all().delete()
    read_as(monkeypatch)
    five = summit()
    with CaptureQueriesContext(connection) as many:
        assert "also reports 4 other meetings" in page(client, five[0])
    assert len(many) == len(few)
