"""relations.fetch against the tests' own web on 127.0.0.1: what comes back and how each failure reads (issue 14)."""

from __future__ import annotations

import itertools
import threading
import time

import pytest

from relations.fetch import Fetcher, FetchError, HostThrottle
from tests.webserver import Response


def fetch_error(web, path: str, **options) -> FetchError:
    with Fetcher(**options) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(web.url(path))
    assert caught.value.url == web.url(path)
    assert str(caught.value).startswith(web.url(path) + ": ")
    return caught.value


def test_a_page_comes_back_with_its_final_url_type_and_a_descriptive_user_agent(web):
    with Fetcher() as fetcher:
        page = fetcher.get(web.url("/moved.html"))
    assert (page.status, page.url, page.content_type) == (200, web.url("/news/visit.html"), "text/html")
    assert b"Levan Tsiklauri" in page.body
    assert web.agents == {
        "bilateral-relations/0.1 (a database of diplomatic meetings; reads press releases and their feeds)"
    }
    assert web.hits["/robots.txt"] == 1


def test_a_conditional_get_answered_304_has_no_body(web):
    with Fetcher() as fetcher:
        page = fetcher.get(web.url("/feeds/rss.xml"), etag='"rss-1"')
    assert (page.status, page.body, page.etag) == (304, b"", '"rss-1"')
    assert web.conditional == [("/feeds/rss.xml", '"rss-1"', None)]


def test_404_names_the_status(web):
    error = fetch_error(web, "/missing.html")
    assert (error.reason, error.status, error.transient) == ("HTTP 404 Not Found", 404, False)


def test_a_server_error_may_pass_and_says_so(web):
    error = fetch_error(web, "/feeds/down.xml")
    assert (error.reason, error.transient) == ("HTTP 503 Service Unavailable", True)


def test_a_slow_answer_past_the_timeout_fails(web):
    started = time.monotonic()
    error = fetch_error(web, "/slow.html", timeout=0.5)
    assert error.reason == "no answer within 0.5 s (timed out)"
    assert error.transient
    assert time.monotonic() - started < 3


def test_a_redirect_loop_is_cut(web):
    error = fetch_error(web, "/loop/a")
    assert error.reason == f"redirect loop ({web.url('/loop/b')} redirects back to {web.url('/loop/a')})"


def test_too_many_redirects_fail(web):
    error = fetch_error(web, "/moved.html", max_redirects=0)
    assert error.reason == f"more than 0 redirects (last to {web.url('/news/visit.html')})"


def test_an_oversized_page_is_refused_while_reading(web):
    error = fetch_error(web, "/big.html", max_bytes=100_000)
    assert error.reason == "is larger than the 100000-byte limit"


def test_an_oversized_page_that_says_its_length_is_refused_before_reading(web):
    error = fetch_error(web, "/news/visit.html", max_bytes=100)
    assert error.reason.startswith("is ") and error.reason.endswith("bytes, larger than the 100-byte limit")


def test_robots_txt_forbids_a_path(web):
    error = fetch_error(web, "/private/visit.html")
    assert error.reason == "robots.txt of " + web.base.removeprefix("http://") + " forbids fetching /private/visit.html"
    assert web.hits["/private/visit.html"] == 0


def test_robots_txt_is_checked_on_every_redirect_hop(web):
    web.pages["/to-private.html"] = Response(status=302, headers={"Location": "/private/visit.html"})
    error = fetch_error(web, "/to-private.html")
    assert "forbids fetching /private/visit.html" in error.reason
    assert web.hits["/private/visit.html"] == 0


def test_a_site_without_robots_txt_may_be_fetched(web):
    del web.pages["/robots.txt"]
    with Fetcher() as fetcher:
        assert fetcher.get(web.url("/private/visit.html")).status == 200


def test_robots_txt_answered_403_forbids_the_whole_site(web):
    web.pages["/robots.txt"] = Response(status=403, body="no")
    error = fetch_error(web, "/news/visit.html")
    assert "forbids fetching /news/visit.html" in error.reason


def test_hosts_outside_the_allowed_list_are_refused_before_any_lookup():
    with Fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get("https://www.example.org/news/1")
    assert caught.value.reason == "fetching from www.example.org is not allowed here (FETCH_ALLOWED_HOSTS)"


def test_without_an_allowed_list_a_private_address_is_refused(web):
    with Fetcher(allowed_hosts=[]) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/news/visit.html"))
    assert caught.value.reason == "host 127.0.0.1 has a private or local address: not fetched"
    assert web.hits["/news/visit.html"] == 0


def test_only_http_and_https_are_fetched():
    with Fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get("file:///etc/passwd")
    assert caught.value.reason == "cannot be fetched: only http and https links are allowed, got 'file:'"


def test_one_request_at_a_time_per_host_with_a_delay_between():
    throttle = HostThrottle()
    spans: list[tuple[float, float]] = []

    def visit() -> None:
        with throttle.turn("ministry.example", 0.2):
            start = time.monotonic()
            time.sleep(0.05)
            spans.append((start, time.monotonic()))

    threads = [threading.Thread(target=visit) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    spans.sort()
    gaps = [later[0] - earlier[1] for earlier, later in itertools.pairwise(spans)]
    assert all(gap >= 0.19 for gap in gaps), gaps
