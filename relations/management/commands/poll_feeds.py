"""Poll the feeds in the database and ingest their new entries.

`--once` polls, in this process, the active feeds that are due (`--all`: every active feed;
`--feed ID`: these feeds, active or not) and exits: what a cron job or the SQLite default runs.
Without `--once` it goes on polling due feeds every `--every` seconds. `--queue` (PostgreSQL)
puts one job per due feed on the task queue instead, for the workers (relations/tasks.py).
One line per feed: entries, new articles, meetings created or merged, failures with URL and reason;
the exit status is non-zero when a feed or an entry failed.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from relations.models import Feed, FeedPoll
from relations.services.feeds import feeds_due, feeds_poll, poll_summary


class Command(BaseCommand):
    help = "Poll the feeds (in-process with --once) and ingest their new entries; one line per feed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Poll once, in this process, and exit.")
        parser.add_argument("--all", action="store_true", help="Every active feed, due or not.")
        parser.add_argument("--feed", type=int, action="append", default=[], help="This feed (by id), active or not.")
        parser.add_argument("--every", type=int, default=60, help="Without --once: seconds between rounds.")
        parser.add_argument("--queue", action="store_true", help="Queue one job per due feed for the workers.")

    def handle(self, *args: object, **options: object) -> None:
        if options["queue"]:
            self._queue()
            return
        if options["once"]:
            self._round(options)
            return
        while True:  # a small in-process scheduler for a single machine; production runs workers
            self._round(options, fail=False)
            time.sleep(max(int(options["every"]), 1))  # type: ignore[call-overload]

    def _feeds(self, options: dict) -> list[Feed] | None:
        if options["feed"]:
            feeds = list(Feed.objects.filter(pk__in=options["feed"]))
            missing = sorted(set(options["feed"]) - {f.pk for f in feeds})
            if missing:
                raise CommandError(f"no feed with id {', '.join(map(str, missing))}")
            return feeds
        if options["all"]:
            return list(Feed.objects.filter(active=True))
        return None  # those due

    def _round(self, options: dict, fail: bool = True) -> None:
        polls = feeds_poll(feeds=self._feeds(options))
        for poll in polls:
            self._report(poll)
        failed = sum(p.status == Feed.Status.FAILED for p in polls)
        entries = sum(p.failed for p in polls)
        summary = (
            f"{len(polls)} feed(s) polled: {sum(p.new_articles for p in polls)} new articles, "
            f"{sum(p.meetings_created for p in polls)} meetings created, {sum(p.meetings_merged for p in polls)} "
            f"merged, {failed} feed(s) failed, {entries} entries failed"
        )
        self.stdout.write(self.style.SUCCESS(summary) if not (failed or entries) else summary)
        if fail and (failed or entries):
            raise CommandError(f"{failed} feed(s) and {entries} entries failed")

    def _report(self, poll: FeedPoll) -> None:
        self.stdout.write(poll_summary(poll))
        for error in poll.errors:
            self.stderr.write(self.style.ERROR(error["error"]))

    def _queue(self) -> None:
        if not settings.TASK_QUEUE:
            raise CommandError("--queue needs PostgreSQL (DATABASE_URL); on SQLite use --once")
        from relations.tasks import defer_feed_polls

        count = defer_feed_polls(feeds_due())
        self.stdout.write(self.style.SUCCESS(f"{count} feed poll(s) queued"))
