"""Ingest by URL: fetch a page, read its main text, title, date and publisher, then ingest it.

The page is fetched by relations.fetch (timeouts, size limit, robots.txt, politeness); its main
text, title, date and site name are read by trafilatura, and the date by htmldate where the page's
metadata has none (after the feed entry's own date, which is more reliable than a date found in the
text). Then the article goes through the one ingest service (dedupe, merge, evidence, review
status, locks, figures) like a file or a POST. A URL already stored is not fetched again. A page
that is not an article is an ArticleError naming the URL and the reason, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction

from relations.extraction import ArticleError, ArticleInput
from relations.extraction.articles import make_article
from relations.fetch import Fetcher, FetchError, Page, is_html
from relations.models import Article

from .ingest import ArticleIngestResult, ingest_batch
from .linking import IngestContext, Outcome
from .runs import IngestReport, rolled_back_if

# Less main text than this is no article: a login wall, an index, a page of links.
MIN_TEXT = 200
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


@dataclass(frozen=True)
class EntryHints:
    """What a feed says of an entry, used where the page itself says nothing (the publisher and
    language a curator set on the feed come first)."""

    title: str = ""
    published: date | None = None
    publisher: str = ""
    language: str = ""

    @classmethod
    def given(cls, data: Mapping[str, Any]) -> EntryHints:
        """The hints a form or an API payload gives beside a URL (missing or empty: none)."""
        return cls(
            title=data.get("title") or "",
            published=data.get("published"),
            publisher=data.get("publisher") or "",
            language=data.get("language") or "",
        )


def page_article(page: Page, *, where: str, hints: EntryHints = EntryHints()) -> ArticleInput:
    """The article of an HTML page; ArticleError (naming `where`, the URL) when it holds none."""
    if not is_html(page):
        raise ArticleError(where, f"not an HTML page ({page.content_type or 'no content type'})")
    # Imported here: trafilatura takes most of a second to import, which every command and web
    # worker would pay at start-up for a feature most of them never use.
    import trafilatura
    from trafilatura.settings import Document, set_date_params

    doc = trafilatura.bare_extraction(
        page.body,
        url=page.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # The page's metadata only: a date found in the body is often the meeting's, not the publication's.
        date_extraction_params=set_date_params(extensive=False),
    )
    text = (doc.text or "") if isinstance(doc, Document) else ""
    if len(text.strip()) < MIN_TEXT or not isinstance(doc, Document):
        raise ArticleError(
            where, f"no article text on the page ({len(text.strip())} characters of main text; a login wall, an index?)"
        )
    first, _, rest = text.strip().partition("\n")
    if doc.title and first.strip() == doc.title.strip() and rest.strip():
        text = rest  # the page's headline, kept as the title rather than as the body's first line
    published = _date(doc.date) or hints.published or _date(_htmldate(page))
    return make_article(
        title=doc.title or hints.title or None,
        text=text,
        url=page.url,
        publisher=hints.publisher or doc.sitename or urlsplit(page.url).hostname or "",
        published=published,
        language=hints.language or (doc.language or "")[:16] or "en",
        where=where,
    )


def _htmldate(page: Page) -> str | None:
    import htmldate  # with trafilatura (see page_article)

    try:
        return htmldate.find_date(page.body, url=page.url, original_date=True)
    except Exception:  # a page htmldate cannot parse has no date; the article still counts
        return None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def url_known(url: str) -> Article | None:
    return Article.objects.filter(url=url).only("pk").order_by("pk").first()


@dataclass(frozen=True)
class FetchedArticle:
    """An article read from a page, not stored yet."""

    article: ArticleInput
    fetched_at: datetime


def url_read(*, url: str, fetcher: Fetcher, hints: EntryHints = EntryHints()) -> FetchedArticle | Article:
    """Fetch `url` and read its article; the stored Article when the URL (or the final URL) is known.

    Raises ArticleError naming the URL and the reason when the page cannot be fetched or holds no
    article (a FetchError that may pass, such as a timeout, is kept as its cause).
    """
    known = url_known(url)
    if known is not None:
        return known
    try:
        page = fetcher.get(url, accept=PAGE_ACCEPT)
    except FetchError as exc:
        raise ArticleError(url, exc.reason) from exc
    if page.url != url and (known := url_known(page.url)) is not None:
        return known
    return FetchedArticle(page_article(page, where=url, hints=hints), page.fetched_at)


def fetched_article_ingest(*, fetched: FetchedArticle, ctx: IngestContext | None = None) -> ArticleIngestResult:
    """Ingest a fetched article like any other, and keep when it was fetched (one transaction)."""
    with transaction.atomic():
        result = ingest_batch([fetched.article], ctx or IngestContext.load())[0]
        if isinstance(result, ArticleError):
            raise result
        if result.created:
            Article.objects.filter(pk=result.article.pk).update(fetched_at=fetched.fetched_at)
    return result


def url_ingest(
    *,
    url: str,
    fetcher: Fetcher,
    hints: EntryHints = EntryHints(),
    ctx: IngestContext | None = None,
) -> ArticleIngestResult:
    """Fetch `url` and ingest its article; a URL (or final URL) or text already stored is "known".

    Raises ArticleError naming the URL and the reason (see url_read); nothing is stored then.
    """
    read = url_read(url=url, fetcher=fetcher, hints=hints)
    if isinstance(read, Article):
        return ArticleIngestResult(article=read, created=False, outcome=Outcome.KNOWN)
    return fetched_article_ingest(fetched=read, ctx=ctx)


@dataclass
class UrlsReport(IngestReport):
    """What ingesting a list of URLs did, with one line per URL."""

    lines: list[str] = field(default_factory=list)
    transient: int = 0  # failures that may pass (timeouts, server errors): a task retries them


def urls_ingest(
    *,
    urls: Iterable[str],
    dry_run: bool = False,
    fetcher: Fetcher | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
) -> UrlsReport:
    """Fetch and ingest each URL in turn; failures are reported (URL: reason) and skipped."""
    report = UrlsReport(dry_run=dry_run)
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        ctx = IngestContext.load()
        with rolled_back_if(dry_run):
            for url in urls:
                report.read += 1
                try:
                    result = url_ingest(url=url, fetcher=fetcher, ctx=ctx)
                except ArticleError as exc:
                    report.failed += 1
                    report.errors.append(str(exc))
                    cause = exc.__cause__
                    report.transient += isinstance(cause, FetchError) and cause.transient
                else:
                    report.tally(result)
                    report.lines.append(describe_result(url, result))
                if on_progress:
                    on_progress(report)
    finally:
        if own:
            fetcher.close()
    return report


def describe_result(url: str, result: ArticleIngestResult) -> str:
    """One line: what ingesting the URL did."""
    meetings = ", ".join(f"#{m.pk}" for m in result.meetings)
    if result.outcome == Outcome.KNOWN:
        return f"{url}: already stored (article #{result.article.pk})"
    if len(result.meetings) > 1:
        return f"{url}: new article #{result.article.pk}, {len(result.meetings)} meetings {meetings} (for review)"
    if result.outcome == Outcome.NEW:
        return f"{url}: new article #{result.article.pk}, new meeting {meetings} (for review)"
    if result.outcome == Outcome.MERGED:
        return f"{url}: new article #{result.article.pk}, merged into meeting {meetings}"
    return f"{url}: new article #{result.article.pk}, no meeting found in it"
