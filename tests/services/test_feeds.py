"""Polling feeds in-process (`manage.py poll_feeds --once`, services.feeds) against the tests' own web
(issue 14): what each poll stores, reports and records, conditional GETs, failures and back-off."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from relations import models, services
from relations.services.feeds import feed_poll, feeds_due
from tests.webserver import Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db) -> None:
    services.reference_data_load()


def add_feed(web, path: str, **fields) -> models.Feed:  # type: ignore[no-untyped-def]
    return services.feeds.feed_save(feed=models.Feed(url=web.url(path), **fields))


def poll_feeds(*args: str) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("poll_feeds", "--once", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_an_rss_poll_ingests_each_new_entry_once_and_reports_it(web, reference):
    feed = add_feed(web, "/feeds/rss.xml", publisher="Ministry of Foreign Affairs of Georgia")

    out, err, failed = poll_feeds()

    assert out.splitlines() == [
        f"{feed.url}: 3 entries, 2 new articles, 0 already known, 2 meetings created, 0 merged, 1 failed",
        "1 feed(s) polled: 2 new articles, 2 meetings created, 0 merged, 0 feed(s) failed, 1 entries failed",
    ]
    assert err.strip() == f"{web.url('/missing.html')}: HTTP 404 Not Found"
    assert str(failed) == "0 feed(s) and 1 entries failed"
    articles = models.Article.objects.order_by("url")
    assert [a.url for a in articles] == [web.url("/news/call.html"), web.url("/news/visit.html")]
    # The publisher set on the feed; the feed entry's date where the page's metadata has none.
    assert {a.publisher for a in articles} == {"Ministry of Foreign Affairs of Georgia"}
    assert str(articles[0].published) == "2025-03-03"
    assert all(a.fetched_at for a in articles)
    assert models.Meeting.objects.filter(status=models.MeetingStatus.EXTRACTED).count() == 2
    poll = models.FeedPoll.objects.get()
    assert (poll.status, poll.http_status, poll.entries, poll.new_articles, poll.meetings_created, poll.failed) == (
        "ok",
        200,
        3,
        2,
        2,
        1,
    )
    assert poll.errors == [{"error": f"{web.url('/missing.html')}: HTTP 404 Not Found", "transient": False}]
    assert set(poll.articles.all()) == set(articles)
    feed.refresh_from_db()
    assert (feed.last_status, feed.etag, feed.failures, feed.last_error) == ("ok", '"rss-1"', 0, "")


def test_a_second_poll_answered_304_ingests_nothing(web, reference):
    add_feed(web, "/feeds/rss.xml")
    poll_feeds()
    pages_fetched = web.hits["/news/visit.html"] + web.hits["/news/call.html"]

    out, _, failed = poll_feeds("--all")

    assert failed is None
    assert out.splitlines()[0] == f"{web.url('/feeds/rss.xml')}: not modified since the last poll"
    assert web.conditional[-1] == ("/feeds/rss.xml", '"rss-1"', None)
    assert web.hits["/news/visit.html"] + web.hits["/news/call.html"] == pages_fetched
    assert models.Article.objects.count() == 2
    assert list(models.FeedPoll.objects.values_list("status", flat=True)) == ["not_modified", "ok"]


def test_a_second_poll_of_a_feed_without_validators_skips_the_known_entries_unfetched(web, reference):
    web.pages["/feeds/rss.xml"].headers.clear()  # no ETag: the server answers 200 again
    feed = add_feed(web, "/feeds/rss.xml")
    poll_feeds()

    second = feed_poll(feed=feed)

    assert (second.status, second.entries, second.new_articles, second.known, second.failed) == ("ok", 3, 0, 2, 1)
    assert (web.hits["/news/visit.html"], web.hits["/news/call.html"]) == (1, 1)
    assert models.Article.objects.count() == 2


def test_an_atom_entry_with_a_relative_link_is_fetched_from_the_feeds_address_and_merged(web, reference):
    services.urls_ingest(urls=[web.url("/news/visit.html")])
    feed = add_feed(web, "/feeds/atom.xml")

    poll = feed_poll(feed=feed)

    assert (poll.entries, poll.new_articles, poll.meetings_created, poll.meetings_merged) == (1, 1, 0, 1)
    article = poll.articles.get()
    assert article.url == web.url("/news/other-side.html")
    assert models.Meeting.objects.get().sources.count() == 2
    feed.refresh_from_db()
    assert feed.last_modified == "Mon, 10 Feb 2025 18:00:00 GMT"
    assert feed_poll(feed=feed).status == "not_modified"
    assert web.conditional[-1] == ("/feeds/atom.xml", None, "Mon, 10 Feb 2025 18:00:00 GMT")


def test_a_failing_feed_backs_off_and_keeps_its_last_error(web, reference):
    feed = add_feed(web, "/feeds/down.xml", poll_interval=30)

    out, err, failed = poll_feeds()

    assert out.splitlines()[0] == f"{feed.url}: failed (HTTP 503 Service Unavailable)"
    assert err.strip() == f"{feed.url}: HTTP 503 Service Unavailable"
    assert failed is not None
    feed.refresh_from_db()
    assert (feed.last_status, feed.failures, feed.last_error) == (
        "failed",
        1,
        f"{feed.url}: HTTP 503 Service Unavailable",
    )
    assert feed.next_poll_at - feed.last_polled_at == timedelta(minutes=60)
    assert feed not in feeds_due()  # waits its turn

    feed_poll(feed=feed)
    feed.refresh_from_db()
    assert (feed.failures, feed.next_poll_at - feed.last_polled_at) == (2, timedelta(minutes=120))

    del web.pages["/feeds/down.xml"]
    web.pages["/feeds/down.xml"] = web.pages["/feeds/atom.xml"]
    feed_poll(feed=feed)
    feed.refresh_from_db()
    assert (feed.last_status, feed.failures, feed.last_error) == ("ok", 0, "")
    assert feed.next_poll_at - feed.last_polled_at == timedelta(minutes=30)


def test_a_page_that_is_no_feed_is_a_failed_poll_naming_the_url(web, reference):
    feed = add_feed(web, "/feeds/not-a-feed.xml")
    poll = feed_poll(feed=feed)
    assert poll.status == "failed"
    assert poll.errors[0]["error"].startswith(f"{feed.url}: not an RSS or Atom feed (")
    assert models.Article.objects.count() == 0


def test_an_entry_that_timed_out_keeps_the_feed_unvalidated_so_the_next_poll_retries_it(web, reference, settings):
    settings.FETCH_TIMEOUT = 0.5
    web.pages["/news/call.html"] = Response(body=web.pages["/news/call.html"].body, delay=2.0)
    feed = add_feed(web, "/feeds/rss.xml")

    poll = feed_poll(feed=feed)

    assert poll.new_articles == 1
    assert {
        "error": f"{web.url('/news/call.html')}: no answer within 0.5 s (timed out)",
        "transient": True,
    } in poll.errors
    feed.refresh_from_db()
    assert feed.etag == ""
    web.pages["/news/call.html"].delay = 0
    assert feed_poll(feed=feed).new_articles == 1


def test_only_active_feeds_that_are_due_are_polled(web, reference):
    due = add_feed(web, "/feeds/atom.xml")
    add_feed(web, "/feeds/rss.xml", active=False)
    add_feed(web, "/feeds/down.xml", next_poll_at=timezone.now() + timedelta(hours=1))

    out, _, _ = poll_feeds()

    assert out.splitlines()[0].startswith(f"{due.url}: 1 entries, 1 new articles")
    assert out.splitlines()[-1].startswith("1 feed(s) polled")
    assert web.hits["/feeds/rss.xml"] == web.hits["/feeds/down.xml"] == 0


def test_a_named_feed_is_polled_even_when_inactive_and_an_unknown_id_is_an_error(web, reference):
    feed = add_feed(web, "/feeds/atom.xml", active=False)
    out, _, _ = poll_feeds("--feed", str(feed.pk))
    assert out.splitlines()[0].startswith(f"{feed.url}: 1 entries, 1 new articles")
    with pytest.raises(CommandError, match="no feed with id 999999"):
        call_command("poll_feeds", "--once", "--feed", "999999", stdout=StringIO())


def test_queueing_needs_postgresql(settings):
    settings.TASK_QUEUE = False
    with pytest.raises(CommandError, match=r"--queue needs PostgreSQL \(DATABASE_URL\); on SQLite use --once"):
        call_command("poll_feeds", "--queue", stdout=StringIO())


def test_a_feed_polls_more_often_than_every_5_minutes_is_refused(web, db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="feed_poll_interval_at_least_5"):
        add_feed(web, "/feeds/rss.xml", poll_interval=1)


# --------------------------------------------------------------------------- seeds/feeds.json


def test_load_seeds_adds_the_seed_feeds_inactive_and_a_second_run_changes_nothing(db):
    import json

    from django.conf import settings as django_settings

    seeded = json.loads((django_settings.BASE_DIR / "seeds" / "feeds.json").read_text())
    report = services.reference_data_load()
    assert report.counts["feeds"] == {"created": len(seeded), "updated": 0, "unchanged": 0}
    assert sorted(models.Feed.objects.values_list("url", flat=True)) == sorted(row["url"] for row in seeded)
    assert not models.Feed.objects.filter(active=True).exists()  # the app starts and stays off the network
    assert list(feeds_due()) == []

    assert services.reference_data_load().counts["feeds"] == {"created": 0, "updated": 0, "unchanged": len(seeded)}


def test_load_seeds_keeps_what_a_curator_decided_about_a_seed_feed(admin_client, db):
    from tests.admin.conftest import admin_url, form_data

    services.reference_data_load()
    deleted, edited = models.Feed.objects.order_by("url")[:2]
    admin_client.post(admin_url(deleted, "delete"), {"post": "yes"})
    data = form_data(admin_client.get(admin_url(edited, "change")))
    data.update(title="", publisher="Our own name for it", active="on")
    assert admin_client.post(admin_url(edited, "change"), data).status_code == 302

    services.reference_data_load()

    assert not models.Feed.objects.filter(url=deleted.url).exists()
    edited.refresh_from_db()
    assert (edited.title, edited.publisher, edited.active) == ("", "Our own name for it", True)


def test_a_seed_feed_with_a_bad_url_is_named(tmp_path, db):
    import shutil

    from django.conf import settings as django_settings

    seeds = tmp_path / "seeds"
    shutil.copytree(django_settings.BASE_DIR / "seeds", seeds, ignore=shutil.ignore_patterns("articles"))
    (seeds / "feeds.json").write_text('[{"url": "ftp://mfa.example.org/rss"}]')
    with pytest.raises(services.ReferenceDataError, match=r"feeds\.json entry 0: url only http and https links"):
        services.reference_data_load(seeds_dir=seeds)


# --------------------------------------------------------------------------- the home page


@pytest.mark.django_db(transaction=True)  # real commits: the data version is bumped on commit
def test_the_home_page_says_when_the_data_was_last_refreshed(client, web):
    assert "No articles yet." in client.get("/").content.decode()
    services.reference_data_load()
    feed = add_feed(web, "/feeds/atom.xml")
    before = client.get("/")

    feed_poll(feed=feed)

    after = client.get("/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200  # the poll changed what the page says: no 304
    article = models.Article.objects.get()
    feed.refresh_from_db()
    page = after.content.decode()
    assert f'Last refreshed <time datetime="{article.created_at.isoformat()}">' in page
    assert f'feeds last polled <time datetime="{feed.last_polled_at.isoformat()}">' in page
    # A poll that stores nothing (304) still moves "feeds last polled": the page changes.
    assert feed_poll(feed=feed).status == "not_modified"
    assert client.get("/", HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 200
