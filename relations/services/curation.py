"""Curator edits made by hand (in the admin): the facts a curator sets are locked against re-ingest.

Ingest reads `Meeting.locked_fields` and never overwrites a field listed there, so a correction
survives the next run of the extractor over the same or a newer article.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from relations.models import Meeting

# A curated fact may span two columns; editing either locks both, so that re-ingest cannot pair
# a curator's date with an extracted precision, or a curator's city with an extracted country.
FACT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "date_precision"),
    "date_precision": ("date", "date_precision"),
    "format": ("format",),
    "location_country": ("location_country", "location_city"),
    "location_city": ("location_country", "location_city"),
    "host_country": ("host_country",),
    "summary": ("summary",),
}
# The link sets, locked by name when a curator adds, changes or removes one of their rows.
LINK_FIELDS = ("countries", "participants", "sectors", "forums")


def meeting_fields_to_lock(changed_fields: Iterable[str]) -> list[str]:
    """The curated meeting fields and link sets that edits to `changed_fields` lock, in model order."""
    names = set(changed_fields)
    wanted = {locked for name in names for locked in FACT_FIELDS.get(name, ())}
    scalars = [field.name for field in Meeting._meta.concrete_fields if field.name in wanted]
    return [*scalars, *(name for name in LINK_FIELDS if name in names)]


@transaction.atomic
def meeting_curator_update(
    *,
    meeting: Meeting,
    changed_fields: Iterable[str],
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> Meeting:
    """Save a meeting a curator edited and lock the curated facts that changed against re-ingest.

    `meeting` carries the curator's new values; `changed_fields` names the model fields the curator
    changed (a ModelForm's `changed_data`) and the link sets whose rows they edited ("countries",
    "participants", "sectors", "forums"). Other fields (status) are saved but not locked.
    A new meeting is always saved; an existing one only when a field or a lock changes, so no empty
    history record is written.
    """
    changed_fields = list(changed_fields)
    field_names = {field.name for field in Meeting._meta.concrete_fields} | set(LINK_FIELDS)
    unknown = sorted(set(changed_fields) - field_names)
    if unknown:
        raise ValueError(f"not fields of Meeting: {', '.join(unknown)}")
    new_locks = [name for name in meeting_fields_to_lock(changed_fields) if name not in meeting.locked_fields]
    changed_columns = [name for name in changed_fields if name not in LINK_FIELDS]
    if not meeting._state.adding and not changed_columns and not new_locks:
        return meeting
    meeting.locked_fields = [*meeting.locked_fields, *new_locks]
    if user is not None and getattr(user, "is_authenticated", False):
        meeting._history_user = user  # type: ignore[attr-defined]
    meeting.full_clean()
    meeting.save()
    return meeting
