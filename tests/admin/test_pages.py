"""Every admin page opens, and search and filters narrow the changelists as curators expect."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from relations import models

from .conftest import admin_url

# Figures the services keep in step (services.aggregates) and the search documents PostgreSQL's
# triggers keep (issue 10): derived, never curated, not in the admin.
DERIVED = {
    models.MeetingPair,
    models.RelationYear,
    models.RelationSector,
    models.RelationPerson,
    models.DataVersion,
    models.Totals,
    models.MeetingSearchDocument,
}
CURATED_MODELS = [
    model
    for model in apps.get_app_config("relations").get_models()
    if not model.__name__.startswith("Historical") and model not in DERIVED
]

# The row of `world` each model's change page opens.
WORLD_ROW = {
    models.Country: "aze",
    models.CountryName: "country_name",
    models.CooperationSector: "energy",
    models.Forum: "oic",
    models.ForumMembership: "membership",
    models.Official: "bayramov",
    models.OfficialName: "alias",
    models.Position: "position",
    models.Article: "article",
    models.Meeting: "meeting",
    models.MeetingCountry: "party",
    models.MeetingParticipant: "participant",
    models.MeetingSector: "sector_link",
    models.MeetingForum: "forum_link",
    models.MeetingSource: "source",
    models.BilateralRelation: "relation",
    models.RelationLevel: "level",
    models.CuratorDecision: "decision",
    models.Feed: "feed",
    models.FeedPoll: "feed_poll",
}
# Read-only pages: single link rows are edited on their meeting's page; decisions are written by the services.
READ_ONLY = {models.MeetingCountry, models.MeetingSector, models.MeetingForum, models.MeetingSource}
NO_ADD = READ_ONLY | {models.MeetingParticipant, models.CuratorDecision, models.FeedPoll}
# Logs themselves: the curators' decisions, and each poll of a feed.
LOGS = {models.CuratorDecision, models.FeedPoll}


def test_every_model_is_registered_with_a_history_admin():
    """Every model but the logs (curators' decisions, feed polls)."""
    assert {m.__name__ for m in CURATED_MODELS} == {m.__name__ for m in WORLD_ROW}
    for model in CURATED_MODELS:
        if model not in LOGS:
            assert isinstance(admin.site._registry.get(model), SimpleHistoryAdmin), model
    assert not DERIVED & set(admin.site._registry)


def test_admin_site_is_titled_bilateral_relations(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Bilateral relations" in response.content.decode()


def test_admin_pages_carry_the_site_icon_so_browsers_do_not_ask_for_favicon_ico(admin_client, client, world):
    for url in ("/admin/", admin_url(world.meeting, "change")):
        assert b'rel="icon"' in admin_client.get(url).content, url
    assert b'rel="icon"' in client.get("/admin/login/").content


@pytest.mark.parametrize("model", CURATED_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_change_and_history_pages_open(admin_client, world, model):
    obj = getattr(world, WORLD_ROW[model])
    for url in (admin_url(model), admin_url(obj, "change"), admin_url(obj, "history")):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert admin_client.get(admin_url(model, "add")).status_code == (403 if model in NO_ADD else 200)


@pytest.mark.parametrize("model", sorted(READ_ONLY, key=str), ids=lambda m: m.__name__)
def test_a_link_rows_own_page_is_read_only_and_links_to_its_meeting(admin_client, world, model):
    """Issue 9: one write path: a link row is added, changed or deleted on its meeting's page only."""
    obj = getattr(world, WORLD_ROW[model])
    html = admin_client.get(admin_url(obj, "change")).content.decode()
    assert 'name="_save"' not in html
    assert admin_url(world.meeting, "change") in html
    assert admin_client.post(admin_url(obj, "delete"), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model", CURATED_MODELS, ids=lambda m: m.__name__)
def test_every_changelist_search_and_filter_page_opens(admin_client, world, model):
    """Search with a term and every sidebar filter's first choice: none of them may error."""
    response = admin_client.get(admin_url(model), {"q": "a"})
    assert response.status_code == 200
    for spec in response.context["cl"].filter_specs:
        for choice in list(spec.choices(response.context["cl"]))[1:2]:
            filtered = admin_client.get(admin_url(model) + choice["query_string"])
            assert filtered.status_code == 200, choice["query_string"]


def _result(admin_client, model, **params) -> list:  # type: ignore[no-untyped-def]
    response = admin_client.get(admin_url(model), params)
    assert response.status_code == 200
    assert "errornote" not in response.content.decode()
    return list(response.context["cl"].result_list)


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize("term", ["AZE", "az", "Azerbaijan", "Republic of Azerbaijan", "Azerbaijani"])
def test_country_search_matches_codes_names_and_other_names(admin_client, world, term):
    assert _result(admin_client, models.Country, q=term) == [world.aze]


def test_country_search_without_a_match_is_empty(admin_client, world):
    assert _result(admin_client, models.Country, q="Uzbek") == []


@pytest.mark.parametrize(
    "term",
    ["Bayramov meets", "energy cooperation", "Syed Yousuf", "discuss strategic partnership", "PAK"],
)
def test_meeting_search_matches_title_summary_participants_articles_and_parties(admin_client, world, term):
    assert _result(admin_client, models.Meeting, q=term) == [world.meeting]


def test_meeting_search_without_a_match_is_empty(admin_client, world):
    assert _result(admin_client, models.Meeting, q="Lavrov") == []


@pytest.mark.parametrize("term", ["J. Bayramov", "Jeyhun", "AZE"])
def test_official_search_matches_name_other_names_and_country(admin_client, world, term):
    assert _result(admin_client, models.Official, q=term) == [world.bayramov]


@pytest.mark.parametrize("term", ["strategic partnership", "example.org/aze-pak", "AZERTAC"])
def test_article_search_matches_title_url_and_publisher(admin_client, world, term):
    assert _result(admin_client, models.Article, q=term) == [world.article]
    assert _result(admin_client, models.Article, q="no such headline") == []


@pytest.mark.parametrize("term", ["OIC", "Islamic Cooperation", "Organization of Islamic"])
def test_forum_search_matches_acronym_name_and_other_names(admin_client, world, term):
    assert _result(admin_client, models.Forum, q=term) == [world.oic]


def test_bilateral_relation_search_matches_either_country(admin_client, world):
    assert _result(admin_client, models.BilateralRelation, q="PAK") == [world.relation]
    assert _result(admin_client, models.BilateralRelation, q="ARM") == []


def test_autocomplete_finds_a_country_by_its_demonym(admin_client, world):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"term": "Azerbaijani", "app_label": "relations", "model_name": "meeting", "field_name": "location_country"},
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == ["AZE"]


# --------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status__exact": "extracted"}, ["meeting", "other_meeting"]),
        ({"status__exact": "verified"}, []),
        ({"format__exact": "official_visit"}, ["meeting"]),
        ({"format__exact": "video_call"}, []),
        ({"countries__iso3__exact": "AZE"}, ["meeting"]),
        ({"countries__iso3__exact": "ARM"}, ["other_meeting"]),
        ({"sectors__id__exact": "energy"}, ["meeting"]),
        ({"sectors__id__exact": "tourism"}, []),
        ({"forums__id__exact": "oic"}, ["meeting"]),
        ({"forums__id__exact": "un"}, []),
        ({"date__year": "2024"}, ["meeting"]),
        ({"date__year": "2022"}, []),
    ],
)
def test_meeting_filters(admin_client, world, params, expected):
    # Sector and forum filters take primary keys; the fixture names them by attribute.
    params = {k: str(getattr(world, v).pk) if k.endswith("id__exact") else v for k, v in params.items()}
    assert _result(admin_client, models.Meeting, **params) == [getattr(world, name) for name in expected]


def test_country_filter_by_forum_lists_its_members(admin_client, world):
    assert _result(admin_client, models.Country, memberships__forum__id__exact=world.oic.pk) == [world.aze, world.pak]
    assert _result(admin_client, models.Country, memberships__forum__id__exact=world.un.pk) == [world.arm]


def test_official_filter_by_country(admin_client, world):
    assert _result(admin_client, models.Official, country__iso3__exact="PAK") == [world.gilani]
    assert _result(admin_client, models.Official, country__iso3__exact="ARM") == []


def test_participant_filter_lists_unresolved_mentions(admin_client, world):
    assert _result(admin_client, models.MeetingParticipant, official__isempty="1") == [world.unresolved]
    assert _result(admin_client, models.MeetingParticipant, official__isempty="0") == [world.participant]


def test_position_filter_lists_current_holders(admin_client, world):
    assert _result(admin_client, models.Position, end_date__isempty="1") == [world.position]
    assert _result(admin_client, models.Position, end_date__isempty="0") == []


def test_forum_filters_by_kind_and_parent(admin_client, world):
    assert _result(admin_client, models.Forum, kind__exact="un_body") == [world.unga]
    assert _result(admin_client, models.Forum, parent__id__exact=world.un.pk) == [world.unga]
    assert _result(admin_client, models.Forum, kind__exact="bank") == []


def test_article_filter_by_publisher(admin_client, world):
    assert _result(admin_client, models.Article, publisher="AZERTAC") == [world.article]
    assert _result(admin_client, models.Article, publisher="TASS") == []


def test_membership_filter_by_status(admin_client, world):
    assert len(_result(admin_client, models.ForumMembership, status__exact="member")) == 3
    assert _result(admin_client, models.ForumMembership, status__exact="observer") == []


def test_bilateral_relation_filter_by_country_on_either_side(admin_client, world):
    assert _result(admin_client, models.BilateralRelation, country="AZE") == [world.relation]
    assert _result(admin_client, models.BilateralRelation, country="PAK") == [world.relation]
    assert _result(admin_client, models.BilateralRelation, levels__level__exact="allied") == []


def test_meeting_sidebar_names_filters_as_curators_say_them(admin_client, world):
    response = admin_client.get(admin_url(models.Meeting))
    titles = [str(spec.title) for spec in response.context["cl"].filter_specs]
    assert titles == ["status", "format", "party", "sector", "forum", "year"]
