"""Feeds in the admin (issue 14): a feed added there and polled from there; its page shows the recent
polls with the meetings they produced and the last error."""

from __future__ import annotations

import pytest

from relations import models, services

from .conftest import admin_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db) -> None:
    services.reference_data_load()


def test_a_feed_added_in_the_admin_and_polled_from_it_ingests_its_entries(admin_client, web, reference, settings):
    settings.TASK_QUEUE = False  # in-process, as on the SQLite default (the queue: tests/test_tasks.py)
    data = form_data(admin_client.get(admin_url(models.Feed, "add")))
    data.update(url=web.url("/feeds/atom.xml"), title="Armenian MFA", publisher="MFA of Armenia", active="on")
    response = admin_client.post(admin_url(models.Feed, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    feed = models.Feed.objects.get(url=web.url("/feeds/atom.xml"))
    assert (feed.title, feed.poll_interval, feed.active) == ("Armenian MFA", 60, True)

    response = admin_client.post(
        admin_url(models.Feed), {"action": "poll_now", "_selected_action": [feed.pk]}, follow=True
    )

    messages = [str(m) for m in response.context["messages"]]
    assert messages[-1:] == [
        f"{feed.url}: 1 entries, 1 new articles, 0 already known, 1 meetings created, 0 merged, 0 failed"
    ]
    meeting = models.Meeting.objects.get()

    page = admin_client.get(admin_url(feed, "change")).content.decode()
    assert "<th>meetings</th>" in page
    assert f'href="{admin_url(meeting, "change")}"' in page
    assert "(created)" in page


def test_a_feeds_page_shows_its_last_error(admin_client, web, reference):
    feed = services.feeds.feed_save(feed=models.Feed(url=web.url("/feeds/down.xml")))
    services.feeds.feed_poll(feed=feed)

    page = admin_client.get(admin_url(feed, "change")).content.decode()

    assert f"{feed.url}: HTTP 503 Service Unavailable" in page
    assert "Failed" in page


def test_a_feed_polling_too_often_is_refused_with_the_reason(admin_client, web, db):
    data = form_data(admin_client.get(admin_url(models.Feed, "add")))
    data.update(url=web.url("/feeds/rss.xml"), poll_interval="1")
    response = admin_client.post(admin_url(models.Feed, "add"), data)
    assert response.status_code == 200
    assert models.Feed.objects.count() == 0
