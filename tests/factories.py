"""factory_boy factories for tests. Reference rows use get_or_create so tests can share codes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import factory

from relations import models, services
from relations.services.aggregates import Before


class KeepsPairFiguresFactory(factory.django.DjangoModelFactory):
    """A row the figures count (a party, a participant, a sector, a forum, a stated level): created as the
    services write it, with the figures the pages read kept in step (services.aggregates)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        if model_class is models.RelationLevel:
            row = super()._create(model_class, *args, **kwargs)
            services.relations_refresh([row.relation_id])
            return row
        if kwargs["meeting"].pk in _FIGURES_LATER:
            return super()._create(model_class, *args, **kwargs)
        before = Before.of([kwargs["meeting"].pk])
        row = super()._create(model_class, *args, **kwargs)
        services.meetings_aggregates_refresh([row.meeting_id], before=before)
        return row


_FIGURES_LATER: set[int] = set()  # meetings whose links make_meeting writes first and counts once after


@contextmanager
def figures_once(*meetings: models.Meeting) -> Iterator[None]:
    """The links written inside move these meetings' figures once, at the end (one refresh, not one per
    row: the query-budget tests make hundreds of meetings)."""
    ids = [m.pk for m in meetings]
    before = Before.of(ids)
    _FIGURES_LATER.update(ids)
    try:
        yield
    finally:
        _FIGURES_LATER.difference_update(ids)
    services.meetings_aggregates_refresh(ids, before=before)


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Country
        django_get_or_create = ("iso3",)

    iso3 = factory.Sequence(lambda n: f"X{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    iso2 = factory.LazyAttribute(lambda o: o.iso3[1:])
    name = factory.LazyAttribute(lambda o: f"Country {o.iso3}")
    official_name = factory.LazyAttribute(lambda o: f"Republic of {o.name}")
    capital = factory.LazyAttribute(lambda o: f"{o.name} City")


class CountryNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CountryName

    country = factory.SubFactory(CountryFactory)
    name = factory.Sequence(lambda n: f"Demonym{n}")
    kind = models.CountryName.Kind.DEMONYM


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CooperationSector
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"sector-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.capitalize())
    words = factory.LazyAttribute(lambda o: [o.slug])


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Forum
        django_get_or_create = ("acronym",)

    acronym = factory.Sequence(lambda n: f"F{n}")
    name = factory.LazyAttribute(lambda o: f"Forum {o.acronym}")


class ForumMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ForumMembership

    country = factory.SubFactory(CountryFactory)
    forum = factory.SubFactory(ForumFactory)
    status = models.ForumMembership.Status.MEMBER


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Official

    name = factory.Sequence(lambda n: f"Official Person{n}")
    country = factory.SubFactory(CountryFactory)


class OfficialNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OfficialName

    official = factory.SubFactory(OfficialFactory)
    name = factory.Sequence(lambda n: f"Alias{n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Position

    official = factory.SubFactory(OfficialFactory)
    title = "Minister of Foreign Affairs"
    country = factory.LazyAttribute(lambda o: o.official.country)
    start_date = date(2020, 1, 1)
    start_precision = models.DatePrecision.DAY


class CountedFactory(factory.django.DjangoModelFactory):
    """A meeting or an article, counted in the home page's totals as the services count what they write."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        row = super()._create(model_class, *args, **kwargs)
        if model_class is models.Article:
            services.figures_move(Before(), Before(), articles=1)
        else:
            services.figures_move(Before(), Before.of([row.pk]))
        return row


class ArticleFactory(CountedFactory):
    class Meta:
        model = models.Article

    title = factory.Sequence(lambda n: f"Ministers meet, report {n}")
    text = factory.Sequence(lambda n: f"The ministers met for the {n}th time and discussed trade.")
    publisher = "Test Agency"
    published = date(2024, 5, 1)
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())


class MeetingFactory(CountedFactory):
    class Meta:
        model = models.Meeting

    title = factory.Sequence(lambda n: f"Meeting {n}")
    date = date(2024, 5, 1)
    date_precision = models.DatePrecision.DAY
    format = models.MeetingFormat.TALKS


class MeetingCountryFactory(KeepsPairFiguresFactory):
    class Meta:
        model = models.MeetingCountry

    meeting = factory.SubFactory(MeetingFactory)
    country = factory.SubFactory(CountryFactory)


class MeetingParticipantFactory(KeepsPairFiguresFactory):
    class Meta:
        model = models.MeetingParticipant

    meeting = factory.SubFactory(MeetingFactory)
    official = factory.SubFactory(OfficialFactory)
    country = factory.LazyAttribute(lambda o: o.official.country if o.official else None)
    raw_name = factory.LazyAttribute(lambda o: o.official.name if o.official else "")
    title = "Minister of Foreign Affairs"


class MeetingSectorFactory(KeepsPairFiguresFactory):
    class Meta:
        model = models.MeetingSector

    meeting = factory.SubFactory(MeetingFactory)
    sector = factory.SubFactory(SectorFactory)


class MeetingForumFactory(KeepsPairFiguresFactory):
    class Meta:
        model = models.MeetingForum

    meeting = factory.SubFactory(MeetingFactory)
    forum = factory.SubFactory(ForumFactory)


class MeetingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MeetingSource

    meeting = factory.SubFactory(MeetingFactory)
    article = factory.SubFactory(ArticleFactory)


class BilateralRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BilateralRelation
        django_get_or_create = ("country_a", "country_b")  # a pair's parties may have made it already

    country_a = factory.SubFactory(CountryFactory, iso3="AAA", iso2="AA")
    country_b = factory.SubFactory(CountryFactory, iso3="BBB", iso2="BB")


class RelationLevelFactory(KeepsPairFiguresFactory):
    class Meta:
        model = models.RelationLevel

    relation = factory.SubFactory(BilateralRelationFactory)
    level = models.RelationLevelKind.STRATEGIC_PARTNERSHIP
    stated_on = date(2024, 5, 1)
    source = factory.SubFactory(ArticleFactory)
    evidence = "The strategic partnership between the two countries was highlighted."


def make_meeting(countries: list[models.Country], **kwargs: object) -> models.Meeting:
    """A meeting with the given parties, one participant each, and a source article."""
    meeting = MeetingFactory(**kwargs)
    with figures_once(meeting):
        add_parties(meeting, countries)
    MeetingSourceFactory(meeting=meeting)
    return meeting


def add_parties(meeting: models.Meeting, countries: list[models.Country]) -> None:
    """make_meeting's links: each country a party with one participant (figures as the caller keeps them)."""
    for country in countries:
        MeetingCountryFactory(meeting=meeting, country=country)
        MeetingParticipantFactory(meeting=meeting, official=OfficialFactory(country=country))


# --------------------------------------------------------------------------- pages (issue 5)

REPORT_TEXT = (
    "On 3 March 2024, Foreign Minister Ana Example of Aland met Bo Sample, Minister of Trade of Borduria, "
    "during an official visit to Bordurograd.\n\n"
    "The sides discussed trade, energy security and transport, and praised the strategic partnership "
    "between Aland and Borduria.\n\n"
    "They agreed to keep working together within the United Nations (UN) and the Organisation of "
    "Islamic Cooperation (OIC)."
)


def evidence_of(text: str, phrase: str) -> dict[str, object]:
    """Evidence fields for the first `phrase` in `text`: the span and the sentence around it."""
    start = text.index(phrase)
    end = start + len(phrase)
    stop = text.rfind(". ", 0, start)
    left = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1)
    right = text.find(".", end) + 1 or len(text)
    return {"evidence": text[left:right], "evidence_start": start, "evidence_end": end, "origin": "extracted"}


def make_reported_meeting(
    first: models.Country, second: models.Country, *, text: str = REPORT_TEXT, **kwargs: object
) -> models.Meeting:
    """A meeting of two countries reported by one article whose every fact carries its evidence span.

    `text` must name the two countries by name and contain the phrases of REPORT_TEXT's facts.
    """
    article = ArticleFactory(title="Aland and Borduria discuss strategic partnership", text=text)
    meeting = MeetingFactory(
        title=article.title,
        format=models.MeetingFormat.OFFICIAL_VISIT,
        location_country=second,
        location_city="Bordurograd",
        date_evidence=evidence_of(text, "3 March 2024")["evidence"],
        **kwargs,
    )
    MeetingSourceFactory(meeting=meeting, article=article, how="created")
    for country in (first, second):
        MeetingCountryFactory(meeting=meeting, country=country, source=article, **evidence_of(text, country.name))
    for country, name, title in (
        (first, "Ana Example", "Foreign Minister"),
        (second, "Bo Sample", "Minister of Trade"),
    ):
        official = OfficialFactory(name=f"{name} {country.iso3}", country=country)
        MeetingParticipantFactory(
            meeting=meeting, official=official, raw_name=name, title=title, source=article, **evidence_of(text, name)
        )
    for slug, phrase in (("trade", "trade"), ("energy", "energy security"), ("security", "security")):
        MeetingSectorFactory(
            meeting=meeting, sector=SectorFactory(slug=slug), source=article, **evidence_of(text, phrase)
        )
    for acronym, phrase in (("UN", "United Nations (UN)"), ("OIC", "Organisation of Islamic Cooperation (OIC)")):
        MeetingForumFactory(
            meeting=meeting, forum=ForumFactory(acronym=acronym), source=article, **evidence_of(text, phrase)
        )
    return meeting
