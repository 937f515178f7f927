"""Fixtures for the pure extractor tests (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from relations.extraction import Gazetteer, read_article_file
from relations.extraction.articles import ArticleInput

ARTICLES = Path(__file__).resolve().parent.parent / "articles"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_seed_files()


def load(name: str) -> ArticleInput:
    """One of the test articles under tests/articles/."""
    return read_article_file(ARTICLES / f"{name}.txt")
