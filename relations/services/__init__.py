"""Every write to the database goes through a function here (`<entity>_<action>`).

A package rather than one module because ingest alone passes the ~500-line mark; the
functions are re-exported so callers write `from relations import services`.
"""

from .meetings import meeting_create, meeting_set_status, meeting_update
from .relations import relation_get_or_create, relations_ensure_for_meeting

__all__ = [
    "meeting_create",
    "meeting_set_status",
    "meeting_update",
    "relation_get_or_create",
    "relations_ensure_for_meeting",
]
