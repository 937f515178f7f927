"""Fixtures for the admin tests: one row of every model, linked the way ingest links them."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from relations import models
from relations.services.versions import data_changed_now
from tests import factories as f

EVIDENCE = {
    "party": "Azerbaijan and Pakistan held talks in Islamabad.",
    "participant": "Minister of Foreign Affairs Jeyhun Bayramov met Acting President Syed Yousuf Raza Gilani.",
    "sector": "The sides discussed cooperation in energy and oil.",
    "forum": "They noted their cooperation within the Organisation of Islamic Cooperation.",
}


def admin_url(model: type[Model] | Model, view: str = "changelist") -> str:
    """The admin URL of a model's changelist/add page, or of an instance's change/history page."""
    opts = model._meta
    if isinstance(model, Model):
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[model.pk])
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")


def form_data(response) -> dict:  # type: ignore[no-untyped-def]
    """The POST body a browser would send back unchanged from an admin add/change page."""
    data: dict = {}

    def put(form) -> None:  # type: ignore[no-untyped-def]
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, list | tuple):
                value = [str(v.pk if isinstance(v, Model) else v) for v in value]
            data[form.add_prefix(name)] = value

    put(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        put(inline.formset.management_form)
        for form in inline.formset.forms:
            put(form)
    return data


@pytest.fixture
def world(db) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    """The seed article's meeting: AZE and PAK, two ministers, a sector, a forum, a source, a relation."""
    aze = f.CountryFactory(iso3="AZE", iso2="AZ", name="Azerbaijan", official_name="Republic of Azerbaijan")
    pak = f.CountryFactory(iso3="PAK", iso2="PK", name="Pakistan", official_name="Islamic Republic of Pakistan")
    arm = f.CountryFactory(iso3="ARM", iso2="AM", name="Armenia", official_name="Republic of Armenia")
    country_name = f.CountryNameFactory(country=aze, name="Azerbaijani")
    un = f.ForumFactory(acronym="UN", name="United Nations")
    oic = f.ForumFactory(
        acronym="OIC", name="Organisation of Islamic Cooperation", other_names=["Organization of Islamic Cooperation"]
    )
    unga = f.ForumFactory(acronym="UNGA", name="United Nations General Assembly", parent=un, kind="un_body")
    membership = f.ForumMembershipFactory(forum=oic, country=aze, since=1991)
    f.ForumMembershipFactory(forum=oic, country=pak, since=1969)
    f.ForumMembershipFactory(forum=un, country=arm, since=1992)
    energy = f.SectorFactory(slug="energy", name="Energy", words=["energy", "oil"])
    tourism = f.SectorFactory(slug="tourism", name="Tourism", words=["tourism"])
    bayramov = f.OfficialFactory(name="Jeyhun Bayramov", country=aze)
    gilani = f.OfficialFactory(name="Syed Yousuf Raza Gilani", country=pak)
    alias = f.OfficialNameFactory(official=bayramov, name="J. Bayramov")
    position = f.PositionFactory(official=bayramov)
    article = f.ArticleFactory(
        title="Azerbaijan, Pakistan discuss strategic partnership",
        url="https://example.org/aze-pak",
        publisher="AZERTAC",
        extractor_version="1.0",
        extraction={"parties": ["AZE", "PAK"], "forums": ["OIC"]},
    )
    other_article = f.ArticleFactory(title="Trade figures for the first quarter", publisher="Reuters")
    meeting = f.MeetingFactory(
        title="Bayramov meets Gilani",
        date=date(2024, 5, 1),
        format=models.MeetingFormat.OFFICIAL_VISIT,
        location_country=pak,
        location_city="Islamabad",
        summary="Talks on energy cooperation.",
        format_evidence=EVIDENCE["party"],
    )
    extracted = {"source": article, "origin": "extracted"}
    party = f.MeetingCountryFactory(meeting=meeting, country=aze, evidence=EVIDENCE["party"], **extracted)
    f.MeetingCountryFactory(meeting=meeting, country=pak, evidence=EVIDENCE["party"], **extracted)
    participant = f.MeetingParticipantFactory(
        meeting=meeting, official=bayramov, evidence=EVIDENCE["participant"], **extracted
    )
    unresolved = f.MeetingParticipantFactory(
        meeting=meeting,
        official=None,
        country=pak,
        raw_name="Syed Yousuf Raza Gilani",
        title="Acting President",
        evidence=EVIDENCE["participant"],
        **extracted,
    )
    sector_link = f.MeetingSectorFactory(meeting=meeting, sector=energy, evidence=EVIDENCE["sector"], **extracted)
    forum_link = f.MeetingForumFactory(meeting=meeting, forum=oic, evidence=EVIDENCE["forum"], **extracted)
    source = f.MeetingSourceFactory(meeting=meeting, article=article, how="created")
    other_meeting = f.MeetingFactory(
        title="Phone call on trade", date=date(2023, 1, 10), format=models.MeetingFormat.PHONE_CALL
    )
    f.MeetingCountryFactory(meeting=other_meeting, country=arm)
    relation = f.BilateralRelationFactory(country_a=aze, country_b=pak)
    level = f.RelationLevelFactory(relation=relation, source=article)
    decision = models.CuratorDecision.objects.create(
        kind="removed", scope="forummembership", owner="UN", item="arm", note="Removed Armenia from the UN"
    )
    feed = models.Feed.objects.create(url="https://mfa.example.org/rss", title="MFA of Azerbaijan", active=False)
    feed_poll = models.FeedPoll.objects.create(
        feed=feed, started_at=timezone.now(), finished_at=timezone.now(), status="ok", entries=1, new_articles=1
    )
    feed_poll.articles.add(article)
    return SimpleNamespace(**locals())


def populate(n: int, start: int = 0) -> None:
    """`n` more complete meeting graphs, each touching every model, for query-count comparisons."""
    for i in range(start, start + n):
        letter = chr(65 + i)  # up to 26 graphs
        a = f.CountryFactory(iso3=f"QA{letter}", iso2=f"Q{letter}")
        b = f.CountryFactory(iso3=f"RA{letter}", iso2=f"R{letter}")
        f.CountryNameFactory(country=a)
        parent = f.ForumFactory(acronym=f"PARENT{i}")
        forum = f.ForumFactory(acronym=f"FORUM{i}", parent=parent)
        f.ForumMembershipFactory(forum=forum, country=a)
        f.ForumMembershipFactory(forum=forum, country=b, status="observer")
        sector = f.SectorFactory(slug=f"sector{i}")
        officials = [f.OfficialFactory(country=a), f.OfficialFactory(country=b)]
        for official in officials:
            f.OfficialNameFactory(official=official)
            f.PositionFactory(official=official)
        article = f.ArticleFactory(publisher=f"Agency {i}")
        meeting = f.MeetingFactory(location_country=b, host_country=b, location_city="Capital")
        for country, official in zip((a, b), officials, strict=True):
            f.MeetingCountryFactory(meeting=meeting, country=country, source=article, origin="extracted")
            f.MeetingParticipantFactory(meeting=meeting, official=official, source=article, origin="extracted")
        f.MeetingSectorFactory(meeting=meeting, sector=sector, source=article)
        f.MeetingForumFactory(meeting=meeting, forum=forum, source=article)
        f.MeetingSourceFactory(meeting=meeting, article=article)
        relation = f.BilateralRelationFactory(country_a=a, country_b=b)
        f.RelationLevelFactory(relation=relation, source=article)
        f.RelationLevelFactory(relation=relation, source=None, level="friendly")
        models.CuratorDecision.objects.create(kind="removed", scope="countryname", owner=a.iso3, item=f"name {i}")
        feed = models.Feed.objects.create(url=f"https://ministry{i}.example/rss", publisher=f"Agency {i}")
        poll = models.FeedPoll.objects.create(
            feed=feed, started_at=timezone.now(), finished_at=timezone.now(), status="ok", entries=1, new_articles=1
        )
        poll.articles.add(article)
    # Written around the services, which bump the data version on commit: bump it as they would
    # (the changelists count a filter set once per version).
    data_changed_now()
