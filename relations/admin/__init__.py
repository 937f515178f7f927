"""Curation in the Django admin: review what the extractor found, fix it, add what it missed.

Every model has a `SimpleHistoryAdmin` (so each change is logged and the history view works),
search, filters, and `list_select_related` for its FK columns. Per-row counts are correlated
subqueries rather than `Count()` aggregates: they add no GROUP BY, so the admin's own
`.distinct().values_list()` calls (related-only filters, autocomplete) stay valid, and every
changelist runs in a constant number of queries (pinned in tests/admin/test_queries.py).

At volume (issue 10; tests/admin/test_volume.py) the large changelists (meetings, articles, the
link rows) read their sidebar choices from the small reference tables or an index, filter and
search through indexed subqueries of ids rather than joins (so no DISTINCT), list years instead
of a date hierarchy, and count their rows once.

Every write goes through `relations.services`: the meeting page hands its form and inlines to
one call of `meeting_update`/`meeting_create` (as the API does), status actions call
`meeting_set_status`, a version's "Revert" calls `meeting_revert`; reference data is saved and
deleted through `reference_save`/`reference_delete`, which record what a curator removed,
blanked or changed so that no machine (seed loading, ingest, re-extraction) undoes it.

A package because one module passed the ~500-line mark: `reference` (countries, sectors,
forums, officials), `articles`, `meetings` (meetings and their links), `bilateral` (relations
and their levels); `common` holds the helpers they share, `search` the indexed searches.
"""

from .articles import ArticleAdmin
from .bilateral import BilateralRelationAdmin, RelationLevelAdmin
from .feeds import FeedAdmin, FeedPollAdmin
from .meetings import (
    MeetingAdmin,
    MeetingCountryAdmin,
    MeetingForumAdmin,
    MeetingParticipantAdmin,
    MeetingSectorAdmin,
    MeetingSourceAdmin,
)
from .reference import (
    CooperationSectorAdmin,
    CountryAdmin,
    CountryNameAdmin,
    CuratorDecisionAdmin,
    ForumAdmin,
    ForumMembershipAdmin,
    OfficialAdmin,
    OfficialNameAdmin,
    PositionAdmin,
)

# The site's titles and its grouped index: relations/admin_site.py (RelationsAdminSite).

__all__ = [
    "ArticleAdmin",
    "BilateralRelationAdmin",
    "CooperationSectorAdmin",
    "CountryAdmin",
    "CountryNameAdmin",
    "CuratorDecisionAdmin",
    "FeedAdmin",
    "FeedPollAdmin",
    "ForumAdmin",
    "ForumMembershipAdmin",
    "MeetingAdmin",
    "MeetingCountryAdmin",
    "MeetingForumAdmin",
    "MeetingParticipantAdmin",
    "MeetingSectorAdmin",
    "MeetingSourceAdmin",
    "OfficialAdmin",
    "OfficialNameAdmin",
    "PositionAdmin",
    "RelationLevelAdmin",
]
