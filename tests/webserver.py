"""A small web on 127.0.0.1 for the fetch, URL-ingest and feed tests: pages and feeds written for
these tests (no text from elsewhere), and the ways a real site fails (404, slow, a redirect loop,
too big, robots.txt, not HTML, a login wall). Nothing in the tests reaches beyond this machine."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROBOTS = "User-agent: *\nDisallow: /private/\n"

NAV = """<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li>
<li><a href="/about/">About the ministry</a></li><li><a href="/contact/">Contact us</a></li></ul></nav></header>"""

COMMENTS = """<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Great news for the whole region, thank you for sharing this!</p></div>
<div class="comment"><p>When will the new border crossings open? Nobody tells us anything.</p></div>
</section><footer><p>Copyright Ministry of Foreign Affairs. All rights reserved.</p>
<p><a href="/privacy/">Privacy</a> | <a href="/sitemap/">Sitemap</a></p></footer>"""


def article_page(title: str, published: str, paragraphs: list[str], site: str = "Ministry of Foreign Affairs") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">{meta}</head>
<body>{NAV}<main><article><h1>{title}</h1>{body}</article>
<aside><h4>Related</h4><ul><li><a href="/news/older.html">Minister attends a conference</a></li></ul></aside>
</main>{COMMENTS}</body></html>"""


VISIT = article_page(
    "Foreign ministers of Georgia and Armenia hold talks in Tbilisi",
    "2025-02-11",
    [
        "TBILISI, February 11. Minister of Foreign Affairs of Georgia Levan Tsiklauri held talks with Minister of "
        "Foreign Affairs of Armenia Aram Vardanyan in Tbilisi on February 10, 2025.",
        "The ministers discussed cooperation in transport, energy and trade, and the opening of new border "
        "crossings between Georgia and Armenia.",
    ],
    site="Georgian Foreign Ministry",
)

# Another ministry's report of the same talks: merged into the same meeting.
VISIT_OTHER_SIDE = article_page(
    "Aram Vardanyan meets Georgian counterpart",
    "2025-02-10",
    [
        "Armenian Foreign Minister Aram Vardanyan met with Georgian Foreign Minister Levan Tsiklauri in Tbilisi "
        "on February 10, 2025, the ministry said.",
        "The sides focused on transport links and energy, and agreed to continue the dialogue at the level of "
        "deputy ministers later this spring.",
    ],
    site="Armenian Foreign Ministry",
)

# No date in the page's metadata: the feed's date (or htmldate) gives it.
CALL = article_page(
    "Presidents of Kazakhstan and Mongolia speak by phone",
    "",
    [
        "President of Kazakhstan Askar Bekmurat had a telephone conversation with President of Mongolia "
        "Batbayar Ganzorig on March 3, 2025.",
        "The heads of state discussed trade, agriculture and tourism, and agreed to meet in Astana later "
        "this year to sign a number of agreements.",
    ],
    site="Akorda",
)

LOGIN_WALL = """<!DOCTYPE html><html><head><title>Sign in</title></head><body>
<form method="post"><label>Email <input name="email"></label><label>Password <input type="password"></label>
<button>Sign in</button></form></body></html>"""


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Georgian Foreign Ministry: news</title><link>{base}/news/</link>
<description>Press releases</description>
<item><title>Foreign ministers of Georgia and Armenia hold talks in Tbilisi</title>
<link>{base}/news/visit.html</link><pubDate>Tue, 11 Feb 2025 09:00:00 GMT</pubDate><guid>{base}/news/visit.html</guid></item>
<item><title>Presidents of Kazakhstan and Mongolia speak by phone</title>
<link>{base}/news/call.html</link><pubDate>Mon, 03 Mar 2025 12:00:00 GMT</pubDate><guid>{base}/news/call.html</guid></item>
<item><title>A page that is gone</title><link>{base}/missing.html</link></item>
</channel></rss>"""


# Its entry's link is relative (to the feed's address), as some sites publish them.
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Armenian Foreign Ministry</title><id>urn:test:atom</id>
<updated>2025-02-10T18:00:00Z</updated>
<entry><title>Aram Vardanyan meets Georgian counterpart</title><id>urn:test:atom:1</id>
<link href="../news/other-side.html"/><updated>2025-02-10T18:00:00Z</updated></entry>
</feed>"""


@dataclass
class Response:
    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    length: bool = True  # send Content-Length (else the body ends when the connection closes)


@dataclass
class Web:
    """The test server: its base URL, its pages (path -> Response) and the requests it got."""

    base: str = ""
    pages: dict[str, Response] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)
    agents: set = field(default_factory=set)
    conditional: list = field(default_factory=list)  # (path, If-None-Match, If-Modified-Since)

    def url(self, path: str) -> str:
        return self.base + path

    def standard(self) -> Web:
        """The pages and feeds of the tests."""
        big = ("<p>" + "The ministers met again. " * 40 + "</p>") * 400  # about 400 KB
        self.pages.update(
            {
                "/robots.txt": Response(body=ROBOTS, content_type="text/plain"),
                "/news/visit.html": Response(body=VISIT),
                "/news/other-side.html": Response(body=VISIT_OTHER_SIDE),
                "/news/call.html": Response(body=CALL),
                "/private/visit.html": Response(body=VISIT),
                "/login.html": Response(body=LOGIN_WALL),
                "/slow.html": Response(body=VISIT, delay=4.0),
                "/loop/a": Response(status=302, headers={"Location": "/loop/b"}),
                "/loop/b": Response(status=302, headers={"Location": "/loop/a"}),
                "/moved.html": Response(status=301, headers={"Location": "/news/visit.html"}),
                "/big.html": Response(body=f"<html><body><article>{big}</article></body></html>", length=False),
                "/report.pdf": Response(body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", content_type="application/pdf"),
                "/feeds/rss.xml": Response(
                    body=rss(self.base), content_type="application/rss+xml", headers={"ETag": '"rss-1"'}
                ),
                "/feeds/atom.xml": Response(
                    body=ATOM,
                    content_type="application/atom+xml",
                    headers={"Last-Modified": "Mon, 10 Feb 2025 18:00:00 GMT"},
                ),
                "/feeds/not-a-feed.xml": Response(body=LOGIN_WALL),
                "/feeds/down.xml": Response(status=503, body="Service unavailable", content_type="text/plain"),
            }
        )
        return self


class Handler(BaseHTTPRequestHandler):
    """Answers from `web.pages` (set on a subclass per server), counting what it was asked."""

    web: Web

    def do_GET(self) -> None:
        self._answer(self._page())

    def _page(self) -> Response:
        web = self.web
        path = self.path.split("?")[0]
        web.hits[path] += 1
        web.agents.add(self.headers.get("User-Agent", ""))
        etag, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if etag or since:
            web.conditional.append((path, etag, since))
        page = web.pages.get(path)
        if page is None:
            return Response(status=404, body="<html><body>Not found</body></html>")
        if page.delay:
            time.sleep(page.delay)
        if (etag and etag == page.headers.get("ETag")) or (since and since == page.headers.get("Last-Modified")):
            return Response(status=304, headers=page.headers, body=b"")
        return page

    def _answer(self, page: Response) -> None:
        body = page.body.encode() if isinstance(page.body, str) else page.body
        try:
            self.send_response(page.status)
            if page.status != 304:
                self.send_header("Content-Type", page.content_type)
            for name, value in page.headers.items():
                self.send_header(name, value)
            if page.length:
                self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout, a size limit): that is the test

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve() -> Iterator[Web]:
    web = Web()
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("WebHandler", (Handler,), {"web": web}))
    server.daemon_threads = True
    web.base = f"http://127.0.0.1:{server.server_address[1]}"
    web.standard()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()
