"""Ingest by URL (`manage.py ingest_urls`, services.urls_ingest) against the tests' own web (issue 14):
for each kind of page, what is stored, what is reported and the exit status."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from relations import models, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db) -> None:
    services.reference_data_load()


def ingest_urls(*args: str) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest_urls", *args, "--no-progress", stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_an_article_page_becomes_an_article_and_a_meeting_for_review(web, reference):
    out, err, failed = ingest_urls(web.url("/news/visit.html"))

    assert failed is None and err == ""
    article = models.Article.objects.get()
    meeting = models.Meeting.objects.get()
    assert out.splitlines() == [
        f"{web.url('/news/visit.html')}: new article #{article.pk}, new meeting #{meeting.pk} (for review)",
        "1 read, 1 new, 0 already known, 0 merged into an existing meeting, 0 without a meeting, 0 failed",
    ]
    assert article.title == "Foreign ministers of Georgia and Armenia hold talks in Tbilisi"
    assert (article.url, article.publisher, str(article.published)) == (
        web.url("/news/visit.html"),
        "Georgian Foreign Ministry",
        "2025-02-11",
    )
    assert article.fetched_at is not None
    # The main text only: no navigation, no comments, no footer.
    assert article.text.startswith("TBILISI, February 11. Minister of Foreign Affairs of Georgia")
    for furniture in ("About the ministry", "Great news for the whole region", "All rights reserved", "Related"):
        assert furniture not in article.text
    assert meeting.status == models.MeetingStatus.EXTRACTED
    assert (str(meeting.date), meeting.location_city) == ("2025-02-10", "Tbilisi")
    assert sorted(meeting.countries.values_list("iso3", flat=True)) == ["ARM", "GEO"]
    assert models.MeetingSource.objects.get().article == article
    assert models.Totals.objects.get().articles == 1  # the figures are kept by the ingest service


def test_the_same_url_again_is_not_fetched_and_stores_nothing(web, reference):
    ingest_urls(web.url("/news/visit.html"))
    out, _, failed = ingest_urls(web.url("/news/visit.html"), web.url("/moved.html"))

    assert failed is None
    assert out.splitlines()[-1].startswith("2 read, 0 new, 2 already known")
    assert web.hits["/news/visit.html"] == 2  # the first run, and /moved.html's redirect to it (then known)
    assert models.Article.objects.count() == 1


def test_another_ministrys_report_of_the_same_talks_is_merged(web, reference):
    out, _, _ = ingest_urls(web.url("/news/visit.html"), web.url("/news/other-side.html"))

    meeting = models.Meeting.objects.get()
    assert f"merged into meeting #{meeting.pk}" in out
    assert meeting.sources.count() == 2


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.html", "HTTP 404 Not Found"),
        ("/slow.html", "no answer within 2 s (timed out)"),
        ("/loop/a", "redirect loop ({base}/loop/b redirects back to {base}/loop/a)"),
        ("/big.html", "is larger than the 200000-byte limit"),
        ("/private/visit.html", "robots.txt of {host} forbids fetching /private/visit.html"),
        ("/report.pdf", "not an HTML page (application/pdf)"),
        ("/login.html", "no article text on the page (22 characters of main text; a login wall, an index?)"),
    ],
)
def test_a_page_that_is_no_article_is_reported_with_its_url_and_nothing_is_stored(
    web, reference, settings, path, reason
):
    settings.FETCH_MAX_BYTES = 200_000
    out, err, failed = ingest_urls(web.url(path))

    reason = reason.format(base=web.base, host=web.base.removeprefix("http://"))
    assert err.strip() == f"{web.url(path)}: {reason}"
    assert out.splitlines() == [
        "1 read, 0 new, 0 already known, 0 merged into an existing meeting, 0 without a meeting, 1 failed"
    ]
    assert str(failed) == "1 URL(s) failed"
    assert models.Article.objects.count() == 0
    assert models.Meeting.objects.count() == 0


def test_good_and_bad_urls_from_a_file_each_get_their_line(web, reference, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# to read\n{web.url('/news/visit.html')}\n\n{web.url('/missing.html')}\n")
    out, err, failed = ingest_urls("--from-file", str(listing), web.url("/news/call.html"))

    assert err.strip() == f"{web.url('/missing.html')}: HTTP 404 Not Found"
    assert out.splitlines()[-1] == (
        "3 read, 2 new, 0 already known, 0 merged into an existing meeting, 0 without a meeting, 1 failed"
    )
    assert failed is not None
    assert models.Article.objects.count() == 2


def test_a_dry_run_fetches_and_reports_but_stores_nothing(web, reference):
    out, _, failed = ingest_urls("--dry-run", web.url("/news/visit.html"))

    assert failed is None
    assert out.splitlines()[-1].startswith("Dry run, nothing committed: 1 read, 1 new")
    assert models.Article.objects.count() == 0


def test_no_url_is_a_usage_error():
    with pytest.raises(CommandError, match=r"no URL given"):
        call_command("ingest_urls", stdout=StringIO())


def test_a_missing_url_file_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"nothing\.txt: cannot be read \(No such file or directory\)"):
        call_command("ingest_urls", "--from-file", str(tmp_path / "nothing.txt"), stdout=StringIO())


def test_a_page_without_a_date_in_its_metadata_takes_the_feeds_date(web, reference):
    from datetime import date

    from relations.fetch import Fetcher

    with Fetcher() as fetcher:
        page = fetcher.get(web.url("/news/call.html"))
    hinted = services.page_article(page, where="x", hints=services.EntryHints(published=date(2025, 3, 4)))
    assert hinted.published == date(2025, 3, 4)
    assert hinted.publisher == "Akorda"
