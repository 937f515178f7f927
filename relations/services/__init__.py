"""Every write to the database goes through a function here (`<entity>_<action>`).

A package rather than one module because ingest alone passes the ~500-line mark; the
functions are re-exported so callers write `from relations import services`.
"""

from .aggregates import (
    RecomputeReport,
    aggregates_recompute_all,
    figures_move,
    figures_recount,
    meetings_aggregates_refresh,
    relations_refresh,
)
from .decisions import Decisions, article_update, articles_delete, decision_record, reference_delete, reference_save
from .ingest import ArticleIngestResult, article_ingest, ingest_message, refusal_message
from .linking import Outcome
from .meetings import (
    meeting_create,
    meeting_delete,
    meeting_links,
    meeting_participant_update,
    meeting_revert,
    meeting_set_status,
    meeting_update,
)
from .officials import OfficialResolver, official_merge
from .reextract import ReextractReport, articles_reextract
from .reference import LoadReport, ReferenceDataError, reference_data_load
from .relations import relation_get_or_create, relations_ensure_for_meeting
from .runs import IngestReport, articles_ingest
from .web import (
    EntryHints,
    FetchedArticle,
    UrlsReport,
    fetched_article_ingest,
    page_article,
    url_ingest,
    url_read,
    urls_ingest,
)

__all__ = [
    "ArticleIngestResult",
    "Decisions",
    "EntryHints",
    "FetchedArticle",
    "IngestReport",
    "LoadReport",
    "OfficialResolver",
    "Outcome",
    "RecomputeReport",
    "ReextractReport",
    "ReferenceDataError",
    "UrlsReport",
    "aggregates_recompute_all",
    "article_ingest",
    "article_update",
    "articles_delete",
    "articles_ingest",
    "articles_reextract",
    "decision_record",
    "fetched_article_ingest",
    "figures_move",
    "figures_recount",
    "ingest_message",
    "meeting_create",
    "meeting_delete",
    "meeting_links",
    "meeting_participant_update",
    "meeting_revert",
    "meeting_set_status",
    "meeting_update",
    "meetings_aggregates_refresh",
    "official_merge",
    "page_article",
    "reference_data_load",
    "reference_delete",
    "reference_save",
    "refusal_message",
    "relation_get_or_create",
    "relations_ensure_for_meeting",
    "relations_refresh",
    "url_ingest",
    "url_read",
    "urls_ingest",
]
