"""The HTML pages (issue 5): what each shows, its presentation helpers, and its query budget."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from relations import models
from relations.templatetags.relations_pages import Bar, Highlight, column_chart, flag, fuzzy_date, highlight, row_chart
from tests import factories

CSS = Path(__file__).resolve().parent.parent / "relations" / "static" / "relations" / "pages.css"


@pytest.fixture
def aland(db) -> models.Country:
    # CountryFactory makes iso2 codes AA, AB, ... from its sequence; restart it so that it
    # cannot reach these ZY/ZZ/ZX codes within a test.
    factories.CountryFactory.reset_sequence()
    return factories.CountryFactory(iso3="ALD", iso2="ZY", name="Aland")


@pytest.fixture
def borduria(db) -> models.Country:
    return factories.CountryFactory(iso3="BRD", iso2="ZZ", name="Borduria")


@pytest.fixture
def meeting(aland, borduria) -> models.Meeting:
    meeting = factories.make_reported_meeting(aland, borduria, date=date(2024, 3, 3))
    relation = factories.BilateralRelationFactory(country_a=aland, country_b=borduria)
    factories.RelationLevelFactory(
        relation=relation,
        source=meeting.articles.get(),
        stated_on=date(2024, 3, 3),
        evidence=factories.evidence_of(factories.REPORT_TEXT, "strategic partnership")["evidence"],
    )
    return meeting


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --------------------------------------------------------------------------- presentation helpers


def test_flag_is_an_iso_code_badge_never_an_emoji():
    assert flag("az") == "AZ"
    assert flag("") == flag(None) == flag("A1") == flag("AZE") == ""


def test_pages_show_country_code_badges_not_flag_emoji(client, meeting):
    page = html(client, "/meetings/")
    assert '<span class="flag" aria-hidden="true">ZY</span> Aland' in page
    assert not any(0x1F1E6 <= ord(char) <= 0x1F1FF for char in page)


@pytest.mark.parametrize(
    ("precision", "expected"),
    [("day", "3 March 2024"), ("month", "March 2024"), ("year", "2024"), ("unknown", "Date unknown")],
)
def test_fuzzy_date_shows_only_what_is_known(precision, expected):
    assert fuzzy_date(date(2024, 3, 3), precision) == expected
    assert fuzzy_date(None, "day") == "Date unknown"


class TagBalance(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing"


def test_highlight_escapes_the_text_and_keeps_overlapping_spans_well_formed():
    text = "Talks on <b>energy security</b> & trade."
    start = text.index("energy")
    out = highlight(
        text,
        [
            Highlight(start, start + len("energy security"), "sector", "Sector: Energy", "fact-energy"),
            Highlight(start + len("energy "), start + len("energy security"), "sector", "Sector: Security"),
            Highlight(0, len(text), "meeting", 'Format: "talks"'),
            Highlight(50, 90, "forum", "outside the text"),
        ],
    )
    parser = TagBalance()
    parser.feed(out)
    assert parser.open == []
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp; trade" in out
    assert 'id="fact-energy"' in out and out.count('id="fact-energy"') == 1
    assert re.search(r'<mark class="evidence k-meeting k-sector" title="[^"]*Sector: Security[^"]*">security<', out)
    assert "outside the text" not in out


def test_highlight_without_spans_is_the_escaped_text():
    assert highlight("a < b", []) == "a &lt; b"


def test_column_chart_draws_one_bar_per_value_scaled_to_the_largest():
    chart = column_chart([Bar("2023", 1), Bar("2024", 4), Bar("Undated", 2)], title="t", description="d")
    assert [bar.value for bar in chart.bars] == [1, 4, 2]
    assert chart.bars[1].height == 4 * chart.bars[0].height
    assert all(bar.y + bar.height == chart.baseline for bar in chart.bars)


def test_column_chart_thins_out_labels_that_would_overlap():
    chart = column_chart([Bar(str(1990 + i), i) for i in range(30)], title="t", description="d")
    shown = [bar.label for bar in chart.bars if bar.show_label]
    assert "2019" in shown and 1 < len(shown) < 30


def test_row_chart_draws_one_row_per_value():
    chart = row_chart([Bar("Trade", 3), Bar("Energy", 1)], title="t", description="d")
    assert chart.height == 2 * 30
    assert chart.bars[0].width == pytest.approx(3 * chart.bars[1].width, abs=0.5)


def contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_stylesheet_text_colours_meet_wcag_aa_contrast():
    css = CSS.read_text()
    var = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6});", css))
    pairs = [
        (var["text"], var["surface"]),
        (var["text"], var["bg"]),
        (var["muted"], var["surface"]),
        (var["muted"], var["bg"]),
        (var["accent"], var["surface"]),
        (var["accent"], var["bg"]),
        ("#ffffff", var["header"]),
        (var["header-muted"], var["header"]),
        ("#ffffff", var["bar"]),  # the search button
    ]
    for block in re.findall(r"\{([^}]*)\}", css):  # every rule that sets both a text and a background colour
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-f]{6})", block)
        bg = re.search(r"background:\s*(#[0-9a-f]{6})", block)
        if fg and bg:
            pairs.append((fg.group(1), bg.group(1)))
    pairs += [
        (var["text"], colour) for colour in re.findall(r"mark\.k-[\w.-]+[^{]*\{\s*background:\s*(#[0-9a-f]{6})", css)
    ]
    assert len(pairs) > 15
    for fg, bg in pairs:
        assert contrast(fg, bg) >= 4.5, (fg, bg, round(contrast(fg, bg), 2))


# --------------------------------------------------------------------------- pages


def test_home_shows_recent_meetings_and_the_most_active_pairs(client, meeting):
    page = html(client, "/")
    assert 'action="/search/"' in page
    assert f'href="/meetings/{meeting.pk}/"' in page
    assert 'href="/relations/ALD-BRD/"' in page and "1 meeting<" in page


def test_home_of_an_empty_database_says_so(client, db):
    page = html(client, "/")
    assert "No meeting is recorded yet" in page and "No pair has met yet" in page


def test_search_finds_countries_officials_and_forums(client, meeting):
    page = html(client, "/search/?q=bo")
    assert 'href="/countries/BRD/"' in page  # Borduria
    assert "Bo Sample BRD" in page
    page = html(client, "/search/?q=oic")
    assert 'href="/forums/OIC/"' in page


def test_search_pages_one_kind_when_asked(client, db):
    for i in range(25):
        factories.OfficialFactory(name=f"Minister Number {i:02}")
    preview = html(client, "/search/?q=Number")
    assert "All 25 officials" in preview and preview.count("Minister Number") == 8
    second = html(client, "/search/?q=Number&kind=officials&page=2")
    assert second.count("Minister Number") == 5 and "Page 2 of 2" in second
    assert 'id="results-countries"' not in second
    assert 'id="results-countries"' in html(client, "/search/?q=Number&kind=bogus")  # an unknown kind shows all


def test_meeting_list_filters_by_country_official_sector_and_year(client, meeting, aland):
    other = factories.make_meeting([aland, factories.CountryFactory()], date=date(2020, 1, 1))
    official = meeting.participants.first().official_id
    for query, expected in [
        ("", {meeting, other}),
        ("?country=BRD", {meeting}),
        ("?country=ald&country=BRD", {meeting}),
        (f"?official={official}", {meeting}),
        ("?sector=trade", {meeting}),
        ("?year=2020", {other}),
        ("?forum=OIC", {meeting}),
        ("?meeting_format=official_visit", {meeting}),
        ("?date_after=2021-01-01&date_before=2024-12-31", {meeting}),
    ]:
        page = html(client, f"/meetings/{query}")
        found = {m for m in (meeting, other) if f'href="/meetings/{m.pk}/"' in page}
        assert found == expected, query


@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        ("?country=Kenya", "country", "unknown country code(s) Kenya (see /api/countries/)"),
        ("?sector=space", "sector", "unknown sector space (see /api/sectors/)"),
        ("?date_after=03/03/2024", "date_after", "not a date: use YYYY-MM-DD"),
        ("?meeting_format=summit", "meeting_format", "'summit' is not one of official_visit"),
        ("?year=not-a-year", "year", "Enter a number"),
    ],
)
def test_meeting_list_names_an_unknown_filter_value_instead_of_ignoring_it(client, meeting, query, parameter, says):
    """Issue 13: the page parses its parameters with the API's FilterSet, and says what is wrong."""
    response = client.get(f"/meetings/{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert f"<code>{parameter}</code>" in page
    assert escape(says) in page
    assert 'class="meeting-item"' not in page
    api = client.get(f"/api/meetings/{query}")
    assert api.status_code == 400 and says in api.json()[parameter][0]


def test_meeting_list_has_a_filter_form_with_the_api_parameters_and_a_csv_link(client, meeting):
    page = html(client, "/meetings/?country=ALD")
    for name in ("country", "date_after", "date_before", "sector", "forum", "meeting_format", "status", "q"):
        assert f'name="{name}"' in page, name
    assert '<span class="muted">Country:</span> Aland' in page  # the chips stay
    assert 'id="csv-link" href="/api/meetings/?country=ALD&amp;page_size=20&amp;format=csv&amp;bom=1"' in page


def test_meeting_list_paginates(client, aland, borduria):
    for _ in range(21):
        factories.make_meeting([aland, borduria])
    assert html(client, "/meetings/").count('class="meeting-item"') == 20
    last = html(client, "/meetings/?page=2")
    assert last.count('class="meeting-item"') == 1 and "Page 2 of 2" in last


def test_meeting_page_highlights_each_fact_where_its_evidence_is(client, meeting):
    page = html(client, f"/meetings/{meeting.pk}/")
    for fact, words in [
        ("Party: Aland", "Aland"),
        ("Participant: Bo Sample, Minister of Trade", "Bo Sample"),
        ("Sector: Trade", "trade"),
        ("Forum: UN", "United Nations (UN)"),
        ("Relation level: Strategic partnership", "The sides discussed "),
    ]:
        assert re.search(
            rf'<mark class="evidence[^"]*" title="[^"]*{re.escape(fact)}[^"]*">{re.escape(words)}', page
        ), fact
    assert 'class="evidence k-meeting"' in page  # the date sentence
    assert 'href="#fact-sector-' in page and 'id="fact-sector-' in page
    assert "3 March 2024" in page and "Official visit" in page and "Extracted" in page


def test_meeting_page_leaves_out_facts_read_from_another_article(client, meeting):
    other = factories.ArticleFactory(text="Trade was not the topic of this other article.")
    factories.MeetingSourceFactory(meeting=meeting, article=other)
    page = html(client, f"/meetings/{meeting.pk}/")
    second = page[page.index("Trade was not") - 200 :]
    assert "<mark" not in second[: second.index("</article>")]


def test_meeting_page_of_a_rejected_meeting_says_so(client, meeting):
    meeting.status = models.MeetingStatus.REJECTED
    meeting.save()
    assert "A curator rejected this meeting" in html(client, f"/meetings/{meeting.pk}/")


@pytest.mark.parametrize("url", ["/meetings/999999/", "/countries/ZZZ/", "/forums/NOPE/", "/relations/ALD-ZZZ/"])
def test_unknown_things_are_404(client, meeting, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/relations/ALD-ALD/", "/relations/ALD/", "/relations/AL-BRD/"])
def test_relation_page_needs_two_different_codes(client, meeting, url):
    assert client.get(url).status_code == 404


def test_relation_page_works_in_either_order_and_redirects_lower_case(client, meeting):
    forward, backward = html(client, "/relations/ALD-BRD/"), html(client, "/relations/BRD-ALD/")
    assert forward.index("Aland</a>") < forward.index("Borduria</a>")
    assert backward.index("Borduria</a>") < backward.index("Aland</a>")
    response = client.get("/relations/brd-ald/?page=1")
    assert response.status_code == 301 and response["Location"] == "/relations/BRD-ALD/?page=1"


def test_relation_page_shows_level_charts_forums_officials_and_meetings(client, meeting, aland, borduria):
    undated = factories.make_meeting([aland, borduria], date=None, date_precision="unknown")
    for country in (aland, borduria):
        factories.ForumMembershipFactory(country=country, forum=models.Forum.objects.get(acronym="UN"))
    page = html(client, "/relations/ALD-BRD/")
    assert 'id="current-level">Strategic partnership<' in page
    assert f'href="/meetings/{meeting.pk}/#fact-level-' in page  # the level's source, in context
    years = page[page.index('id="chart-years"') : page.index('id="chart-sectors"')]
    assert years.count('<rect class="bar') == 2 and ">Undated<" in years  # 2024 and undated
    sectors = page[page.index('id="chart-sectors"') :]
    assert sectors.count('<rect class="bar') == 3  # trade, energy, security
    assert 'href="/forums/UN/"' in page[page.index('id="shared-forums"') :]
    assert "Ana Example" in page and "Bo Sample" in page
    assert f'href="/meetings/{meeting.pk}/"' in page and f'href="/meetings/{undated.pk}/"' in page


def test_relation_page_of_a_pair_that_never_met_says_so(client, aland, borduria):
    page = html(client, "/relations/ALD-BRD/")
    assert "No meeting between Aland and Borduria is recorded yet." in page
    assert "No area of cooperation is recorded" in page and "<svg" not in page


def test_country_page_ranks_partners_by_meetings_and_lists_forums_and_officials(client, meeting, aland, borduria):
    carpania = factories.CountryFactory(iso3="CRP", iso2="ZX", name="Carpania")
    for _ in range(2):
        factories.make_meeting([aland, carpania])
    factories.BilateralRelationFactory(country_a=aland, country_b=carpania)
    factories.ForumMembershipFactory(country=aland, forum=factories.ForumFactory(acronym="NAM"))
    page = html(client, "/countries/ALD/")
    partners = page[page.index('id="partners"') :]
    assert partners.index("Carpania") < partners.index("Borduria")
    assert 'href="/relations/ALD-CRP/"' in partners and 'href="/forums/NAM/"' in page
    assert "Ana Example ALD" in page[page.index('id="officials"') :]
    assert client.get("/countries/ald/").status_code == 301


def test_forum_page_lists_members_and_meetings_that_named_it(client, meeting, aland):
    factories.ForumMembershipFactory(country=aland, forum=models.Forum.objects.get(acronym="OIC"))
    page = html(client, "/forums/OIC/")
    assert 'href="/countries/ALD/"' in page and f'href="/meetings/{meeting.pk}/"' in page


# --------------------------------------------------------------------------- query budgets


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        html(client, url)
    return len(captured)


def grow(aland, borduria, n: int) -> None:
    """n more meetings of the pair and of Aland with new partners, each with its facts and officials."""
    for _ in range(n):
        partner = factories.CountryFactory()
        factories.ForumMembershipFactory(country=partner, forum=models.Forum.objects.get(acronym="UN"))
        for pair in ((aland, borduria), (aland, partner)):
            m = factories.MeetingFactory()
            with factories.figures_once(m):  # make_meeting's links and three more, the figures moved once
                factories.add_parties(m, list(pair))
                factories.MeetingSectorFactory(meeting=m, sector=factories.SectorFactory())
                factories.MeetingForumFactory(meeting=m, forum=models.Forum.objects.get(acronym="UN"))
                factories.MeetingParticipantFactory(
                    meeting=m, official=None, raw_name=f"Unresolved {m.pk}", country=aland
                )
            factories.MeetingSourceFactory(meeting=m)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search/?q=a",
        "/search/?q=a&kind=officials",
        "/meetings/",
        "/meetings/?country=ALD&official={official}&year=2024",  # an official that exists: unknown is a 400
        "/countries/ALD/",
        "/relations/ALD-BRD/",
        "/forums/UN/",
    ],
)
def test_page_costs_the_same_queries_for_one_row_as_for_twenty(client, meeting, aland, borduria, url):
    """Prevents N+1: a template that walks a relation the selector did not fetch adds a query per row."""
    url = url.format(official=meeting.participants.exclude(official=None).first().official_id)
    grow(aland, borduria, 1)
    few = queries(client, url)
    grow(aland, borduria, 19)
    assert queries(client, url) == few


def test_meeting_page_costs_the_same_queries_for_one_fact_as_for_twenty(client, meeting, aland):
    """Prevents N+1 on the meeting page: parties, participants, sectors, forums and sources."""
    few = queries(client, f"/meetings/{meeting.pk}/")
    with factories.figures_once(meeting):
        for _ in range(20):
            factories.MeetingSectorFactory(meeting=meeting)
            factories.MeetingForumFactory(meeting=meeting)
            factories.MeetingCountryFactory(meeting=meeting)
            factories.MeetingParticipantFactory(meeting=meeting, official=factories.OfficialFactory(country=aland))
            factories.MeetingSourceFactory(meeting=meeting)
    assert queries(client, f"/meetings/{meeting.pk}/") == few


def test_country_page_shows_each_officials_latest_title_from_the_meetings(client, meeting, aland):
    """Issue 13: an official without a recorded position shows the title the latest meeting gave; those
    with meetings come first."""
    factories.OfficialFactory(name="Aaron Nomeetings", country=aland)
    page = html(client, "/countries/ALD/")
    table = page[page.index('id="officials"') :]
    assert "Foreign Minister" in table
    assert table.index("Ana Example ALD") < table.index("Aaron Nomeetings")


def test_search_lists_meetings_too(client, meeting):
    page = html(client, "/search/?q=partnership")
    results = page[page.index('id="results-meetings"') :]
    assert f'href="/meetings/{meeting.pk}/"' in results[: results.index("</section>")]


def test_pages_with_little_data_say_how_to_add_more(client, db):
    for url in ("/", "/meetings/"):
        page = html(client, url)
        assert "No meeting is recorded yet" in page, url
        for way in ("/admin/relations/article/add/", "ingest_articles", "/api/articles/"):
            assert way in page, (url, way)


def test_home_with_a_few_meetings_still_says_how_to_add_more(client, meeting):
    assert "Only 1 meeting so far" in html(client, "/")
