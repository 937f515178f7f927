"""Reading article files: front matter + body (.txt/.md) and JSON Lines dumps.

Every failure raises ArticleError naming the file (and line) and the problem, so commands
can print one clear line and carry on or stop.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

FRONT_MATTER_KEYS = {"title", "url", "publisher", "published", "language"}
ARTICLE_SUFFIXES = {".txt", ".md"}
MAX_ARTICLE_BYTES = 5_000_000


class ArticleError(ValueError):
    """An article that cannot be read; the message names where and what."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as read from a file, a JSON line or an API payload."""

    title: str
    text: str
    url: str = ""
    publisher: str = ""
    published: date | None = None
    language: str = "en"
    origin: str = ""  # "path" or "path:line", for messages

    @property
    def content_hash(self) -> str:
        return content_hash(self.title, self.text)


def normalise_text(text: str) -> str:
    """NFC, unified line ends, collapsed blanks: the form that is hashed and extracted."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def content_hash(title: str, text: str) -> str:
    """SHA-256 of the normalised body: the same text under another headline is the same article."""
    del title  # Agencies retitle the same release; the body decides identity.
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def parse_date(value: str | None, where: str, field: str = "published") -> date | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ArticleError(where, f"{field} {value!r} is not an ISO date (YYYY-MM-DD)") from None


WEB_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 1000  # Article.url's max_length


def url_problem(url: str) -> str | None:
    """Why `url` is no link to publish, or None for an http(s) URL with a host (or empty).

    The one rule for article URLs: the model field, the admin form, the API, the ingest
    command and the pages (which never link a URL this refuses) all ask it.
    """
    if not url:
        return None
    shown = url if len(url) <= 60 else url[:57] + "..."
    if any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url):
        return f"{shown!r} contains a space or a control character"
    if len(url) > MAX_URL_LENGTH:
        return f"is {len(url)} characters long, longer than the {MAX_URL_LENGTH}-character limit"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # a bad IPv6 literal or port
        return f"{shown!r} is not a valid URL"
    if not parts.scheme:
        return f"only http and https links are allowed, got {shown!r} (no scheme)"
    if parts.scheme not in WEB_SCHEMES:
        return f"only http and https links are allowed, got {parts.scheme + ':'!r}"
    if not host:
        return f"{shown!r} names no host"
    return None


def make_article(
    *,
    title: str | None,
    text: str | None,
    url: str | None = None,
    publisher: str | None = None,
    published: str | date | None = None,
    language: str | None = None,
    where: str,
) -> ArticleInput:
    """Validate and normalise the fields of one article."""
    if not isinstance(text, str) or not text.strip():
        raise ArticleError(where, "the article has no text")
    if title is not None and not isinstance(title, str):
        raise ArticleError(where, "title must be a string")
    body = normalise_text(text)
    if "\x00" in body:
        raise ArticleError(where, "the text contains NUL bytes (binary data?)")
    head = normalise_text(title or "")
    if not head:
        first, _, rest = body.partition("\n")
        head, body = first.strip(), rest.strip()
        if not body:
            raise ArticleError(where, "the article has a title but no body")
    if isinstance(published, date):
        pub: date | None = published
    else:
        pub = parse_date(published, where)
    for name, value in (("url", url), ("publisher", publisher), ("language", language)):
        if value is not None and not isinstance(value, str):
            raise ArticleError(where, f"{name} must be a string")
    problem = url_problem((url or "").strip())
    if problem:
        raise ArticleError(where, f"url: {problem}")
    return ArticleInput(
        title=head[:500],
        text=body,
        url=(url or "").strip(),
        publisher=(publisher or "").strip(),
        published=pub,
        language=(language or "en").strip() or "en",
        origin=where,
    )


def parse_article_text(raw: str, where: str) -> ArticleInput:
    """Parse the contract's file format: optional `key: value` lines up to `---`, then the body."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    meta: dict[str, str] = {}
    body_start = 0
    if "---" in (line.strip() for line in lines[:20]):
        candidate: dict[str, str] = {}
        for i, line in enumerate(lines[:20]):
            if line.strip() == "---":
                if candidate or i == 0:
                    meta, body_start = candidate, i + 1
                break
            m = re.match(r"^([A-Za-z_]+)\s*:\s*(.*)$", line)
            if not m or m.group(1).lower() not in FRONT_MATTER_KEYS:
                if line.strip():
                    break
                continue
            candidate[m.group(1).lower()] = m.group(2).strip()
    body = "\n".join(lines[body_start:])
    return make_article(
        title=meta.get("title"),
        text=body,
        url=meta.get("url"),
        publisher=meta.get("publisher"),
        published=meta.get("published"),
        language=meta.get("language"),
        where=where,
    )


def read_bytes(path: Path) -> bytes:
    where = str(path)
    if not path.exists():
        raise ArticleError(where, "no such file")
    if path.is_dir():
        raise ArticleError(where, "is a folder, not an article file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(where, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(where, f"is {len(data)} bytes, larger than the {MAX_ARTICLE_BYTES}-byte limit")
    if b"\x00" in data:
        raise ArticleError(where, "is a binary file, not text")
    return data


def decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(where, f"is not UTF-8 text (bad byte at offset {exc.start})") from None


def read_article_file(path: Path) -> ArticleInput:
    """Read one .txt/.md article file."""
    where = str(path)
    data = read_bytes(path)
    if not data.strip():
        raise ArticleError(where, "is empty")
    return parse_article_text(decode(data, where), where)


def read_jsonl(path: Path) -> Iterator[ArticleInput | ArticleError]:
    """Yield each line's article, or the error for a bad line (so the caller can skip it)."""
    where = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ArticleError(where, f"cannot be read ({exc.strerror or exc})") from None
    with handle:
        for number, raw_line in enumerate(handle, start=1):
            at = f"{where}:{number}"
            if not raw_line.strip():
                continue
            try:
                line = decode(raw_line, at)
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ArticleError(at, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
                if not isinstance(obj, dict):
                    raise ArticleError(at, "a line must be a JSON object")
                yield make_article(
                    title=obj.get("title"),
                    text=obj.get("text"),
                    url=obj.get("url"),
                    publisher=obj.get("publisher"),
                    published=obj.get("published"),
                    language=obj.get("language"),
                    where=at,
                )
            except ArticleError as err:
                yield err


def iter_paths(paths: list[Path]) -> Iterator[Path | ArticleError]:
    """Expand folders recursively into article and .jsonl files, in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and (child.suffix.lower() in ARTICLE_SUFFIXES or child.suffix.lower() == ".jsonl"):
                    yield child
        elif path.exists():
            yield path
        else:
            yield ArticleError(str(path), "no such file or folder")


def iter_articles(paths: list[Path]) -> Iterator[ArticleInput | ArticleError]:
    """Every article under the given paths, or the error that stops one from being read."""
    for path in iter_paths(paths):
        if isinstance(path, ArticleError):
            yield path
            continue
        if path.suffix.lower() == ".jsonl":
            try:
                yield from read_jsonl(path)
            except ArticleError as err:
                yield err
            continue
        try:
            yield read_article_file(path)
        except ArticleError as err:
            yield err
