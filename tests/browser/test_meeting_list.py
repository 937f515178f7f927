"""The public meeting list in a real browser (issue 13): its filter form and its CSV link give the
rows the API gives for the same query, over real HTTP; screenshots at 1,366 and 390 px."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse
import urllib.request
from datetime import date

import pytest

from relations import models
from tests import factories

from .test_curator import LAPTOP, no_horizontal_scroll, screenshots

pytestmark = pytest.mark.browser


@pytest.fixture
def meetings(transactional_db) -> dict[str, object]:
    aland = factories.CountryFactory(iso3="ALD", iso2="AX", name="Aland")
    borduria = factories.CountryFactory(iso3="BRD", iso2="BD", name="Borduria")
    syldavia = factories.CountryFactory(iso3="SYL", iso2="SY", name="Syldavia")
    visit = factories.make_reported_meeting(aland, borduria, date=date(2024, 3, 3))
    calls = [
        factories.make_meeting([aland, borduria], date=date(2023, 6, day), format=models.MeetingFormat.PHONE_CALL)
        for day in (1, 2, 3)
    ]
    factories.make_meeting([aland, syldavia], date=date(2023, 6, 4), format=models.MeetingFormat.PHONE_CALL)
    return {"visit": visit, "calls": calls}


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # the live server on this machine
        assert response.status == 200, url
        return response.read()


def test_filter_form_and_csv_link_give_the_rows_of_the_api(page, live_server, meetings):
    tab = page.page
    tab.set_viewport_size(LAPTOP)
    page.open("/meetings/")
    tab.fill("#meeting-filter-form input[name=country]", "ald,BRD")
    tab.select_option("#meeting-filter-form select[name=meeting_format]", "phone_call")
    tab.fill("#meeting-filter-form input[name=date_after]", "2023-01-01")
    tab.locator("#meeting-filter-form button[type=submit]").click()
    tab.wait_for_url("**/meetings/?*meeting_format=phone_call*")

    shown = [
        int(re.search(r"/meetings/(\d+)/", href).group(1))
        for href in tab.eval_on_selector_all("#meetings a.title", "links => links.map(a => a.getAttribute('href'))")
    ]
    assert shown == [m.pk for m in reversed(meetings["calls"])]  # newest first; not Syldavia's call

    query = urllib.parse.urlsplit(tab.url).query
    api = json.loads(get(f"{live_server.url}/api/meetings/?{query}&page_size=20"))
    assert [row["id"] for row in api["results"]] == shown

    href = tab.locator("#csv-link").get_attribute("href")
    body = get(live_server.url + href).decode("utf-8")
    assert body.startswith("\ufeff")  # for Excel
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [int(row["id"]) for row in rows] == shown
    assert {row["format"] for row in rows} == {"phone_call"}
    screenshots(tab, "meeting-list")


def test_an_unknown_code_is_named_on_the_page(page, meetings):
    response = page.page.goto(page.base_url + "/meetings/?country=Kenya")
    assert response.status == 400
    page.errors.clear()  # the 400 itself is logged by the browser as a failed resource
    assert "unknown country code(s) Kenya" in page.page.locator("#filter-errors").inner_text()
    assert page.page.locator("#meeting-filters").get_attribute("open") is not None
    no_horizontal_scroll(page.page, "the meeting list with an error")


def test_meeting_page_fits_both_screens(page, meetings):
    page.open(f"/meetings/{meetings['visit'].pk}/")
    screenshots(page.page, "meeting")
