"""Admin for bilateral relations and the levels stated for them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q
from simple_history.admin import SimpleHistoryAdmin

from relations.models import BilateralRelation, Country, RelationLevel

from .common import CuratedAdminMixin, count_of


class RelationLevelInline(admin.TabularInline):
    model = RelationLevel
    fields = ("level", "stated_on", "source", "evidence")
    autocomplete_fields = ("source",)
    extra = 0

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("relation")  # each row is labelled str(level)


class PairCountryFilter(admin.SimpleListFilter):
    """Relations with a country on either side of the pair."""

    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        pairs = BilateralRelation.objects.all()
        countries = Country.objects.filter(
            Q(iso3__in=pairs.values("country_a")) | Q(iso3__in=pairs.values("country_b"))
        ).order_by("name")
        return list(countries.values_list("iso3", "name"))

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        return queryset.involving(self.value()) if self.value() else queryset


class BilateralRelationForm(forms.ModelForm):
    """Accepts the two countries in either order and stores them as the constraint wants.

    A pair is unordered; country_a < country_b is only the storage rule that gives each pair one
    row (bilateralrelation_ordered_pair). A curator entering "PAK, AZE" means the same relation as
    "AZE, PAK", so the form swaps them rather than reporting a constraint the curator cannot see.
    The swap happens in clean(), before the model's constraint validation runs.
    """

    class Meta:
        model = BilateralRelation
        fields = ("country_a", "country_b", "notes")

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned: dict[str, Any] = self.cleaned_data  # what ModelForm.clean() returns
        first, second = cleaned.get("country_a"), cleaned.get("country_b")
        if first is not None and second is not None:
            if first.pk == second.pk:
                raise ValidationError("A bilateral relation needs two different countries.")
            if first.pk > second.pk:
                cleaned["country_a"], cleaned["country_b"] = second, first
        return cleaned


@admin.register(BilateralRelation)
class BilateralRelationAdmin(CuratedAdminMixin, SimpleHistoryAdmin):
    form = BilateralRelationForm
    list_display = (
        "pair",
        "country_a",
        "country_b",
        "current_level",
        "meetings_count",
        "last_meeting_date",
        "level_count",
    )
    list_filter = (PairCountryFilter, "levels__level")
    search_fields = ("=country_a__iso3", "=country_b__iso3", "country_a__name", "country_b__name")
    list_select_related = ("country_a", "country_b")
    autocomplete_fields = ("country_a", "country_b")
    ordering = ("country_a", "country_b")
    inlines = (RelationLevelInline,)

    readonly_fields = ("current_level", "meetings_count", "last_meeting_date")

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        levels = RelationLevel.objects.filter(relation=OuterRef("pk"))
        return super().get_queryset(request).annotate(level_count=count_of(levels, "relation"))

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # The pair is the relation's identity; a wrong pair is a new relation, not an edit. The figures
        # are kept by the services (services.aggregates).
        return ("country_a", "country_b", *self.readonly_fields) if obj is not None else self.readonly_fields

    @admin.display(description="pair", ordering="country_a")
    def pair(self, obj: BilateralRelation) -> str:
        return obj.pair

    @admin.display(description="levels", ordering="level_count")
    def level_count(self, obj: BilateralRelation) -> int:
        return obj.level_count  # type: ignore[attr-defined]


@admin.register(RelationLevel)
class RelationLevelAdmin(CuratedAdminMixin, SimpleHistoryAdmin):
    list_display = ("relation", "level", "stated_on", "source")
    list_filter = ("level", "stated_on")
    search_fields = ("=relation__country_a__iso3", "=relation__country_b__iso3", "evidence", "source__title")
    list_select_related = ("relation", "source")
    autocomplete_fields = ("relation", "source")
    ordering = ("relation__country_a", "relation__country_b", "-stated_on")
