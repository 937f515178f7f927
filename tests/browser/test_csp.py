"""The Content-Security-Policy in a real browser (issue 9): every page carries it, Chromium
reports no violation on the pages, the admin or the API docs, and they still work."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from tests import factories

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
# Redoc's sidebar shows Redocly's logo from their CDN; the policy keeps that third-party request out.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """What Chromium reported against the policy: console messages and securitypolicyviolation events."""
    console = [e for e in page.errors if "Content Security Policy" in e or "Refused to" in e]
    events = page.page.evaluate("window.cspViolations")
    return console + events


def open_checked(page, path: str) -> None:  # type: ignore[no-untyped-def]
    response = page.open(path)
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy, (path, policy)
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0], (path, policy)
    page.page.wait_for_load_state("networkidle")


@pytest.fixture
def csp_page(page):  # type: ignore[no-untyped-def]
    """The browser page, also recording every `securitypolicyviolation` event."""
    page.page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return page


@pytest.fixture
def meeting(transactional_db):  # type: ignore[no-untyped-def]
    aland = factories.CountryFactory(iso3="ALD", iso2="AX", name="Aland")
    borduria = factories.CountryFactory(iso3="BRD", iso2="BD", name="Borduria")
    factories.CountryFactory(iso3="SYL", iso2="SY", name="Syldavia")
    return factories.make_reported_meeting(aland, borduria, date=date(2024, 3, 3))


def test_pages_report_no_policy_violation(csp_page, meeting):
    """issue 9: the home page and a meeting page (evidence highlighted, charts) under the policy."""
    open_checked(csp_page, "/")
    assert csp_page.page.locator("h1").first.is_visible()
    assert violations(csp_page) == []

    open_checked(csp_page, f"/meetings/{meeting.pk}/")
    assert csp_page.page.locator(".article-text mark.evidence").count() >= 1
    background = csp_page.page.locator(".article-text mark.evidence").first.evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet applied
    assert violations(csp_page) == []


def test_admin_login_and_change_page_work_under_the_policy(csp_page, meeting):
    """issue 9: log in through the admin form, open a meeting's change page, use a country autocomplete."""
    User.objects.create_superuser("curator", "curator@example.org", PASSWORD)
    tab = csp_page.page

    open_checked(csp_page, "/admin/login/?next=/admin/")
    tab.fill("#id_username", "curator")
    tab.fill("#id_password", PASSWORD)
    tab.click("input[type=submit]")
    tab.wait_for_url("**/admin/")
    open_checked(csp_page, f"/admin/relations/meeting/{meeting.pk}/change/")
    tab.locator(".select2-container").first.click()
    # Let the first search finish: typing while it runs makes select2 abort it, a failed request.
    tab.locator(".select2-results__option:not(.loading-results)").first.wait_for()
    tab.locator(".select2-search__field").fill("Syl")
    tab.locator(".select2-results__option", has_text="Syldavia").wait_for()

    assert violations(csp_page) == []


def test_api_docs_render_the_operations_under_the_policy(csp_page):
    """issue 9: Swagger UI (inline style and script carry the response's nonce) lists the operations."""
    open_checked(csp_page, "/api/docs/")
    operations = csp_page.page.locator(".opblock")
    operations.first.wait_for()

    assert operations.count() >= 10
    assert csp_page.page.locator(".opblock-summary-path", has_text="/api/auth/token/").count() == 1
    assert violations(csp_page) == []


def test_redoc_renders_and_only_its_third_party_logo_is_refused(csp_page):
    """issue 9: Redoc's page relaxes styles and workers only; its CDN logo is the one refusal."""
    open_checked(csp_page, "/api/redoc/")
    csp_page.page.locator("h1", has_text="Bilateral relations API").wait_for()

    assert csp_page.page.locator("li[data-item-id]").count() >= 10
    csp_page.page.wait_for_function("window.cspViolations.length > 0")  # the logo, once the sidebar is up
    refused = violations(csp_page)
    assert refused and all(REDOC_LOGO in message for message in refused), refused
    csp_page.errors[:] = [e for e in csp_page.errors if REDOC_LOGO not in e]
