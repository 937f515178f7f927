"""Admin for articles: the texts meetings are extracted from, and the meetings each reports.

An article pasted here goes through `services.article_ingest`, the service of the API's POST and
of `ingest_articles`: an article the extractor refuses (it names no country) is refused here
too, with the same message, and nothing is stored; otherwise the curator lands on the meeting it
produced with one message ("Created meeting #12", "Added as the second source of meeting #7").
Its text is never edited after; "read again" re-extracts through `services.articles_reextract`.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from relations import services
from relations.extraction.articles import ArticleError, content_hash, make_article, normalise_text
from relations.fetch import Fetcher
from relations.models import Article, MeetingSource
from relations.validators import ArticleURLFormField

from .common import (
    CountOncePaginator,
    LimitedChangeList,
    ReadOnlyInlineMixin,
    ServiceFormMixin,
    ServiceRefused,
    YearFilter,
    admin_link,
    count_of,
)
from .search import article_admin_search, publisher_names


class ArticleMeetingInline(ReadOnlyInlineMixin, admin.TabularInline):
    """The meetings an article reports, read-only: links are curated from the meeting's page."""

    model = MeetingSource
    fields = ("meeting_link", "how", "created_at")
    readonly_fields = fields
    extra = 0
    verbose_name = "meeting"
    verbose_name_plural = "meetings reported"

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("meeting", "article")

    @admin.display(description="meeting")
    def meeting_link(self, obj: MeetingSource) -> str:
        return admin_link(obj.meeting)


class ArticleAdminForm(forms.ModelForm):
    """On add, hashes the text as ingest does, so a pasted article already stored is refused."""

    # Declared so that a scheme-less URL gets https:// (Django 6 default) without the deprecation warning.
    url = ArticleURLFormField(
        label="URL",
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text=Article._meta.get_field("url").help_text,
    )

    class Meta:
        model = Article
        fields = ("title", "url", "publisher", "published", "language", "text", "countries_mentioned")

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and "text" in self.fields:
            self.fields["title"].required = self.fields["text"].required = False
            self.fields["url"].help_text += " Give a URL and no text to have the page fetched and read."

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned: dict[str, Any] = self.cleaned_data  # what ModelForm.clean() returns
        if self.instance._state.adding and not cleaned.get("text") and "text" not in self.errors:
            self._fetch(cleaned)
            return cleaned
        if self.instance._state.adding and not cleaned.get("title") and "title" not in self.errors:
            self.add_error("title", "This field is required.")
        if self.instance._state.adding and cleaned.get("text"):
            cleaned["text"] = normalise_text(cleaned["text"])
            digest = content_hash(cleaned.get("title") or "", cleaned["text"])
            existing = Article.objects.filter(content_hash=digest).first()
            if existing is not None:
                raise ValidationError(f"This text is already stored as article #{existing.pk}: {existing.title}")
            self.instance.content_hash = digest
        return cleaned

    def _fetch(self, cleaned: dict) -> None:
        url = cleaned.get("url")
        if not url:
            if "url" not in self.errors:
                self.add_error("text", "Paste the text, or give a URL to fetch it from.")
            return
        hints = services.EntryHints.given(cleaned)
        try:
            with Fetcher() as fetcher:
                read = services.url_read(url=url, fetcher=fetcher, hints=hints)
        except ArticleError as exc:
            self.add_error("url", str(exc))
            return
        if isinstance(read, Article):
            self.add_error("url", f"This URL is already stored as article #{read.pk}: {read}")
            return
        existing = Article.objects.filter(content_hash=read.article.content_hash).first()
        if existing is not None:
            self.add_error("url", f"This page's text is already stored as article #{existing.pk}: {existing.title}")
            return
        self.fetched = read


class PublisherFilter(admin.SimpleListFilter):
    """The publishers, from article_publisher_idx (Django's list of all values read every article)."""

    title = "publisher"
    parameter_name = "publisher"  # that of the all-values filter it replaces

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [(name, name) for name in publisher_names()]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        return queryset.filter(publisher=self.value()) if self.value() is not None else queryset


class PublishedYearFilter(YearFilter):
    parameter_name, field = "published__year", "published"


@admin.register(Article)
class ArticleAdmin(ServiceFormMixin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ("title", "publisher", "published", "meeting_count", "extractor_version")
    list_filter = (PublisherFilter, "published", PublishedYearFilter)
    # What get_search_results matches, through indexes (relations/admin/search.py); kept for the search box.
    search_fields = ("title", "url", "publisher")
    show_full_result_count = False  # no second COUNT over all articles
    paginator = CountOncePaginator  # a filter set is counted once per data version, not on every page
    list_select_related = ()  # no FK columns
    autocomplete_fields = ("countries_mentioned",)
    ordering = ("-published", "-id")  # article_published_idx, read backwards
    inlines = (ArticleMeetingInline,)
    actions = ("read_again",)
    fieldsets = (
        (None, {"fields": ("title", "url", "publisher", "published", "language")}),
        ("Text", {"fields": ("text",)}),
        (
            "Extraction",
            {"fields": ("countries_mentioned", "extractor_version", "extracted_at", "extraction_json", "content_hash")},
        ),
    )

    add_fieldsets = (
        (None, {"fields": ("title", "url", "publisher", "published", "language")}),
        (
            "Text",
            {
                "fields": ("text",),
                "description": "Paste the article; the extractor reads it on Save and you land on the meeting it reports.",
            },
        ),
    )

    def get_fieldsets(self, request, obj=None):  # type: ignore[no-untyped-def]
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        links = MeetingSource.objects.filter(article=OuterRef("pk"))
        return super().get_queryset(request).annotate(meeting_count=count_of(links, "article"))

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        return article_admin_search(queryset, search_term), False

    def get_changelist(self, request, **kwargs):  # type: ignore[no-untyped-def]
        return LimitedChangeList

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # The text is what was hashed and extracted: editable when pasting a new article, never after.
        machine = ("extractor_version", "extracted_at", "extraction_json", "content_hash")
        return machine if obj is None else ("text", *machine)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if change:
            services.article_update(article=obj, changed_fields=form.changed_data, user=request.user)
            return
        try:
            if getattr(form, "fetched", None) is not None:
                # A page fetched from the URL field (by the form's clean) goes through ingest whole.
                result = services.fetched_article_ingest(fetched=form.fetched)
            else:
                # A paste is ingested as the API's POST ingests it: stored with what it reports, or refused whole.
                data = form.cleaned_data
                article = make_article(
                    title=data.get("title") or None,
                    text=data.get("text"),
                    url=data.get("url") or "",
                    publisher=data.get("publisher") or "",
                    published=data.get("published"),
                    language=data.get("language") or "",
                    where="the pasted article",
                )
                result = services.article_ingest(article=article)
        except ArticleError as exc:
            raise ServiceRefused(ValidationError(services.refusal_message(exc))) from exc
        except ValidationError as exc:
            raise ServiceRefused(exc) from exc
        obj.pk, obj._state.adding = result.article.pk, False
        request.ingest_result = result

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        if change:
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        services.articles_delete(articles=[obj], user=request.user)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        services.articles_delete(articles=list(queryset), user=request.user)

    def construct_change_message(self, request, form, formsets, add=False):  # type: ignore[no-untyped-def]
        return super().construct_change_message(request, form, [] if add else formsets, add)

    def response_add(self, request, obj, post_url_continue=None):  # type: ignore[no-untyped-def]
        """Land on what the paste produced, with one message saying what it was."""
        result = getattr(request, "ingest_result", None)
        if result is None:
            return super().response_add(request, obj, post_url_continue)
        text = services.ingest_message(result)
        meeting = result.meetings[0] if len(result.meetings) == 1 else None
        if meeting is not None:
            self.message_user(request, f"{text}.", messages.SUCCESS)
            return redirect(reverse("admin:relations_meeting_change", args=[meeting.pk]))
        self.message_user(request, f"{text}.", messages.WARNING if result.created else messages.INFO)
        return redirect(reverse("admin:relations_article_change", args=[result.article.pk]))

    @admin.action(description="Read selected articles again with the current extractor", permissions=["change"])
    def read_again(self, request, queryset):  # type: ignore[no-untyped-def]
        self._reextract(request, list(queryset.values_list("pk", flat=True)))

    def _reextract(self, request, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
        """Through the same service as `manage.py reextract_articles`: curators' work is kept."""
        report = services.articles_reextract(article_ids=ids)
        self.message_user(request, report.summary(), messages.ERROR if report.failed else messages.SUCCESS)
        for line in [*report.errors, *report.lost, *report.unsplit]:
            self.message_user(request, line, messages.WARNING)

    @admin.display(description="meetings", ordering="meeting_count")
    def meeting_count(self, obj: Article) -> str:
        count = obj.meeting_count  # type: ignore[attr-defined]
        if not count:
            return "0"
        url = reverse("admin:relations_meeting_changelist") + f"?article={obj.pk}"
        return format_html('<a href="{}" title="The meetings this article reports">{}</a>', url, count)

    @admin.display(description="extraction")
    def extraction_json(self, obj: Article) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.extraction, indent=2, ensure_ascii=False, sort_keys=True))
