"""Issue 9: what `ingest_articles` cannot read is an error naming it, and the run fails.

Before, a folder that could not be listed and a symlink loop were skipped in silence ("0 read",
exit status 0), and a .jsonl line had no size limit at all.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from relations import models
from relations.extraction.articles import MAX_ARTICLE_BYTES

from .test_articles_ingest import AGENCY_ONE, LATER_MEETING, write

pytestmark = pytest.mark.django_db

LOOP = os.strerror(errno.ELOOP)
DENIED = os.strerror(errno.EACCES)


def ingest_failing(*paths: Path) -> tuple[str, list[str]]:
    """Runs the command, which must fail; returns its summary line and its error lines."""
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"article\(s\) failed"):
        call_command("ingest_articles", *map(str, paths), "--no-progress", stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().splitlines()


# --------------------------------------------------------------------------- .jsonl size limit


@pytest.mark.parametrize("newline", [True, False], ids=["line", "last-line-without-newline"])
def test_a_jsonl_line_over_the_file_size_limit_is_refused_and_the_rest_read(reference, tmp_path, newline):
    """Issue 9: a .txt file over MAX_ARTICLE_BYTES was refused, a .jsonl line of any size was read whole."""
    good = json.dumps({"title": "Kazakh FM meets Uzbek counterpart", "text": AGENCY_ONE.split("---\n", 1)[1]})
    huge = json.dumps({"title": "Padded", "text": "Short." + " " * MAX_ARTICLE_BYTES})
    path = tmp_path / "dump.jsonl"
    path.write_bytes(f"{good}\n{huge}".encode() + (b"\n" if newline else b""))

    summary, errors = ingest_failing(path)

    assert errors == [f"{path}:2: is {len(huge)} bytes, larger than the {MAX_ARTICLE_BYTES}-byte limit"]
    assert summary.startswith("2 read, 1 new")
    assert list(models.Article.objects.values_list("title", flat=True)) == ["Kazakh FM meets Uzbek counterpart"]


def test_a_jsonl_line_at_the_limit_is_read(reference, tmp_path):
    line = json.dumps({"title": "Kazakh FM meets Uzbek counterpart", "text": AGENCY_ONE.split("---\n", 1)[1]})
    line += " " * (MAX_ARTICLE_BYTES - len(line))  # JSON allows blanks after the object
    path = tmp_path / "dump.jsonl"
    path.write_bytes(line.encode() + b"\r\n")

    out = StringIO()
    call_command("ingest_articles", str(path), "--no-progress", stdout=out, stderr=StringIO())

    assert out.getvalue().startswith("1 read, 1 new")


# --------------------------------------------------------------------------- folders and links


@pytest.fixture
def unreadable(monkeypatch) -> Iterator[Callable[[Path], Path]]:
    """Makes a folder unreadable (chmod 000). Root reads it all the same, so when the tests run
    as root, os.scandir refuses it too, as the OS does for any other user."""
    made: list[Path] = []

    def make(folder: Path) -> Path:
        folder.chmod(0)
        made.append(folder)
        if os.geteuid() == 0:
            real_scandir = os.scandir

            def scandir(path: str | os.PathLike[str] = ".") -> Iterator[os.DirEntry[str]]:
                if Path(path) in made:
                    raise PermissionError(errno.EACCES, DENIED, os.fspath(path))
                return real_scandir(path)

            monkeypatch.setattr(os, "scandir", scandir)
        return folder

    yield make
    for folder in made:
        folder.chmod(0o755)


def test_an_unreadable_folder_inside_a_folder_is_named_and_fails_the_run(reference, tmp_path, unreadable):
    """Issue 9: the folder's articles were skipped in silence and the exit status was 0."""
    write(tmp_path, "a/one.txt", AGENCY_ONE)
    write(tmp_path, "b/locked/two.txt", LATER_MEETING)
    locked = unreadable(tmp_path / "b" / "locked")

    summary, errors = ingest_failing(tmp_path)

    assert errors == [f"{locked}: cannot be read ({DENIED})"]
    assert summary.startswith("2 read, 1 new")
    assert models.Article.objects.count() == 1


def test_an_unreadable_folder_given_on_the_command_line_fails_the_run(reference, tmp_path, unreadable):
    """Issue 9: this printed "0 read" and exited with 0."""
    write(tmp_path, "locked/one.txt", AGENCY_ONE)
    locked = unreadable(tmp_path / "locked")

    summary, errors = ingest_failing(locked)

    assert errors == [f"{locked}: cannot be read ({DENIED})"]
    assert summary.startswith("1 read, 0 new")


def test_a_symlink_loop_in_a_folder_is_named_and_fails_the_run(reference, tmp_path):
    """Issue 9: a link that leads back to itself was skipped in silence and the exit status was 0."""
    write(tmp_path, "one.txt", AGENCY_ONE)
    (tmp_path / "self.txt").symlink_to("self.txt")
    (tmp_path / "ping").symlink_to("pong")
    (tmp_path / "pong").symlink_to("ping")
    (tmp_path / "up").symlink_to("..", target_is_directory=True)  # a link to a folder: not followed, no error

    summary, errors = ingest_failing(tmp_path)

    assert errors == [
        f"{tmp_path / 'ping'}: cannot be read ({LOOP})",
        f"{tmp_path / 'pong'}: cannot be read ({LOOP})",
        f"{tmp_path / 'self.txt'}: cannot be read ({LOOP})",
    ]
    assert summary.startswith("4 read, 1 new")
    assert models.Article.objects.count() == 1


def test_a_symlink_loop_given_on_the_command_line_is_named(reference, tmp_path):
    loop = tmp_path / "loop.jsonl"
    loop.symlink_to("loop.jsonl")

    _, errors = ingest_failing(loop)

    assert errors == [f"{loop}: cannot be read ({LOOP})"]


def test_a_dangling_link_in_a_folder_is_no_article(reference, tmp_path):
    """An editor's lock file (.#one.txt -> user@host) is no article and no error, as before."""
    write(tmp_path, "one.txt", AGENCY_ONE)
    (tmp_path / ".#one.txt").symlink_to("user@host.1234")

    out = StringIO()
    call_command("ingest_articles", str(tmp_path), "--no-progress", stdout=out, stderr=StringIO())

    assert out.getvalue().startswith("1 read, 1 new")
