"""Feeds in the admin: the ministries' RSS/Atom feeds to poll, how each poll went, what it produced.

A feed is saved through services.feed_save; "Poll selected feeds now" polls in this request on
SQLite, or queues the polls for the workers on PostgreSQL (relations/tasks.py). A feed's page shows
its last error and its recent polls with the meetings they created or merged into.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import F
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from relations.models import Feed, FeedPoll, MeetingSource
from relations.services.decisions import reference_delete
from relations.services.feeds import feed_save, feeds_poll, poll_summary

from .common import admin_link

RECENT_POLLS = 10


@admin.register(Feed)
class FeedAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "publisher", "active", "poll_interval", "last_polled_at", "last_status", "failures")
    list_filter = ("active", "last_status", "language")
    search_fields = ("title", "url", "publisher")
    list_select_related = ()  # no FK columns
    actions = ("poll_now",)
    readonly_fields = (
        "last_polled_at",
        "last_status",
        "last_error",
        "failures",
        "next_poll_at",
        "etag",
        "last_modified",
        "recent_polls",
    )
    fieldsets = (
        (None, {"fields": ("url", "title", "publisher", "language", "active", "poll_interval")}),
        ("Polls", {"fields": ("last_polled_at", "last_status", "last_error", "failures", "next_poll_at")}),
        ("Recent polls", {"fields": ("recent_polls",)}),
        ("Conditional GET", {"classes": ("collapse",), "fields": ("etag", "last_modified")}),
    )

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        feed_save(feed=obj, user=request.user)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        reference_delete(instances=[obj], user=request.user)  # load_seeds will not add it again

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        reference_delete(instances=list(queryset), user=request.user)

    @admin.action(description="Poll selected feeds now", permissions=["change"])
    def poll_now(self, request, queryset):  # type: ignore[no-untyped-def]
        feeds = list(queryset)
        if settings.TASK_QUEUE:
            from relations.tasks import defer_feed_polls

            queued = defer_feed_polls(feeds)
            self.message_user(request, f"{queued} feed poll(s) queued for the workers", messages.SUCCESS)
            return
        for poll in feeds_poll(feeds=feeds):
            failed = poll.status == Feed.Status.FAILED or poll.failed
            self.message_user(request, poll_summary(poll), messages.WARNING if failed else messages.SUCCESS)
            for error in poll.errors:
                self.message_user(request, error["error"], messages.WARNING)

    @admin.display(description="recent polls")
    def recent_polls(self, obj: Feed) -> str:
        if obj.pk is None:
            return "-"
        polls = list(obj.polls.all()[:RECENT_POLLS])
        if not polls:
            return "Not polled yet."
        produced = defaultdict(list)
        links = MeetingSource.objects.filter(article__feed_polls__in=polls).select_related("meeting")
        for link in links.annotate(poll_id=F("article__feed_polls")).order_by("meeting_id"):
            produced[link.poll_id].append(link)
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    f"{poll.started_at:%Y-%m-%d %H:%M}",
                    poll.get_status_display(),
                    poll.entries,
                    poll.new_articles,
                    poll.known,
                    poll.failed,
                    format_html_join(
                        mark_safe("<br>"), "{} ({})", ((admin_link(s.meeting), s.how) for s in produced[poll.pk])
                    )
                    or "-",
                    format_html_join(mark_safe("<br>"), "{}", ((e["error"],) for e in poll.errors)) or "-",
                )
                for poll in polls
            ),
        )
        return format_html(
            "<table><thead><tr><th>started</th><th>status</th><th>entries</th><th>new</th><th>known</th>"
            "<th>failed</th><th>meetings</th><th>errors</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )


@admin.register(FeedPoll)
class FeedPollAdmin(admin.ModelAdmin):
    """Every poll of every feed, read-only: what each saw, stored and failed on."""

    list_display = ("feed", "started_at", "status", "entries", "new_articles", "known", "meetings_created", "failed")
    list_filter = ("status", "feed")
    search_fields = ("feed__url", "feed__title")
    list_select_related = ("feed",)
    fields = (
        "feed",
        "started_at",
        "finished_at",
        "status",
        "http_status",
        "entries",
        "new_articles",
        "known",
        "meetings_created",
        "meetings_merged",
        "failed",
        "errors",
    )
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
