"""Reading article files: front matter + body (.txt/.md) and JSON Lines dumps.

Every failure raises ArticleError naming the file (and line) and the problem, so commands
can print one clear line and carry on or stop.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO
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
    """Validate and normalise the fields of one article. (Seven keyword arguments: the article's fields,
    as the API's serializer passes them.)"""
    head, body = _title_and_body(title, text, where)
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


def _title_and_body(title: str | None, text: str | None, where: str) -> tuple[str, str]:
    """The normalised title and body; without a title, the body's first line is the title."""
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
    return head, body


def _front_matter_line(line: str) -> bool:
    m = re.match(r"^([A-Za-z_]+)\s*:", line)
    return m is not None and m.group(1).lower() in FRONT_MATTER_KEYS


def parse_article_text(raw: str, where: str) -> ArticleInput:
    """Parse the contract's file format: optional `key: value` lines up to `---`, then the body."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    meta: dict[str, str] = {}
    body_start = 0
    # a YAML-style block opens with a '---' of its own: "---\ntitle: ...\n---\nbody"
    fenced = len(lines) > 1 and lines[0].strip() == "---" and _front_matter_line(lines[1])
    first = 1 if fenced else 0
    if "---" in (line.strip() for line in lines[first:20]):
        candidate: dict[str, str] = {}
        for i, line in enumerate(lines[first:20], start=first):
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


def too_large(where: str, size: int) -> ArticleError:
    return ArticleError(where, f"is {size} bytes, larger than the {MAX_ARTICLE_BYTES}-byte limit")


def cannot_read(where: str, exc: OSError) -> ArticleError:
    return ArticleError(where, f"cannot be read ({exc.strerror or exc})")


def read_bytes(path: Path) -> bytes:
    where = str(path)
    if not path.exists():
        raise ArticleError(where, "no such file")
    if path.is_dir():
        raise ArticleError(where, "is a folder, not an article file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(where, exc) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise too_large(where, len(data))
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


def jsonl_lines(handle: BinaryIO, where: str) -> Iterator[tuple[str, bytes | ArticleError]]:
    """Each line of a JSON Lines file with its "path:line", or the error for a line over the size limit.

    A line is one article, held to the limit of an article file; it is read no further than
    the limit, so that a huge line (a dump with no newlines) cannot fill the memory.
    """
    number = 0
    while line := handle.readline(MAX_ARTICLE_BYTES + 2):  # the limit, plus "\r\n"
        number += 1
        at = f"{where}:{number}"
        if len(line) == MAX_ARTICLE_BYTES + 2 and not line.endswith(b"\n"):  # cut short: skip the rest
            size = len(line)
            while rest := handle.readline(1 << 20):
                size += len(rest.rstrip(b"\r\n"))
                if rest.endswith(b"\n"):
                    break
            yield at, too_large(at, size)
        elif len(line.rstrip(b"\r\n")) > MAX_ARTICLE_BYTES:
            yield at, too_large(at, len(line.rstrip(b"\r\n")))
        else:
            yield at, line


def read_jsonl(path: Path) -> Iterator[ArticleInput | ArticleError]:
    """Yield each line's article, or the error for a bad line (so the caller can skip it)."""
    where = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise cannot_read(where, exc) from None
    with handle:
        for at, raw_line in jsonl_lines(handle, where):
            if isinstance(raw_line, ArticleError):
                yield raw_line
                continue
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


def is_input_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES or path.suffix.lower() == ".jsonl"


def iter_paths(paths: list[Path]) -> Iterator[Path | ArticleError]:
    """Expand folders recursively into article and .jsonl files, in a stable order.

    What cannot be looked into is an error naming it, never a silent gap: a folder that cannot
    be listed, a symlink loop. Links to folders inside a folder are not followed.
    """
    for path in paths:
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except FileNotFoundError:
            yield ArticleError(str(path), "no such file or folder")
            continue
        except OSError as exc:  # a symlink loop, a folder on the way that cannot be entered
            yield cannot_read(str(path), exc)
            continue
        if is_dir:
            yield from walk_folder(path)
        else:
            yield path


def walk_folder(folder: Path) -> Iterator[Path | ArticleError]:
    found: list[tuple[Path, Path | ArticleError]] = []

    def unlisted(exc: OSError) -> None:
        where = Path(exc.filename if exc.filename is not None else folder)
        found.append((where, cannot_read(str(where), exc)))

    for root, _folders, files in os.walk(folder, onerror=unlisted):
        for name in files:
            child = Path(root, name)
            try:
                regular = stat.S_ISREG(child.stat().st_mode)
            except FileNotFoundError:  # a dangling link, an editor's lock file: no article
                continue
            except OSError as exc:  # a symlink loop
                found.append((child, cannot_read(str(child), exc)))
                continue
            if regular and is_input_file(child):
                found.append((child, child))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


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
