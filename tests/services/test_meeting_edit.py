"""meeting_create and meeting_update: curator writes that ingest must never overwrite."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from relations import models, services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def countries() -> None:
    factories.CountryFactory(iso3="AZE", iso2="AZ")
    factories.CountryFactory(iso3="PAK", iso2="PK")
    factories.CountryFactory(iso3="TUR", iso2="TR")


def test_meeting_create_builds_links_and_relations(countries):
    official = factories.OfficialFactory(country=models.Country.objects.get(iso3="AZE"), name="Jeyhun Bayramov")

    meeting = services.meeting_create(
        data={"date": date(2024, 1, 2), "countries": ["AZE", "PAK"], "participants": [{"official": official.pk}]}
    )

    assert meeting.date_precision == "day"
    assert sorted(meeting.parties.values_list("country_id", flat=True)) == ["AZE", "PAK"]
    participant = meeting.participants.get()
    assert (participant.raw_name, participant.country_id, participant.origin) == ("Jeyhun Bayramov", "AZE", "curator")
    assert meeting.locked_fields == ["countries", "date", "participants"]
    assert models.Meeting.objects.get(pk=meeting.pk).party_key == "AZE-PAK"
    assert models.BilateralRelation.objects.for_pair("PAK", "AZE").exists()


def test_meeting_create_refuses_unknown_fields(countries):
    with pytest.raises(ValidationError) as info:
        services.meeting_create(data={"countries": ["AZE", "PAK"], "colour": "blue"})  # type: ignore[typeddict-unknown-key]

    assert info.value.message_dict == {"colour": ["not a meeting field"]}


def test_meeting_update_locks_changed_fields_only_and_keeps_old_locks(countries):
    meeting = factories.make_meeting(list(models.Country.objects.filter(iso3__in=["AZE", "PAK"])))
    meeting.locked_fields = ["summary"]
    meeting.save()

    services.meeting_update(meeting=meeting, data={"title": meeting.title, "location_country": "pak"})

    meeting.refresh_from_db()
    assert meeting.location_country_id == "PAK"
    assert meeting.locked_fields == ["location_country", "summary"]


def test_meeting_update_replacing_countries_adds_relations_and_drops_strangers(countries):
    meeting = factories.make_meeting(list(models.Country.objects.filter(iso3__in=["AZE", "PAK"])))

    with pytest.raises(ValidationError, match="not a party"):
        services.meeting_update(meeting=meeting, data={"countries": ["AZE", "TUR"]})

    services.meeting_update(meeting=meeting, data={"countries": ["AZE", "TUR"], "participants": []})
    assert sorted(meeting.parties.values_list("country_id", flat=True)) == ["AZE", "TUR"]
    assert models.Meeting.objects.get(pk=meeting.pk).party_key == "AZE-TUR"
    assert meeting.participants.count() == 0
    assert models.BilateralRelation.objects.for_pair("AZE", "TUR").exists()


def test_meeting_update_participant_by_name_then_resolved(countries):
    meeting = factories.make_meeting([])
    meeting.parties.create(country_id="AZE")
    meeting.parties.create(country_id="PAK")
    services.meeting_update(meeting=meeting, data={"participants": [{"name": "Ali Aliyev", "country": "AZE"}]})
    official = factories.OfficialFactory(name="Ali Aliyev", country=models.Country.objects.get(iso3="AZE"))

    services.meeting_update(
        meeting=meeting, data={"participants": [{"official": official.pk, "name": "Ali Aliyev", "title": "Envoy"}]}
    )

    assert list(meeting.participants.values_list("official_id", "raw_name", "title")) == [
        (official.pk, "Ali Aliyev", "Envoy")
    ]


def test_meeting_update_refuses_the_same_participant_twice(countries):
    meeting = factories.make_meeting(list(models.Country.objects.filter(iso3__in=["AZE", "PAK"])))

    with pytest.raises(ValidationError, match="listed twice"):
        services.meeting_update(
            meeting=meeting, data={"participants": [{"name": "Ali Aliyev"}, {"name": "Ali Aliyev"}]}
        )
