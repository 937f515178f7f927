"""The floor for the meeting list: a naive DRF `ModelViewSet` with nested serializers and no prefetching.

What a first version of the API would be: a queryset with no select_related/prefetch_related,
serializers that follow each relation as they go (one query per meeting for each kind of link,
and one per source for its article). Same JSON as `/api/meetings/` of the app. Served by the
web benchmark under gunicorn with DJANGO_SETTINGS_MODULE=benchmarks.naive_settings; not part of
the app.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from rest_framework import routers, serializers, viewsets

from relations.models import Meeting, MeetingParticipant, MeetingSource


def count_queries(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: the number of SQL statements a request ran, in an X-Query-Count header."""

    def middleware(request: HttpRequest) -> HttpResponse:
        count = 0

        def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Query-Count"] = str(count)
        return response

    return middleware


class ParticipantSerializer(serializers.ModelSerializer):
    official = serializers.IntegerField(source="official_id", allow_null=True)
    name = serializers.SerializerMethodField()
    country = serializers.CharField(source="country_id", allow_null=True)

    class Meta:
        model = MeetingParticipant
        fields = ["official", "name", "country", "title"]

    def get_name(self, participant: MeetingParticipant) -> str:
        return participant.raw_name or (participant.official.name if participant.official else "")


class SourceSerializer(serializers.ModelSerializer):
    article = serializers.IntegerField(source="article_id")
    title = serializers.CharField(source="article.title")
    url = serializers.CharField(source="article.url")
    publisher = serializers.CharField(source="article.publisher")
    published = serializers.DateField(source="article.published", allow_null=True)

    class Meta:
        model = MeetingSource
        fields = ["article", "title", "url", "publisher", "published"]


class MeetingSerializer(serializers.ModelSerializer):
    location_country = serializers.CharField(source="location_country_id", allow_null=True)
    host_country = serializers.CharField(source="host_country_id", allow_null=True)
    countries = serializers.SlugRelatedField(source="parties", slug_field="country_id", many=True, read_only=True)
    participants = serializers.SerializerMethodField()
    sectors = serializers.SerializerMethodField()
    forums = serializers.SerializerMethodField()
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "title", "date", "date_precision", "format", "location_country", "location_city", "host_country",
            "countries", "participants", "sectors", "forums", "status", "summary", "sources",
        ]  # fmt: skip

    def get_participants(self, meeting: Meeting) -> list:
        rows = meeting.participants.order_by("country_id", "raw_name", "id")
        return ParticipantSerializer(rows, many=True).data

    def get_sectors(self, meeting: Meeting) -> list[str]:
        return list(meeting.sectors.order_by("slug").values_list("slug", flat=True))

    def get_forums(self, meeting: Meeting) -> list[str]:
        return list(meeting.forums.order_by("acronym").values_list("acronym", flat=True))


class MeetingViewSet(viewsets.ModelViewSet):
    serializer_class = MeetingSerializer
    queryset = Meeting.objects.exclude(status="rejected").order_by(F("date").desc(nulls_last=True), "-id")
    http_method_names = ["get", "head", "options"]


router = routers.SimpleRouter()
router.register("meetings", MeetingViewSet, basename="meeting")
urlpatterns = [path("api/", include(router.urls))]
