"""services.meeting_curator_update: a curator's edit is saved and its facts locked against re-ingest."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from relations import services
from relations.models import Meeting, MeetingFormat
from relations.services.curation import meeting_fields_to_lock
from tests.factories import CountryFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_changed_format_is_saved_and_locked():
    meeting = MeetingFactory()
    meeting.format = MeetingFormat.PHONE_CALL
    services.meeting_curator_update(meeting=meeting, changed_fields=["format"])
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


def test_locks_accumulate_without_duplicates():
    meeting = MeetingFactory(locked_fields=["format"])
    meeting.title = "Corrected title"
    services.meeting_curator_update(meeting=meeting, changed_fields=["title", "format"])
    meeting.refresh_from_db()
    assert meeting.locked_fields == ["format", "title"]


def test_unchanged_meeting_is_not_saved_again():
    meeting = MeetingFactory()
    before = meeting.history.count()
    services.meeting_curator_update(meeting=meeting, changed_fields=[])
    assert meeting.history.count() == before


def test_link_set_already_locked_is_not_saved_again():
    meeting = MeetingFactory(locked_fields=["sectors"])
    before = meeting.history.count()
    services.meeting_curator_update(meeting=meeting, changed_fields=["sectors"])
    assert meeting.history.count() == before


def test_new_meeting_is_saved_with_the_fields_the_curator_set_locked(django_user_model):
    curator = django_user_model.objects.create(username="curator")
    pak = CountryFactory(iso3="PAK", iso2="PK", name="Pakistan")
    meeting = Meeting(title="Talks in Islamabad", date=date(2024, 5, 1), location_country=pak)
    services.meeting_curator_update(meeting=meeting, changed_fields=["title", "date", "location_country"], user=curator)
    meeting.refresh_from_db()
    assert meeting.locked_fields == ["title", "date", "date_precision", "location_country", "location_city"]
    assert meeting.history.get().history_user == curator


def test_invalid_value_is_refused_and_nothing_is_saved():
    meeting = MeetingFactory()
    meeting.format = "carrier_pigeon"
    with pytest.raises(ValidationError):
        services.meeting_curator_update(meeting=meeting, changed_fields=["format"])
    meeting.refresh_from_db()
    assert (meeting.format, meeting.locked_fields) == ("talks", [])


def test_unknown_field_name_is_a_programming_error():
    with pytest.raises(ValueError, match="not fields of Meeting: colour"):
        services.meeting_curator_update(meeting=MeetingFactory(), changed_fields=["colour"])
