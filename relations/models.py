"""The domain of the bilateral-relations database.

Reference data (Country, CooperationSector, Forum, ForumMembership) comes from seeds/;
Articles come in through ingest; Meetings and their links are extracted from articles and
curated in the admin. Integrity rules are named database constraints (`<model>_<rule>`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from relations.validators import ArticleURLFormField, validate_article_url


class ArticleURLField(models.URLField):
    """A URLField held to the article URL rule (http or https only; relations.validators)."""

    default_validators = [validate_article_url]

    def formfield(self, **kwargs):  # type: ignore[no-untyped-def]
        return super().formfield(**{"form_class": ArticleURLFormField, "assume_scheme": "https", **kwargs})


class TimeStampedModel(models.Model):
    """Abstract base: creation and last-update times."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class HistoryOnFirstChange(models.Model):
    """Abstract: a row ingest creates in bulk gets its first history record only when it first changes.

    Writing a history row next to every extracted link would add about a third to ingest time.
    Before the first change is saved, the row's stored state is recorded (dated when the row was
    created), so the history is complete from then on and no edit loses data. Deleting records
    the full state as usual.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding and self.pk is not None:
            record_initial_history(self)
        super().save(*args, **kwargs)


def record_initial_history(instance: models.Model) -> None:
    """Record the stored state of a row that has no history yet (see HistoryOnFirstChange)."""
    model = type(instance)
    history = model.history  # type: ignore[attr-defined]
    if history.filter(**{model._meta.pk.attname: instance.pk}).exists():
        return
    stored = model._default_manager.filter(pk=instance.pk).first()
    if stored is not None:
        history.bulk_history_create([stored], default_date=getattr(stored, "created_at", None))


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


# --------------------------------------------------------------------------- countries


class CountryQuerySet(models.QuerySet["Country"]):
    def get_by_natural_key(self, iso3: str) -> Country:
        return self.get(iso3=iso3)

    def matching(self, text: str) -> CountryQuerySet:
        """Countries whose code or any name form (official, alternative, demonym) matches."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(iso3__iexact=text)
            | Q(iso2__iexact=text)
            | Q(name__icontains=text)
            | Q(official_name__icontains=text)
            | Q(names__name__icontains=text)
        ).distinct()


class Country(TimeStampedModel):
    """A country of ISO 3166-1, keyed by its alpha-3 code."""

    # The alpha-3 code is the key so that pairs order alphabetically ("AZE-PAK") and URLs read well.
    iso3 = models.CharField(
        "ISO alpha-3", max_length=3, primary_key=True, help_text="ISO 3166-1 alpha-3 code, e.g. AZE."
    )
    iso2 = models.CharField("ISO alpha-2", max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. AZ.")
    numeric = models.CharField(max_length=3, blank=True, help_text="ISO 3166-1 numeric code.")
    name = models.CharField(max_length=128, help_text="Common short name, e.g. Azerbaijan.")
    official_name = models.CharField(
        max_length=255, blank=True, help_text="Official name, e.g. Republic of Azerbaijan."
    )
    capital = models.CharField(max_length=128, blank=True, help_text="Capital city.")
    # Kept in step by the writes (services.aggregates), so that a country's page counts nothing.
    meetings_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Meetings the country took part in, rejected ones aside."
    )

    history = HistoricalRecords(excluded_fields=["meetings_count"])
    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "countries"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["iso2"], name="country_unique_iso2"),
            models.CheckConstraint(condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="country_iso3_format"),
            models.CheckConstraint(condition=Q(iso2__regex=r"^[A-Z]{2}$"), name="country_iso2_format"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.iso3,)


class CountryName(TimeStampedModel):
    """Another name a text may use for a country: official form, alternative, demonym, city, institution."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Official form"
        ALTERNATIVE = "alternative", "Alternative name"
        DEMONYM = "demonym", "Demonym or adjective"
        CITY = "city", "City"
        INSTITUTION = "institution", "Institution that implies the country"

    # CASCADE: a name has no meaning without its country.
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=255, help_text="The name exactly as texts write it, e.g. Azerbaijani.")
    kind = models.CharField(max_length=16, choices=Kind.choices, help_text="What kind of name this is.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="countryname_unique_per_country"),
        ]
        indexes = [models.Index(fields=["name"], name="countryname_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id}, {self.get_kind_display()})"


# --------------------------------------------------------------------------- sectors and forums


class CooperationSectorQuerySet(models.QuerySet["CooperationSector"]):
    def get_by_natural_key(self, slug: str) -> CooperationSector:
        return self.get(slug=slug)


class CooperationSector(TimeStampedModel):
    """A canonical area of cooperation (trade, energy, ...) with the words that map to it."""

    slug = models.SlugField(max_length=32, help_text="Canonical slug, e.g. trade.")
    name = models.CharField(max_length=64, help_text="Display name, e.g. Trade.")
    words = models.JSONField(default=list, blank=True, help_text="Words and phrases in a text that map to this sector.")

    history = HistoricalRecords()
    objects = CooperationSectorQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="cooperationsector_unique_slug")]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class ForumQuerySet(models.QuerySet["Forum"]):
    def get_by_natural_key(self, acronym: str) -> Forum:
        return self.get(acronym=acronym)


class Forum(TimeStampedModel):
    """A multilateral organisation, movement or conference (UN, NAM, OIC, CICA, ...)."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "International organisation"
        UN_BODY = "un_body", "UN organ, agency or convention"
        MOVEMENT = "movement", "Movement"
        CONFERENCE = "conference", "Conference or process"
        GROUP = "group", "Informal group"
        BANK = "bank", "Development bank or fund"
        OTHER = "other", "Other"

    acronym = models.CharField(
        max_length=128,
        help_text="Canonical acronym, e.g. OIC; the full name when the forum has no acronym.",
    )
    name = models.CharField(max_length=255, help_text="Full name, e.g. Organisation of Islamic Cooperation.")
    other_names = models.JSONField(default=list, blank=True, help_text="Other names and spellings texts use.")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ORGANISATION, help_text="Kind of forum.")
    founded = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Founding year.")
    # PROTECT: deleting a parent organisation must not silently delete its organs.
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The organisation this body belongs to (UNGA belongs to the UN).",
    )
    registered = models.BooleanField(
        default=True,
        help_text="In the curated registry; off for forums created by ingest from an article.",
    )
    known = models.BooleanField(
        default=False,
        help_text=(
            "Outside the registry but known to the extractor, which finds it by its names and acronym "
            "(the organisations listed in seeds/forums.json, such as ECOWAS or the OECD). Registered forums "
            "are always known; forums ingest created from an article are not."
        ),
    )
    # Kept in step by the writes (services.aggregates).
    meetings_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Meetings that named the forum, rejected ones aside."
    )

    history = HistoricalRecords(excluded_fields=["meetings_count"])
    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["acronym"]
        constraints = [models.UniqueConstraint(fields=["acronym"], name="forum_unique_acronym")]

    def __str__(self) -> str:
        return self.acronym

    def natural_key(self) -> tuple[str]:
        return (self.acronym,)


class ForumMembership(TimeStampedModel):
    """A country's membership of a forum: member, observer or partner, since a year."""

    class Status(models.TextChoices):
        MEMBER = "member", "Member"
        OBSERVER = "observer", "Observer"
        PARTNER = "partner", "Partner"

    # PROTECT: memberships are reference data; remove them before the country or forum.
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="memberships")
    # CASCADE: a membership is part of its forum's record.
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.MEMBER, help_text="Kind of membership."
    )
    since = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Year the country joined in this status.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["forum", "country"]
        constraints = [
            models.UniqueConstraint(fields=["country", "forum"], name="forummembership_unique_country_forum"),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} in {self.forum} ({self.status})"


# --------------------------------------------------------------------------- people


class OfficialQuerySet(models.QuerySet["Official"]):
    def of_country(self, iso3: str) -> OfficialQuerySet:
        return self.filter(country_id=iso3.upper())

    def matching(self, text: str) -> OfficialQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(other_names__name__icontains=text)).distinct()


class Official(TimeStampedModel):
    """A person who represents a country: minister, head of state, ambassador, speaker, ..."""

    name = models.CharField(max_length=255, db_index=True, help_text="Full name in its longest written form.")
    # PROTECT: an official's country is reference data and must outlive edits.
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        help_text="The country the official represents.",
    )
    notes = models.TextField(blank=True, help_text="Curator notes.")
    curated = models.BooleanField(
        default=False,
        help_text="A known official (from the reference list or confirmed by a curator): the extractor "
        "uses known officials to recognise names and their countries.",
    )
    # Kept in step by the writes (services.aggregates).
    meetings_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Meetings the official attended, rejected ones aside."
    )

    history = HistoricalRecords(excluded_fields=["meetings_count"])
    objects = OfficialQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id})" if self.country_id else self.name


class OfficialName(TimeStampedModel):
    """Another name of an official (transliteration, surname-only form, name with honorifics)."""

    # CASCADE: an alias belongs to its person.
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="other_names")
    name = models.CharField(max_length=255, help_text="The other name as texts write it.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["official", "name"], name="officialname_unique_per_official")]

    def __str__(self) -> str:
        return self.name


class PositionQuerySet(models.QuerySet["Position"]):
    def current(self) -> PositionQuerySet:
        return self.filter(end_date__isnull=True)


class Position(TimeStampedModel):
    """A post an official held (Popolo membership): title, country, start and end with their precision."""

    # CASCADE: a tenure is part of the person's record.
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(
        max_length=255, help_text="Title without the country name, e.g. Minister of Foreign Affairs."
    )
    # PROTECT: reference data.
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        help_text="Country of the post.",
    )
    start_date = models.DateField(
        null=True, blank=True, help_text="First day in office (or first day of the month/year)."
    )
    start_precision = models.CharField(
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
        help_text="How precise the start is.",
    )
    end_date = models.DateField(null=True, blank=True, help_text="Last day in office; empty while in office.")
    end_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN, help_text="How precise the end is."
    )

    history = HistoricalRecords()
    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["official", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="position_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["official", "title", "country"],
                condition=Q(end_date__isnull=True),
                name="position_one_current_per_post",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.country_id or '?'})"


# --------------------------------------------------------------------------- articles


class Article(HistoryOnFirstChange, TimeStampedModel):
    """A source text (press release or news report) and what the extractor found in it."""

    title = models.CharField(max_length=500, help_text="Headline.")
    text = models.TextField(help_text="Body text as ingested.")
    url = ArticleURLField(
        max_length=1000,
        blank=True,
        help_text="Where the article was published (an http or https link).",
    )
    publisher = models.CharField(max_length=255, blank=True, help_text="Agency, ministry or outlet.")
    published = models.DateField(null=True, blank=True, help_text="Publication date.")
    language = models.CharField(max_length=16, blank=True, default="en", help_text="Language code.")
    content_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the normalised title and text; the same article is stored once."
    )
    extractor_version = models.CharField(max_length=32, blank=True, help_text="Version of the extractor that read it.")
    extracted_at = models.DateTimeField(null=True, blank=True, help_text="When the extractor read it.")
    extraction = models.JSONField(default=dict, blank=True, help_text="The extractor's output (contract JSON).")
    fetched_at = models.DateTimeField(
        null=True, blank=True, help_text="When the page was fetched from its URL (empty for texts given whole)."
    )
    countries_mentioned = models.ManyToManyField(
        Country, blank=True, related_name="mentioned_in", help_text="Every country the article names."
    )

    history = HistoricalRecords(excluded_fields=["text", "extraction"])

    class Meta:
        ordering = ["-published", "-id"]
        constraints = [models.UniqueConstraint(fields=["content_hash"], name="article_unique_content_hash")]
        indexes = [
            models.Index(fields=["url"], name="article_url_idx"),
            # The admin's list (newest first, read backwards), its years, and its publishers one
            # probe each (relations/admin/articles.py).
            models.Index(fields=["published", "id"], name="article_published_idx"),
            models.Index(fields=["publisher"], name="article_publisher_idx"),
        ]

    def __str__(self) -> str:
        return self.title


# --------------------------------------------------------------------------- meetings


class MeetingFormat(models.TextChoices):
    OFFICIAL_VISIT = "official_visit", "Official visit"
    STATE_VISIT = "state_visit", "State visit"
    WORKING_VISIT = "working_visit", "Working visit"
    SIDELINES = "sidelines", "Sidelines of an event"
    PHONE_CALL = "phone_call", "Phone call"
    VIDEO_CALL = "video_call", "Video call"
    RECEPTION = "reception", "Reception"
    TALKS = "talks", "Talks"
    OTHER = "other", "Other"


class MeetingStatus(models.TextChoices):
    EXTRACTED = "extracted", "Extracted"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def between(self, first: str, second: str) -> MeetingQuerySet:
        """Meetings in which both countries took part."""
        return self.filter(countries=first.upper()).filter(countries=second.upper())

    def with_party(self, iso3: str) -> MeetingQuerySet:
        return self.filter(countries=iso3.upper())

    def visible(self) -> MeetingQuerySet:
        """Meetings not rejected by a curator."""
        return self.exclude(status=MeetingStatus.REJECTED)


class MeetingVersionLinks(models.Model):
    """Abstract base of a meeting's historical records: the links the meeting had in that version."""

    links = models.JSONField(
        null=True,
        blank=True,
        help_text="Parties, participants, sectors, forums and sources in this version (null: not recorded; "
        "the next recorded version's links apply).",
    )

    class Meta:
        abstract = True


class Meeting(TimeStampedModel):
    """An encounter between officials of two or more countries, reported by one or more articles."""

    title = models.CharField(
        max_length=500, blank=True, help_text="Short description, by default the first source's headline."
    )
    date = models.DateField(
        null=True, blank=True, help_text="Day of the meeting (first day of the month/year if less precise)."
    )
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN, help_text="How precise the date is."
    )
    format = models.CharField(
        max_length=16, choices=MeetingFormat.choices, default=MeetingFormat.TALKS, help_text="Format."
    )
    # PROTECT on the three country links: reference data must outlive meetings.
    location_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_held",
        help_text="Where it took place.",
    )
    location_city = models.CharField(max_length=128, blank=True, help_text="City where it took place.")
    host_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_hosted",
        help_text="The host country.",
    )
    countries = models.ManyToManyField(
        Country, through="MeetingCountry", related_name="meetings", help_text="Countries taking part."
    )
    sectors = models.ManyToManyField(CooperationSector, through="MeetingSector", related_name="meetings")
    forums = models.ManyToManyField(Forum, through="MeetingForum", related_name="meetings")
    articles = models.ManyToManyField(Article, through="MeetingSource", related_name="meetings")
    status = models.CharField(
        max_length=16,
        choices=MeetingStatus.choices,
        default=MeetingStatus.EXTRACTED,
        db_index=True,
        help_text="Review status: extracted by the program, verified or rejected by a curator.",
    )
    summary = models.TextField(blank=True, help_text="What the meeting was about, in a sentence or two.")
    date_evidence = models.TextField(blank=True, help_text="The sentence the date was read from.")
    format_evidence = models.TextField(blank=True, help_text="The sentence the format was read from.")
    location_evidence = models.TextField(blank=True, help_text="The sentence the location was read from.")
    locked_fields = models.JSONField(
        default=list, blank=True, help_text="Fields a curator set by hand; ingest never overwrites them."
    )
    # Denormalised from the parties ("AZE-PAK") so that ingest finds the meetings a new report
    # may belong to with one indexed lookup; kept in step by refresh_party_key().
    party_key = models.CharField(max_length=255, blank=True, editable=False, db_index=True)

    # Each version also keeps the meeting's links (MeetingVersionLinks), so that reverting to it
    # restores parties, participants, sectors and forums; the change reason lists what changed.
    history = HistoricalRecords(
        excluded_fields=["party_key"],
        bases=[MeetingVersionLinks],
        history_change_reason_field=models.TextField(null=True),
    )
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        # PostgreSQL also has meeting_list_order_idx (date DESC NULLS LAST, id DESC), the lists' order,
        # so that a page reads the index and sorts nothing: see migration 0007 (SQLite cannot index NULLS LAST).
        indexes = [models.Index(fields=["date"], name="meeting_date_idx")]

    def __str__(self) -> str:
        when = self.date.isoformat() if self.date else "undated"
        return f"{self.title or 'Meeting'} ({when})"

    @staticmethod
    def make_party_key(codes: Iterable[str]) -> str:
        return "-".join(sorted({code.upper() for code in codes}))

    def refresh_party_key(self) -> bool:
        """Recompute party_key from the party rows; saves and returns True when it changed."""
        key = self.make_party_key(self.parties.values_list("country_id", flat=True))
        if key == self.party_key:
            return False
        self.party_key = key
        Meeting.objects.filter(pk=self.pk).update(party_key=key)
        return True


class Evidence(models.Model):
    """Abstract: the source article and the sentence an extracted link came from."""

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", "Extracted"
        CURATOR = "curator", "Added by a curator"

    # SET_NULL: removing an article must not remove curated facts; the quote stays.
    source = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="Article it came from."
    )
    evidence = models.TextField(blank=True, help_text="The sentence this fact was read from.")
    evidence_start = models.PositiveIntegerField(null=True, blank=True, help_text="Start offset in the article text.")
    evidence_end = models.PositiveIntegerField(null=True, blank=True, help_text="End offset in the article text.")
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.CURATOR, help_text="Who added it.")

    class Meta:
        abstract = True


class MeetingCountry(HistoryOnFirstChange, TimeStampedModel, Evidence):
    """A country taking part in a meeting (a party)."""

    # CASCADE: owned by the meeting.
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="parties")
    # PROTECT: reference data.
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "party"
        verbose_name_plural = "parties"
        ordering = ["country_id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "country"], name="meetingcountry_unique_per_meeting")]

    def __str__(self) -> str:
        return self.country_id


class MeetingParticipant(HistoryOnFirstChange, TimeStampedModel, Evidence):
    """An official at a meeting, with the title the source gives at the time and the name as written."""

    # CASCADE: owned by the meeting.
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    # SET_NULL: the link to a person is resolvable; the raw name keeps the mention.
    official = models.ForeignKey(
        Official,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        help_text="The person; empty while unresolved.",
    )
    # PROTECT: reference data.
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Country represented."
    )
    raw_name = models.CharField(max_length=255, blank=True, help_text="The name as the source writes it.")
    title = models.CharField(max_length=255, blank=True, help_text="The title the source gives at the time.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["country_id", "raw_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "official"],
                condition=Q(official__isnull=False),
                name="meetingparticipant_unique_official",
            ),
            models.UniqueConstraint(
                fields=["meeting", "raw_name"],
                condition=~Q(raw_name=""),
                name="meetingparticipant_unique_raw_name",
            ),
            models.CheckConstraint(
                condition=Q(official__isnull=False) | ~Q(raw_name="") | ~Q(title=""),
                name="meetingparticipant_identified",
            ),
        ]

    def __str__(self) -> str:
        return self.raw_name or (self.official.name if self.official else self.title)


class MeetingSector(HistoryOnFirstChange, TimeStampedModel, Evidence):
    """An area of cooperation discussed at a meeting."""

    # CASCADE: owned by the meeting.
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sector_links")
    # PROTECT: reference data.
    sector = models.ForeignKey(CooperationSector, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "meeting sector"
        ordering = ["sector__slug"]
        constraints = [models.UniqueConstraint(fields=["meeting", "sector"], name="meetingsector_unique_per_meeting")]

    def __str__(self) -> str:
        return str(self.sector_id)


class MeetingForum(HistoryOnFirstChange, TimeStampedModel, Evidence):
    """A multilateral forum named in connection with a meeting."""

    # CASCADE: owned by the meeting.
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="forum_links")
    # PROTECT: reference data.
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "meeting forum"
        ordering = ["forum__acronym"]
        constraints = [models.UniqueConstraint(fields=["meeting", "forum"], name="meetingforum_unique_per_meeting")]

    def __str__(self) -> str:
        return str(self.forum_id)


class MeetingSource(HistoryOnFirstChange, TimeStampedModel):
    """An article reporting a meeting."""

    # CASCADE: owned by the meeting.
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sources")
    # CASCADE: a source link means nothing without its article.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="meeting_links")
    how = models.CharField(
        max_length=16,
        choices=[("created", "Created the meeting"), ("merged", "Merged into it"), ("curator", "Added by a curator")],
        default="curator",
        help_text="How the article came to be a source of the meeting.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "source"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "article"], name="meetingsource_unique_per_meeting")]

    def __str__(self) -> str:
        return f"{self.article} -> meeting {self.meeting_id}"


# --------------------------------------------------------------------------- relations


class RelationLevelKind(models.TextChoices):
    FRIENDLY = "friendly", "Friendly"
    STRATEGIC_PARTNERSHIP = "strategic_partnership", "Strategic partnership"
    COMPREHENSIVE_STRATEGIC_PARTNERSHIP = "comprehensive_strategic_partnership", "Comprehensive strategic partnership"
    ALLIED = "allied", "Allied"


class BilateralRelationQuerySet(models.QuerySet["BilateralRelation"]):
    def for_pair(self, first: str, second: str) -> BilateralRelationQuerySet:
        a, b = sorted([first.upper(), second.upper()])
        return self.filter(country_a_id=a, country_b_id=b)

    def involving(self, iso3: str) -> BilateralRelationQuerySet:
        iso3 = iso3.upper()
        return self.filter(Q(country_a_id=iso3) | Q(country_b_id=iso3))


class BilateralRelation(TimeStampedModel):
    """The relationship between two countries; one row per unordered pair (country_a < country_b)."""

    # PROTECT: reference data.
    country_a = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="relations_as_a")
    country_b = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="relations_as_b")
    notes = models.TextField(blank=True, help_text="Curator notes.")
    # What the pages and the API show per pair, stored rather than counted on every read and kept in
    # step by the writes that change it (services.aggregates); `manage.py recompute_aggregates` rebuilds.
    meetings_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Meetings of the pair, rejected ones aside."
    )
    last_meeting_date = models.DateField(
        null=True, blank=True, editable=False, help_text="Date of its latest dated meeting."
    )
    # NULL, not "": no level has been stated (the API answers null).
    current_level = models.CharField(  # noqa: DJ001
        max_length=40,
        choices=RelationLevelKind.choices,
        null=True,
        blank=True,
        editable=False,
        help_text="The latest level stated for the pair.",
    )

    history = HistoricalRecords(excluded_fields=["meetings_count", "last_meeting_date", "current_level"])
    objects = BilateralRelationQuerySet.as_manager()

    class Meta:
        ordering = ["country_a", "country_b"]
        constraints = [
            models.UniqueConstraint(fields=["country_a", "country_b"], name="bilateralrelation_unique_pair"),
            models.CheckConstraint(condition=Q(country_a__lt=F("country_b")), name="bilateralrelation_ordered_pair"),
        ]
        # PostgreSQL also has relation_ranking_idx, the order of the home page and /api/relations/ (most
        # meetings, then latest meeting): see migration 0007 (SQLite cannot index NULLS LAST).

    def __str__(self) -> str:
        return self.pair

    @property
    def pair(self) -> str:
        return f"{self.country_a_id}-{self.country_b_id}"


class RelationLevel(HistoryOnFirstChange, TimeStampedModel):
    """A level of relations stated for a pair (strategic partnership since ...), with its source."""

    # CASCADE: a stated level is part of the relation's record.
    relation = models.ForeignKey(BilateralRelation, on_delete=models.CASCADE, related_name="levels")
    level = models.CharField(max_length=40, choices=RelationLevelKind.choices, help_text="The level stated.")
    stated_on = models.DateField(
        null=True, blank=True, help_text="When the source stated it (meeting or publication date)."
    )
    # SET_NULL: a curator may keep a level after removing its article; the quote stays.
    source = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="relation_levels", help_text="Source."
    )
    evidence = models.TextField(blank=True, help_text="The sentence the level was read from.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["relation", "-stated_on", "-id"]
        # PostgreSQL also has relationlevel_latest (relation, stated_on DESC NULLS LAST, id DESC), a pair's
        # latest stated levels as an index walk: see migration 0016 (SQLite cannot index NULLS LAST).
        constraints = [
            models.UniqueConstraint(
                fields=["relation", "level", "source"],
                condition=Q(source__isnull=False),
                name="relationlevel_unique_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relation}: {self.get_level_display()}"


class MeetingPair(models.Model):
    """A pair of a meeting's parties, with the pair's relation: which relations a meeting belongs to.

    Derived from the parties and kept in step with them (services.aggregates), so that a pair's
    meetings and figures are one indexed lookup. No timestamps: the rows are rebuilt, never edited.
    """

    # CASCADE on both: a derived row means nothing without its meeting or its relation.
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pairs")
    # No index of its own: the unique (relation, meeting) index serves a pair's meetings.
    relation = models.ForeignKey(
        BilateralRelation, on_delete=models.CASCADE, related_name="meeting_pairs", db_index=False
    )
    # The meeting's date, copied so that a pair's newest meetings are one walk of the index below
    # instead of a sort of all the pair's meetings (1,900 for one pair at 100k meetings, issue 10).
    meeting_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["relation", "meeting"], name="meetingpair_unique")]
        # PostgreSQL also has meetingpair_newest (relation, meeting_date DESC NULLS LAST, meeting DESC):
        # see migration 0016 (SQLite cannot index NULLS LAST).

    def __str__(self) -> str:
        return f"meeting {self.meeting_id} in relation {self.relation_id}"


class MeetingSearchDocument(models.Model):
    """The searchable text of a meeting, its title, summary and source articles, as one tsvector (PostgreSQL).

    Derived, like an index: PostgreSQL triggers (migration 0012_meeting_search_document) keep it in step
    with every write to meetings, their sources and articles, whoever writes. It lets the `q` filter
    find a meeting with one GIN lookup instead of two searches joined through the sources (issue 10).
    Empty on other databases, whose search reads the tables themselves.
    """

    # DO_NOTHING without a database constraint: the triggers delete the row with its meeting, in
    # whatever order a delete reaches the meeting and its sources.
    meeting = models.OneToOneField(
        Meeting, on_delete=models.DO_NOTHING, primary_key=True, db_constraint=False, related_name="+"
    )
    document = SearchVectorField()

    def __str__(self) -> str:
        return f"search document of meeting {self.meeting_id}"


class RelationYear(models.Model):
    """How many of a pair's meetings (rejected ones aside) fell in a year; kept in step by services.aggregates."""

    # CASCADE: a figure of its relation.
    relation = models.ForeignKey(BilateralRelation, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField()
    meetings = models.PositiveIntegerField()

    class Meta:
        ordering = ["relation", "year"]
        constraints = [models.UniqueConstraint(fields=["relation", "year"], name="relationyear_unique")]

    def __str__(self) -> str:
        return f"{self.relation_id} {self.year}: {self.meetings}"


class RelationSector(models.Model):
    """How many of a pair's meetings (rejected ones aside) discussed a sector; kept in step by services.aggregates."""

    # CASCADE: a figure of its relation; and of its sector (a deleted sector has no figures).
    relation = models.ForeignKey(BilateralRelation, on_delete=models.CASCADE, related_name="sector_figures")
    sector = models.ForeignKey(CooperationSector, on_delete=models.CASCADE, related_name="+")
    meetings = models.PositiveIntegerField()

    class Meta:
        ordering = ["relation", "-meetings", "sector"]
        constraints = [models.UniqueConstraint(fields=["relation", "sector"], name="relationsector_unique")]

    def __str__(self) -> str:
        return f"{self.relation_id} {self.sector_id}: {self.meetings}"


# --------------------------------------------------------------------------- curator decisions


class CuratorDecision(TimeStampedModel):
    """A curator's removal or lock that the machines (seed loading, ingest, re-extraction) respect.

    Machines only ever add rows and fill empty fields, so what they could undo is a deletion
    (re-creating the row) or a blanked or edited field (refilling or overwriting it). Each such
    curator edit is recorded here; deleting a decision lets the machines fill the thing in again.
    """

    class Kind(models.TextChoices):
        REMOVED = "removed", "Removed: never re-created"
        LOCKED = "locked", "Locked: never refilled or overwritten"

    kind = models.CharField(max_length=8, choices=Kind.choices, help_text="What the curator decided.")
    scope = models.CharField(
        max_length=64,
        help_text="What the decision is about: a kind of row (forummembership, countryname, ...) or a field "
        "(country.capital, official.name, cooperationsector.words, ...).",
    )
    owner = models.CharField(
        max_length=255,
        help_text="The row it belongs to: an ISO3 code, a forum acronym or sector slug, or a row id.",
    )
    item = models.CharField(
        max_length=255,
        blank=True,
        help_text="The removed item (a country code, a name, a word), in lower case; empty for a whole row or field.",
    )
    note = models.CharField(max_length=500, blank=True, help_text="What was decided, in words.")
    # SET_NULL: the decision outlives the curator's account.
    user = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="Who decided."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "scope", "owner", "item"], name="curatordecision_unique_target"),
        ]
        indexes = [models.Index(fields=["scope", "owner"], name="curatordecision_scope_idx")]

    def __str__(self) -> str:
        return self.note or f"{self.kind} {self.scope} {self.owner} {self.item}".strip()


class DataVersion(models.Model):
    """One row: a number every write bumps after it commits (services.versions), and when.

    Pages and API answers carry it in their ETag and Last-Modified, so a client that asks again
    gets 304 Not Modified, without the page being built, while nothing has been written since.
    """

    version = models.PositiveBigIntegerField(default=0, help_text="Bumped by every committed write.")
    changed_at = models.DateTimeField(help_text="When the last write committed.")

    def __str__(self) -> str:
        return f"data version {self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class RelationPerson(models.Model):
    """Someone who took part in a pair's meetings (rejected ones aside), with how many: a resolved
    official, or a name as written with its country. Kept in step by services.aggregates."""

    # CASCADE: a figure of its relation.
    relation = models.ForeignKey(BilateralRelation, on_delete=models.CASCADE, related_name="people")
    # CASCADE: the figure of a deleted official goes (the next refresh counts its mentions by name).
    official = models.ForeignKey(Official, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=255, help_text="The name as written (for an unresolved mention).")
    # CASCADE: reference data, removed only with the figures that name it.
    country = models.ForeignKey(Country, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=255, blank=True, help_text="The title at the latest of these meetings.")
    meetings = models.PositiveIntegerField()

    class Meta:
        ordering = ["relation", "-meetings", "name"]
        indexes = [models.Index(fields=["relation", "-meetings", "name"], name="relationperson_rank_idx")]

    def __str__(self) -> str:
        return f"{self.relation_id} {self.name}: {self.meetings}"


class Totals(models.Model):
    """One row: the headline figures of the home page, kept in step by the writes that change them
    (services.aggregates.totals_refresh), so the page counts nothing."""

    meetings = models.PositiveIntegerField(default=0, help_text="Meetings, rejected ones aside.")
    verified = models.PositiveIntegerField(default=0, help_text="Meetings a curator verified.")
    articles = models.PositiveIntegerField(default=0, help_text="Source articles.")

    class Meta:
        verbose_name_plural = "totals"

    def __str__(self) -> str:
        return f"{self.meetings} meetings, {self.verified} verified, {self.articles} articles"


# --------------------------------------------------------------------------- feeds


class Feed(TimeStampedModel):
    """An RSS or Atom feed of a ministry or agency whose new entries are fetched and ingested."""

    class Status(models.TextChoices):
        OK = "ok", "OK"
        NOT_MODIFIED = "not_modified", "Not modified (304)"
        FAILED = "failed", "Failed"

    url = ArticleURLField(max_length=1000, unique=True, help_text="The feed's address (RSS or Atom).")
    title = models.CharField(
        max_length=255, blank=True, help_text="A name for the feed; the feed's own title if empty."
    )
    publisher = models.CharField(
        max_length=255, blank=True, help_text="Given to its articles (else the page's own site name)."
    )
    language = models.CharField(max_length=16, blank=True, default="en", help_text="Language code of its articles.")
    active = models.BooleanField(default=True, help_text="Polled on schedule only when active.")
    poll_interval = models.PositiveIntegerField(default=60, help_text="Minutes between polls.")
    last_polled_at = models.DateTimeField(null=True, blank=True, help_text="When it was last polled.")
    last_status = models.CharField(
        max_length=16, choices=Status.choices, blank=True, help_text="How the last poll went."
    )
    last_error = models.TextField(blank=True, help_text="Why the last poll failed.")
    failures = models.PositiveIntegerField(default=0, help_text="Polls failed in a row (each doubles the wait).")
    next_poll_at = models.DateTimeField(null=True, blank=True, help_text="Not polled on schedule before this time.")
    etag = models.CharField(max_length=255, blank=True, help_text="ETag of the last answer (conditional GET).")
    last_modified = models.CharField(max_length=64, blank=True, help_text="Last-Modified of the last answer.")

    # A curator's edits; a poll's bookkeeping is written with update() (services.feeds), not a history entry each.
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "url"]
        constraints = [
            models.CheckConstraint(condition=Q(poll_interval__gte=5), name="feed_poll_interval_at_least_5"),
        ]
        indexes = [models.Index(fields=["active", "next_poll_at"], name="feed_due_idx")]

    def __str__(self) -> str:
        return self.title or self.url


class FeedPoll(models.Model):
    """One poll of a feed: what it saw, what it stored, what failed and why."""

    # CASCADE: a poll is part of its feed's record.
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="polls")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Feed.Status.choices)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    entries = models.PositiveIntegerField(default=0, help_text="Entries in the feed.")
    new_articles = models.PositiveIntegerField(default=0)
    known = models.PositiveIntegerField(default=0, help_text="Entries whose URL or text was stored before.")
    meetings_created = models.PositiveIntegerField(default=0)
    meetings_merged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0, help_text="Entries that could not be ingested.")
    errors = models.JSONField(default=list, blank=True, help_text="What failed: each with its URL and the reason.")
    articles = models.ManyToManyField(Article, blank=True, related_name="feed_polls", help_text="Articles it stored.")

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["feed", "-started_at"], name="feedpoll_feed_idx")]

    def __str__(self) -> str:
        return f"{self.feed} at {self.started_at:%Y-%m-%d %H:%M}: {self.get_status_display()}"
