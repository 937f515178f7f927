"""Admin for articles, meetings and the links extracted from articles (parties, participants, ...).

Meeting edits go through `services.meeting_curator_update`, which locks what a curator changed
against re-ingest; status actions go through `services.meeting_set_status`; rows a curator adds
through an inline or a link's own page are stamped `origin="curator"`.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Prefetch
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from relations import services
from relations.extraction.articles import content_hash, normalise_text
from relations.models import (
    Article,
    Evidence,
    Meeting,
    MeetingCountry,
    MeetingForum,
    MeetingParticipant,
    MeetingSector,
    MeetingSource,
    MeetingStatus,
)
from relations.validators import ArticleURLFormField

from .common import EVIDENCE_FIELDS, EvidenceInlineMixin, ReadOnlyInlineMixin, admin_link, count_of, titled

# The name under which a curator's edit of each link set is locked against re-ingest.
LINK_SETS = {
    MeetingCountry: "countries",
    MeetingParticipant: "participants",
    MeetingSector: "sectors",
    MeetingForum: "forums",
}


class MeetingCountryInline(EvidenceInlineMixin, admin.TabularInline):
    model = MeetingCountry
    fields = ("country", *EVIDENCE_FIELDS)
    autocomplete_fields = ("country",)


class MeetingParticipantInline(EvidenceInlineMixin, admin.TabularInline):
    model = MeetingParticipant
    fields = ("raw_name", "official", "country", "title", *EVIDENCE_FIELDS)
    autocomplete_fields = ("official", "country")
    show_change_link = True
    # Narrower text boxes keep the row (with its evidence column) inside the page on a laptop screen.
    formfield_overrides = {models.CharField: {"widget": forms.TextInput(attrs={"size": 22})}}

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("official")  # the row label may be the official's name


class MeetingSectorInline(EvidenceInlineMixin, admin.TabularInline):
    model = MeetingSector
    fields = ("sector", *EVIDENCE_FIELDS)
    autocomplete_fields = ("sector",)


class MeetingForumInline(EvidenceInlineMixin, admin.TabularInline):
    model = MeetingForum
    fields = ("forum", *EVIDENCE_FIELDS)
    autocomplete_fields = ("forum",)


class MeetingSourceInline(admin.TabularInline):
    model = MeetingSource
    fields = ("article", "how", "created_at")
    readonly_fields = ("how", "created_at")
    autocomplete_fields = ("article",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("article")  # each row is labelled with the article


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


# --------------------------------------------------------------------------- articles


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

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance._state.adding and cleaned.get("text"):
            cleaned["text"] = normalise_text(cleaned["text"])
            digest = content_hash(cleaned.get("title") or "", cleaned["text"])
            existing = Article.objects.filter(content_hash=digest).first()
            if existing is not None:
                raise ValidationError(f"This text is already stored as article #{existing.pk}: {existing.title}")
            self.instance.content_hash = digest
        return cleaned


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ("title", "publisher", "published", "meeting_count", "extractor_version")
    list_filter = ("publisher", "published")
    search_fields = ("title", "url", "publisher")
    list_select_related = ()  # no FK columns
    autocomplete_fields = ("countries_mentioned",)
    date_hierarchy = "published"
    ordering = ("-published", "-id")
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

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # The text is what was hashed and extracted: editable when pasting a new article, never after.
        machine = ("extractor_version", "extracted_at", "extraction_json", "content_hash")
        return machine if obj is None else ("text", *machine)

    def response_add(self, request, obj, post_url_continue=None):  # type: ignore[no-untyped-def]
        # After the article and its inlines are saved: a pasted article is read like an ingested one.
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


# --------------------------------------------------------------------------- meetings


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("date", "title", "party_codes", "format", "location", "status", "source_count")
    list_display_links = ("date", "title")
    list_filter = (
        "status",
        "format",
        ("countries", titled(admin.RelatedOnlyFieldListFilter, "party")),
        ("sectors", titled(admin.RelatedOnlyFieldListFilter, "sector")),
        ("forums", titled(admin.RelatedOnlyFieldListFilter, "forum")),
    )
    date_hierarchy = "date"
    search_fields = ("title", "summary", "participants__raw_name", "articles__title", "=countries__iso3")
    list_select_related = ("location_country",)
    autocomplete_fields = ("location_country", "host_country")
    ordering = ("-date", "-id")
    actions = ("mark_verified", "mark_rejected")
    readonly_fields = ("date_evidence", "format_evidence", "location_evidence", "locked_fields")
    fieldsets = (
        ("What", {"fields": ("title", "format", "format_evidence", "host_country")}),
        ("When", {"fields": ("date", "date_precision", "date_evidence")}),
        ("Where", {"fields": ("location_country", "location_city", "location_evidence")}),
        ("Status", {"fields": ("status", "locked_fields")}),
        ("Summary", {"fields": ("summary",)}),
    )
    inlines = (
        MeetingCountryInline,
        MeetingParticipantInline,
        MeetingSectorInline,
        MeetingForumInline,
        MeetingSourceInline,
    )

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        sources = MeetingSource.objects.filter(meeting=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(source_count=count_of(sources, "meeting"))
            .prefetch_related(Prefetch("parties", queryset=MeetingCountry.objects.only("meeting", "country")))
        )

    @admin.display(description="parties")
    def party_codes(self, obj: Meeting) -> str:
        return ", ".join(party.country_id for party in obj.parties.all())

    @admin.display(description="location", ordering="location_city")
    def location(self, obj: Meeting) -> str | None:
        parts = [obj.location_city, obj.location_country.name if obj.location_country else ""]
        return ", ".join(part for part in parts if part) or None

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, obj: Meeting) -> int:
        return obj.source_count  # type: ignore[attr-defined]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        services.meeting_curator_update(meeting=obj, changed_fields=form.changed_data, user=request.user)

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        instances = formset.save(commit=False)
        for gone in formset.deleted_objects:
            gone.delete()
        for instance in instances:
            if instance._state.adding:
                # A row typed in by a curator is curated data, not an extraction.
                if isinstance(instance, Evidence):
                    instance.origin = Evidence.Origin.CURATOR
                if isinstance(instance, MeetingSource):
                    instance.how = "curator"
            instance.save()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        edited = [
            LINK_SETS[formset.model]
            for formset in formsets
            if formset.model in LINK_SETS
            and (formset.new_objects or formset.changed_objects or formset.deleted_objects)
        ]
        if edited:
            services.meeting_curator_update(meeting=form.instance, changed_fields=edited, user=request.user)
        # A party added by hand needs its bilateral relation rows, as an extracted one gets them.
        services.relations_ensure_for_meeting(meeting=form.instance)

    @admin.action(description="Mark selected meetings verified", permissions=["change"])
    def mark_verified(self, request, queryset):  # type: ignore[no-untyped-def]
        self._set_status(request, queryset, MeetingStatus.VERIFIED)

    @admin.action(description="Mark selected meetings rejected", permissions=["change"])
    def mark_rejected(self, request, queryset):  # type: ignore[no-untyped-def]
        self._set_status(request, queryset, MeetingStatus.REJECTED)

    def _set_status(self, request, queryset, status: MeetingStatus) -> None:  # type: ignore[no-untyped-def]
        changed = unchanged = 0
        for meeting in queryset.prefetch_related(None):
            before = meeting.status
            try:
                services.meeting_set_status(meeting=meeting, status=status, user=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{meeting}: {' '.join(exc.messages)}", messages.ERROR)
                continue
            if before == status:
                unchanged += 1
            else:
                changed += 1
        if changed or unchanged:
            label = status.label.lower()
            self.message_user(request, f"{changed} meeting(s) marked {label}; {unchanged} already were.")


class EvidenceAdmin(SimpleHistoryAdmin):
    """Base for the per-link admins: evidence read-only, curator-added rows stamped as such."""

    readonly_fields = ("evidence", "evidence_start", "evidence_end", "origin")
    ordering = ("-meeting__date", "meeting_id", "id")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change:
            obj.origin = Evidence.Origin.CURATOR
        super().save_model(request, obj, form, change)

    @admin.display(description="evidence")
    def evidence_excerpt(self, obj: Evidence) -> str:
        return obj.evidence if len(obj.evidence) <= 80 else f"{obj.evidence[:79]}…"


@admin.register(MeetingCountry)
class MeetingCountryAdmin(EvidenceAdmin):
    list_display = ("meeting", "country", "origin", "evidence_excerpt")
    list_filter = ("origin", ("country", admin.RelatedOnlyFieldListFilter))
    search_fields = ("meeting__title", "=country__iso3", "country__name", "evidence")
    list_select_related = ("meeting", "country")
    autocomplete_fields = ("meeting", "country", "source")

    # Parties changed here, outside the meeting page, still keep relations and party_key in step.
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        services.relations_ensure_for_meeting(meeting=obj.meeting)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        super().delete_model(request, obj)
        services.relations_ensure_for_meeting(meeting=obj.meeting)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        meetings = list(Meeting.objects.filter(pk__in=queryset.values("meeting_id")))
        super().delete_queryset(request, queryset)
        for meeting in meetings:
            services.relations_ensure_for_meeting(meeting=meeting)


@admin.register(MeetingParticipant)
class MeetingParticipantAdmin(EvidenceAdmin):
    list_display = ("raw_name", "title", "country", "official", "meeting", "origin")
    # "Official: empty" lists the mentions still to resolve to a person.
    list_filter = (("official", admin.EmptyFieldListFilter), "origin", ("country", admin.RelatedOnlyFieldListFilter))
    search_fields = ("raw_name", "title", "official__name", "meeting__title", "evidence")
    list_select_related = ("country", "official", "meeting")
    autocomplete_fields = ("meeting", "official", "country", "source")


@admin.register(MeetingSector)
class MeetingSectorAdmin(EvidenceAdmin):
    list_display = ("meeting", "sector", "origin", "evidence_excerpt")
    list_filter = ("origin", "sector")
    search_fields = ("meeting__title", "sector__slug", "sector__name", "evidence")
    list_select_related = ("meeting", "sector")
    autocomplete_fields = ("meeting", "sector", "source")


@admin.register(MeetingForum)
class MeetingForumAdmin(EvidenceAdmin):
    list_display = ("meeting", "forum", "origin", "evidence_excerpt")
    list_filter = ("origin", ("forum", admin.RelatedOnlyFieldListFilter))
    search_fields = ("meeting__title", "forum__acronym", "forum__name", "evidence")
    list_select_related = ("meeting", "forum")
    autocomplete_fields = ("meeting", "forum", "source")


@admin.register(MeetingSource)
class MeetingSourceAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "article", "how", "created_at")
    list_filter = ("how", "created_at")
    search_fields = ("meeting__title", "article__title", "article__url")
    list_select_related = ("meeting", "article")
    autocomplete_fields = ("meeting", "article")
    ordering = ("-created_at", "-id")
