"""The background tasks (relations/tasks.py, issue 14): in-process on any database, and through the
procrastinate queue on PostgreSQL, where a worker processes the queued jobs until the queue is empty."""

from __future__ import annotations

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from relations import models, services, tasks
from relations.extraction import ArticleError

queue_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the task queue (procrastinate) keeps its jobs in PostgreSQL"
)


@pytest.fixture
def reference(db) -> None:
    services.reference_data_load()


@pytest.mark.django_db
def test_the_poll_task_run_in_process_polls_its_feed(web, reference):
    feed = services.feeds.feed_save(feed=models.Feed(url=web.url("/feeds/atom.xml")))

    tasks.poll_feed(feed_id=feed.pk)
    tasks.poll_feed(feed_id=feed.pk + 1000)  # a feed deleted since it was queued: nothing to do

    poll = models.FeedPoll.objects.get()
    assert (poll.status, poll.new_articles, poll.meetings_created) == ("ok", 1, 1)


@pytest.mark.django_db
def test_the_url_task_logs_a_page_that_is_no_article_and_raises_what_may_pass_for_a_retry(
    web, reference, settings, caplog
):
    tasks.ingest_url(url=web.url("/missing.html"))
    assert f"{web.url('/missing.html')}: HTTP 404 Not Found" in caplog.text

    settings.FETCH_TIMEOUT = 0.5
    with pytest.raises(ArticleError, match="timed out"):
        tasks.ingest_url(url=web.url("/slow.html"))
    assert models.Article.objects.count() == 0


def worker_until_empty() -> None:
    """What `manage.py procrastinate worker` runs (its own psycopg connections), stopping once the queue is empty."""
    from procrastinate.contrib.django import app

    def run() -> None:
        with app.replace_connector(app.connector.get_worker_connector()):  # type: ignore[attr-defined]
            app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)

    # In a thread of its own: asyncio.run() refuses a thread whose event loop an earlier test left running
    # (Playwright's sync API does).
    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "the worker did not stop once the queue was empty"


def jobs() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT task_name, status FROM procrastinate_jobs ORDER BY id")
        return list(cursor.fetchall())


@pytest.fixture
def queue(transactional_db, monkeypatch):  # type: ignore[no-untyped-def]
    """The worker's threads close their connections after each job (none is left to block dropping the
    test database); the queue's tables are procrastinate's own (not flushed between tests): emptied after."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM procrastinate_events; DELETE FROM procrastinate_periodic_defers; DELETE FROM procrastinate_jobs"
        )


@queue_only
@pytest.mark.postgres
def test_feed_polls_queued_are_run_by_a_worker_once_and_a_second_poll_ingests_nothing(web, queue):
    services.reference_data_load()
    feed = services.feeds.feed_save(feed=models.Feed(url=web.url("/feeds/rss.xml")))

    out = StringIO()
    call_command("poll_feeds", "--queue", stdout=out)
    assert out.getvalue().strip() == "1 feed poll(s) queued"
    assert tasks.defer_feed_polls([feed]) == 0  # already queued: not twice
    assert models.Article.objects.count() == 0  # nothing runs until a worker takes the job

    worker_until_empty()

    assert ("relations.poll_feed", "succeeded") in jobs()
    poll = models.FeedPoll.objects.get()
    assert (poll.status, poll.entries, poll.new_articles, poll.meetings_created, poll.failed) == ("ok", 3, 2, 2, 1)
    assert models.Meeting.objects.count() == 2

    assert tasks.defer_feed_polls([feed]) == 1
    worker_until_empty()

    assert list(models.FeedPoll.objects.values_list("status", flat=True)) == ["not_modified", "ok"]
    assert models.Article.objects.count() == 2


@queue_only
@pytest.mark.postgres
def test_urls_queued_are_fetched_and_ingested_by_a_worker(web, queue):
    services.reference_data_load()
    out = StringIO()
    call_command("ingest_urls", "--queue", web.url("/news/visit.html"), web.url("/missing.html"), stdout=out)
    assert out.getvalue().strip() == "2 URL(s) queued"

    worker_until_empty()

    # The 404 is logged, not retried (the worker also ran the periodic poll of due feeds: none).
    assert [job for job in jobs() if job[0] == "relations.ingest_url"] == [("relations.ingest_url", "succeeded")] * 2
    assert models.Article.objects.get().url == web.url("/news/visit.html")
    assert models.Meeting.objects.get().status == models.MeetingStatus.EXTRACTED


@queue_only
@pytest.mark.postgres
def test_the_periodic_task_queues_the_due_feeds(web, queue):
    services.feeds.feed_save(feed=models.Feed(url=web.url("/feeds/atom.xml")))
    services.feeds.feed_save(feed=models.Feed(url=web.url("/feeds/rss.xml"), active=False))

    assert tasks.poll_due_feeds(timestamp=0) == 1
    assert jobs() == [("relations.poll_feed", "todo")]
