"""Meeting curation: status changes and curator edits.

A curator's create or edit records the facts it set in `Meeting.locked_fields`, so that
re-ingesting an article never overwrites them. The locks are those of the admin's edits
(services.curation.meeting_fields_to_lock: a date locks its precision too, a place its city;
the link sets lock as "countries", "participants", "sectors" and "forums").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TypedDict

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Upper
from simple_history.utils import bulk_create_with_history

from relations.models import (
    CooperationSector,
    Country,
    DatePrecision,
    Evidence,
    Forum,
    Meeting,
    MeetingCountry,
    MeetingForum,
    MeetingParticipant,
    MeetingSector,
    MeetingStatus,
    Official,
)

from .curation import meeting_fields_to_lock
from .relations import relations_ensure_for_meeting

User = AbstractBaseUser | AnonymousUser | None

SCALAR_FIELDS = (
    "title",
    "date",
    "date_precision",
    "format",
    "location_country",
    "location_city",
    "host_country",
    "summary",
)
LINK_FIELDS = ("countries", "participants", "sectors", "forums")
COUNTRY_FIELDS = ("location_country", "host_country")


class ParticipantData(TypedDict, total=False):
    """A participant as a curator gives it: a known official and/or a name, a country, a title."""

    official: int | None
    name: str
    country: str | None
    title: str


class MeetingData(TypedDict, total=False):
    """The editable fields of a meeting; codes are ISO3, sector slugs and forum acronyms."""

    title: str
    date: date | None
    date_precision: str
    format: str
    location_country: str | None
    location_city: str
    host_country: str | None
    summary: str
    countries: Sequence[str]
    participants: Sequence[ParticipantData]
    sectors: Sequence[str]
    forums: Sequence[str]


@transaction.atomic
def meeting_set_status(*, meeting: Meeting, status: str, user: User = None) -> Meeting:
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


@transaction.atomic
def meeting_create(*, data: MeetingData, user: User = None) -> Meeting:
    """Create a meeting by hand (at least two countries); every field given is locked against re-ingest."""
    unknown = set(data) - set(SCALAR_FIELDS) - set(LINK_FIELDS)
    if unknown:
        raise ValidationError({name: "not a meeting field" for name in sorted(unknown)})
    if not data.get("countries"):
        raise ValidationError({"countries": "a meeting needs at least two countries"})
    scalars = _resolve_scalars(data)
    if scalars.get("date") and "date_precision" not in scalars:
        scalars["date_precision"] = DatePrecision.DAY
    meeting = Meeting(**scalars)
    meeting.locked_fields = meeting_fields_to_lock(data)
    _set_history_user(meeting, user)
    meeting.full_clean()
    meeting.save()
    _apply_links(meeting, data)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, data: MeetingData, user: User = None) -> Meeting:
    """Apply a curator's edit; the fields that actually change are added to locked_fields."""
    unknown = set(data) - set(SCALAR_FIELDS) - set(LINK_FIELDS)
    if unknown:
        raise ValidationError({name: "not a meeting field" for name in sorted(unknown)})
    scalars = _resolve_scalars(data)
    changed = []
    for name, value in scalars.items():
        attname = f"{name}_id" if name in COUNTRY_FIELDS else name
        new = value.pk if isinstance(value, Country) else value
        if getattr(meeting, attname) != new:
            setattr(meeting, name, value)
            changed.append(name)
    changed += _apply_links(meeting, data)
    if not changed:
        return meeting
    meeting.locked_fields = meeting_fields_to_lock({*(meeting.locked_fields or []), *changed})
    _set_history_user(meeting, user)
    meeting.full_clean()
    meeting.save()
    return meeting


# --------------------------------------------------------------------------- helpers


def _set_history_user(meeting: Meeting, user: User) -> None:
    if user is not None and getattr(user, "is_authenticated", False):
        meeting._history_user = user  # type: ignore[attr-defined]


def _resolve_scalars(data: MeetingData) -> dict[str, Any]:
    """The scalar fields of `data`, with country codes turned into Country rows."""
    values: dict[str, Any] = {name: data[name] for name in SCALAR_FIELDS if name in data}  # type: ignore[literal-required]
    for name in COUNTRY_FIELDS:
        code = values.get(name)
        if code:
            values[name] = _countries([code], name)[0]
        elif name in values:
            values[name] = None
    for name in ("title", "location_city", "summary"):
        if name in values and values[name] is None:
            values[name] = ""
    return values


def _countries(codes: Iterable[str], field: str) -> list[Country]:
    wanted = [code.strip().upper() for code in codes]
    found = {c.iso3: c for c in Country.objects.filter(iso3__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise ValidationError({field: f"unknown country code {', '.join(sorted(set(missing)))}"})
    return [found[code] for code in wanted]


def _sectors(slugs: Iterable[str]) -> list[CooperationSector]:
    wanted = [slug.strip().lower() for slug in slugs]
    found = {s.slug: s for s in CooperationSector.objects.filter(slug__in=wanted)}
    missing = [slug for slug in wanted if slug not in found]
    if missing:
        raise ValidationError({"sectors": f"unknown sector {', '.join(sorted(set(missing)))}"})
    return [found[slug] for slug in wanted]


def _forums(acronyms: Iterable[str]) -> list[Forum]:
    wanted = [acronym.strip().upper() for acronym in acronyms]
    found = {f.upper: f for f in Forum.objects.annotate(upper=Upper("acronym")).filter(upper__in=wanted)}
    missing = [acronym for acronym in wanted if acronym not in found]
    if missing:
        raise ValidationError({"forums": f"unknown forum {', '.join(sorted(set(missing)))}"})
    return [found[acronym] for acronym in wanted]


def _apply_links(meeting: Meeting, data: MeetingData) -> list[str]:
    """Replace the link sets given in `data`; returns the names of those that changed."""
    changed = []
    if "countries" in data:
        countries = _countries(data["countries"], "countries")
        if len({c.iso3 for c in countries}) < 2:
            raise ValidationError({"countries": "a meeting needs at least two different countries"})
        if _replace(MeetingCountry, meeting, "country_id", [c.iso3 for c in countries]):
            changed.append("countries")
    if "sectors" in data and _replace(MeetingSector, meeting, "sector_id", [s.pk for s in _sectors(data["sectors"])]):
        changed.append("sectors")
    if "forums" in data and _replace(MeetingForum, meeting, "forum_id", [f.pk for f in _forums(data["forums"])]):
        changed.append("forums")
    if "participants" in data and _replace_participants(meeting, data["participants"]):
        changed.append("participants")
    if "countries" in changed or "participants" in changed:
        parties = set(meeting.parties.values_list("country_id", flat=True))
        strangers = sorted(
            set(meeting.participants.exclude(country=None).values_list("country_id", flat=True)) - parties
        )
        if strangers:
            raise ValidationError({"participants": f"participants of {', '.join(strangers)}, not a party"})
    if "countries" in changed:
        meeting.refresh_party_key()  # ingest finds the meetings a new report may belong to by this key
        relations_ensure_for_meeting(meeting=meeting)
    return changed


LinkModel = type[MeetingCountry] | type[MeetingSector] | type[MeetingForum]


def _replace(model: LinkModel, meeting: Meeting, key: str, values: list[Any]) -> bool:
    """Make the meeting's link rows of `model` exactly `values`, keeping the rows (and evidence) that stay."""
    rows = model._default_manager.filter(meeting=meeting)
    current = set(rows.values_list(key, flat=True))
    wanted = set(values)
    if current == wanted:
        return False
    rows.exclude(**{f"{key}__in": wanted}).delete()
    bulk_create_with_history(
        # A code given twice (OIC, OIC or oic) names one link: one row, not a unique-constraint error.
        [
            model(meeting=meeting, origin=Evidence.Origin.CURATOR, **{key: v})
            for v in dict.fromkeys(values)
            if v not in current
        ],
        model,
        batch_size=500,
    )
    return True


def _replace_participants(meeting: Meeting, participants: Sequence[ParticipantData]) -> bool:
    """Make the participants exactly those given, keyed by official (or by name when unresolved)."""
    ids: list[int] = [pk for p in participants if (pk := p.get("official")) is not None]
    officials = {o.pk: o for o in Official.objects.filter(pk__in=ids)}
    missing = sorted(set(ids) - set(officials))
    if missing:
        raise ValidationError({"participants": f"unknown official {', '.join(map(str, missing))}"})
    wanted = []
    for entry in participants:
        official = officials.get(entry.get("official") or 0)
        name = (entry.get("name") or (official.name if official else "")).strip()
        country = entry.get("country") or (official.country_id if official else None)
        if official is None and not name:
            raise ValidationError({"participants": "each participant needs an official or a name"})
        wanted.append(
            {
                "official_id": official.pk if official else None,
                "raw_name": name,
                "country_id": _countries([country], "participants")[0].pk if country else None,
                "title": (entry.get("title") or "").strip(),
            }
        )
    existing = list(meeting.participants.all())

    def key(row: dict[str, Any]) -> tuple[str, object]:
        return ("official", row["official_id"]) if row["official_id"] else ("name", row["raw_name"])

    keys = [key(row) for row in wanted]
    if len(set(keys)) < len(keys):
        raise ValidationError({"participants": "the same person is listed twice"})
    by_key = {key(vars(p)): p for p in existing}
    matched = [(row, by_key.get(key(row))) for row in wanted]
    keep = {current.pk for _, current in matched if current is not None}
    stale = [p.pk for p in existing if p.pk not in keep]
    changed = bool(stale)
    if stale:
        # Delete first: a new row may reuse a removed row's name (a unique constraint per meeting).
        MeetingParticipant.objects.filter(pk__in=stale).delete()
    for row, current in matched:
        if current is None:
            participant = MeetingParticipant(meeting=meeting, origin=Evidence.Origin.CURATOR, **row)
            participant.full_clean(exclude=["meeting"])
            participant.save()
            changed = True
            continue
        updates = {name: value for name, value in row.items() if getattr(current, name) != value}
        if updates:
            for name, value in updates.items():
                setattr(current, name, value)
            current.save(update_fields=[*updates, "updated_at"])
            changed = True
    return changed
