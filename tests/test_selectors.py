"""Selectors: the reads shared by the API and the HTML pages."""

from __future__ import annotations

from datetime import date

import pytest

from relations import models, selectors
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair() -> tuple[models.Country, models.Country]:
    return (
        factories.CountryFactory(iso3="AZE", iso2="AZ", name="Azerbaijan"),
        factories.CountryFactory(iso3="PAK", iso2="PK", name="Pakistan"),
    )


def test_meeting_list_takes_plain_values(pair):
    aze, pak = pair
    hit = factories.make_meeting([aze, pak], date=date(2024, 5, 1), format="phone_call")
    factories.make_meeting([aze, pak], date=date(2020, 1, 1))

    found = selectors.meeting_list(countries=["aze", "PAK"], date_after=date(2024, 1, 1), format="phone_call")

    assert list(found) == [hit]


def test_meeting_list_leaves_out_rejected_meetings_unless_asked(pair):
    rejected = factories.make_meeting(list(pair), status="rejected")
    kept = factories.make_meeting(list(pair))

    assert list(selectors.meeting_list()) == [kept]
    assert list(selectors.meeting_list(status="rejected")) == [rejected]


def test_meeting_list_has_everything_a_list_shows_fetched(pair, django_assert_num_queries):
    """Prevents N+1: walking every relation the list shows costs no query after the first five."""
    for _ in range(3):
        meeting = factories.make_meeting(list(pair))
        factories.MeetingSectorFactory(meeting=meeting)
        factories.MeetingForumFactory(meeting=meeting)

    with django_assert_num_queries(6):
        for meeting in selectors.meeting_list():
            [p.country_id for p in meeting.parties.all()]
            [(p.display_name, p.official_id) for p in meeting.participants.all()]
            [s.sector.slug for s in meeting.sector_links.all()]
            [f.forum.acronym for f in meeting.forum_links.all()]
            [s.article.title for s in meeting.sources.all()]
            str(meeting.location_country), str(meeting.host_country)


def test_meeting_detail_raises_for_unknown_id(db):
    with pytest.raises(models.Meeting.DoesNotExist):
        selectors.meeting_detail(999999)


def test_country_detail_in_any_case(pair):
    assert selectors.country_detail("aze").iso3 == "AZE"
    with pytest.raises(models.Country.DoesNotExist):
        selectors.country_detail("XXX")


def test_forum_detail_prefers_the_exact_acronym(db):
    factories.ForumFactory(acronym="IsDB")

    assert selectors.forum_detail("isdb").acronym == "IsDB"
    assert selectors.forum_acronym("ISDB") == "IsDB"
    assert selectors.forum_acronym("NOPE") is None


def test_relation_summary_in_either_order(pair):
    aze, pak = pair
    factories.make_meeting([aze, pak], date=date(2023, 1, 1))
    relation = factories.BilateralRelationFactory(country_a=aze, country_b=pak)
    factories.RelationLevelFactory(relation=relation, level="friendly", stated_on=date(2020, 1, 1))
    factories.RelationLevelFactory(relation=relation, level="strategic_partnership", stated_on=date(2023, 1, 1))

    summary = selectors.relation_summary("PAK", "aze")

    assert summary.pair == "AZE-PAK"
    assert summary.current_level == "strategic_partnership"
    assert [level.level for level in summary.levels] == ["strategic_partnership", "friendly"]
    assert summary.meetings_count == 1
    assert summary.meetings_per_year == [{"year": 2023, "count": 1}]


def test_relation_summary_refuses_unknown_or_identical_codes(pair):
    with pytest.raises(models.Country.DoesNotExist):
        selectors.relation_summary("AZE", "XXX")
    with pytest.raises(ValueError, match="two different countries"):
        selectors.relation_summary("AZE", "aze")


def test_relation_list_skips_pairs_without_meetings_or_level(pair):
    aze, pak = pair
    factories.BilateralRelationFactory(country_a=aze, country_b=pak)

    assert list(selectors.relation_list()) == []
    factories.make_meeting([aze, pak])
    assert [r.pair for r in selectors.relation_list(countries=["PAK"])] == ["AZE-PAK"]


def test_meeting_search_falls_back_to_words_in_the_articles(pair):
    meeting = factories.make_meeting(list(pair), title="Talks", summary="")
    source = meeting.sources.get().article
    source.text = "The ministers discussed hydropower and railways."
    source.save()

    queryset = models.Meeting.objects.all()
    assert list(selectors.meeting_search(queryset, "railways hydropower")) == [meeting]
    assert list(selectors.meeting_search(queryset, "railways submarines")) == []
    assert list(selectors.meeting_search(queryset, "   ")) == [meeting]
