"""The REST API: viewsets over the selectors; writes go through services.

Reads are open to anonymous users unless API_ANONYMOUS_READ is off; every write needs an
authenticated user with the model permission (401 without credentials, 403 without the
permission). Meetings and relations lists also render as CSV (`?format=csv`), with cells that
a spreadsheet would run as formulas neutralised.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.negotiation import BaseContentNegotiation, DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from relations import filters, selectors, serializers, services
from relations.extraction.articles import ArticleError, make_article
from relations.fetch import Fetcher
from relations.models import Article, BilateralRelation, CooperationSector, Country, Forum, Meeting
from relations.pagination import MeetingPagination
from relations.permissions import ReadAnonymousWriteWithModelPerms, StatusChangeWithModelPerms

if TYPE_CHECKING:  # names of the stubs only
    from rest_framework.generics import BaseFilterProtocol
    from rest_framework.permissions import _PermissionClass

PAIR = re.compile(r"^[A-Za-z]{3}-[A-Za-z]{3}$")

# --------------------------------------------------------------------------- CSV


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(...), +cmd|...).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: Any) -> str:
    """Stable text for a value: empty for null, ";"-joined lists, lower-case booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(csv_text(item) for item in value)
    return str(value)


def csv_cell(value: Any) -> str:
    """One cell: csv_text(), with text that a spreadsheet would run as a formula neutralised.

    The OWASP rule for CSV injection: a cell that starts with =, +, -, @, a tab or a carriage
    return gets a leading single quote, so an article titled =HYPERLINK(...) stays text.
    Numbers are left alone (ours are ids and counts, never negative).
    """
    text = csv_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CSVRenderer(BaseRenderer):
    """One row per result of a list response, with the view's `csv_columns`, in a fixed order."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        view = renderer_context["view"]
        columns: list[tuple[str, Callable[[dict[str, Any]], Any]]] = view.csv_columns
        rows: Iterable[dict[str, Any]] = data["results"] if isinstance(data, dict) and "results" in data else data
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        request = renderer_context.get("request")
        if request is not None and request.query_params.get("bom") == "1":
            out.write("\ufeff")  # Excel takes a UTF-8 file for its local code page without it
        writer.writerow([name for name, _ in columns])
        for row in rows:
            writer.writerow([csv_cell(get(row)) for _, get in columns])
        return out.getvalue().encode("utf-8")


class StrictFormatNegotiation(DefaultContentNegotiation):
    """`?format=` names a renderer (json, csv where the view has it, api); anything else is a 400
    naming the parameter and the valid values, as every bad parameter is (DRF answers 404).

    No filter shares the name any more: the meeting-format filter is `meeting_format` (issue 13).
    """

    def select_renderer(self, request, renderers, format_suffix=None):  # type: ignore[no-untyped-def]
        param = api_settings.URL_FORMAT_OVERRIDE
        value = request.query_params.get(param)
        names = sorted({renderer.format for renderer in renderers})
        if format_suffix is None and value and value not in names:
            raise ValidationError({param: [f"unknown format {value!r}; use one of {', '.join(names)}"]})
        return super().select_renderer(request, renderers, format_suffix)


# --------------------------------------------------------------------------- base


def validation_error(exc: DjangoValidationError) -> ValidationError:
    """A service's ValidationError as a 400 naming the fields."""
    if hasattr(exc, "error_dict"):
        return ValidationError(exc.message_dict)
    return ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})


class ApiViewSetMixin:
    """What every viewset shares: list-only filters, CSV on lists, JSON errors.

    Authentication comes from settings, TokenAuthentication first so that a request without
    credentials gets 401 with a `WWW-Authenticate: Token` challenge rather than 403.
    """

    # Typed as APIView and GenericAPIView declare them, so that the viewsets' bases agree.
    permission_classes: Sequence[_PermissionClass] = [ReadAnonymousWriteWithModelPerms]
    content_negotiation_class: type[BaseContentNegotiation] = StrictFormatNegotiation
    filter_backends: Sequence[type[BaseFilterBackend | BaseFilterProtocol[Any]]] = [DjangoFilterBackend]
    csv_columns: list[tuple[str, Callable[[dict[str, Any]], Any]]] | None = None
    csv_filename = "export.csv"
    # str as ViewSetMixin declares it; at run time None for a method the route does not map (see get_renderers).
    action: str
    # A DRF Request, as APIView declares it; Any because Django's View declares HttpRequest and no type is both.
    request: Any

    def get_renderers(self):  # type: ignore[no-untyped-def]
        renderers = super().get_renderers()  # type: ignore[misc]
        # A method the list route does not allow (no action) keeps CSV too, so that it answers
        # ?format=csv with a 405, as any other, rather than a 404 from content negotiation.
        on_list = self.action == "list" or (self.action is None and getattr(self, "detail", None) is False)
        if self.csv_columns and on_list:
            renderers.append(CSVRenderer())
        return renderers

    def initial(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        bom = request.query_params.get("bom", "")
        if self.csv_columns and bom not in ("", "0", "1"):
            raise ValidationError({"bom": [f"{bom!r} is not one of 1, 0 (bom=1: a UTF-8 byte order mark for Excel)"]})
        super().initial(request, *args, **kwargs)  # type: ignore[misc]

    def filter_queryset(self, queryset):  # type: ignore[no-untyped-def]
        # The filter sets hand over to list selectors; a detail is looked up in get_queryset() as is.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)  # type: ignore[misc]

    def handle_exception(self, exc):  # type: ignore[no-untyped-def]
        response = super().handle_exception(exc)  # type: ignore[misc]
        if isinstance(getattr(self.request, "accepted_renderer", None), CSVRenderer):
            # Errors are not rows: answer them in JSON whatever the requested format.
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return response

    def finalize_response(self, request, response, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if isinstance(getattr(request, "accepted_renderer", None), CSVRenderer) and not response.exception:
            response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}"'
            if isinstance(response.data, dict) and "count" in response.data:
                response["X-Total-Count"] = str(response.data["count"])
                if "count_is_estimate" in response.data:
                    response["X-Total-Count-Is-Estimate"] = "true" if response.data["count_is_estimate"] else "false"
                links = [f'<{response.data[rel]}>; rel="{rel}"' for rel in ("next", "previous") if response.data[rel]]
                if links:
                    response["Link"] = ", ".join(links)
        return response


class ReadOnlyViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


def get_or_404(getter: Callable[..., Any], *args: Any) -> Any:
    try:
        return getter(*args)
    except (ObjectDoesNotExist, ValueError) as exc:
        raise Http404(str(exc)) from None


# --------------------------------------------------------------------------- countries, officials


@extend_schema_view(
    list=extend_schema(summary="Countries", description="Every ISO 3166-1 country, with its names and forums."),
    retrieve=extend_schema(summary="A country by ISO3 code (any case)"),
)
class CountryViewSet(ReadOnlyViewSet):
    serializer_class = serializers.CountrySerializer
    filterset_class = filters.CountryFilter
    lookup_field = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.country_queryset()

    def get_object(self) -> Country:
        return get_or_404(selectors.country_detail, self.kwargs["iso3"])


@extend_schema_view(
    list=extend_schema(summary="Officials", description="People who represent a country, with their positions."),
    retrieve=extend_schema(summary="An official"),
)
class OfficialViewSet(ReadOnlyViewSet):
    serializer_class = serializers.OfficialSerializer
    filterset_class = filters.OfficialFilter
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.official_queryset()


# --------------------------------------------------------------------------- sectors, forums


@extend_schema_view(
    list=extend_schema(summary="Cooperation sectors"),
    retrieve=extend_schema(summary="A cooperation sector by slug"),
)
class SectorViewSet(ReadOnlyViewSet):
    serializer_class = serializers.SectorSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-z0-9_]+"
    queryset = CooperationSector.objects.none()  # for the schema; get_queryset() reads

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.sector_list()


@extend_schema_view(
    list=extend_schema(summary="Forums", description="Multilateral organisations, movements and conferences."),
    retrieve=extend_schema(summary="A forum by acronym (any case), with its members"),
)
class ForumViewSet(ReadOnlyViewSet):
    filterset_class = filters.ForumFilter
    lookup_field = "acronym"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.forum_queryset()

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return serializers.ForumDetailSerializer if self.action == "retrieve" else serializers.ForumSerializer

    def get_object(self) -> Forum:
        return get_or_404(selectors.forum_detail, self.kwargs["acronym"])


# --------------------------------------------------------------------------- meetings


MEETING_CSV_COLUMNS: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
    ("id", lambda m: m["id"]),
    ("date", lambda m: m["date"]),
    ("date_precision", lambda m: m["date_precision"]),
    ("format", lambda m: m["format"]),
    ("title", lambda m: m["title"]),
    ("location_country", lambda m: m["location_country"]),
    ("location_city", lambda m: m["location_city"]),
    ("host_country", lambda m: m["host_country"]),
    ("countries", lambda m: m["countries"]),
    ("participants", lambda m: [p["name"] for p in m["participants"]]),
    ("officials", lambda m: [p["official"] for p in m["participants"] if p["official"] is not None]),
    ("sectors", lambda m: m["sectors"]),
    ("forums", lambda m: m["forums"]),
    ("status", lambda m: m["status"]),
    ("summary", lambda m: m["summary"]),
    ("sources", lambda m: [s["article"] for s in m["sources"]]),
    ("source_urls", lambda m: [s["url"] or "" for s in m["sources"]]),  # one per source, in the same order
]

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv", ""],
    description="Response format: json (the default) or csv. The meeting format filter is `meeting_format`.",
)
BOM_PARAMETER = OpenApiParameter(
    "bom",
    OpenApiTypes.STR,
    enum=["1", "0", ""],
    description="With format=csv, bom=1 starts the file with a UTF-8 byte order mark, so that Excel reads "
    "accented names right.",
)


# Request examples: the documentation shows them, and the fuzz test (tests/api/test_fuzz.py) sends
# them first, so that writes are also tried with data that the database can take.
MEETING_EXAMPLE = OpenApiExample(
    "A visit",
    request_only=True,
    value={
        "title": "Azerbaijan, Pakistan discuss strategic partnership",
        "date": "2024-05-01",
        "date_precision": "day",
        "format": "official_visit",
        "location_country": "PAK",
        "location_city": "Islamabad",
        "host_country": "PAK",
        "countries": ["AZE", "PAK"],
        "participants": [{"name": "Jeyhun Bayramov", "country": "AZE", "title": "Minister of Foreign Affairs"}],
        "sectors": ["energy", "trade"],
        "forums": ["OIC"],
    },
)
MEETING_EDIT_EXAMPLE = OpenApiExample(
    "A new city and sectors", request_only=True, value={"location_city": "Lahore", "sectors": ["defence", "trade"]}
)
ARTICLE_EXAMPLE = OpenApiExample(
    "A press release",
    request_only=True,
    value={
        "title": "Azerbaijan, Türkiye discuss energy cooperation",
        "text": "Minister of Foreign Affairs of Azerbaijan Jeyhun Bayramov met with Minister of Foreign Affairs "
        "of Türkiye Hakan Fidan in Ankara on March 5, 2024.\n\nThe sides discussed cooperation in energy and "
        "trade.",
        "url": "https://example.org/aze-tur",
        "publisher": "Example Agency",
        "published": "2024-03-05",
    },
)
ARTICLE_URL_EXAMPLE = OpenApiExample(
    "A page to fetch",
    request_only=True,
    value={"url": "https://example.org/news/aze-tur-talks"},
)


@extend_schema_view(
    list=extend_schema(
        summary="Meetings",
        description="Meetings, newest first (`ordering=date` for oldest first). Rejected meetings appear only "
        "with `status=rejected`. `format=csv` gives one row per meeting, lists joined with `;`; the page and "
        "its total travel in the `Link` and `X-Total-Count` headers.",
        parameters=[FORMAT_PARAMETER, BOM_PARAMETER],
    ),
    retrieve=extend_schema(summary="A meeting, with the evidence of each fact"),
    create=extend_schema(
        summary="Create a meeting",
        request=serializers.MeetingInputSerializer,
        responses={201: serializers.MeetingDetailSerializer},
        examples=[MEETING_EXAMPLE],
    ),
    partial_update=extend_schema(
        summary="Edit a meeting",
        description="The fields that change are locked: re-ingesting an article never overwrites them.",
        request=serializers.MeetingInputSerializer,
        responses={200: serializers.MeetingDetailSerializer},
        examples=[MEETING_EDIT_EXAMPLE],
    ),
)
class MeetingViewSet(ApiViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = filters.MeetingFilter
    filter_backends = [DjangoFilterBackend, filters.StrictOrderingFilter]
    ordering_fields = ["date"]
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    csv_columns = MEETING_CSV_COLUMNS
    csv_filename = "meetings.csv"
    queryset = Meeting.objects.none()  # for permissions and the schema; get_queryset() reads
    pagination_class = MeetingPagination

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if self.action == "list":
            return selectors.meeting_list_rows()
        return selectors.meeting_detail_queryset()

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return serializers.MeetingSerializer if self.action == "list" else serializers.MeetingDetailSerializer

    def get_parsers(self):  # type: ignore[no-untyped-def]
        # An edit is JSON only: form data cannot carry its nested participants, and a multipart body
        # that parses to no field at all was a successful edit of nothing (found by schemathesis).
        if getattr(self, "request", None) is not None and self.request.method == "PATCH":
            return [JSONParser()]
        return super().get_parsers()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The page's rows straight from the read model (selectors.meeting_rows), in MeetingSerializer's shape.

        Issue 10: the list's prefetches built about 2,500 model instances per 100 rows, article text
        and extraction JSON included, and the serializer walked them field by field (15 ms per 100 rows);
        the read model reads only the listed columns. MeetingSerializer still describes the rows in the
        schema, and a test holds the two to the same output.
        """
        rows = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        assert rows is not None  # pagination_class is set: a page, never None
        return self.get_paginated_response(selectors.meeting_rows(rows))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = serializers.MeetingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            meeting = services.meeting_create(data=data.validated_data, user=request.user)
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        return Response(self.detail_data(meeting), status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        meeting = self.get_object()
        data = serializers.MeetingInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            meeting = services.meeting_update(meeting=meeting, data=data.validated_data, user=request.user)
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        return Response(self.detail_data(meeting))

    @extend_schema(
        summary="Change a meeting's review status",
        request=serializers.MeetingStatusInputSerializer,
        examples=[OpenApiExample("Verify", request_only=True, value={"status": "verified"})],
        responses={200: serializers.MeetingDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[StatusChangeWithModelPerms])
    def status(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        data = serializers.MeetingStatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            meeting = services.meeting_set_status(
                meeting=meeting, status=data.validated_data["status"], user=request.user
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        return Response(self.detail_data(meeting))

    def detail_data(self, meeting: Meeting) -> dict[str, Any]:
        return serializers.MeetingDetailSerializer(selectors.meeting_detail(meeting.pk)).data


# --------------------------------------------------------------------------- relations


RELATION_CSV_COLUMNS: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
    ("pair", lambda r: r["pair"]),
    ("country_a", lambda r: r["countries"][0]),
    ("country_b", lambda r: r["countries"][1]),
    ("level", lambda r: r["level"]),
    ("meetings_count", lambda r: r["meetings_count"]),
    ("last_meeting_date", lambda r: r["last_meeting_date"]),
]


@extend_schema_view(
    list=extend_schema(
        summary="Bilateral relations",
        description="One row per pair of countries that has meetings or a stated level. `format=csv` gives "
        "the same rows as CSV (`bom=1`: with a UTF-8 byte order mark, for Excel).",
        parameters=[FORMAT_PARAMETER, BOM_PARAMETER],  # an empty format= is no format, as the list takes it
    ),
    retrieve=extend_schema(
        summary="A pair of countries, in either order (AZE-PAK or PAK-AZE)",
        description="Level history with sources, meetings per year, sectors, shared forums and the latest "
        "meetings. Any two different countries have one, whether they met or not.",
        responses={200: serializers.RelationDetailSerializer},
        parameters=[
            OpenApiParameter(
                "pair",
                {"type": "string", "pattern": "^[A-Za-z]{3}-[A-Za-z]{3}$"},
                OpenApiParameter.PATH,
                description="e.g. AZE-PAK",
            )
        ],
    ),
)
class RelationViewSet(ReadOnlyViewSet):
    serializer_class = serializers.RelationSerializer
    filterset_class = filters.RelationFilter
    filter_backends = [DjangoFilterBackend, filters.StrictOrderingFilter]
    ordering_fields = ["meetings_count", "last_meeting_date"]
    lookup_field = "pair"
    lookup_value_regex = "[^/]+"  # any pair reaches retrieve(), which names what is wrong with a bad one
    csv_columns = RELATION_CSV_COLUMNS
    csv_filename = "relations.csv"
    queryset = BilateralRelation.objects.none()  # for the schema; get_queryset() reads

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.relation_queryset()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pair = self.kwargs["pair"]
        if not PAIR.match(pair):
            raise ValidationError({"pair": [f"{pair!r} is not a pair: use two ISO3 codes joined by '-', like AZE-PAK"]})
        first, second = pair.split("-")
        if first.upper() == second.upper():
            raise ValidationError({"pair": [f"{pair!r} names one country twice: a relation is between two countries"]})
        summary = get_or_404(selectors.relation_summary, first, second)
        return Response(serializers.RelationDetailSerializer(summary).data)


# --------------------------------------------------------------------------- articles


@extend_schema_view(
    list=extend_schema(summary="Articles", description="Source texts, newest publication first."),
    retrieve=extend_schema(summary="An article, with what was extracted from it"),
)
class ArticleViewSet(ApiViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = filters.ArticleFilter
    filter_backends = [DjangoFilterBackend, filters.StrictOrderingFilter]
    ordering_fields = ["published"]
    lookup_value_regex = "[0-9]+"
    queryset = Article.objects.none()  # for permissions and the schema; get_queryset() reads

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.article_queryset(detail=self.action != "list")

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return serializers.ArticleSerializer if self.action == "list" else serializers.ArticleDetailSerializer

    @extend_schema(
        summary="Ingest an article",
        description="Extracts the meeting(s) the article reports, through the same service as the "
        "`ingest` command. 201 when the text is new; 200 with the existing article and meetings when "
        "the same text was ingested before. Without `text`, the page at `url` is fetched (robots.txt "
        "respected) and its main text, title, date and publisher read from it; a page that cannot be "
        'fetched or holds no article is a 400 naming the URL and the reason (`{"url": [...]}`), and a '
        "URL already stored is not fetched again (200).",
        request=serializers.ArticleInputSerializer,
        responses={201: serializers.ArticleIngestSerializer, 200: serializers.ArticleIngestSerializer},
        examples=[ARTICLE_EXAMPLE, ARTICLE_URL_EXAMPLE],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = serializers.ArticleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if "text" not in data.validated_data:
            result = self._ingest_url(data.validated_data)
        else:
            try:
                article = make_article(**{"title": None, **data.validated_data}, where="request body")
            except ArticleError as exc:
                raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [exc.problem]}) from None
            try:
                result = services.article_ingest(article=article)
            except ArticleError as exc:  # said as the admin says it after a paste
                raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [services.refusal_message(exc)]}) from None
            except DjangoValidationError as exc:
                raise validation_error(exc) from None
        meetings = selectors.meeting_detail_queryset().filter(pk__in=[m.pk for m in result.meetings])
        body = {
            "outcome": result.outcome,
            "created": result.created,
            "article": selectors.article_detail(result.article.pk),
            "meetings": list(meetings),
        }
        return Response(
            serializers.ArticleIngestSerializer(body).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )

    def _ingest_url(self, given: dict[str, Any]) -> services.ArticleIngestResult:
        """No text: fetch the page at `url` (the same service as `manage.py ingest_urls`)."""
        url = given.get("url") or ""
        if not url:
            raise ValidationError({"text": ["This field is required."]})
        hints = services.EntryHints.given(given)
        try:
            with Fetcher() as fetcher:
                result = services.url_ingest(url=url, fetcher=fetcher, hints=hints)
        except ArticleError as exc:
            raise ValidationError({"url": [str(exc)]}) from None
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        if not result.created:
            result.meetings = list(Meeting.objects.filter(sources__article=result.article).order_by("pk"))
        return result
