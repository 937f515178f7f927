"""Meeting curation: status changes and curator edits."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from relations.models import Meeting, MeetingStatus


@transaction.atomic
def meeting_set_status(
    *, meeting: Meeting, status: str, user: AbstractBaseUser | AnonymousUser | None = None
) -> Meeting:
    """Mark a meeting verified, rejected or back to extracted; saves only on a change."""
    if status not in MeetingStatus.values:
        raise ValidationError({"status": f"{status!r} is not one of {', '.join(MeetingStatus.values)}"})
    if meeting.status == status:
        return meeting
    meeting.status = status
    if user is not None and getattr(user, "is_authenticated", False):
        meeting._history_user = user  # type: ignore[attr-defined]
    meeting.full_clean()
    meeting.save(update_fields=["status", "updated_at"])
    return meeting
