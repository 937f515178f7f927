"""Filter sets of the API: they parse and validate query parameters, the selectors query.

A bad value (an unknown ISO3 code, a date that is not YYYY-MM-DD) is a 400 whose body names
the parameter. Each FilterSet hands its cleaned values to the selector of its resource, so the
HTML pages get the same filtering from relations/selectors.py without django-filter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.db.models.functions import Upper
from django_filters.widgets import QueryArrayWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters as drf_filters
from rest_framework.exceptions import ValidationError as DRFValidationError

from relations import selectors
from relations.models import (
    Article,
    BilateralRelation,
    CooperationSector,
    Country,
    Forum,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    Official,
)

# Where a list of each kind of code is, for the error message of an unknown one.
CODE_LISTS = {
    "country": "/api/countries/",
    "sector": "/api/sectors/",
    "forum": "/api/forums/",
}


class CodesField(forms.Field):
    """Reference codes (ISO3, slug, acronym), repeated or comma-separated, checked against the table.

    Cleans to the canonical codes in the order given, without duplicates.
    """

    widget = QueryArrayWidget

    def __init__(
        self,
        *,
        resolve: Callable[[list[str]], dict[str, str]],
        what: str,
        multiple: bool = True,
        listed_at: str = "",
        **kwargs: Any,
    ) -> None:
        self.resolve = resolve
        self.what = what
        self.listed_at = listed_at
        self.multiple = multiple
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[str]:
        values = value if isinstance(value, list) else [value] if value else []
        codes = []
        for item in values:
            found = [code.strip() for code in str(item).split(",") if code.strip()]
            if str(item).strip() and not found:
                raise forms.ValidationError("%(item)r names no %(what)s", params={"item": str(item), "what": self.what})
            codes += [code for code in found if code not in codes]
        if len(codes) > 1 and not self.multiple:
            raise forms.ValidationError(
                "give one %(what)s, not %(count)d", params={"what": self.what, "count": len(codes)}
            )
        return sorted(codes)

    def clean(self, value: Any) -> list[str]:
        codes = self.to_python(value)
        self.validate(codes)
        if not codes:
            return []
        found = self.resolve(codes)  # one query
        missing = [code for code in codes if code not in found]
        if missing:
            # The codes go in as params, never into the message itself: django-filter formats
            # every message with `%`, and a code like "%s" must come back as text, not fail.
            raise forms.ValidationError(
                "unknown %(what)s %(codes)s%(see)s",
                params={
                    "what": self.what,
                    "codes": ", ".join(missing),
                    "see": f" (see {self.listed_at})" if self.listed_at else "",
                },
            )
        return [found[code] for code in codes]


def resolve_countries(codes: list[str]) -> dict[str, str]:
    upper = {code: code.upper() for code in codes}
    known = set(Country.objects.filter(iso3__in=upper.values()).values_list("iso3", flat=True))
    return {code: iso3 for code, iso3 in upper.items() if iso3 in known}


def resolve_forums(codes: list[str]) -> dict[str, str]:
    rows = Forum.objects.annotate(upper=Upper("acronym")).filter(upper__in=[c.upper() for c in codes])
    by_upper = dict(rows.values_list("upper", "acronym"))
    return {code: by_upper[code.upper()] for code in codes if code.upper() in by_upper}


def resolve_sectors(codes: list[str]) -> dict[str, str]:
    known = set(CooperationSector.objects.filter(slug__in=[c.lower() for c in codes]).values_list("slug", flat=True))
    return {code: code.lower() for code in codes if code.lower() in known}


ISO3 = {"type": "string", "pattern": "^[A-Za-z]{3}$"}


@extend_schema_field({"type": "array", "items": {**ISO3, "pattern": "^[A-Za-z]{3}(,[A-Za-z]{3})*$"}})
class CountriesFilter(django_filters.Filter):
    """ISO3 codes; every one must match (repeat the parameter or separate with commas)."""

    field_class = CodesField

    def __init__(self, *, multiple: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("resolve", resolve_countries)
        kwargs.setdefault("what", "country code" if not multiple else "country code(s)")
        kwargs.setdefault("listed_at", CODE_LISTS["country"])
        super().__init__(method="keep", multiple=multiple, **kwargs)


@extend_schema_field(ISO3)
class OneCountryFilter(CountriesFilter):
    """One ISO3 code."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(multiple=False, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class CodeFilter(django_filters.Filter):
    """One reference code (forum acronym, sector slug), checked against the table."""

    field_class = CodesField

    def __init__(self, *, resolve: Callable[[list[str]], dict[str, str]], what: str, **kwargs: Any) -> None:
        kwargs.setdefault("listed_at", CODE_LISTS.get(what, ""))
        super().__init__(method="keep", resolve=resolve, what=what, multiple=False, **kwargs)


class ListedChoiceField(forms.ChoiceField):
    """A choice whose error lists the valid values."""

    def validate(self, value: Any) -> None:
        if value and not self.valid_value(value):
            # Django normalises the choices to pairs (or a lazy iterator of them) when they are set;
            # the stubs' getter type still has the raw inputs (Choices classes, callables) in it.
            valid = ", ".join(str(key) for key, _ in self.choices if key)  # type: ignore[misc,union-attr]
            raise forms.ValidationError(
                "%(value)r is not one of %(valid)s", code="invalid_choice", params={"value": value, "valid": valid}
            )
        super().validate(value)


class ListedChoiceFilter(django_filters.ChoiceFilter):
    field_class = ListedChoiceField


class IsoDateFilter(django_filters.DateFilter):
    """A date as YYYY-MM-DD, whose error says so."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("error_messages", {"invalid": "not a date: use YYYY-MM-DD"})
        super().__init__(method="keep", **kwargs)


class SelectorFilterSet(django_filters.FilterSet):
    """Validates the parameters, then lets the selector (`selector`) do the querying."""

    selector: Callable[..., QuerySet[Any]]

    # `value` is left unannotated on purpose: drf-spectacular types a filter that has a method by
    # the method's annotation of `value`, and Any would leave every parameter untyped ({}).
    # Without one, each filter's class gives the type (CharFilter a string, DateFilter a date).
    def keep(self, queryset: QuerySet[Any], name: str, value) -> QuerySet[Any]:  # type: ignore[no-untyped-def]
        return queryset

    def selector_kwargs(self) -> dict[str, Any]:
        return {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "", [])}

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return type(self).selector(**self.selector_kwargs())


class CountryFilter(SelectorFilterSet):
    selector = staticmethod(selectors.country_list)

    q = django_filters.CharFilter(method="keep", help_text="Any name form: code, name, official name, demonym...")
    forum = CodeFilter(
        resolve=resolve_forums, what="forum", help_text="Forum acronym: countries with a membership of any status."
    )

    class Meta:
        model = Country
        fields = ["q", "forum"]

    def selector_kwargs(self) -> dict[str, Any]:
        kwargs = super().selector_kwargs()
        if "forum" in kwargs:
            kwargs["forum"] = kwargs["forum"][0]
        return kwargs


class OfficialFilter(SelectorFilterSet):
    selector = staticmethod(selectors.official_list)

    country = OneCountryFilter(help_text="ISO3 code of the country the official represents.")
    q = django_filters.CharFilter(method="keep", help_text="Part of the name or of another name.")

    class Meta:
        model = Official
        fields = ["country", "q"]

    def selector_kwargs(self) -> dict[str, Any]:
        kwargs = super().selector_kwargs()
        if "country" in kwargs:
            kwargs["country"] = kwargs["country"][0]
        return kwargs


class ForumFilter(SelectorFilterSet):
    selector = staticmethod(selectors.forum_list)

    kind = ListedChoiceFilter(method="keep", choices=Forum.Kind.choices, help_text="Kind of forum.")
    country = OneCountryFilter(help_text="ISO3 code: forums the country belongs to (any status).")
    q = django_filters.CharFilter(method="keep", help_text="Part of the acronym, name or another name.")

    class Meta:
        model = Forum
        fields = ["kind", "country", "q"]

    def selector_kwargs(self) -> dict[str, Any]:
        kwargs = super().selector_kwargs()
        if "country" in kwargs:
            kwargs["country"] = kwargs["country"][0]
        return kwargs


class MeetingFilter(SelectorFilterSet):
    # The API lists meetings as rows for the read model (issue 10); the pages use selectors.meeting_list.
    selector = staticmethod(selectors.meeting_list_rows)

    country = CountriesFilter(
        help_text="ISO3 code of a party; several (AZE,PAK or repeated) means all of them are parties.",
    )
    date_after = IsoDateFilter(help_text="On or after this date (YYYY-MM-DD).")
    date_before = IsoDateFilter(help_text="On or before this date (YYYY-MM-DD).")
    year = extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})(
        django_filters.NumberFilter(
            method="keep",
            min_value=1,
            max_value=9999,
            help_text="In this year (with date_after/date_before: within both).",
        )
    )
    sector = CodeFilter(resolve=resolve_sectors, what="sector", help_text="Sector slug, e.g. trade.")
    forum = CodeFilter(resolve=resolve_forums, what="forum", help_text="Forum acronym, e.g. OIC.")
    # Named meeting_format, not format: `format` chooses the response's renderer (json, csv) alone.
    meeting_format = ListedChoiceFilter(
        method="keep",
        choices=MeetingFormat.choices,
        help_text="Meeting format, e.g. official_visit or phone_call.",
    )
    status = ListedChoiceFilter(
        method="keep",
        choices=MeetingStatus.choices,
        help_text="Review status. Without it, rejected meetings are left out.",
    )
    official = extend_schema_field({"type": "integer", "minimum": 1})(
        django_filters.ModelChoiceFilter(
            method="keep", queryset=Official.objects.all(), help_text="Id of an official who took part."
        )
    )
    q = django_filters.CharFilter(
        method="keep", help_text="Words in the meeting or its articles (full-text search on PostgreSQL)."
    )

    class Meta:
        model = Meeting
        fields = [
            "country",
            "date_after",
            "date_before",
            "year",
            "sector",
            "forum",
            "meeting_format",
            "status",
            "official",
            "q",
        ]

    def selector_kwargs(self) -> dict[str, Any]:
        kwargs = super().selector_kwargs()
        if "country" in kwargs:
            kwargs["countries"] = kwargs.pop("country")
        if "meeting_format" in kwargs:
            kwargs["format"] = kwargs.pop("meeting_format")
        year = kwargs.pop("year", None)
        if year is not None:
            first, last = date(int(year), 1, 1), date(int(year), 12, 31)
            kwargs["date_after"] = max(kwargs.get("date_after") or first, first)
            kwargs["date_before"] = min(kwargs.get("date_before") or last, last)
        for name in ("sector", "forum"):
            if name in kwargs:
                kwargs[name] = kwargs[name][0]
        if "official" in kwargs:
            kwargs["official"] = kwargs["official"].pk
        return kwargs


class RelationFilter(SelectorFilterSet):
    selector = staticmethod(selectors.relation_list)

    country = CountriesFilter(help_text="ISO3 code of a country in the pair; two codes give that pair.")

    class Meta:
        model = BilateralRelation
        fields = ["country"]

    def selector_kwargs(self) -> dict[str, Any]:
        kwargs = super().selector_kwargs()
        if "country" in kwargs:
            kwargs["countries"] = kwargs.pop("country")
        return kwargs


class ArticleFilter(SelectorFilterSet):
    selector = staticmethod(selectors.article_list)

    published_after = IsoDateFilter(help_text="Published on or after (YYYY-MM-DD).")
    published_before = IsoDateFilter(help_text="Published on or before (YYYY-MM-DD).")
    publisher = django_filters.CharFilter(method="keep", help_text="Publisher, case-insensitive.")

    class Meta:
        model = Article
        fields = ["published_after", "published_before", "publisher"]


class StrictOrderingFilter(drf_filters.OrderingFilter):
    """`ordering` with a 400 for unknown fields, NULLs last in both directions, and a stable tie-break.

    Names are taken as written (" date" is no field); empty names ("," or "date,") name nothing,
    as an empty `ordering` does, so `ordering=,` is the default order.
    """

    def terms(self, view, queryset=None) -> list[str]:  # type: ignore[no-untyped-def]
        names = [name for name, _ in self.get_valid_fields(queryset, view, {})]
        return [*names, *(f"-{name}" for name in names)]

    def get_schema_operation_parameters(self, view):  # type: ignore[no-untyped-def]
        """The fields as an enum, each ascending or descending (-), one or more separated by commas."""
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Order by these fields (- for descending), separated by commas.",
                "schema": {"type": "array", "items": {"type": "string", "enum": [*self.terms(view), ""]}},
                "style": "form",
                "explode": False,
            }
        ]

    def get_ordering(self, request, queryset, view):  # type: ignore[no-untyped-def]
        params = request.query_params.get(self.ordering_param)
        if not params:
            return None
        valid = self.terms(view, queryset)
        fields = [term for term in params.split(",") if term]
        bad = [term for term in fields if term not in valid]
        if bad:
            raise DRFValidationError(
                {self.ordering_param: [f"unknown field {', '.join(map(repr, bad))}; use one of {', '.join(valid)}"]}
            )
        if not fields:
            return None
        ordering = [
            F(term[1:]).desc(nulls_last=True) if term.startswith("-") else F(term).asc(nulls_last=True)
            for term in fields
        ]
        return [*ordering, "-pk" if fields[-1].startswith("-") else "pk"]
