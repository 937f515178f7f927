"""Admin for meetings and the links extracted from articles (parties, participants, ...).

The admin writes nothing of a meeting itself: the meeting page builds the meeting's data from its
form and inlines and hands it to one call of `services.meeting_update` / `meeting_create` (the
same services as the API), which own every invariant, lock what the curator changed and write
one version; "Revert" on a version calls `services.meeting_revert`, the status actions
`services.meeting_set_status`, deletion `services.meeting_delete`. When a service refuses an
edit, the page is shown again with the service's own message and nothing is saved. The pages
of single link rows are read-only lists, but for a participant's (resolving it to an official).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Prefetch
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from relations import selectors, services
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

from . import evidence
from .common import (
    EVIDENCE_FIELDS,
    CountOncePaginator,
    EvidenceInlineMixin,
    LimitedChangeList,
    LinkFilter,
    ServiceFormMixin,
    YearFilter,
    count_of,
)
from .search import meeting_admin_search, participant_admin_search

REVIEW_PER_PAGE = 20


class MeetingCountryInline(EvidenceInlineMixin, admin.TabularInline):
    model = MeetingCountry
    fields = ("country", *EVIDENCE_FIELDS)
    autocomplete_fields = ("country",)


class MeetingParticipantInline(EvidenceInlineMixin, admin.TabularInline):
    model = MeetingParticipant
    fields = ("raw_name", "official", "country", "title", *EVIDENCE_FIELDS)
    autocomplete_fields = ("official", "country")
    # Narrower text boxes keep the row (with its evidence column) inside the page on a laptop screen.
    formfield_overrides = {models.CharField: {"widget": forms.TextInput(attrs={"size": 18})}}


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
    classes = ("hide-original",)
    fields = ("article", "how", "created_at")
    readonly_fields = ("how", "created_at")
    autocomplete_fields = ("article",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("article")  # each row is labelled with the article


# --------------------------------------------------------------------------- meetings

# The parameters are those of the related-field filters these replaced: saved links keep working.


class PartyFilter(LinkFilter):
    title = "party"
    parameter_name = "countries__iso3__exact"
    link, field, ordering = MeetingCountry, "country", ("name",)


class SectorFilter(LinkFilter):
    title = "sector"
    parameter_name = "sectors__id__exact"
    link, field, ordering = MeetingSector, "sector", ("slug",)


class ForumFilter(LinkFilter):
    title = "forum"
    parameter_name = "forums__id__exact"
    link, field, ordering = MeetingForum, "forum", ("acronym",)


class ArticleFilter(admin.SimpleListFilter):
    """The meetings an article reports (the article list's meeting count links here); listed only when chosen."""

    title = "article"
    parameter_name = "article"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        value = request.GET.get(self.parameter_name, "")
        if not value.isdigit():
            return []
        article = Article.objects.filter(pk=int(value)).only("title").first()
        return [(value, f"#{value} {article.title}" if article else f"#{value}")]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            raise IncorrectLookupParameters(f"article must be an article id, not {value!r}")
        return queryset.filter(pk__in=MeetingSource.objects.filter(article_id=int(value)).values("meeting_id"))


class MeetingYearFilter(YearFilter):
    parameter_name, field = "date__year", "date"


@admin.register(Meeting)
class MeetingAdmin(ServiceFormMixin, SimpleHistoryAdmin):
    list_display = ("date", "title", "party_codes", "format", "location", "status", "source_count")
    list_display_links = ("date", "title")
    list_filter = ("status", "format", PartyFilter, SectorFilter, ForumFilter, MeetingYearFilter, ArticleFilter)
    # What get_search_results matches, through indexes (relations/admin/search.py); kept for the search box.
    search_fields = ("title", "summary", "participants__raw_name", "articles__title", "=countries__iso3")
    show_full_result_count = False  # "N results (Show all)": no second COUNT over all meetings
    paginator = CountOncePaginator  # a filter set is counted once per data version, not on every page
    list_select_related = ("location_country",)
    autocomplete_fields = ("location_country", "host_country")
    ordering = ("-date", "-id")
    actions = ("mark_verified", "mark_rejected")
    readonly_fields = ("locked_fields", "evidence_panel")
    # The sentences behind the facts are shown once each, grouped, in "Evidence" (issue 13).
    fieldsets = (
        ("What", {"fields": ("title", "format", "host_country")}),
        ("When and where", {"fields": (("date", "date_precision"), ("location_country", "location_city"))}),
        ("Status", {"fields": ("status", "locked_fields")}),
        ("Summary", {"fields": ("summary",)}),
        ("Evidence: each sentence once, with the facts read from it", {"fields": ("evidence_panel",)}),
    )

    class Media:
        css = {"all": ("relations/admin.css",)}
        js = ("relations/review.js",)

    inlines = (
        MeetingCountryInline,
        MeetingParticipantInline,
        MeetingSectorInline,
        MeetingForumInline,
        MeetingSourceInline,
    )

    @admin.display(description="")
    def evidence_panel(self, obj: Meeting) -> str:
        return evidence.panel(obj) if obj.pk else ""

    # ----------------------------------------------------------------- review: the queue, verify/reject and next

    def get_urls(self):  # type: ignore[no-untyped-def]
        review = [
            path("review/", self.admin_site.admin_view(self.review_view), name="relations_meeting_review"),
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_decide_view),
                name="relations_meeting_review_decide",
            ),
        ]
        return review + super().get_urls()

    def review_view(self, request):  # type: ignore[no-untyped-def]
        """To review: meetings still as extracted, newest ingested first, with the sentences behind them."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        page = Paginator(selectors.review_queue(), REVIEW_PER_PAGE).get_page(request.GET.get("p"))
        rows = [{"meeting": m, "groups": evidence_groups_for_queue(m)} for m in page.object_list]
        context = {
            **self.admin_site.each_context(request),
            "title": "To review",
            "subtitle": None,
            "opts": self.opts,
            "page": page,
            "rows": rows,
            "count": page.paginator.count,
            "can_change": self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/relations/meeting/review.html", context)

    def review_decide_view(self, request, pk: int):  # type: ignore[no-untyped-def]
        """POST decision=verified|rejected from the queue: through meeting_set_status, then back to the queue."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        meeting = Meeting.objects.filter(pk=pk).first()
        if meeting is None:
            raise Http404(f"No meeting #{pk}")
        decision = request.POST.get("decision", "")
        if decision not in (MeetingStatus.VERIFIED, MeetingStatus.REJECTED):
            self.message_user(request, f"Unknown decision {decision!r}: use verified or rejected.", messages.ERROR)
        else:
            services.meeting_set_status(meeting=meeting, status=decision, user=request.user)
            self.message_user(request, f"Meeting #{meeting.pk} {MeetingStatus(decision).label.lower()}.")
        following = request.POST.get("next") == "meeting" and selectors.review_next(after=meeting)
        if following:
            return redirect(reverse("admin:relations_meeting_change", args=[following.pk]))
        return redirect(
            reverse("admin:relations_meeting_review")
            + (f"?p={request.POST['p']}" if request.POST.get("p", "").isdigit() else "")
        )

    def response_change(self, request, obj):  # type: ignore[no-untyped-def]
        decision = _decision(request)
        if decision is None:
            return super().response_change(request, obj)
        self.message_user(request, f"Meeting #{obj.pk} saved and {MeetingStatus(decision).label.lower()}.")
        return self._to_next(request, obj)

    def _to_next(self, request, obj):  # type: ignore[no-untyped-def]
        following = selectors.review_next(after=obj)
        if following is None:
            self.message_user(request, "Nothing left to review.")
            return redirect(reverse("admin:relations_meeting_review"))
        return redirect(reverse("admin:relations_meeting_change", args=[following.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):  # type: ignore[no-untyped-def]
        if obj is not None:
            context["review_next"] = selectors.review_next(after=obj)
            context["review_count"] = selectors.review_count()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        sources = MeetingSource.objects.filter(meeting=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(source_count=count_of(sources, "meeting"))
            .prefetch_related(Prefetch("parties", queryset=MeetingCountry.objects.only("meeting", "country")))
        )

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        # Indexed subqueries of meeting ids: no row can repeat, so the changelist adds no DISTINCT.
        return meeting_admin_search(queryset, search_term), False

    def get_changelist(self, request, **kwargs):  # type: ignore[no-untyped-def]
        return LimitedChangeList

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
        version = getattr(request, "meeting_version", None)
        if version is None:
            return  # saved with its inlines in save_related, by one call of the meeting service
        # "Revert" on a version in the history: its fields (as the form shows them) and its links.
        scalars = {name: _code(value) for name, value in form.cleaned_data.items() if name in _SCALARS}
        before = _latest_version(obj)
        self.call_service(services.meeting_revert, meeting=obj, version_id=version, user=request.user, scalars=scalars)
        request.meeting_change = _change_since(obj, before)

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        if getattr(request, "meeting_version", None) is not None:
            return
        data = meeting_data(form, formsets)
        decision = _decision(request)
        if decision is not None:  # "Verify and next": the edits and the status in one version
            data["status"] = decision
        if change:
            before = _latest_version(form.instance)
            saved = self.call_service(services.meeting_update, meeting=form.instance, data=data, user=request.user)
            request.meeting_change = _change_since(saved, before)
        else:
            saved = self.call_service(services.meeting_create, data=data, user=request.user)
            form.instance.pk, form.instance._state.adding = saved.pk, False
            request.meeting_change = ""

    def construct_change_message(self, request, form, formsets, add=False):  # type: ignore[no-untyped-def]
        # The admin log says what the meeting's new version says, links included.
        change = getattr(request, "meeting_change", None)
        if add or change is None:
            return super().construct_change_message(request, form, [], add)
        return change or "No fields changed."

    def history_form_view(self, request, object_id, version_id, extra_context=None):  # type: ignore[no-untyped-def]
        request.meeting_version = int(version_id)
        return self.retry_refused(super().history_form_view, request, object_id, version_id, extra_context)

    def get_deleted_objects(self, objs, request):  # type: ignore[no-untyped-def]
        # A meeting's link rows and sources go with it (through the service), though their own pages are read-only.
        deleted, model_count, _, protected = super().get_deleted_objects(objs, request)
        return deleted, model_count, set(), protected

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        services.meeting_delete(meeting=obj, user=request.user)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for meeting in queryset.prefetch_related(None):
            services.meeting_delete(meeting=meeting, user=request.user)

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


class LinkRowAdmin(SimpleHistoryAdmin):
    """Base for the pages of single link rows: lists to search, read-only; edits are made on the meeting's page.

    Newest meetings first by their id, which the link table's index on its meeting gives in order:
    ordered by the meeting's date, each page sorted all the link rows (296,000 participants at
    100,000 meetings). Their country and forum filters list every country and forum, as
    RelatedOnlyFieldListFilter's DISTINCT over the link table read them all (issue 10).
    """

    ordering = ("-meeting_id", "id")
    show_full_result_count = False  # no second COUNT over all the rows
    paginator = CountOncePaginator  # a filter set is counted once per data version, not on every page

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    @admin.display(description="evidence")
    def evidence_excerpt(self, obj: Evidence) -> str:
        return obj.evidence if len(obj.evidence) <= 80 else f"{obj.evidence[:79]}…"


@admin.register(MeetingCountry)
class MeetingCountryAdmin(LinkRowAdmin):
    list_display = ("meeting", "country", "origin", "evidence_excerpt")
    list_filter = ("origin", ("country", admin.RelatedFieldListFilter))
    search_fields = ("meeting__title", "=country__iso3", "country__name", "evidence")
    list_select_related = ("meeting", "country")


@admin.register(MeetingParticipant)
class MeetingParticipantAdmin(ServiceFormMixin, LinkRowAdmin):
    """Participants can be edited here too (resolving a mention to an official), through the meeting service."""

    list_display = ("raw_name", "title", "country", "official", "meeting", "origin")
    # "Official: empty" lists the mentions still to resolve to a person.
    list_filter = (("official", admin.EmptyFieldListFilter), "origin", ("country", admin.RelatedFieldListFilter))
    # What get_search_results matches, through indexes (relations/admin/search.py); kept for the search box.
    search_fields = ("raw_name", "official__name", "meeting__title")
    list_select_related = ("country", "official", "meeting")
    autocomplete_fields = ("official", "country")
    fields = ("meeting", "raw_name", "official", "country", "title", "evidence", "source", "origin")
    readonly_fields = ("meeting", "evidence", "source", "origin")

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return request.user.has_perm("relations.change_meeting")

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        return participant_admin_search(queryset, search_term), False

    def get_changelist(self, request, **kwargs):  # type: ignore[no-untyped-def]
        return LimitedChangeList

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        stored = MeetingParticipant.objects.select_related("meeting").get(pk=obj.pk)
        data = {"official": obj.official_id, "name": obj.raw_name, "country": obj.country_id, "title": obj.title}
        self.call_service(services.meeting_participant_update, participant=stored, data=data, user=request.user)

    def construct_change_message(self, request, form, formsets, add=False):  # type: ignore[no-untyped-def]
        return super().construct_change_message(request, form, [], add)


@admin.register(MeetingSector)
class MeetingSectorAdmin(LinkRowAdmin):
    list_display = ("meeting", "sector", "origin", "evidence_excerpt")
    list_filter = ("origin", "sector")
    search_fields = ("meeting__title", "sector__slug", "sector__name", "evidence")
    list_select_related = ("meeting", "sector")


@admin.register(MeetingForum)
class MeetingForumAdmin(LinkRowAdmin):
    list_display = ("meeting", "forum", "origin", "evidence_excerpt")
    list_filter = ("origin", ("forum", admin.RelatedFieldListFilter))
    search_fields = ("meeting__title", "forum__acronym", "forum__name", "evidence")
    list_select_related = ("meeting", "forum")


@admin.register(MeetingSource)
class MeetingSourceAdmin(LinkRowAdmin):
    list_display = ("meeting", "article", "how", "created_at")
    list_filter = ("how", "created_at")
    search_fields = ("meeting__title", "article__title", "article__url")
    list_select_related = ("meeting", "article")
    ordering = ("-created_at", "-id")


# --------------------------------------------------------------------------- the meeting page's data

_SCALARS = (*services.curation.SCALAR_FIELDS, "status")


def _code(value: object) -> object:
    """A form value as the meeting service takes it: a country by its code."""
    return value.pk if isinstance(value, models.Model) else value


def meeting_data(form: forms.ModelForm, formsets: list) -> services.meetings.MeetingData:
    """The meeting as the curator left it on the page: the form's fields and every inline's rows."""
    data: dict = {name: _code(value) for name, value in form.cleaned_data.items() if name in _SCALARS}
    for formset in formsets:
        kept = [f for f in formset.forms if f.cleaned_data and f not in formset.deleted_forms]
        rows = [f.cleaned_data for f in kept]
        # A sentence picked in a row's "cite" (changed on this page) is the evidence the service records.
        cites = [
            evidence.parse_cite(f.cleaned_data.get("cite", "")) if "cite" in f.changed_data else None for f in kept
        ]
        if formset.model is MeetingCountry:
            data["countries"] = _with_cites(
                "country", [row.get("country") and row["country"].pk for row in rows], cites
            )
        elif formset.model is MeetingSector:
            data["sectors"] = _with_cites("sector", [row.get("sector") and row["sector"].slug for row in rows], cites)
        elif formset.model is MeetingForum:
            data["forums"] = _with_cites("forum", [row.get("forum") and row["forum"].acronym for row in rows], cites)
        elif formset.model is MeetingSource:
            data["sources"] = [row["article"].pk for row in rows if row.get("article")]
        elif formset.model is MeetingParticipant:
            data["participants"] = [
                {
                    "id": row["id"].pk if row.get("id") else None,
                    "official": row["official"].pk if row.get("official") else None,
                    "name": row.get("raw_name") or "",
                    "country": row["country"].pk if row.get("country") else None,
                    "title": row.get("title") or "",
                    **({"cite": cite} if cite else {}),
                }
                for row, cite in zip(rows, cites, strict=True)
            ]
    return data  # type: ignore[return-value]


def _with_cites(column: str, codes: list, cites: list) -> list:
    """Codes as the service takes them: bare, or {column: code, "cite": ...} where a sentence was picked."""
    return [{column: code, "cite": cite} if cite else code for code, cite in zip(codes, cites, strict=True) if code]


DECISIONS = {"_verify_next": MeetingStatus.VERIFIED, "_reject_next": MeetingStatus.REJECTED}


def _decision(request) -> str | None:  # type: ignore[no-untyped-def]
    """The status a "Verify and next" / "Reject and next" button of the meeting page asks for."""
    return next((status for name, status in DECISIONS.items() if name in request.POST), None)


def evidence_groups_for_queue(meeting: Meeting) -> list:
    return selectors.evidence_groups(meeting)


def _latest_version(meeting: Meeting) -> int | None:
    return meeting.history.order_by("-history_date", "-history_id").values_list("history_id", flat=True).first()  # type: ignore[attr-defined]


def _change_since(meeting: Meeting, before: int | None) -> str:
    """The change reason of the version the service wrote, or "" when it wrote none."""
    latest = meeting.history.order_by("-history_date", "-history_id").first()  # type: ignore[attr-defined]
    return latest.history_change_reason or "" if latest is not None and latest.history_id != before else ""
