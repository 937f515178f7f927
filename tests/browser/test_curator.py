"""A curator's path through the admin in a real browser (issue 13), at a laptop's 1,366 px.

Paste an article, land on its meeting, add a sector citing a sentence, verify, go on to the
next meeting to review: at most 8 clicks, and no page wider than the screen. Screenshots of the
review queue and the meeting page at 1,366 and 390 px go to test-artifacts/.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from relations import models

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# Written for this test: a made-up visit, not a real article.
ARTICLE_TITLE = "Kenya and Japan leaders hold talks in Nairobi"
ARTICLE_TEXT = (
    "President William Ruto of Kenya received Prime Minister Kenji Sato of Japan at State House in Nairobi "
    "on 14 March 2025.\n"
    "The two leaders discussed cooperation in trade and investment.\n"
    "They also agreed to open new direct flights for visitors between the two countries."
)
CITED = "They also agreed to open new direct flights for visitors between the two countries."


class Clicks:
    """Counts what the curator clicks (typing into a field is not a click)."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.count = 0

    def click(self, selector: str) -> None:
        self.page.locator(selector).first.click()
        self.count += 1

    def select(self, selector: str, **option: str) -> None:
        self.page.locator(selector).first.select_option(**option)
        self.count += 1


def no_horizontal_scroll(page, name: str) -> None:  # type: ignore[no-untyped-def]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    width = page.viewport_size["width"]
    assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"


def screenshots(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    for label, size in (("1366", LAPTOP), ("390", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
        no_horizontal_scroll(page, f"{name} at {label}px")
    page.set_viewport_size(LAPTOP)


@pytest.fixture
def curator_tab(browser, live_server, transactional_db):  # type: ignore[no-untyped-def]
    call_command("load_seeds", verbosity=0)  # reference data, and the seed article's meeting to review
    get_user_model().objects.create_superuser("curator", "curator@example.org", "a long pass phrase")
    context = browser.new_context(viewport=LAPTOP)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(live_server.url + "/admin/login/?next=/admin/")
    tab.fill("#id_username", "curator")
    tab.fill("#id_password", "a long pass phrase")
    tab.locator("input[type=submit]").click()
    tab.wait_for_url("**/admin/")
    yield tab
    context.close()
    assert errors == []


def test_curator_pastes_reviews_and_moves_on_in_at_most_8_clicks(curator_tab):
    tab = curator_tab
    seed_meeting = models.Meeting.objects.get()
    clicks = Clicks(tab)
    assert "To review (1)" in tab.locator("#content-main").inner_text()
    no_horizontal_scroll(tab, "the admin index")

    # 1-2: paste the article and save.
    clicks.click(".model-article a.addlink")
    tab.fill("#id_title", ARTICLE_TITLE)
    tab.fill("#id_text", ARTICLE_TEXT)
    clicks.click("input[name=_save]")
    meeting = models.Meeting.objects.exclude(pk=seed_meeting.pk).get()
    tab.wait_for_url(f"**/admin/relations/meeting/{meeting.pk}/change/")
    assert tab.locator(".messagelist").inner_text().strip() == f"Created meeting #{meeting.pk}."
    no_horizontal_scroll(tab, "the meeting page")
    # Every inline's Delete box is on the screen, not scrolled off to the right (issue 13).
    off = tab.evaluate(
        "() => [...document.querySelectorAll('.inline-group td.delete')]"
        ".filter(td => td.getBoundingClientRect().right > window.innerWidth).length"
    )
    assert off == 0, f"{off} Delete cells off the screen"
    screenshots(tab, "admin-meeting")

    # 3-6: add a sector (Tourism), citing the sentence it comes from.
    clicks.click("#sector_links-group .add-row a")
    row = "#sector_links-group tr.dynamic-sector_links:not(.empty-form)"
    clicks.click(f"{row} .select2-selection")
    tab.locator(".select2-search__field").fill("Tourism")
    clicks.click(".select2-results__option:has-text('Tourism')")
    article = meeting.articles.get()
    start = article.text.index(CITED)
    clicks.select(f"{row} select.cite-picker", value=f"{article.pk}:{start}:{start + len(CITED)}")
    no_horizontal_scroll(tab, "the meeting page with a new row")

    # 7: verify, and land on the next meeting to review.
    clicks.click("#verify-next")
    tab.wait_for_url(f"**/admin/relations/meeting/{seed_meeting.pk}/change/")
    assert f"Meeting #{meeting.pk} saved and verified." in tab.locator(".messagelist").inner_text()
    assert clicks.count <= 8, clicks.count

    meeting.refresh_from_db()
    assert meeting.status == models.MeetingStatus.VERIFIED
    tourism = meeting.sector_links.get(sector__slug="tourism")
    assert (tourism.origin, tourism.source_id, tourism.evidence) == ("curator", article.pk, CITED)
    latest = meeting.history.order_by("-history_date").first()
    assert latest.history_user.username == "curator"
    assert "+ sector Tourism" in latest.history_change_reason
    assert "status: Extracted → Verified" in latest.history_change_reason
    assert "sectors" in meeting.locked_fields


def test_review_queue_verifies_from_the_list(curator_tab, live_server):
    tab = curator_tab
    seed_meeting = models.Meeting.objects.get()
    tab.locator(".model-reviewqueue a").first.click()
    tab.wait_for_url("**/admin/relations/meeting/review/")
    item = tab.locator(f"#review-{seed_meeting.pk}")
    assert "Azerbaijan" in item.inner_text() and "Pakistan" in item.inner_text()
    assert item.locator(".evidence-group").count() >= 2
    screenshots(tab, "admin-review-queue")
    item.locator("button[value=verified]").click()
    tab.wait_for_url("**/admin/relations/meeting/review/**")
    assert f"Meeting #{seed_meeting.pk} verified." in tab.locator(".messagelist").inner_text()
    assert "0 meetings to review" in tab.locator("#review-count").inner_text()
    seed_meeting.refresh_from_db()
    assert seed_meeting.status == models.MeetingStatus.VERIFIED


def test_keyboard_shortcut_rejects_and_moves_on(curator_tab, live_server):
    tab = curator_tab
    seed_meeting = models.Meeting.objects.get()
    tab.goto(f"{live_server.url}/admin/relations/meeting/{seed_meeting.pk}/change/")
    tab.locator("h1").click()  # focus on the page, not on a field
    tab.keyboard.press("r")
    tab.wait_for_url("**/admin/relations/meeting/review/")
    seed_meeting.refresh_from_db()
    assert seed_meeting.status == models.MeetingStatus.REJECTED
    assert "Nothing left to review" in tab.locator(".messagelist").inner_text()
