"""Helpers shared by the admin modules: per-row counts, links, the evidence columns."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, Max, Min, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html

from relations import services
from relations.models import Evidence

EVIDENCE_FIELDS = ("cite", "evidence_note")


def count_of(queryset: QuerySet, fk: str) -> Coalesce:
    """Per-row COUNT(*) of `queryset` (already filtered on OuterRef("pk") through `fk`)."""
    counted = queryset.order_by().values(fk).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def admin_link(obj: object, label: object = None) -> str:
    """A link to `obj`'s admin change page."""
    opts = obj._meta  # type: ignore[attr-defined]
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])  # type: ignore[attr-defined]
    return format_html('<a href="{}">{}</a>', url, label if label is not None else obj)


class ReadOnlyInlineMixin:
    """An inline that lists related rows without letting them be added, changed or deleted there."""

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


class CitingInlineForm(forms.ModelForm):
    """A link row with a picker of the meeting's sentences (its choices are set per meeting)."""

    cite = forms.ChoiceField(
        choices=[],
        required=False,
        label="cite",
        help_text="The sentence of a source this fact comes from.",
        widget=forms.Select(attrs={"class": "cite-picker"}),
    )


class EvidenceInlineMixin:
    """A link's evidence beside the fact, as a reference to its sentence (shown once, in the evidence
    fieldset), or who added it; a `cite` picker lets a curator give the sentence a fact comes from.

    The row's own label (Django prints each row's str() above it: a sector's id, a country code)
    says nothing the row does not, so the "hide-original" class hides it (relations/admin.css).
    """

    # Typed as InlineModelAdmin declares them, so that the inlines' bases agree.
    form: type[forms.ModelForm] = CitingInlineForm
    readonly_fields: ClassVar[list[str] | tuple[str, ...]] = ("evidence_note",)
    extra = 0
    classes: Sequence[str] | None = ("hide-original",)
    sentences = None  # set per request by get_formset (inline instances are made per request)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        history = self.model.history.model  # type: ignore[attr-defined]
        first = history.objects.filter(id=OuterRef("pk"), history_type="+").order_by("history_date")
        return (
            super()  # type: ignore[misc]
            .get_queryset(request)
            .select_related("source")
            .annotate(added_by=Subquery(first.values("history_user__username")[:1]))
        )

    def get_formset(self, request, obj=None, **kwargs):  # type: ignore[no-untyped-def]
        from .evidence import Sentences

        self.sentences = Sentences.of(obj) if obj is not None else None
        choices = self.sentences.choices() if self.sentences else [("", "— save the meeting first —")]
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]

        class CitingForm(formset.form):  # type: ignore[misc,name-defined]
            def __init__(self, *args, **kw):  # type: ignore[no-untyped-def]
                super().__init__(*args, **kw)
                self.fields["cite"].choices = choices

        formset.form = CitingForm
        return formset

    @admin.display(description="evidence")
    def evidence_note(self, obj: Evidence) -> str:
        from .evidence import note

        return note(self.sentences, obj)


class LinkFilter(admin.SimpleListFilter):
    """Meetings linked to one row of a small reference table: a party, a sector, a forum.

    Django's RelatedOnlyFieldListFilter finds its choices with a DISTINCT over the link table
    (350,000 sector links at 100,000 meetings: 116 ms on every page), and a filter through the
    many-to-many join makes the changelist add a DISTINCT over whole rows. This one lists every row
    of the reference table (a few dozen, 250 countries) and narrows with one indexed subquery of
    meeting ids, which cannot repeat a meeting, so the changelist adds no DISTINCT (issue 10).
    """

    link: type[Model]  # the link model, with its `meeting` foreign key
    field: str  # the link's foreign key to the reference table
    ordering: tuple[str, ...]  # of the choices, as the reference table's own admin orders them

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        rows = self.link._meta.get_field(self.field).related_model.objects.order_by(*self.ordering)  # type: ignore[union-attr]
        return [(row.pk, str(row)) for row in rows]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        if self.value() is None:
            return queryset
        try:
            links = self.link.objects.filter(**{self.field: self.value()})  # type: ignore[attr-defined]
        except (ValueError, ValidationError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset.filter(pk__in=links.values("meeting_id"))


class YearFilter(admin.SimpleListFilter):
    """One year of a date field: the years from the table's first date to its last, newest first.

    In place of `date_hierarchy`, whose MIN/MAX and list of years each run over the changelist's
    searched and filtered rows again (three more evaluations of a search on every page; the list
    of years alone read all 100,000 meetings, issue 10). The years here cost two index probes,
    whatever the page shows; a year without rows on the current page's search is still listed, as
    the other filters list every country or sector. The parameter is the date hierarchy's, so its
    links keep working.
    """

    title = "year"
    field: str  # a DateField with an index, so that its MIN and MAX are probes

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        bounds = model_admin.model._default_manager.aggregate(first=Min(self.field), last=Max(self.field))
        if bounds["first"] is None:
            return []
        return [(str(year), str(year)) for year in range(bounds["last"].year, bounds["first"].year - 1, -1)]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        if self.value() is None:
            return queryset
        try:
            year = date(int(self.value()), 1, 1).year  # type: ignore[arg-type]  # 1 to 9999
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error
        # __year on a DateField is a range (BETWEEN the year's first and last day): the index serves it.
        return queryset.filter(**{f"{self.field}__year": year})


class LimitedChangeList(ChangeList):
    """A changelist that reads a result fitting on one page by its ids.

    Django reads such a page without a LIMIT, and PostgreSQL then plans for as many rows as it
    estimates a search lets in (half the table, for an OR of subqueries): a sort of all of them.
    Read in the page's order with a LIMIT, a search finding few meetings would still fetch every
    meeting through the date index until the last. The ids come through the primary key's index
    alone, and the page's rows by those ids.
    """

    def get_results(self, request):  # type: ignore[no-untyped-def]
        super().get_results(request)
        one_page = not self.multi_page or (self.show_all and self.can_show_all)
        if not one_page or not self.result_count:
            return
        ids = list(self.queryset.order_by().values_list("pk", flat=True)[: self.result_count])
        self.result_list = self.queryset.filter(pk__in=ids)


class CountOncePaginator(Paginator):
    """Counts a changelist's rows once per filter set and data version, not on every page.

    A search's count reads every match (14,000 meetings for "energy" at 100,000, 26 ms of a
    150 ms page) and the same again on page 2, 3, ...; the count is kept in the cache under the
    query's SQL and the data version, which every write through the services bumps (issue 10).
    A write made around the services (a shell, raw SQL) can leave a count stale until the next.
    """

    @cached_property
    def count(self) -> int:
        from relations.services.versions import data_version

        queryset = self.object_list
        if not isinstance(queryset, QuerySet):
            return super().count
        sql, params = queryset.order_by().query.sql_with_params()
        version, changed_at = data_version()  # the time too: a restored backup may bring back an old number
        key = hashlib.sha256(f"{version}|{changed_at}|{sql}|{params!r}".encode()).hexdigest()
        key = f"changelist-count:{key}"
        counted = cache.get(key)
        if counted is None:
            counted = super().count
            cache.set(key, counted, timeout=24 * 3600)
        return counted


class ServiceRefused(Exception):
    """A service refused a curator's edit; its transaction (and the admin's) is rolled back."""

    def __init__(self, error: ValidationError) -> None:
        super().__init__(error)
        self.error = error


class ServiceFormMixin:
    """For a ModelAdmin whose saves call a service: a refusal shows the page again, saying why.

    The service raises ValidationError from inside the admin's save, after the forms were valid:
    `save_model`/`save_related` wrap it in ServiceRefused, the admin's transaction rolls back,
    and the page is rendered once more from the same POST with the service's messages as form
    errors (so the curator keeps what they typed, and reads the message the API would give).
    """

    def call_service(self, service, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return service(**kwargs)
        except ValidationError as error:
            raise ServiceRefused(error) from error

    def get_form(self, request, obj=None, change=False, **kwargs):  # type: ignore[no-untyped-def]
        form = super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]
        service_refused: ValidationError | None = getattr(request, "service_refused", None)
        if service_refused is None:
            return form
        refused: ValidationError = service_refused  # mypy does not carry the narrowing into RefusedForm.clean

        class RefusedForm(form):  # type: ignore[misc,valid-type]
            def clean(self):  # type: ignore[no-untyped-def]
                cleaned = super().clean()
                for message in refused.messages:
                    self.add_error(None, message)
                return cleaned

        return RefusedForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        return self.retry_refused(super().changeform_view, request, object_id, form_url, extra_context)  # type: ignore[misc]

    def retry_refused(self, view, request, *args):  # type: ignore[no-untyped-def]
        try:
            return view(request, *args)
        except ServiceRefused as refused:
            request.service_refused = refused.error
            return view(request, *args)


class CuratedAdminMixin:
    """Reference rows saved or deleted here (and in the inlines) go through the reference services,
    which record a curator's removals, blankings and edits so that the machines never undo them."""

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        services.reference_save(instance=obj, user=request.user)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        services.reference_delete(instances=[obj], user=request.user)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        services.reference_delete(instances=list(queryset), user=request.user)

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        instances = formset.save(commit=False)
        services.reference_delete(instances=formset.deleted_objects, user=request.user)
        for instance in instances:
            services.reference_save(instance=instance, user=request.user)
        formset.save_m2m()
