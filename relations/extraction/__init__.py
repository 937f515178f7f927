"""Article extraction: text in, a typed Extraction out, every fact with its evidence span.

Pure Python (no Django import), deterministic, no network. The caller passes the gazetteer and the
article's language; the grammar is data under rules/<language>/ (see README.md).
"""

from .articles import ArticleError, ArticleInput, content_hash, iter_articles, read_article_file
from .extractor import EXTRACTOR_VERSION, extract
from .gazetteer import Gazetteer
from .rules import NoRules, Rules, load_rules
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
    "NoRules",
    "OfficialRef",
    "Participant",
    "Rules",
    "SectorRef",
    "Span",
    "content_hash",
    "extract",
    "iter_articles",
    "load_rules",
    "read_article_file",
]
