"""The bar for the meeting list: a WSGI app in which PostgreSQL builds the page with `json_agg`.

It answers `GET /api/meetings/?page=P&page_size=S` with the same JSON as the app's list (fields and
order of `MeetingSerializer`, DRF's page-number envelope) from one SQL statement, over one
psycopg connection per worker and no framework. The web benchmark serves it under gunicorn
like the app (`gunicorn benchmarks.raw_app:application`, DATABASE_URL set) and compares
their requests per second. Not part of the app: nothing imports it.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qs, urlencode

import psycopg

PATH = "/api/meetings/"
PAGE_SIZE, MAX_PAGE_SIZE = 50, 500  # as REST_FRAMEWORK["PAGE_SIZE"] and relations.pagination

# One statement: the count, then the page's meetings with every link as a JSON array, in the
# orders of relations.selectors.meeting_queryset().
PAGE_SQL = """
WITH page AS (
    SELECT m.* FROM relations_meeting m
    WHERE m.status <> 'rejected'
    ORDER BY m.date DESC NULLS LAST, m.id DESC
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT
    (SELECT count(*) FROM relations_meeting WHERE status <> 'rejected'),
    COALESCE(json_agg(json_build_object(
        'id', p.id,
        'title', p.title,
        'date', p.date,
        'date_precision', p.date_precision,
        'format', p.format,
        'location_country', p.location_country_id,
        'location_city', p.location_city,
        'host_country', p.host_country_id,
        'countries', (
            SELECT COALESCE(json_agg(c.country_id ORDER BY c.country_id), '[]')
            FROM relations_meetingcountry c WHERE c.meeting_id = p.id
        ),
        'participants', (
            SELECT COALESCE(json_agg(json_build_object(
                'official', mp.official_id,
                'name', COALESCE(NULLIF(mp.raw_name, ''), o.name, ''),
                'country', mp.country_id,
                'title', mp.title
            ) ORDER BY mp.country_id, mp.raw_name, mp.id), '[]')
            FROM relations_meetingparticipant mp
            LEFT JOIN relations_official o ON o.id = mp.official_id
            WHERE mp.meeting_id = p.id
        ),
        'sectors', (
            SELECT COALESCE(json_agg(s.slug ORDER BY s.slug), '[]')
            FROM relations_meetingsector ms JOIN relations_cooperationsector s ON s.id = ms.sector_id
            WHERE ms.meeting_id = p.id
        ),
        'forums', (
            SELECT COALESCE(json_agg(f.acronym ORDER BY f.acronym), '[]')
            FROM relations_meetingforum mf JOIN relations_forum f ON f.id = mf.forum_id
            WHERE mf.meeting_id = p.id
        ),
        'status', p.status,
        'summary', p.summary,
        'sources', (
            SELECT COALESCE(json_agg(json_build_object(
                'article', a.id,
                'title', a.title,
                'url', a.url,
                'publisher', a.publisher,
                'published', a.published
            ) ORDER BY src.id), '[]')
            FROM relations_meetingsource src JOIN relations_article a ON a.id = src.article_id
            WHERE src.meeting_id = p.id
        )
    ) ORDER BY p.date DESC NULLS LAST, p.id DESC), '[]')::text
FROM page p
"""

_connection: psycopg.Connection | None = None


def _cursor() -> psycopg.Cursor:
    """A cursor on this worker's connection, opened on first use and again after a failure."""
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _connection.cursor()


def _link(environ: dict[str, Any], query: dict[str, list[str]], page: int | None) -> str:
    """DRF's next/previous link: the request's URL with `page` replaced (or removed for page 1), keys sorted."""
    params = {k: v for k, v in query.items() if k != "page"}
    if page is not None and page > 1:
        params["page"] = [str(page)]
    url = f"{environ.get('wsgi.url_scheme', 'http')}://{environ['HTTP_HOST']}{PATH}"
    encoded = urlencode(sorted(params.items()), doseq=True)
    return f"{url}?{encoded}" if encoded else url


def _answer(start_response: Any, status: str, body: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    if environ.get("PATH_INFO") != PATH or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return _answer(start_response, "404 Not Found", b'{"detail":"Not found."}')
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    try:
        page = int(query.get("page", ["1"])[-1])
        size = min(int(query.get("page_size", [str(PAGE_SIZE)])[-1]), MAX_PAGE_SIZE)
    except ValueError:
        return _answer(start_response, "404 Not Found", b'{"detail":"Invalid page."}')
    if page < 1 or size < 1:
        return _answer(start_response, "404 Not Found", b'{"detail":"Invalid page."}')
    global _connection
    try:
        with _cursor() as cursor:
            count, results = cursor.execute(PAGE_SQL, {"limit": size, "offset": (page - 1) * size}).fetchone()
    except psycopg.OperationalError:
        _connection = None
        raise
    if results == "[]" and page > 1:
        return _answer(start_response, "404 Not Found", b'{"detail":"Invalid page."}')
    next_link = _link(environ, query, page + 1) if page * size < count else None
    previous_link = _link(environ, query, page - 1) if page > 1 else None
    head = '{"count":%d,"count_is_estimate":false,"next":%s,"previous":%s,"results":' % (  # noqa: UP031  # JSON by hand around PG's text
        count,
        _json_string(next_link),
        _json_string(previous_link),
    )
    return _answer(start_response, "200 OK", (head + results + "}").encode("utf-8"))


def _json_string(value: str | None) -> str:
    import json

    return json.dumps(value)
