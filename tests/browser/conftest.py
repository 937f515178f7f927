"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Chromium is never downloaded: the tests use /usr/bin/chromium (`apt-get install chromium`,
which .ci/run does). Without it they skip with the reason, except in CI (CI set), where a
missing browser is a failure. Screenshots go to test-artifacts/ (desktop and phone widths).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls from a
# thread with a running loop. The tests build their data and the live server answers in other
# threads, so the guard only gets in the way here (and only here: not set for the other tests).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM}: install Debian's `chromium` (apt-get install chromium) to run these"
        if in_ci():
            pytest.fail(f"CI is set but {reason}; .ci/run should have installed it", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class Page:
    """A Playwright page that records console errors and failed requests, with screenshot helpers."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("requestfailed", lambda request: self.errors.append(f"request failed: {request.url}"))

    def open(self, path: str) -> object:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        return response

    def screenshots(self, name: str) -> None:
        """Full-page screenshots at desktop and phone widths; on the phone nothing may overflow sideways."""
        ARTIFACTS.mkdir(exist_ok=True)
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            self.page.set_viewport_size(size)
            self.page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
            overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} is {overflow}px wider than a {size['width']}px screen"
        self.page.set_viewport_size(DESKTOP)


@pytest.fixture
def page(browser, live_server, transactional_db) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    wrapped = Page(context.new_page(), live_server.url)
    yield wrapped
    context.close()
    assert wrapped.errors == [], f"console errors: {wrapped.errors}"
