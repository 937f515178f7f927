"""The pages in a real browser: they load clean, charts have their bars, evidence is highlighted."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from relations import models
from tests import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db) -> dict[str, object]:
    """Aland and Borduria: a reported meeting with evidence, two more meetings, a level, shared forums."""
    aland = factories.CountryFactory(iso3="ALD", iso2="AX", name="Aland")
    borduria = factories.CountryFactory(iso3="BRD", iso2="BD", name="Borduria")
    meeting = factories.make_reported_meeting(aland, borduria, date=date(2024, 3, 3))
    factories.make_meeting([aland, borduria], date=date(2022, 6, 1), title="Aland and Borduria talk by phone")
    factories.make_meeting([aland, borduria], date=None, date_precision="unknown", title="An undated meeting")
    relation = factories.BilateralRelationFactory(country_a=aland, country_b=borduria)
    factories.RelationLevelFactory(
        relation=relation,
        source=meeting.articles.get(),
        evidence=factories.evidence_of(factories.REPORT_TEXT, "strategic partnership")["evidence"],
    )
    for country in (aland, borduria):
        factories.ForumMembershipFactory(country=country, forum=models.Forum.objects.get(acronym="UN"))
    return {"meeting": meeting}


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/"),
        ("search", "/search/?q=a"),
        ("meetings", "/meetings/"),
        ("meeting", "/meetings/{meeting}/"),
        ("country", "/countries/ALD/"),
        ("relation", "/relations/ALD-BRD/"),
        ("forum", "/forums/UN/"),
    ],
)
def test_page_loads_without_console_errors_on_desktop_and_phone(page, world, name, path):
    page.open(path.format(meeting=world["meeting"].pk))
    assert page.page.locator("h1").first.is_visible()
    page.screenshots(name)
    assert page.errors == []


def test_relation_charts_have_one_bar_per_year_and_per_sector(page, world):
    page.open("/relations/ALD-BRD/")
    years = page.page.locator("#chart-years")
    assert years.locator("rect.bar").count() == 3  # 2022, 2024 and undated
    assert years.locator("text.label").all_text_contents() == ["2022", "2024", "Undated"]
    assert page.page.locator("#chart-sectors rect.bar").count() == 3  # trade, energy, security
    assert page.page.locator("#chart-sectors svg").get_attribute("role") == "img"
    assert page.page.locator("#timeline > li").count() == 3


def test_meeting_page_highlights_the_evidence_of_each_fact(page, world):
    page.open(f"/meetings/{world['meeting'].pk}/")
    marks = page.page.locator(".article-text mark.evidence")
    assert marks.count() >= 8
    trade = page.page.locator('.article-text mark[title*="Sector: Trade"]')
    assert trade.first.evaluate("el => el.firstChild.textContent") == "trade"  # then its label for screen readers
    background = trade.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.page.locator("#sectors a", has_text="Trade").click()
    assert page.page.url.split("#")[1].startswith("fact-sector-")
    assert trade.first.is_visible()


def test_pages_work_without_javascript(browser, live_server, world):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(live_server.url + "/relations/ALD-BRD/")
        assert tab.locator("#chart-years rect.bar").count() == 3
        tab.goto(live_server.url + "/")
        tab.fill("#home-q", "Bord")
        tab.press("#home-q", "Enter")
        tab.wait_for_url("**/search/?q=Bord")
        assert tab.locator('#results-countries a[href="/countries/BRD/"]').count() == 1
    finally:
        context.close()


def test_relationship_page_shows_the_seed_meeting(page):
    """The seed article, read by the extractor through load_seeds, is on the AZE-PAK page."""
    call_command("load_seeds", verbosity=0)
    meeting = models.Meeting.objects.between("AZE", "PAK").get()
    sectors = models.MeetingSector.objects.filter(meeting=meeting).count()
    page.open("/relations/PAK-AZE/")
    assert page.page.locator(".pair-head").inner_text().index("Pakistan") < 20
    link = page.page.locator(f'#timeline a[href="/meetings/{meeting.pk}/"]')
    assert link.inner_text() == "Azerbaijan, Pakistan discuss strategic partnership"
    assert page.page.locator("#chart-sectors rect.bar").count() == sectors >= 8
    assert page.page.locator("#current-level").inner_text() == "Strategic partnership"
    page.screenshots("seed-relation")
    link.click()
    page.page.wait_for_url(f"**/meetings/{meeting.pk}/")
    bayramov = page.page.locator('.article-text mark[title*="Jeyhun Bayramov"]')
    assert bayramov.count() >= 1
    page.screenshots("seed-meeting")
    assert page.errors == []
