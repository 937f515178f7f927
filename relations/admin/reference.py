"""Admin for reference data: countries and their names, sectors, forums and memberships, officials."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import OuterRef
from simple_history.admin import SimpleHistoryAdmin

from relations.models import (
    CooperationSector,
    Country,
    CountryName,
    CuratorDecision,
    Forum,
    ForumMembership,
    MeetingParticipant,
    MeetingSector,
    Official,
    OfficialName,
    Position,
)

from .common import CuratedAdminMixin, ReadOnlyInlineMixin, count_of


class CountryNameInline(admin.TabularInline):
    model = CountryName
    fields = ("name", "kind")
    extra = 0


class CountryMembershipInline(admin.TabularInline):
    model = ForumMembership
    fields = ("forum", "status", "since")
    autocomplete_fields = ("forum",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("forum")  # each row is labelled str(membership)


class ForumMembershipInline(ReadOnlyInlineMixin, admin.TabularInline):
    """A forum's members, listed read-only: the UN has 195, and an editable row with a country
    autocomplete each made the page take seconds. Each row links to its own page for edits;
    new members are added through ForumMembershipAddInline."""

    model = ForumMembership
    fields = ("country", "status", "since")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name_plural = "memberships"

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("country", "forum")


class ForumMembershipAddInline(admin.TabularInline):
    """Blank rows for adding members to a forum (the existing ones are listed above)."""

    model = ForumMembership
    fields = ("country", "status", "since")
    autocomplete_fields = ("country",)
    extra = 0
    verbose_name_plural = "add memberships"

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).none()


class OfficialNameInline(admin.TabularInline):
    model = OfficialName
    fields = ("name",)
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    fields = ("title", "country", "start_date", "start_precision", "end_date", "end_precision")
    autocomplete_fields = ("country",)
    extra = 0
    show_change_link = True


# --------------------------------------------------------------------------- countries


@admin.register(Country)
class CountryAdmin(CuratedAdminMixin, SimpleHistoryAdmin):
    list_display = ("iso3", "iso2", "name", "official_name", "forum_count")
    list_filter = (("memberships__forum", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("=iso3", "=iso2", "name", "official_name", "names__name")
    list_select_related = ()  # no FK columns
    ordering = ("name",)
    inlines = (CountryNameInline, CountryMembershipInline)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        memberships = ForumMembership.objects.filter(country=OuterRef("pk"))
        return super().get_queryset(request).annotate(forum_count=count_of(memberships, "country"))

    @admin.display(description="forums", ordering="forum_count")
    def forum_count(self, obj: Country) -> int:
        return obj.forum_count  # type: ignore[attr-defined]


@admin.register(CountryName)
class CountryNameAdmin(CuratedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "country")
    list_filter = ("kind",)
    search_fields = ("name", "country__name", "=country__iso3")
    list_select_related = ("country",)
    autocomplete_fields = ("country",)
    ordering = ("country__name", "kind", "name")


# --------------------------------------------------------------------------- sectors and forums


@admin.register(CooperationSector)
class CooperationSectorAdmin(CuratedAdminMixin, SimpleHistoryAdmin):
    list_display = ("slug", "name", "word_list", "meeting_count")
    # Twenty-odd rows with nothing to group by: "recently edited" is the useful filter.
    list_filter = ("updated_at",)
    search_fields = ("slug", "name", "words")
    list_select_related = ()  # no FK columns
    ordering = ("slug",)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        links = MeetingSector.objects.filter(sector=OuterRef("pk"))
        return super().get_queryset(request).annotate(meeting_count=count_of(links, "sector"))

    @admin.display(description="words")
    def word_list(self, obj: CooperationSector) -> str:
        return ", ".join(obj.words)

    @admin.display(description="meetings", ordering="meeting_count")
    def meeting_count(self, obj: CooperationSector) -> int:
        return obj.meeting_count  # type: ignore[attr-defined]


@admin.register(Forum)
class ForumAdmin(CuratedAdminMixin, SimpleHistoryAdmin):
    list_display = ("acronym", "name", "kind", "founded", "parent", "registered", "member_count")
    list_filter = ("kind", "registered", ("parent", admin.RelatedOnlyFieldListFilter))
    search_fields = ("acronym", "name", "other_names")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    ordering = ("acronym",)
    inlines = (ForumMembershipInline, ForumMembershipAddInline)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        members = ForumMembership.objects.filter(forum=OuterRef("pk"), status=ForumMembership.Status.MEMBER)
        return super().get_queryset(request).annotate(member_count=count_of(members, "forum"))

    @admin.display(description="members", ordering="member_count")
    def member_count(self, obj: Forum) -> int:
        return obj.member_count  # type: ignore[attr-defined]


@admin.register(ForumMembership)
class ForumMembershipAdmin(CuratedAdminMixin, SimpleHistoryAdmin):
    list_display = ("forum", "country", "status", "since")
    list_filter = ("status", ("forum", admin.RelatedOnlyFieldListFilter))
    search_fields = ("forum__acronym", "forum__name", "=country__iso3", "country__name")
    list_select_related = ("forum", "country")
    autocomplete_fields = ("forum", "country")
    ordering = ("forum__acronym", "country__name")


# --------------------------------------------------------------------------- people


@admin.register(Official)
class OfficialAdmin(CuratedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "country", "meeting_count")
    list_filter = (("country", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name", "other_names__name", "=country__iso3", "country__name")
    list_select_related = ("country",)
    autocomplete_fields = ("country",)
    ordering = ("name",)
    inlines = (OfficialNameInline, PositionInline)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        participations = MeetingParticipant.objects.filter(official=OuterRef("pk"))
        return super().get_queryset(request).annotate(meeting_count=count_of(participations, "official"))

    @admin.display(description="meetings", ordering="meeting_count")
    def meeting_count(self, obj: Official) -> int:
        return obj.meeting_count  # type: ignore[attr-defined]


@admin.register(OfficialName)
class OfficialNameAdmin(CuratedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "official")
    list_filter = (("official__country", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name", "official__name")
    list_select_related = ("official",)
    autocomplete_fields = ("official",)
    ordering = ("name",)


@admin.register(Position)
class PositionAdmin(CuratedAdminMixin, SimpleHistoryAdmin):
    list_display = ("official", "title", "country", "start_date", "end_date")
    list_filter = (("end_date", admin.EmptyFieldListFilter), ("country", admin.RelatedOnlyFieldListFilter))
    search_fields = ("title", "official__name", "=country__iso3")
    list_select_related = ("official", "country")
    autocomplete_fields = ("official", "country")
    ordering = ("official__name", "-start_date")


# --------------------------------------------------------------------------- curator decisions


@admin.register(CuratorDecision)
class CuratorDecisionAdmin(admin.ModelAdmin):
    """What curators removed or locked, which the machines respect. Written by the services when a
    curator edits; deleting a decision lets `load_seeds` and ingest fill that thing in again."""

    list_display = ("created_at", "kind", "scope", "owner", "item", "note", "user")
    list_filter = ("kind", "scope")
    search_fields = ("scope", "owner", "item", "note")
    list_select_related = ("user",)
    ordering = ("-created_at", "-id")

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
