"""Feeds: poll a ministry's RSS or Atom feed and ingest its new entries' pages.

A poll sends a conditional GET (the ETag and Last-Modified of the last answer), reads the feed with
feedparser, and ingests each entry's page by URL through services.web (an entry whose URL is
stored is skipped without a request; a text stored under another URL comes out "known"). Each
poll is recorded (FeedPoll): entries seen, new articles, meetings created or merged, failures with
their URL and reason. A feed that fails waits twice as long after each failure in a row (at most a
day); its last error shows in the admin. The same function runs in-process (`manage.py poll_feeds
--once`) and as a queued task (relations/tasks.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urljoin

import feedparser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from relations.extraction import ArticleError
from relations.fetch import Fetcher, FetchError
from relations.models import Article, Feed, FeedPoll

from .decisions import User, reference_save
from .linking import IngestContext, Outcome
from .versions import data_changed
from .web import EntryHints, url_ingest, url_known

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
MAX_BACKOFF = timedelta(days=1)


@dataclass(frozen=True)
class FeedEntry:
    """An entry of a feed: its page's absolute URL and what the feed says of it."""

    url: str
    hints: EntryHints


def feed_save(*, feed: Feed, user: User = None) -> Feed:
    """Create or change a feed, recording a curator's edits so that `load_seeds` keeps them."""
    reference_save(instance=feed, user=user)
    return feed


def feeds_due(*, now: datetime | None = None) -> QuerySet[Feed]:
    """Active feeds whose next poll time has come."""
    now = now or timezone.now()
    return Feed.objects.filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now), active=True)


def feeds_poll(*, feeds: list[Feed] | None = None, fetcher: Fetcher | None = None) -> list[FeedPoll]:
    """Poll the given feeds (by default those due), one after another; returns their polls."""
    feeds = list(feeds_due()) if feeds is None else feeds
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        return [feed_poll(feed=feed, fetcher=fetcher) for feed in feeds]
    finally:
        if own:
            fetcher.close()


def feed_poll(*, feed: Feed, fetcher: Fetcher | None = None) -> FeedPoll:
    """Poll one feed now, ingest its new entries, and record the poll."""
    if fetcher is None:
        with Fetcher() as own:
            return feed_poll(feed=feed, fetcher=own)
    poll = FeedPoll(feed=feed, started_at=timezone.now(), status=Feed.Status.OK, errors=[])
    try:
        page = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT)
    except FetchError as exc:
        poll.http_status = exc.status
        return _record(feed, poll, [], failure=str(exc))
    poll.http_status = page.status
    if page.status == 304:
        poll.status = Feed.Status.NOT_MODIFIED
        return _record(feed, poll, [])
    parsed = feedparser.parse(
        page.body, response_headers={"content-location": page.url, "content-type": page.content_type or "text/xml"}
    )
    if not parsed.entries and (parsed.bozo or not parsed.version):
        problem = parsed.get("bozo_exception") or "no RSS or Atom in it"
        return _record(feed, poll, [], failure=f"{feed.url}: not an RSS or Atom feed ({problem})")
    articles = _ingest_entries(feed, poll, _entries(parsed, feed, page.url), fetcher)
    # Keep the validators only when every entry was dealt with: after a failure that may pass (a
    # timeout), the next poll must see the entries again rather than a 304.
    if not any(error.get("transient") for error in poll.errors):
        feed.etag, feed.last_modified = page.etag[:255], page.last_modified[:64]
    return _record(feed, poll, articles)


def _entries(parsed: feedparser.FeedParserDict, feed: Feed, base: str) -> list[FeedEntry | str]:
    """Each entry's absolute URL and hints, or the reason it has none."""
    entries: list[FeedEntry | str] = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            entries.append(f"{feed.url}: the entry {entry.get('title', '')[:80]!r} has no link")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        hints = EntryHints(
            title=entry.get("title", "")[:500],
            published=date(*stamp[:3]) if stamp else None,
            publisher=feed.publisher,
            language=feed.language,
        )
        entries.append(FeedEntry(urljoin(base, link), hints))  # a relative link is relative to the feed
    return entries


def _ingest_entries(feed: Feed, poll: FeedPoll, entries: list[FeedEntry | str], fetcher: Fetcher) -> list[int]:
    poll.entries = len(entries)
    articles: list[int] = []
    ctx: IngestContext | None = None
    for entry in entries:
        if isinstance(entry, str):
            poll.failed += 1
            poll.errors.append({"error": entry})
            continue
        if url_known(entry.url) is not None:
            poll.known += 1
            continue
        ctx = ctx or IngestContext.load()
        try:
            result = url_ingest(url=entry.url, fetcher=fetcher, hints=entry.hints, ctx=ctx)
        except ArticleError as exc:
            poll.failed += 1
            cause = exc.__cause__
            poll.errors.append({"error": str(exc), "transient": isinstance(cause, FetchError) and cause.transient})
            continue
        if not result.created:
            poll.known += 1
            continue
        poll.new_articles += 1
        articles.append(result.article.pk)
        if result.meetings:  # an article may report several meetings: each counts
            poll.meetings_created += len(result.meetings) - len(result.merged)
            poll.meetings_merged += len(result.merged)
        else:
            poll.meetings_created += result.outcome == Outcome.NEW
            poll.meetings_merged += result.outcome == Outcome.MERGED
    return articles


def _record(feed: Feed, poll: FeedPoll, articles: list[int], failure: str = "") -> FeedPoll:
    """Save the poll and the feed's state in one transaction."""
    now = timezone.now()
    poll.finished_at = now
    if failure:
        poll.status = Feed.Status.FAILED
        poll.errors.append({"error": failure})
        feed.failures += 1
        wait = min(timedelta(minutes=feed.poll_interval) * 2**feed.failures, MAX_BACKOFF)
    else:
        feed.failures = 0
        wait = timedelta(minutes=feed.poll_interval)
    feed.last_polled_at, feed.last_status, feed.last_error = now, poll.status, failure
    feed.next_poll_at = now + wait
    with transaction.atomic():
        poll.save()
        if articles:
            poll.articles.set(Article.objects.filter(pk__in=articles))
        # update(), not save(): a poll's bookkeeping is no curator edit (no history entry per poll).
        Feed.objects.filter(pk=feed.pk).update(
            last_polled_at=feed.last_polled_at,
            last_status=feed.last_status,
            last_error=feed.last_error,
            failures=feed.failures,
            next_poll_at=feed.next_poll_at,
            etag=feed.etag,
            last_modified=feed.last_modified,
        )
        data_changed()  # the home page says when feeds were last polled: its ETag must change
    return poll


def poll_summary(poll: FeedPoll) -> str:
    """One line: what a poll did."""
    if poll.status == Feed.Status.FAILED:
        return f"{poll.feed.url}: failed ({poll.feed.last_error.removeprefix(poll.feed.url + ': ')})"
    if poll.status == Feed.Status.NOT_MODIFIED:
        return f"{poll.feed.url}: not modified since the last poll"
    return (
        f"{poll.feed.url}: {poll.entries} entries, {poll.new_articles} new articles, {poll.known} already known, "
        f"{poll.meetings_created} meetings created, {poll.meetings_merged} merged, {poll.failed} failed"
    )
