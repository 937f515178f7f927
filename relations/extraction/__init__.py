"""Article extraction: text in, a typed Extraction out, every fact with its evidence span.

Pure Python (no Django import), deterministic, no network. The caller passes the gazetteer.
"""

from .articles import ArticleError, ArticleInput, content_hash, iter_articles, read_article_file
from .extractor import EXTRACTOR_VERSION, extract
from .gazetteer import Gazetteer
from .types import CountryRef, Extraction, Fact, ForumRef, MeetingFacts, OfficialRef, Participant, SectorRef, Span

__all__ = [
    "EXTRACTOR_VERSION",
    "ArticleError",
    "ArticleInput",
    "CountryRef",
    "Extraction",
    "Fact",
    "ForumRef",
    "Gazetteer",
    "MeetingFacts",
    "OfficialRef",
    "Participant",
    "SectorRef",
    "Span",
    "content_hash",
    "extract",
    "iter_articles",
    "read_article_file",
]
