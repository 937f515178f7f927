"""API serializers: declarative output shapes and input shapes, no queries and no business rules.

Outputs read only what the selectors fetched. Inputs check types and shapes; whether a code
exists is the service's business (it raises a ValidationError naming the field).
"""

from __future__ import annotations

from functools import reduce
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from relations.models import (
    Article,
    BilateralRelation,
    CooperationSector,
    Country,
    CountryName,
    DatePrecision,
    Forum,
    ForumMembership,
    Meeting,
    MeetingFormat,
    MeetingParticipant,
    MeetingSource,
    MeetingStatus,
    Official,
    Position,
    RelationLevel,
    RelationLevelKind,
)
from relations.validators import validate_article_url


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class PluckField(serializers.Field):
    """A list of one attribute (dotted path) of each row of a prefetched relation."""

    def __init__(self, path: str, **kwargs: Any) -> None:
        self.path = path.split(".")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> list[Any]:
        return [reduce(getattr, self.path, row) for row in value.all()]


@extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
class PluckIdsField(PluckField):
    """Like PluckField, for integer ids."""


# --------------------------------------------------------------------------- countries


class CountryNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = CountryName
        fields = ["name", "kind"]


class CountryMembershipSerializer(serializers.ModelSerializer):
    forum = serializers.CharField(source="forum.acronym")
    forum_name = serializers.CharField(source="forum.name")

    class Meta:
        model = ForumMembership
        fields = ["forum", "forum_name", "status", "since"]


class CountrySerializer(serializers.ModelSerializer):
    other_names = CountryNameSerializer(source="names", many=True, read_only=True)
    forums = CountryMembershipSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Country
        fields = ["iso3", "iso2", "numeric", "name", "official_name", "capital", "other_names", "forums"]


# --------------------------------------------------------------------------- officials


class PositionSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id", allow_null=True)

    class Meta:
        model = Position
        fields = ["title", "country", "start_date", "start_precision", "end_date", "end_precision"]


class OfficialSerializer(serializers.ModelSerializer):
    other_names = PluckField("name")
    country = serializers.CharField(source="country_id", allow_null=True)
    positions = PositionSerializer(many=True, read_only=True)
    meetings_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Official
        fields = ["id", "name", "other_names", "country", "positions", "meetings_count"]


# --------------------------------------------------------------------------- sectors and forums


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = CooperationSector
        fields = ["slug", "name", "words"]


class ForumSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(  # type: ignore[assignment]  # a declared field, which the metaclass pops: not Field.parent
        source="parent.acronym", default=None, allow_null=True
    )
    members_count = serializers.IntegerField(read_only=True)
    other_names = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Forum
        fields = ["acronym", "name", "other_names", "kind", "founded", "parent", "registered", "members_count"]


class ForumMemberSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")
    name = serializers.CharField(source="country.name")

    class Meta:
        model = ForumMembership
        fields = ["country", "name", "status", "since"]


class ForumDetailSerializer(ForumSerializer):
    members = ForumMemberSerializer(source="memberships", many=True, read_only=True)

    class Meta(ForumSerializer.Meta):
        fields = [*ForumSerializer.Meta.fields, "members"]


# --------------------------------------------------------------------------- meetings


class ParticipantSerializer(serializers.ModelSerializer):
    official = serializers.IntegerField(source="official_id", allow_null=True)
    name = serializers.CharField(source="display_name")
    country = serializers.CharField(source="country_id", allow_null=True)

    class Meta:
        model = MeetingParticipant
        fields = ["official", "name", "country", "title"]


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
    countries = PluckField("country_id", source="parties")
    participants = ParticipantSerializer(many=True, read_only=True)
    sectors = PluckField("sector.slug", source="sector_links")
    forums = PluckField("forum.acronym", source="forum_links")
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "date",
            "date_precision",
            "format",
            "location_country",
            "location_city",
            "host_country",
            "countries",
            "participants",
            "sectors",
            "forums",
            "status",
            "summary",
            "sources",
        ]


class EvidenceSerializer(serializers.Serializer):
    """Where a fact was read: the article, the sentence and its offsets, and who added it."""

    source = serializers.IntegerField(  # type: ignore[assignment]  # a declared field, which the metaclass pops: not Field.source
        source="source_id", allow_null=True
    )
    sentence = serializers.CharField(source="evidence")
    start = serializers.IntegerField(source="evidence_start", allow_null=True)
    end = serializers.IntegerField(source="evidence_end", allow_null=True)
    origin = serializers.CharField()


class CountryEvidenceSerializer(EvidenceSerializer):
    country = serializers.CharField(source="country_id")


class ParticipantEvidenceSerializer(EvidenceSerializer):
    official = serializers.IntegerField(source="official_id", allow_null=True)
    name = serializers.CharField(source="raw_name")


class SectorEvidenceSerializer(EvidenceSerializer):
    sector = serializers.CharField(source="sector.slug")


class ForumEvidenceSerializer(EvidenceSerializer):
    forum = serializers.CharField(source="forum.acronym")


class MeetingEvidenceSerializer(serializers.Serializer):
    date = serializers.CharField(source="date_evidence")
    format = serializers.CharField(source="format_evidence")
    location = serializers.CharField(source="location_evidence")
    countries = CountryEvidenceSerializer(source="parties", many=True)
    participants = ParticipantEvidenceSerializer(many=True)
    sectors = SectorEvidenceSerializer(source="sector_links", many=True)
    forums = ForumEvidenceSerializer(source="forum_links", many=True)


class MeetingDetailSerializer(MeetingSerializer):
    evidence = MeetingEvidenceSerializer(source="*", read_only=True)
    locked_fields = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "locked_fields", "evidence"]


class TextField(serializers.CharField):
    """An input CharField that takes text only.

    DRF's turns a JSON number or a boolean into its digits; the schema says a string, and a
    number where text belongs is a client's mistake, answered with a 400. (Form data is all
    text, so it passes as before.)
    """

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class WholeNumberField(serializers.IntegerField):
    """An input IntegerField that takes a JSON integer only, not its digits as text (nested objects
    such as a meeting's participants only come as JSON)."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        return super().to_internal_value(data)


class ParticipantInputSerializer(serializers.Serializer):
    official = WholeNumberField(required=False, allow_null=True, help_text="Id of a known official.")
    name = TextField(required=False, allow_blank=True, max_length=255, help_text="Name as written.")
    country = TextField(required=False, allow_null=True, max_length=3, help_text="ISO3 code.")
    title = TextField(required=False, allow_blank=True, max_length=255, help_text="Title at the time.")


class MeetingInputSerializer(serializers.Serializer):
    """A meeting as a curator writes it; codes are ISO3 codes, sector slugs and forum acronyms."""

    title = TextField(required=False, allow_blank=True, max_length=500)
    date = serializers.DateField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    format = serializers.ChoiceField(choices=MeetingFormat.choices, required=False)
    location_country = TextField(required=False, allow_null=True, allow_blank=True, max_length=3)
    location_city = TextField(required=False, allow_blank=True, max_length=128)
    host_country = TextField(required=False, allow_null=True, allow_blank=True, max_length=3)
    summary = TextField(required=False, allow_blank=True)
    countries = serializers.ListField(child=TextField(max_length=3), min_length=2, max_length=50)
    participants = ParticipantInputSerializer(many=True, required=False)
    sectors = serializers.ListField(child=TextField(max_length=32), required=False, max_length=100)
    forums = serializers.ListField(child=TextField(max_length=128), required=False, max_length=100)


class MeetingStatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=MeetingStatus.choices)


# --------------------------------------------------------------------------- relations


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class PairCountriesField(serializers.Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: BilateralRelation) -> list[str]:
        return [value.country_a_id, value.country_b_id]


class RelationSerializer(serializers.ModelSerializer):
    pair = serializers.CharField(read_only=True)
    countries = PairCountriesField()
    level = serializers.ChoiceField(
        source="current_level", choices=RelationLevelKind.choices, allow_null=True, read_only=True
    )
    meetings_count = serializers.IntegerField(read_only=True)
    last_meeting_date = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = BilateralRelation
        fields = ["pair", "countries", "level", "meetings_count", "last_meeting_date"]


class ArticleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "url", "publisher", "published"]


class RelationLevelSerializer(serializers.ModelSerializer):
    source = ArticleRefSerializer(  # type: ignore[assignment]  # a declared field, which the metaclass pops: not Field.source
        allow_null=True, read_only=True
    )

    class Meta:
        model = RelationLevel
        fields = ["level", "stated_on", "source", "evidence"]


class CountryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["iso3", "name"]


class YearCountSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    count = serializers.IntegerField()


class SectorCountSerializer(serializers.Serializer):
    sector = serializers.CharField()
    count = serializers.IntegerField()


class SharedMembershipSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")

    class Meta:
        model = ForumMembership
        fields = ["country", "status", "since"]


class SharedForumSerializer(serializers.Serializer):
    acronym = serializers.CharField()
    name = serializers.CharField()
    memberships = SharedMembershipSerializer(many=True)


class RelationDetailSerializer(serializers.Serializer):
    pair = serializers.CharField()
    countries = CountryRefSerializer(source="countries_rows", many=True)
    level = serializers.ChoiceField(source="current_level", choices=RelationLevelKind.choices, allow_null=True)
    levels = RelationLevelSerializer(many=True, help_text="The latest stated levels, newest first (at most 20).")
    levels_count = serializers.IntegerField(help_text="How many levels are stated in all.")
    meetings_count = serializers.IntegerField()
    last_meeting_date = serializers.DateField(allow_null=True)
    meetings_per_year = YearCountSerializer(many=True)
    sectors = SectorCountSerializer(many=True)
    shared_forums = SharedForumSerializer(many=True)
    latest_meetings = MeetingSerializer(many=True)


# --------------------------------------------------------------------------- articles


class ArticleSerializer(serializers.ModelSerializer):
    meetings = PluckIdsField("meeting_id", source="meeting_links")

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "url",
            "publisher",
            "published",
            "language",
            "content_hash",
            "extractor_version",
            "extracted_at",
            "meetings",
        ]


class ArticleDetailSerializer(ArticleSerializer):
    countries_mentioned = PluckField("iso3")
    extraction = serializers.JSONField(read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "countries_mentioned", "extraction", "text"]


@extend_schema_field({"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"})
class ArticleURLField(TextField):
    """An article URL by the article URL rule (relations.validators): http or https, or empty.

    Not DRF's URLField, whose own validator lets ftp: through and adds a second, vaguer message.
    """

    default_help_text = "An http or https link to where the article was published."

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", self.default_help_text)
        super().__init__(**kwargs)
        self.validators.append(validate_article_url)


class ArticleInputSerializer(serializers.Serializer):
    """An article to ingest. Without a title, the first line of the text is the title.

    Without a text, the page at `url` is fetched and read (title, date, publisher and language given
    here are used where the page says nothing; a publisher or language given here comes first)."""

    title = TextField(required=False, allow_blank=True, trim_whitespace=False)
    text = TextField(
        required=False,
        trim_whitespace=False,
        help_text="The body of the article. Required unless `url` is given: then the page is fetched.",
    )
    url = ArticleURLField(required=False, allow_blank=True, max_length=1000)
    publisher = TextField(required=False, allow_blank=True, max_length=255)
    published = serializers.DateField(required=False, allow_null=True, help_text="Publication date, YYYY-MM-DD.")
    language = TextField(required=False, allow_blank=True, max_length=16)


class ArticleIngestSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["new", "known", "merged", "no_meeting"])
    created = serializers.BooleanField()
    article = ArticleDetailSerializer()
    meetings = MeetingSerializer(many=True)
