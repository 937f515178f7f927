"""Admin for articles: the texts meetings are extracted from, and the meetings each reports.

An article pasted here is hashed as ingest hashes it and then read by the extractor, through the
same service as `manage.py reextract_articles`; its text is never edited after.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from relations import services
from relations.extraction.articles import ArticleError, content_hash, normalise_text
from relations.fetch import Fetcher
from relations.models import Article, MeetingSource
from relations.services.web import describe_result
from relations.validators import ArticleURLFormField

from .common import CountOncePaginator, LimitedChangeList, ReadOnlyInlineMixin, YearFilter, admin_link, count_of
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

    def clean(self) -> dict:
        cleaned = super().clean()
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
        hints = services.EntryHints(
            title=cleaned.get("title") or "",
            published=cleaned.get("published"),
            publisher=cleaned.get("publisher") or "",
            language=cleaned.get("language") or "",
        )
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
class ArticleAdmin(SimpleHistoryAdmin):
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
        if not change and getattr(form, "fetched", None) is not None:
            # A fetched page goes through ingest whole (article, meeting, evidence); obj becomes that article.
            try:
                result = services.fetched_article_ingest(fetched=form.fetched)
            except ArticleError as exc:
                raise ValidationError(str(exc)) from None
            stored = Article.objects.get(pk=result.article.pk)
            obj.__dict__.update({k: v for k, v in stored.__dict__.items() if k != "_state"})
            obj._state.adding = False
            obj._fetched = result  # type: ignore[attr-defined]
            return
        services.article_update(article=obj, changed_fields=form.changed_data if change else (), user=request.user)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        services.articles_delete(articles=[obj], user=request.user)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        services.articles_delete(articles=list(queryset), user=request.user)

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        if getattr(form.instance, "_fetched", None) is not None:
            # Ingest set the article's countries and links: the form's empty many-to-many fields would clear them.
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)

    def response_add(self, request, obj, post_url_continue=None):  # type: ignore[no-untyped-def]
        # After the article and its inlines are saved: a pasted article is read like an ingested one.
        fetched = getattr(obj, "_fetched", None)
        if fetched is not None:
            self.message_user(request, describe_result(obj.url, fetched), messages.SUCCESS)
            return super().response_add(request, obj, post_url_continue)
        self._reextract(request, [obj.pk])
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description="Read selected articles again with the current extractor", permissions=["change"])
    def read_again(self, request, queryset):  # type: ignore[no-untyped-def]
        self._reextract(request, list(queryset.values_list("pk", flat=True)))

    def _reextract(self, request, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
        """Through the same service as `manage.py reextract_articles`: curators' work is kept."""
        report = services.articles_reextract(article_ids=ids)
        self.message_user(request, report.summary(), messages.ERROR if report.failed else messages.SUCCESS)
        for line in [*report.errors, *report.lost]:
            self.message_user(request, line, messages.WARNING)

    @admin.display(description="meetings", ordering="meeting_count")
    def meeting_count(self, obj: Article) -> int:
        return obj.meeting_count  # type: ignore[attr-defined]

    @admin.display(description="extraction")
    def extraction_json(self, obj: Article) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.extraction, indent=2, ensure_ascii=False, sort_keys=True))
