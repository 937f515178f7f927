"""API test fixtures: clients, users with permissions, and a small AZE-PAK world built with factories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from relations import models
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_throttle_counts() -> None:
    """Throttle counts live in the cache; start every test from zero so no test is throttled by another."""
    cache.clear()


@pytest.fixture
def client_anon() -> APIClient:
    return APIClient()


def make_user(username: str, *perms: str) -> User:
    user = User.objects.create_user(username=username, password="correct horse battery staple")
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.fixture
def curator(db) -> User:
    """A user who may add articles and add and change meetings."""
    return make_user("curator", "relations.add_article", "relations.add_meeting", "relations.change_meeting")


@pytest.fixture
def reader(db) -> User:
    """An authenticated user without any model permission."""
    return make_user("reader")


@pytest.fixture
def client_curator(curator: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=curator).key}")
    return client


@pytest.fixture
def client_reader(reader: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reader).key}")
    return client


@dataclass
class World:
    aze: models.Country
    pak: models.Country
    arm: models.Country
    tur: models.Country
    article: models.Article
    meeting: models.Meeting
    bayramov: models.Official
    gilani: models.Official
    relation: models.BilateralRelation
    level: models.RelationLevel


SEED_TEXT = (
    "As part of his official visit to the Islamic Republic of Pakistan, Jeyhun Bayramov, Azerbaijan`s Minister "
    "of Foreign Affairs, met with Syed Yousuf Raza Gilani, Acting President and Chairman of the Senate of "
    "Pakistan.\n\nHighlighting the strategic partnership between Azerbaijan and Pakistan, the parties also "
    "engaged in discussions covering regional and international issues. They highlighted the mutually "
    "beneficial cooperation in areas such as defence, economy, trade and energy security."
)


@pytest.fixture
def world(db) -> World:
    """The seed meeting (AZE and PAK in Islamabad) and its reference data, built with factories."""
    aze = factories.CountryFactory(
        iso3="AZE", iso2="AZ", numeric="031", name="Azerbaijan", official_name="Republic of Azerbaijan", capital="Baku"
    )
    pak = factories.CountryFactory(
        iso3="PAK",
        iso2="PK",
        numeric="586",
        name="Pakistan",
        official_name="Islamic Republic of Pakistan",
        capital="Islamabad",
    )
    arm = factories.CountryFactory(
        iso3="ARM", iso2="AM", numeric="051", name="Armenia", official_name="Republic of Armenia", capital="Yerevan"
    )
    tur = factories.CountryFactory(
        iso3="TUR", iso2="TR", numeric="792", name="Türkiye", official_name="Republic of Türkiye", capital="Ankara"
    )
    factories.CountryNameFactory(country=aze, name="Azerbaijani", kind=models.CountryName.Kind.DEMONYM)
    for acronym, name in [
        ("CICA", "Conference on Interaction and Confidence Building Measures in Asia"),
        ("NAM", "Non-Aligned Movement"),
        ("OIC", "Organisation of Islamic Cooperation"),
        ("UN", "United Nations"),
    ]:
        forum = factories.ForumFactory(acronym=acronym, name=name)
        factories.ForumMembershipFactory(country=aze, forum=forum)
        factories.ForumMembershipFactory(country=pak, forum=forum)
    factories.ForumMembershipFactory(country=arm, forum=models.Forum.objects.get(acronym="UN"))
    factories.ForumFactory(acronym="UNFCCC", name="United Nations Framework Convention on Climate Change")
    for slug in ["defence", "energy", "trade"]:
        factories.SectorFactory(slug=slug)
    factories.SectorFactory(slug="tourism")

    article = factories.ArticleFactory(
        title="Azerbaijan, Pakistan discuss strategic partnership",
        text=SEED_TEXT,
        url="https://example.org/aze-pak",
        publisher="Example Agency",
        published=date(2024, 5, 2),
    )
    meeting = factories.MeetingFactory(
        title="Azerbaijan, Pakistan discuss strategic partnership",
        date=date(2024, 5, 1),
        format=models.MeetingFormat.OFFICIAL_VISIT,
        location_country=pak,
        location_city="Islamabad",
        host_country=pak,
        summary="Bayramov and Gilani discussed the strategic partnership.",
        date_evidence="",
        format_evidence="As part of his official visit to the Islamic Republic of Pakistan",
    )
    first_sentence = SEED_TEXT.split("\n\n")[0]
    for country in (aze, pak):
        factories.MeetingCountryFactory(
            meeting=meeting,
            country=country,
            source=article,
            evidence=first_sentence,
            evidence_start=0,
            evidence_end=len(first_sentence),
            origin="extracted",
        )
    bayramov = factories.OfficialFactory(name="Jeyhun Bayramov", country=aze)
    gilani = factories.OfficialFactory(name="Syed Yousuf Raza Gilani", country=pak)
    factories.PositionFactory(official=bayramov, title="Minister of Foreign Affairs", start_date=date(2020, 7, 16))
    factories.OfficialNameFactory(official=bayramov, name="Bayramov")
    factories.MeetingParticipantFactory(
        meeting=meeting, official=bayramov, title="Minister of Foreign Affairs", source=article, origin="extracted"
    )
    factories.MeetingParticipantFactory(
        meeting=meeting,
        official=gilani,
        title="Acting President and Chairman of the Senate",
        source=article,
        origin="extracted",
    )
    for slug in ["defence", "energy", "trade"]:
        factories.MeetingSectorFactory(
            meeting=meeting, sector=models.CooperationSector.objects.get(slug=slug), source=article, origin="extracted"
        )
    for acronym in ["CICA", "NAM", "OIC", "UN"]:
        factories.MeetingForumFactory(
            meeting=meeting, forum=models.Forum.objects.get(acronym=acronym), source=article, origin="extracted"
        )
    factories.MeetingSourceFactory(meeting=meeting, article=article, how="created")
    relation = factories.BilateralRelationFactory(country_a=aze, country_b=pak)
    level = factories.RelationLevelFactory(
        relation=relation,
        level=models.RelationLevelKind.STRATEGIC_PARTNERSHIP,
        stated_on=date(2024, 5, 1),
        source=article,
        evidence="Highlighting the strategic partnership between Azerbaijan and Pakistan",
    )
    return World(aze, pak, arm, tur, article, meeting, bayramov, gilani, relation, level)


def page(results: list, count: int | None = None) -> dict:
    """The paginated envelope of a one-page list."""
    return {"count": len(results) if count is None else count, "next": None, "previous": None, "results": results}
