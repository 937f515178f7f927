"""Resolving mentions to Officials across articles, and merging two Officials (issue 3)."""

from __future__ import annotations

import pytest

from relations import models, services
from relations.extraction.types import Participant
from relations.services.officials import OfficialResolver
from tests import factories

pytestmark = pytest.mark.django_db


def mention(name: str, country: str = "AZE", title: str = "Minister") -> Participant:
    return Participant(name=name, country=country, title=title)


def test_resolver_finds_the_same_person_by_name_alias_and_longer_form() -> None:
    aze = factories.CountryFactory(iso3="AZE", iso2="AZ")
    official = factories.OfficialFactory(name="Jeyhun Bayramov", country=aze)
    resolver = OfficialResolver()
    person = resolver.resolve(mention("Jeyhun Bayramov"))
    assert person is not None and person.official_id == official.pk
    assert resolver.resolve(mention("JEYHUN BAYRAMOV")) is person
    assert resolver.resolve(mention("Jeyhun Aziz oglu Bayramov")) is person
    resolver.flush()
    official.refresh_from_db()
    # The longest written form becomes the name; the shorter one is kept as another name.
    assert official.name == "Jeyhun Aziz oglu Bayramov"
    assert list(official.other_names.values_list("name", flat=True)) == ["Jeyhun Bayramov"]


def test_resolver_leaves_an_ambiguous_mention_for_the_curator() -> None:
    aze = factories.CountryFactory(iso3="AZE", iso2="AZ")
    factories.OfficialFactory(name="Ilham Aliyev", country=aze)
    factories.OfficialFactory(name="Heydar Aliyev", country=aze)
    resolver = OfficialResolver()
    assert resolver.resolve(mention("Aliyev")) is None
    assert models.Official.objects.count() == 2  # nothing guessed, nothing created


def test_resolver_does_not_match_across_countries_and_creates_with_a_position() -> None:
    aze = factories.CountryFactory(iso3="AZE", iso2="AZ")
    factories.CountryFactory(iso3="PAK", iso2="PK")
    factories.OfficialFactory(name="Ali Khan", country=aze)
    resolver = OfficialResolver()
    person = resolver.resolve(mention("Ali Khan", country="PAK", title="Minister of Defence"))
    assert person is not None and person.official_id is None  # created on flush, with the batch
    assert resolver.resolve(mention("Ali Khan", country="PAK")) is person
    resolver.flush()
    created = models.Official.objects.get(pk=person.official_id)
    assert created.country_id == "PAK"
    assert list(created.positions.values_list("title", "country_id")) == [("Minister of Defence", "PAK")]


def test_a_surname_alone_never_creates_a_person() -> None:
    factories.CountryFactory(iso3="AZE", iso2="AZ")
    assert OfficialResolver().resolve(mention("Bayramov")) is None
    assert not models.Official.objects.exists()


def test_official_merge_moves_participations_names_and_positions() -> None:
    aze = factories.CountryFactory(iso3="AZE", iso2="AZ")
    keep = factories.OfficialFactory(name="Jeyhun Bayramov", country=aze)
    remove = factories.OfficialFactory(name="J. Bayramov", country=aze)
    shared = factories.MeetingFactory()
    factories.MeetingParticipantFactory(meeting=shared, official=keep)
    factories.MeetingParticipantFactory(meeting=shared, official=remove)
    other = factories.MeetingParticipantFactory(official=remove)
    factories.PositionFactory(official=remove, title="Deputy Minister")
    services.official_merge(keep=keep, remove=remove)
    assert not models.Official.objects.filter(pk=remove.pk).exists()
    assert shared.participants.count() == 1
    other.refresh_from_db()
    assert other.official == keep
    assert "J. Bayramov" in keep.other_names.values_list("name", flat=True)
    assert keep.positions.filter(title="Deputy Minister").exists()
