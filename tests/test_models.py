"""Integrity lives in the database: each named constraint rejects the rows it is there for."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from relations import models
from tests import factories

pytestmark = pytest.mark.django_db


def assert_rejected(create) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_country_iso_codes_are_unique_and_well_formed() -> None:
    factories.CountryFactory(iso3="AZE", iso2="AZ")
    assert_rejected(lambda: models.Country.objects.create(iso3="AZF", iso2="AZ", name="Copy"))
    assert_rejected(lambda: models.Country.objects.create(iso3="az1", iso2="QQ", name="Bad code"))
    assert_rejected(lambda: models.Country.objects.create(iso3="QQQ", iso2="q", name="Bad code"))


def test_country_name_is_unique_per_country() -> None:
    name = factories.CountryNameFactory(name="Azerbaijani")
    assert_rejected(lambda: models.CountryName.objects.create(country=name.country, name="Azerbaijani", kind="demonym"))


def test_forum_acronym_and_sector_slug_are_unique() -> None:
    factories.ForumFactory(acronym="OIC")
    factories.SectorFactory(slug="trade")
    assert_rejected(lambda: models.Forum.objects.create(acronym="OIC", name="Duplicate"))
    assert_rejected(lambda: models.CooperationSector.objects.create(slug="trade", name="Duplicate"))


def test_forum_membership_is_unique_per_country_and_forum() -> None:
    membership = factories.ForumMembershipFactory()
    assert_rejected(
        lambda: models.ForumMembership.objects.create(
            country=membership.country, forum=membership.forum, status="observer"
        )
    )


def test_article_content_hash_is_unique() -> None:
    article = factories.ArticleFactory()
    assert_rejected(lambda: factories.ArticleFactory(content_hash=article.content_hash))


def test_bilateral_relation_is_one_row_per_ordered_pair() -> None:
    aze = factories.CountryFactory(iso3="AZE", iso2="AZ")
    pak = factories.CountryFactory(iso3="PAK", iso2="PK")
    models.BilateralRelation.objects.create(country_a=aze, country_b=pak)
    assert_rejected(lambda: models.BilateralRelation.objects.create(country_a=aze, country_b=pak))
    assert_rejected(lambda: models.BilateralRelation.objects.create(country_a=pak, country_b=aze))
    assert_rejected(lambda: models.BilateralRelation.objects.create(country_a=aze, country_b=aze))


def test_meeting_has_no_duplicate_party_sector_forum_source_or_participant() -> None:
    meeting = factories.MeetingFactory()
    party = factories.MeetingCountryFactory(meeting=meeting)
    sector = factories.MeetingSectorFactory(meeting=meeting)
    forum = factories.MeetingForumFactory(meeting=meeting)
    source = factories.MeetingSourceFactory(meeting=meeting)
    participant = factories.MeetingParticipantFactory(meeting=meeting)
    assert_rejected(lambda: models.MeetingCountry.objects.create(meeting=meeting, country=party.country))
    assert_rejected(lambda: models.MeetingSector.objects.create(meeting=meeting, sector=sector.sector))
    assert_rejected(lambda: models.MeetingForum.objects.create(meeting=meeting, forum=forum.forum))
    assert_rejected(lambda: models.MeetingSource.objects.create(meeting=meeting, article=source.article))
    assert_rejected(
        lambda: models.MeetingParticipant.objects.create(
            meeting=meeting, official=participant.official, raw_name="Other"
        )
    )
    assert_rejected(lambda: models.MeetingParticipant.objects.create(meeting=meeting, raw_name=participant.raw_name))


def test_meeting_participant_must_be_identified_somehow() -> None:
    meeting = factories.MeetingFactory()
    assert_rejected(lambda: models.MeetingParticipant.objects.create(meeting=meeting))
    # A title alone is enough ("the Russian leader" with no name given).
    models.MeetingParticipant.objects.create(meeting=meeting, title="President")


def test_position_end_is_not_before_start_and_one_current_per_post() -> None:
    position = factories.PositionFactory(start_date=date(2020, 1, 1))
    assert_rejected(
        lambda: factories.PositionFactory(
            official=position.official, title="Prime Minister", start_date=date(2021, 1, 1), end_date=date(2020, 1, 1)
        )
    )
    assert_rejected(lambda: factories.PositionFactory(official=position.official, start_date=date(2022, 1, 1)))
    # A past tenure of the same post is fine.
    factories.PositionFactory(official=position.official, start_date=date(2010, 1, 1), end_date=date(2012, 1, 1))


def test_relation_level_is_recorded_once_per_source() -> None:
    level = factories.RelationLevelFactory()
    assert_rejected(
        lambda: models.RelationLevel.objects.create(relation=level.relation, level=level.level, source=level.source)
    )


def test_curated_models_keep_history() -> None:
    meeting = factories.MeetingFactory(format="talks")
    meeting.format = "phone_call"
    meeting.save()
    assert [h.format for h in meeting.history.order_by("history_id")] == ["talks", "phone_call"]


def test_meeting_queryset_between_finds_meetings_of_both_countries() -> None:
    aze = factories.CountryFactory(iso3="AZE", iso2="AZ")
    pak = factories.CountryFactory(iso3="PAK", iso2="PK")
    arm = factories.CountryFactory(iso3="ARM", iso2="AM")
    both = factories.make_meeting([aze, pak])
    factories.make_meeting([aze, arm])
    assert list(models.Meeting.objects.between("pak", "aze")) == [both]


def test_a_bulk_created_link_gets_its_original_state_in_history_on_first_change() -> None:
    """Ingest writes link rows without history; the first edit records the state before it."""
    meeting = factories.MeetingFactory()
    models.MeetingParticipant.objects.bulk_create(
        [models.MeetingParticipant(meeting=meeting, raw_name="Jane Doe", title="Minister", origin="extracted")]
    )
    participant = models.MeetingParticipant.objects.get()
    assert participant.history.count() == 0
    participant.title = "Minister of Foreign Affairs"
    participant.save()
    records = list(participant.history.order_by("history_id").values_list("history_type", "title"))
    assert records == [("+", "Minister"), ("~", "Minister of Foreign Affairs")]
    participant.title = "Foreign Minister"
    participant.save()
    assert participant.history.count() == 3
