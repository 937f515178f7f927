"""Helpers shared by the admin modules: per-row counts, links, the evidence columns."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html

from relations.models import Evidence

EVIDENCE_FIELDS = ("evidence_sentence", "source_article", "origin")


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


class EvidenceInlineMixin:
    """Shows the sentence, article and origin of an extracted link read-only, next to the fact."""

    readonly_fields = EVIDENCE_FIELDS
    extra = 0

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("source")  # type: ignore[misc]

    @admin.display(description="evidence")
    def evidence_sentence(self, obj: Evidence) -> str | None:
        # A minimum width keeps the sentence readable beside the wide autocomplete widgets.
        return format_html('<div style="min-width: 20em">{}</div>', obj.evidence) if obj.evidence else None

    @admin.display(description="source")
    def source_article(self, obj: Evidence) -> str | None:
        return admin_link(obj.source) if obj.source_id else None


def titled(filter_class: type[admin.ListFilter], title: str) -> type[admin.ListFilter]:
    """`filter_class` with a sidebar title of our choosing ("party" rather than "countries")."""

    class Titled(filter_class):  # type: ignore[valid-type,misc]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self.title = title

    Titled.__name__ = f"{filter_class.__name__}_{title.replace(' ', '_')}"
    return Titled
