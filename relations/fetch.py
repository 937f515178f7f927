"""Fetching pages and feeds from the web: the one way the app reaches outside (STYLE rule 21).

httpx with a timeout, a size limit, a descriptive User-Agent and redirects followed here, hop by
hop, so that each hop is checked like the first: its host must be allowed (settings
FETCH_ALLOWED_HOSTS, or any public address), robots.txt must allow the path (the standard
library's urllib.robotparser, fed by this same client), and the politeness rule holds.

Politeness, kept simple: within a process, requests to one host go one at a time, at least
FETCH_HOST_DELAY seconds apart (a lock and a clock per host, `HostThrottle`). Across workers the
task queue runs at most one job per host at a time (relations/tasks.py: procrastinate `lock`).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx
from django.conf import settings
from django.utils import timezone

from relations.extraction.articles import url_problem


class FetchError(Exception):
    """A page or feed that could not be fetched; the message names the URL and the reason.

    `transient` is true for what may work later (a timeout, a server error), which a task retries.
    """

    def __init__(self, url: str, reason: str, *, status: int | None = None, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.transient = transient


@dataclass(frozen=True)
class Page:
    """What a GET brought back: the final URL (after redirects), the status, the body and its validators."""

    url: str
    status: int
    content_type: str
    body: bytes
    etag: str
    last_modified: str
    fetched_at: datetime


class HostThrottle:
    """One request at a time per host, at least `delay` seconds from the end of one to the start of the next."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str, delay: float) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, -1e9) + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


THROTTLE = HostThrottle()  # process-wide: every Fetcher of the process shares the hosts' turns

REDIRECTS = (301, 302, 303, 307, 308)
HTML_TYPES = ("text/html", "application/xhtml+xml")


class Fetcher:
    """GET pages and feeds politely; one per run (it keeps each host's robots.txt for the run)."""

    def __init__(
        self,
        *,
        timeout: float | None = None,
        max_bytes: int | None = None,
        max_redirects: int | None = None,
        host_delay: float | None = None,
        user_agent: str | None = None,
        allowed_hosts: list[str] | None = None,
        throttle: HostThrottle = THROTTLE,
    ) -> None:
        self.timeout = settings.FETCH_TIMEOUT if timeout is None else timeout
        self.max_bytes = settings.FETCH_MAX_BYTES if max_bytes is None else max_bytes
        self.max_redirects = settings.FETCH_MAX_REDIRECTS if max_redirects is None else max_redirects
        self.host_delay = settings.FETCH_HOST_DELAY if host_delay is None else host_delay
        self.user_agent = user_agent or settings.FETCH_USER_AGENT
        self.allowed_hosts = settings.FETCH_ALLOWED_HOSTS if allowed_hosts is None else allowed_hosts
        self.throttle = throttle
        self._robots: dict[str, RobotFileParser] = {}
        self._client = httpx.Client(
            timeout=self.timeout,
            follow_redirects=False,  # followed in get(), each hop checked
            headers={"User-Agent": self.user_agent},
            trust_env=False,  # no proxy or .netrc from the environment: what is fetched is what is asked
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str = "", last_modified: str = "", accept: str = "*/*") -> Page:
        """GET `url` (a conditional GET when given validators; a 304 comes back as a Page with no body)."""
        return self._get(url, etag=etag, last_modified=last_modified, accept=accept, robots=True)

    # ----------------------------------------------------------------------- internals

    def _get(self, url: str, *, etag: str, last_modified: str, accept: str, robots: bool) -> Page:
        visited = [url]
        current = url
        for _ in range(self.max_redirects + 1):
            host = self._check_host(url, current)
            if robots:
                self._check_robots(url, current)
            headers = {"Accept": accept}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            with self.throttle.turn(host, self.host_delay):
                page, location = self._request(url, current, headers)
            if location is None:
                assert page is not None
                return page
            following = urljoin(current, location)
            if following in visited:
                raise FetchError(url, f"redirect loop ({current} redirects back to {following})")
            visited.append(following)
            current = following
        raise FetchError(url, f"more than {self.max_redirects} redirects (last to {current})")

    def _request(self, url: str, current: str, headers: dict[str, str]) -> tuple[Page | None, str | None]:
        """One request: (the page, None), or (None, the Location) of a redirect."""
        deadline = time.monotonic() + self.timeout  # for the whole answer, not only each read
        try:
            with self._client.stream("GET", current, headers=headers) as response:
                status = response.status_code
                if status in REDIRECTS:
                    if "location" not in response.headers:
                        raise FetchError(url, f"HTTP {status} redirect without a Location")
                    return None, response.headers["location"]
                if status >= 400:
                    reason = f"HTTP {status} {response.reason_phrase}".rstrip()
                    raise FetchError(url, reason, status=status, transient=status >= 500 or status == 429)
                body = self._read(url, response, deadline) if status != 304 else b""
                return Page(
                    url=current,
                    status=status,
                    content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
                    body=body,
                    etag=response.headers.get("etag", ""),
                    last_modified=response.headers.get("last-modified", ""),
                    fetched_at=timezone.now(),
                ), None
        except httpx.TimeoutException:
            raise FetchError(url, f"no answer within {self.timeout:g} s (timed out)", transient=True) from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"cannot be fetched ({exc.__class__.__name__}: {exc})", transient=True) from None

    def _read(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"is {int(declared)} bytes, larger than the {self.max_bytes}-byte limit")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"is larger than the {self.max_bytes}-byte limit")
            if time.monotonic() > deadline:
                raise FetchError(url, f"no whole answer within {self.timeout:g} s (timed out)", transient=True)
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_host(self, url: str, current: str) -> str:
        problem = url_problem(current)
        if problem:
            raise FetchError(url, f"cannot be fetched: {problem}")
        parts = urlsplit(current)
        host = (parts.hostname or "").lower()
        if self.allowed_hosts:
            if host not in self.allowed_hosts:
                raise FetchError(url, f"fetching from {host} is not allowed here (FETCH_ALLOWED_HOSTS)")
            return host
        try:
            addresses = {
                str(info[4][0]) for info in socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
            }
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"host {host} not found ({exc})", transient=True) from None
        if any(not ipaddress.ip_address(a.split("%")[0]).is_global for a in addresses):
            raise FetchError(url, f"host {host} has a private or local address: not fetched")
        return host

    def _check_robots(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        root = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots.get(root)
        if parser is None:
            parser = self._robots[root] = self._read_robots(url, root)
        if not parser.can_fetch(self.user_agent, current):
            raise FetchError(url, f"robots.txt of {parts.netloc} forbids fetching {parts.path or '/'}")

    def _read_robots(self, url: str, root: str) -> RobotFileParser:
        """robots.txt by RFC 9309: missing (4xx) allows all, 401/403 forbid all, unreachable fails."""
        parser = RobotFileParser(root + "/robots.txt")
        try:
            page = self._get(root + "/robots.txt", etag="", last_modified="", accept="text/plain", robots=False)
        except FetchError as exc:
            if exc.status in (401, 403):
                parser.disallow_all = True  # type: ignore[attr-defined]  # robotparser's own flags
            elif exc.status is not None and 400 <= exc.status < 500:
                parser.allow_all = True  # type: ignore[attr-defined]
            else:
                raise FetchError(url, f"robots.txt of {root} cannot be read ({exc.reason})", transient=True) from None
            return parser
        parser.parse(page.body.decode("utf-8", errors="replace").splitlines())
        return parser


def is_html(page: Page) -> bool:
    """An HTML page by its content type (or, when the server names none, by its first bytes)."""
    if page.content_type:
        return page.content_type in HTML_TYPES
    return page.body.lstrip()[:1] == b"<"
