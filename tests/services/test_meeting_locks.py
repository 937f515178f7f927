"""A curator's edit through the meeting service locks the facts it changed against the machines."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from relations import services
from relations.services.curation import meeting_fields_to_lock
from tests.factories import CountryFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_changed_format_is_saved_and_locked():
    meeting = MeetingFactory()
    services.meeting_update(meeting=meeting, data={"format": "phone_call"})
    meeting.refresh_from_db()
    assert (meeting.format, meeting.locked_fields) == ("phone_call", ["format"])


@pytest.mark.parametrize(
    ("changed", "locked"),
    [
        (["date"], ["date", "date_precision"]),
        (["date_precision"], ["date", "date_precision"]),
        (["location_city"], ["location_country", "location_city"]),
        (["summary", "title"], ["title", "summary"]),
        (["status"], []),
        (["sectors", "format"], ["format", "sectors"]),
    ],
)
def test_a_fact_spanning_two_columns_locks_both(changed, locked):
    assert meeting_fields_to_lock(changed) == locked


def test_blanking_a_field_locks_it():
    """Issue 9: a field a curator blanked is locked, so no later report fills it again."""
    meeting = MeetingFactory(location_city="Islamabad")
    services.meeting_update(meeting=meeting, data={"location_city": ""})
    meeting.refresh_from_db()
    assert (meeting.location_city, meeting.locked_fields) == ("", ["location_country", "location_city"])


def test_locks_accumulate_without_duplicates():
    meeting = MeetingFactory(locked_fields=["format"])
    services.meeting_update(meeting=meeting, data={"title": "Corrected title", "format": "reception"})
    meeting.refresh_from_db()
    assert meeting.locked_fields == ["title", "format"]


def test_unchanged_meeting_is_not_saved_again():
    meeting = MeetingFactory()
    before = meeting.history.count()
    services.meeting_update(meeting=meeting, data={"title": meeting.title, "format": meeting.format})
    assert meeting.history.count() == before


def test_status_change_locks_nothing():
    meeting = MeetingFactory()
    services.meeting_update(meeting=meeting, data={"status": "verified"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.locked_fields) == ("verified", [])


def test_new_meeting_is_saved_with_the_fields_the_curator_set_locked(django_user_model):
    curator = django_user_model.objects.create(username="curator")
    CountryFactory(iso3="PAK", iso2="PK", name="Pakistan")
    CountryFactory(iso3="AZE", iso2="AZ", name="Azerbaijan")
    meeting = services.meeting_create(
        data={
            "title": "Talks in Islamabad",
            "date": date(2024, 5, 1),
            "location_country": "PAK",
            "countries": ["AZE", "PAK"],
        },
        user=curator,
    )
    meeting.refresh_from_db()
    assert meeting.locked_fields == [
        "title",
        "date",
        "date_precision",
        "location_country",
        "location_city",
        "countries",
    ]
    version = meeting.history.get()
    assert (version.history_type, version.history_user, version.history_change_reason) == (
        "+",
        curator,
        "Created by a curator",
    )


def test_invalid_value_is_refused_and_nothing_is_saved():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=meeting, data={"format": "carrier_pigeon"})
    meeting.refresh_from_db()
    assert (meeting.format, meeting.locked_fields) == ("talks", [])


def test_unknown_field_name_is_refused():
    with pytest.raises(ValidationError) as info:
        services.meeting_update(meeting=MeetingFactory(), data={"colour": "blue"})  # type: ignore[typeddict-unknown-key]
    assert info.value.message_dict == {"colour": ["not a meeting field"]}
