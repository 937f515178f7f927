"""The extractor's entry point (being written; see issue 2)."""

from __future__ import annotations

from datetime import date

from .gazetteer import Gazetteer
from .types import Extraction

EXTRACTOR_VERSION = "0.1.0"


def extract(text: str, *, title: str, published: date | None, gazetteer: Gazetteer) -> Extraction:
    """Read one article's body (normalised text) and return what it reports."""
    raise NotImplementedError("the extractor is being written")
