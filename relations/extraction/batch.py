"""Extraction for ingest: an article the extractor cannot use becomes its ArticleError.

So one odd text never stops a run of thousands.
"""

from __future__ import annotations

import logging

from .articles import ArticleError, ArticleInput
from .extractor import extract
from .gazetteer import Gazetteer
from .rules import NoRules
from .types import Extraction

log = logging.getLogger(__name__)


NO_COUNTRY = "the article names no country"  # the refusal services.refusal_message words for curators


def extract_article(item: ArticleInput, gazetteer: Gazetteer) -> Extraction | ArticleError:
    """Extract one article; an article in a language without rules, that names no country, or that breaks
    the extractor, is an error."""
    where = item.origin or item.title
    try:
        extraction = extract(
            item.text, title=item.title, published=item.published, gazetteer=gazetteer, language=item.language
        )
    except NoRules as exc:  # an article in a language the extractor has no rules for
        return ArticleError(where, str(exc))
    except Exception as exc:  # one odd text must not stop a run of thousands
        log.exception("extractor failed on %s", where)
        return ArticleError(where, f"the extractor failed ({exc.__class__.__name__}: {exc})")
    if not extraction.countries_mentioned and not extraction.parties:  # parties may come from known officials
        return ArticleError(where, NO_COUNTRY)
    return extraction
