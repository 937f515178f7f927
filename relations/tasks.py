"""Background tasks on procrastinate, whose queue is PostgreSQL itself.

Why procrastinate rather than Celery: no broker to run (the database we already have is the queue),
and a job deferred inside a transaction exists only if that transaction commits, like the rows
it goes with. Workers (`manage.py procrastinate worker`) may run on many machines against the one
database; each also defers the periodic tasks (procrastinate makes sure one defer happens per tick).

The tasks are thin: each calls the service that the in-process commands call (`ingest_urls`,
`poll_feeds --once`), so both ways store the same rows. Politeness across workers: jobs that fetch
from one host share a procrastinate `lock`, so at most one of them runs at a time; within a job
relations.fetch keeps the delay between requests.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from relations.extraction import ArticleError
from relations.fetch import Fetcher, FetchError
from relations.models import Feed
from relations.services.feeds import feed_poll, feeds_due, poll_summary
from relations.services.web import describe_result, url_ingest

log = logging.getLogger(__name__)

# A timeout or a server error may pass: retried after 1, 2, 4 minutes.
RETRY = RetryStrategy(max_attempts=4, exponential_wait=60)


def host_lock(url: str) -> str:
    return f"host:{(urlsplit(url).hostname or '').lower()}"


@app.task(name="relations.ingest_url", queue="fetch", retry=RETRY)
def ingest_url(url: str) -> None:
    """Fetch one page and ingest its article; a page that holds no article is logged, not retried."""
    with Fetcher() as fetcher:
        try:
            result = url_ingest(url=url, fetcher=fetcher)
        except ArticleError as exc:
            if isinstance(exc.__cause__, FetchError) and exc.__cause__.transient:
                raise
            log.warning("%s", exc)
            return
    log.info("%s", describe_result(url, result))


@app.task(name="relations.poll_feed", queue="feeds", retry=RETRY)
def poll_feed(feed_id: int) -> None:
    """Poll one feed (its failures are recorded on the feed, which backs off by itself)."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return  # deleted since it was queued
    log.info("%s", poll_summary(feed_poll(feed=feed)))


@app.periodic(cron="* * * * *", periodic_id="poll_due_feeds")
@app.task(name="relations.poll_due_feeds", queue="feeds", queueing_lock="poll_due_feeds")
def poll_due_feeds(timestamp: int) -> int:
    """Every minute: queue a poll of each feed that is due."""
    return defer_feed_polls(feeds_due())


def defer_feed_polls(feeds: Iterable[Feed]) -> int:
    """Queue a poll of each feed (not twice for one feed; one job at a time per host); returns how many."""
    count = 0
    for feed in feeds:
        try:
            poll_feed.configure(lock=host_lock(feed.url), queueing_lock=f"feed:{feed.pk}").defer(feed_id=feed.pk)
        except AlreadyEnqueued:
            continue
        count += 1
    return count


def defer_url_ingests(urls: Iterable[str]) -> int:
    """Queue a fetch and ingest of each URL (one job at a time per host); returns how many."""
    count = 0
    for url in urls:
        try:
            ingest_url.configure(lock=host_lock(url), queueing_lock=f"url:{url}"[:200]).defer(url=url)
        except AlreadyEnqueued:
            continue
        count += 1
    return count
