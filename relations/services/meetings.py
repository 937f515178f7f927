"""Meeting writes a curator makes, whoever asks (admin form and inlines, admin actions, history
revert, API): one service per write, owning every invariant.

- Every fact a curator sets, blanks or removes is locked (services.curation), so that no
  machine overwrites, refills or re-adds it; the status and the sources lock nothing.
- Participants belong to a party; party_key and the bilateral relation rows follow the parties.
- Each save writes one version of the meeting, by its user, whose change reason says what
  changed, links included ("+ sector Investment; \u2212 forum OIC; participant X: title changed"),
  and which keeps the meeting's links, so that reverting to it restores them (meeting_revert).
- A meeting's writes hold its party-key locks (services.locks), so they never interleave with
  an ingest merging a report into the same meeting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypedDict

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Upper
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from relations.models import (
    Article,
    CooperationSector,
    Country,
    CuratorDecision,
    DatePrecision,
    Evidence,
    Forum,
    Meeting,
    MeetingParticipant,
    MeetingSource,
    MeetingStatus,
    Official,
)

from .aggregates import Before, meetings_aggregates_refresh
from .curation import COUNTRY_FIELDS, EVIDENCE_COLUMNS, LINK_FIELDS, LINK_SET_BY_NAME, SCALAR_FIELDS, LinkSet
from .curation import meeting_fields_to_lock as _fields_to_lock
from .decisions import decision_record
from .locks import keys_lock, party_keys
from .relations import relations_ensure_for_meeting
from .versions import data_changed

User = AbstractBaseUser | AnonymousUser | None

EDITABLE = (*SCALAR_FIELDS, "status", *LINK_FIELDS, "sources")


class ParticipantData(TypedDict, total=False):
    """A participant as a curator gives it: a known official and/or a name, a country, a title."""

    id: int | None  # an existing participant row of this meeting (the admin's inline rows)
    official: int | None
    name: str
    country: str | None
    title: str
    cite: Citation | None  # the sentence a curator cites for it


class Citation(TypedDict):
    """A sentence a curator cites for a fact they add: offsets into one article's text."""

    article: int
    start: int
    end: int


class MeetingData(TypedDict, total=False):
    """The editable fields of a meeting; codes are ISO3, sector slugs, forum acronyms and article ids."""

    title: str
    date: date | None
    date_precision: str
    format: str
    location_country: str | None
    location_city: str
    host_country: str | None
    summary: str
    status: str
    # A link may be given as {"sector": "trade", "cite": Citation} to cite the sentence it comes from.
    countries: Sequence[str | Mapping[str, Any]]
    participants: Sequence[ParticipantData]
    sectors: Sequence[str | Mapping[str, Any]]
    forums: Sequence[str | Mapping[str, Any]]
    sources: Sequence[int]


# --------------------------------------------------------------------------- the services


@transaction.atomic
def meeting_create(*, data: MeetingData, user: User = None) -> Meeting:
    """Create a meeting by hand (at least two countries); every fact given is locked against machines."""
    _refuse_unknown(data)
    if not data.get("countries"):
        raise ValidationError({"countries": "a meeting needs at least two countries"})
    wanted = _resolve(data)
    if wanted.scalars.get("date") and "date_precision" not in wanted.scalars:
        wanted.scalars["date_precision"] = DatePrecision.DAY
    keys_lock(party_keys(Meeting.make_party_key(c.iso3 for c in wanted.countries or ())))
    meeting = Meeting(**wanted.scalars)
    meeting.locked_fields = _fields_to_lock(name for name in data if name not in ("status", "sources"))
    meeting.full_clean()
    _save_row(meeting)
    _apply_links(meeting, wanted, user)
    _save_version(meeting, "+", user, "Created by a curator")
    meetings_aggregates_refresh([meeting.pk])
    data_changed()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, data: MeetingData, user: User = None) -> Meeting:
    """Apply a curator's edit: the facts that change are locked, one version is written (none without a change)."""
    _refuse_unknown(data)
    return _update(meeting, _resolve(data), user, reason=None)


@transaction.atomic
def meeting_set_status(*, meeting: Meeting, status: str, user: User = None) -> Meeting:
    """Mark a meeting verified, rejected or back to extracted; saves only on a change."""
    if status not in MeetingStatus.values:
        raise ValidationError({"status": f"{status!r} is not one of {', '.join(MeetingStatus.values)}"})
    return _update(meeting, _Wanted(scalars={"status": status}), user, reason=None)


@transaction.atomic
def meeting_revert(
    *, meeting: Meeting, version_id: int, user: User = None, scalars: Mapping[str, Any] | None = None
) -> Meeting:
    """Bring a meeting back to one of its versions: fields and links, as one new version.

    `scalars` (a curator's values from the revert form) replace the version's fields where given.
    The links are those the version recorded (or, for a version written by a machine, the
    next recorded ones). Links to a sector, forum, article or official deleted since are skipped.
    """
    version = meeting.history.filter(history_id=version_id).first()
    if version is None:
        raise ValidationError({"version": f"meeting {meeting.pk} has no version {version_id}"})
    values = {name: getattr(version, _attname(name)) for name in (*SCALAR_FIELDS, "status")}
    values.update(scalars or {})
    wanted = _Wanted(scalars=_resolve_scalars(values))
    _wanted_links_of(wanted, _links_at(meeting, version))
    when = timezone.localtime(version.history_date).strftime("%Y-%m-%d %H:%M")
    return _update(meeting, wanted, user, reason=f"Reverted to the version of {when}")


@transaction.atomic
def meeting_participant_update(*, participant: MeetingParticipant, data: ParticipantData, user: User = None) -> Meeting:
    """Edit one participant row (its own admin page): the meeting's participants with this one changed."""
    meeting = participant.meeting
    rows: list[ParticipantData] = [
        {"id": row.pk, "official": row.official_id, "name": row.raw_name, "country": row.country_id, "title": row.title}
        for row in meeting.participants.all()
    ]
    for row in rows:
        if row["id"] == participant.pk:
            row.update(data)
    return meeting_update(meeting=meeting, data={"participants": rows}, user=user)


@transaction.atomic
def meeting_delete(*, meeting: Meeting, user: User = None) -> None:
    """Delete a meeting; its articles are recorded as taken off it, so re-extraction never re-creates it."""
    keys_lock(party_keys(meeting.party_key))
    for article_id in meeting.sources.values_list("article_id", flat=True):
        decision_record(
            kind=CuratorDecision.Kind.REMOVED,
            scope="meetingsource",
            owner=str(article_id),
            item=str(meeting.pk),
            note=f"Meeting {meeting.pk} ({meeting}) deleted",
            user=user,
        )
    before = Before.of([meeting.pk])
    meeting._history_user = _user(user)  # type: ignore[attr-defined]
    meeting.delete()
    meetings_aggregates_refresh([], before=before)
    data_changed()


def meeting_links(meeting: Meeting) -> dict[str, list[dict[str, Any]]]:
    """The meeting's links as a version keeps them (JSON): per link set, one entry per row, sorted."""
    links: dict[str, list[dict[str, Any]]] = {}
    for name, link_set in LINK_SET_BY_NAME.items():
        rows = link_set.model._default_manager.filter(meeting=meeting).select_related(*_LABEL_RELATED.get(name, ()))
        links[name] = sorted((_row_entry(name, row) for row in rows), key=_entry_sort_key)
    links["sources"] = [
        {"article": article, "how": how}
        for article, how in meeting.sources.order_by("article_id").values_list("article_id", "how")
    ]
    return links


# --------------------------------------------------------------------------- what a write wants


@dataclass
class _Wanted:
    """A write's target state: scalar values, and the link sets it replaces (None: left alone)."""

    scalars: dict[str, Any] = field(default_factory=dict)
    links: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # set name -> wanted rows (columns)
    sources: list[int] | None = None

    @property
    def countries(self) -> list[Country] | None:
        rows = self.links.get("countries")
        return None if rows is None else [row["country"] for row in rows]


def _refuse_unknown(data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: "not a meeting field" for name in sorted(unknown)})


def _attname(name: str) -> str:
    return f"{name}_id" if name in COUNTRY_FIELDS else name


def _resolve(data: MeetingData) -> _Wanted:
    """Check a curator's data and turn its codes into rows (a ValidationError names each bad field)."""
    wanted = _Wanted(scalars=_resolve_scalars(data))
    if "status" in wanted.scalars and wanted.scalars["status"] not in MeetingStatus.values:
        raise ValidationError(
            {"status": f"{wanted.scalars['status']!r} is not one of {', '.join(MeetingStatus.values)}"}
        )
    if "countries" in data:
        codes, cites = _codes_and_cites(data["countries"], "country", "countries")
        countries = _rows(Country, "iso3", codes, "countries", str.upper, "unknown country code")
        if len({c.iso3 for c in countries}) < 2:
            raise ValidationError({"countries": "a meeting needs at least two different countries"})
        wanted.links["countries"] = _cited("country", countries, cites)
    if "sectors" in data:
        codes, cites = _codes_and_cites(data["sectors"], "sector", "sectors")
        sectors = _rows(CooperationSector, "slug", codes, "sectors", str.lower, "unknown sector")
        wanted.links["sectors"] = _cited("sector", sectors, cites)
    if "forums" in data:
        codes, cites = _codes_and_cites(data["forums"], "forum", "forums")
        forums = _rows(Forum, "acronym", codes, "forums", str.upper, "unknown forum")
        wanted.links["forums"] = _cited("forum", forums, cites)
    if "participants" in data:
        wanted.links["participants"] = _resolve_participants(data["participants"])
    if "sources" in data:
        ids = [int(pk) for pk in data["sources"]]
        missing = sorted(set(ids) - set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True)))
        if missing:
            raise ValidationError({"sources": f"unknown article {', '.join(map(str, missing))}"})
        wanted.sources = list(dict.fromkeys(ids))
    return wanted


def _codes_and_cites(entries: Iterable[Any], column: str, field_name: str) -> tuple[list[Any], list[Any]]:
    """A link set's codes, and the citation given with each (None for a bare code)."""
    codes, cites = [], []
    for entry in entries:
        if isinstance(entry, Mapping):
            if not entry.get(column):
                raise ValidationError({field_name: f"each entry needs a {column}"})
            codes.append(entry[column])
            cites.append(_citation(entry["cite"], field_name) if entry.get("cite") else None)
        else:
            codes.append(entry)
            cites.append(None)
    return codes, cites


def _cited(column: str, rows: list[Any], cites: list[Any]) -> list[dict[str, Any]]:
    """The wanted rows of a link set, each once, with the citation given for it."""
    wanted: dict[Any, dict[str, Any]] = {}
    for row, cite in zip(rows, cites, strict=True):
        entry = wanted.setdefault(row.pk, {column: row})
        if cite is not None:
            entry["evidence"] = cite
            entry["cited"] = True
    return list(wanted.values())


def _citation(cite: Mapping[str, Any], field_name: str) -> dict[str, Any]:
    """A curator's citation as evidence columns: the article, its text between the offsets, origin curator."""
    try:
        article_id, start, end = int(cite["article"]), int(cite["start"]), int(cite["end"])
    except (KeyError, TypeError, ValueError):
        raise ValidationError(
            {field_name: "a citation is {article, start, end}: an article id and two offsets"}
        ) from None
    text = Article.objects.filter(pk=article_id).values_list("text", flat=True).first()
    if text is None:
        raise ValidationError({field_name: f"cited article {article_id} does not exist"})
    if not 0 <= start < end <= len(text) or not text[start:end].strip():
        raise ValidationError({field_name: f"offsets {start}-{end} are not a passage of article {article_id}"})
    return {
        "source": article_id,
        "evidence": text[start:end].strip(),
        "evidence_start": start,
        "evidence_end": end,
        "origin": Evidence.Origin.CURATOR,
    }


def _resolve_scalars(data: Mapping[str, Any]) -> dict[str, Any]:
    """The scalar fields of `data`, with country codes turned into Country rows."""
    values: dict[str, Any] = {name: data[name] for name in (*SCALAR_FIELDS, "status") if name in data}
    for name in COUNTRY_FIELDS:
        code = values.get(name)
        if isinstance(code, Country):
            continue
        if code:
            values[name] = _rows(Country, "iso3", [code], name, str.upper, "unknown country code")[0]
        elif name in values:
            values[name] = None
    for name in ("title", "location_city", "summary"):
        if name in values and values[name] is None:
            values[name] = ""
    return values


def _rows(
    model: type[models.Model], key: str, codes: Iterable[Any], field_name: str, normal: Any, problem: str
) -> list[Any]:
    """The rows named by `codes` (compared after `normal`), in order; a ValidationError lists the unknown ones."""
    wanted = [normal(str(code).strip()) for code in codes]
    queryset = model._default_manager.all()
    if model is Forum:  # acronyms are matched in any case ("oic"), like the API's filters
        queryset = queryset.annotate(code=Upper(key)).filter(code__in=wanted)
        found = {row.code: row for row in queryset}
    else:
        found = {getattr(row, key): row for row in queryset.filter(**{f"{key}__in": wanted})}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise ValidationError({field_name: f"{problem} {', '.join(sorted(set(missing)))}"})
    return [found[code] for code in wanted]


def _resolve_participants(participants: Sequence[ParticipantData]) -> list[dict[str, Any]]:
    ids = [pk for p in participants if (pk := p.get("official")) is not None]
    officials = {o.pk: o for o in Official.objects.filter(pk__in=ids)}
    missing = sorted(set(ids) - set(officials))
    if missing:
        raise ValidationError({"participants": f"unknown official {', '.join(map(str, missing))}"})
    rows = []
    for entry in participants:
        official = officials.get(entry.get("official") or 0)
        name = (entry.get("name") or (official.name if official else "")).strip()
        code = entry.get("country") or (official.country_id if official else None)
        if official is None and not name:
            raise ValidationError({"participants": "each participant needs an official or a name"})
        country = _rows(Country, "iso3", [code], "participants", str.upper, "unknown country code")[0] if code else None
        rows.append(
            {
                "id": entry.get("id"),
                "official": official,
                "raw_name": name,
                "country": country,
                "title": (entry.get("title") or "").strip(),
                **({"evidence": _citation(cite, "participants")} if (cite := entry.get("cite")) else {}),
            }
        )
    keys = [_participant_key(row) for row in rows]
    if len(set(keys)) < len(keys):
        raise ValidationError({"participants": "the same person is listed twice"})
    return rows


def _participant_key(row: Mapping[str, Any]) -> tuple[str, object]:
    official = row.get("official")
    if official is not None:
        return ("official", official.pk if isinstance(official, Official) else official)
    return ("name", (row.get("raw_name") or "").casefold())


# --------------------------------------------------------------------------- applying a write


def _update(meeting: Meeting, wanted: _Wanted, user: User, reason: str | None) -> Meeting:
    """Apply `wanted` to the stored meeting under its locks; one version when something changed."""
    new_countries = wanted.countries
    new_key = Meeting.make_party_key(c.iso3 for c in new_countries) if new_countries else ""
    keys_lock([*party_keys(meeting.party_key), *party_keys(new_key)])
    stored = Meeting.objects.get(pk=meeting.pk)  # the stored values, not a form's unsaved ones
    figures_before = Before.of([stored.pk])
    before = meeting_links(stored)
    changes: list[str] = []
    changed_fields = []
    for name, value in wanted.scalars.items():
        old = getattr(stored, _attname(name))
        new = value.pk if isinstance(value, Country) else value
        if old != new:
            changes.append(_scalar_change(stored, name, new))
            setattr(stored, name, value)
            changed_fields.append(name)
    changed_sets = _apply_links(stored, wanted, user)
    if not changes and not changed_sets:
        return stored
    after = meeting_links(stored)
    changes += _link_changes(before, after)
    _backfill_previous_version(stored, before)
    locks = _fields_to_lock([*stored.locked_fields, *(n for n in changed_fields if n != "status"), *changed_sets])
    stored.locked_fields = [name for name in locks if name != "sources"]
    stored.full_clean()
    _save_row(stored)
    listed = "; ".join(changes) or "links changed"
    _save_version(stored, "~", user, f"{reason}: {listed}" if reason else listed, after)
    # Its pairs', countries', officials' and forums' figures and the totals.
    meetings_aggregates_refresh([stored.pk], before=figures_before)
    data_changed()
    return stored


def _apply_links(meeting: Meeting, wanted: _Wanted, user: User) -> list[str]:
    """Replace the link sets `wanted` gives; returns the names of those that changed (and "sources")."""
    changed = []
    for name, rows in wanted.links.items():
        if _replace_set(meeting, LINK_SET_BY_NAME[name], rows, user):
            changed.append(name)
    if wanted.sources is not None and _replace_sources(meeting, wanted.sources, user):
        changed.append("sources")
    if {"countries", "participants"} & set(changed):
        parties = set(meeting.parties.values_list("country_id", flat=True))
        strangers = sorted(
            set(meeting.participants.exclude(country=None).values_list("country_id", flat=True)) - parties
        )
        if strangers:
            raise ValidationError({"participants": f"participants of {', '.join(strangers)}, not a party"})
    if "countries" in changed:
        relations_ensure_for_meeting(meeting=meeting)  # party_key and a relation row for every pair
    return changed


def _replace_set(meeting: Meeting, link_set: LinkSet, wanted: list[dict[str, Any]], user: User) -> bool:
    """Make the meeting's rows of one link set exactly `wanted`; rows that stay keep their id and evidence."""
    if link_set.name == "participants":
        return _replace_participants(meeting, wanted, user)
    column = link_set.target.removesuffix("_id")
    stored = {getattr(row, link_set.target): row for row in link_set.model._default_manager.filter(meeting=meeting)}
    targets = {row[column].pk: row for row in wanted}
    gone = [row for key, row in stored.items() if key not in targets]
    new = [
        link_set.model(meeting=meeting, **{column: row[column]}, **_evidence_of(row))
        for key, row in targets.items()
        if key not in stored
    ]
    _delete_rows(gone, user)
    bulk_create_with_history(new, link_set.model, batch_size=500, default_user=_user(user))
    recited = [
        _recite(stored[key], row["evidence"], user)
        for key, row in targets.items()
        if key in stored and row.get("cited") and _quote_of(stored[key]) != row["evidence"]
    ]
    return bool(gone or new or recited)


def _quote_of(row: Evidence) -> dict[str, Any]:
    return {column.removesuffix("_id"): getattr(row, column) for column in EVIDENCE_COLUMNS}


def _recite(row: Any, evidence: Mapping[str, Any], user: User) -> bool:
    """A curator cites another sentence for a fact on record: its evidence becomes theirs."""
    for column in EVIDENCE_COLUMNS:
        setattr(row, column, evidence[column.removesuffix("_id")])
    row._history_user = _user(user)
    row.save(update_fields=[*EVIDENCE_COLUMNS, "updated_at"])
    return True


def _replace_participants(meeting: Meeting, wanted: list[dict[str, Any]], user: User) -> bool:
    """Participants are matched by row id (the admin's inline rows), else by official, else by name."""
    existing = list(meeting.participants.all())
    by_id = {p.pk: p for p in existing}
    by_key = {_participant_key({"official": p.official_id, "raw_name": p.raw_name}): p for p in existing}
    matched: list[tuple[dict[str, Any], MeetingParticipant | None]] = []
    for row in wanted:
        if row.get("id") is not None and row["id"] not in by_id:
            raise ValidationError({"participants": f"participant {row['id']} is not one of this meeting's"})
        current = by_id.get(row.get("id") or 0) or by_key.get(_participant_key(row))
        matched.append((row, current))
    keep = {current.pk for _, current in matched if current is not None}
    gone = [p for p in existing if p.pk not in keep]
    # Delete first: a new row may reuse a removed row's name (a unique constraint per meeting).
    _delete_rows(gone, user)
    changed = bool(gone)
    for row, current in matched:
        values = {
            "official_id": row["official"].pk if row["official"] else None,
            "raw_name": row["raw_name"],
            "country_id": row["country"].pk if row["country"] else None,
            "title": row["title"],
        }
        if current is None:
            participant = MeetingParticipant(meeting=meeting, **values, **_evidence_of(row))
            participant.full_clean(exclude=["meeting"])
            participant._history_user = _user(user)  # type: ignore[attr-defined]
            participant.save()
            changed = True
            continue
        updates = {name: value for name, value in values.items() if getattr(current, name) != value}
        if updates:
            for name, value in updates.items():
                setattr(current, name, value)
            current._history_user = _user(user)  # type: ignore[attr-defined]
            current.save(update_fields=[*updates, "updated_at"])
            changed = True
    return changed


def _replace_sources(meeting: Meeting, article_ids: list[int], user: User) -> bool:
    """The articles reporting the meeting; one a curator takes off is recorded, so re-extraction keeps off."""
    stored = {row.article_id: row for row in meeting.sources.all()}
    gone = [row for article, row in stored.items() if article not in article_ids]
    for row in gone:
        decision_record(
            kind=CuratorDecision.Kind.REMOVED,
            scope="meetingsource",
            owner=str(row.article_id),
            item=str(meeting.pk),
            note=f"Article {row.article_id} taken off meeting {meeting.pk}",
            user=user,
        )
    _delete_rows(gone, user)
    new = [MeetingSource(meeting=meeting, article_id=pk, how="curator") for pk in article_ids if pk not in stored]
    bulk_create_with_history(new, MeetingSource, batch_size=500, default_user=_user(user))
    return bool(gone or new)


def _evidence_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """A new row's evidence: what a revert restores, else nothing (a curator's row)."""
    evidence = row.get("evidence")
    if not evidence:
        return {"origin": Evidence.Origin.CURATOR}
    return {column: evidence.get(column.removesuffix("_id")) for column in EVIDENCE_COLUMNS}


def _delete_rows(rows: Sequence[models.Model], user: User) -> None:
    for row in rows:
        row._history_user = _user(user)  # type: ignore[attr-defined]
        row.delete()


def _user(user: User) -> AbstractBaseUser | None:
    return user if user is not None and getattr(user, "is_authenticated", False) else None  # type: ignore[return-value]


# --------------------------------------------------------------------------- versions


def _save_row(meeting: Meeting) -> None:
    """Save the meeting row without simple-history's record: _save_version writes the one version."""
    meeting.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        meeting.save()
    finally:
        del meeting.skip_history_when_saving  # type: ignore[attr-defined]


def _save_version(meeting: Meeting, kind: str, user: User, reason: str, links: dict[str, Any] | None = None) -> None:
    """One historical record of the meeting as it now stands, with its links and a readable reason."""
    history = meeting.history.model  # type: ignore[attr-defined]
    history.objects.create(
        history_date=timezone.now(),
        history_type=kind,
        history_user=_user(user),
        history_change_reason=reason,
        links=links if links is not None else meeting_links(meeting),
        **{f.attname: getattr(meeting, f.attname) for f in history.tracked_fields},
    )


def _backfill_previous_version(meeting: Meeting, links: dict[str, Any]) -> None:
    """A version a machine wrote has no links: record those it had until this change."""
    latest = meeting.history.order_by("-history_date", "-history_id").first()  # type: ignore[attr-defined]
    if latest is not None and latest.links is None:
        latest.links = links
        latest.save(update_fields=["links"])


def _links_at(meeting: Meeting, version: Any) -> dict[str, Any]:
    """The links of a version: its own, else those of the next version that recorded them, else today's."""
    if version.links is not None:
        return version.links
    later = (
        meeting.history.filter(history_date__gte=version.history_date, links__isnull=False)  # type: ignore[attr-defined]
        .exclude(history_id=version.history_id)
        .order_by("history_date", "history_id")
        .first()
    )
    return later.links if later is not None else meeting_links(meeting)


def _wanted_links_of(wanted: _Wanted, links: Mapping[str, list[dict[str, Any]]]) -> None:
    """Turn a version's recorded links into rows to restore (skipping what was deleted since)."""
    countries = Country.objects.in_bulk([e["country"] for e in links.get("countries", [])])
    sectors = CooperationSector.objects.in_bulk([e["sector"] for e in links.get("sectors", [])])
    forums = Forum.objects.in_bulk([e["forum"] for e in links.get("forums", [])])
    officials = Official.objects.in_bulk([e["official"] for e in links.get("participants", []) if e["official"]])
    all_countries = Country.objects.in_bulk([e["country"] for e in links.get("participants", []) if e["country"]])
    known_articles = set(Article.objects.filter(pk__in=_evidence_articles(links)).values_list("pk", flat=True))

    def evidence(entry: Mapping[str, Any]) -> dict[str, Any]:
        quote = {name: entry.get(name) for name in ("evidence", "evidence_start", "evidence_end", "origin")}
        return {**quote, "source": entry.get("source") if entry.get("source") in known_articles else None}

    wanted.links["countries"] = [
        {"country": countries[e["country"]], "evidence": evidence(e)}
        for e in links.get("countries", [])
        if e["country"] in countries
    ]
    wanted.links["sectors"] = [
        {"sector": sectors[e["sector"]], "evidence": evidence(e)}
        for e in links.get("sectors", [])
        if e["sector"] in sectors
    ]
    wanted.links["forums"] = [
        {"forum": forums[e["forum"]], "evidence": evidence(e)} for e in links.get("forums", []) if e["forum"] in forums
    ]
    wanted.links["participants"] = [
        {
            "id": None,
            "official": officials.get(e["official"]),
            "raw_name": e["name"] or (officials[e["official"]].name if e["official"] in officials else ""),
            "country": all_countries.get(e["country"]),
            "title": e["title"],
            "evidence": evidence(e),
        }
        for e in links.get("participants", [])
        if e["name"] or e["official"] in officials
    ]
    wanted.sources = [e["article"] for e in links.get("sources", []) if e["article"] in known_articles]


def _evidence_articles(links: Mapping[str, list[dict[str, Any]]]) -> set[int]:
    ids = {e["source"] for entries in links.values() for e in entries if e.get("source")}
    return ids | {e["article"] for e in links.get("sources", [])}


# --------------------------------------------------------------------------- change reasons

# The related rows a link set's entries are labelled with.
_LABEL_RELATED = {
    "countries": ("country",),
    "sectors": ("sector",),
    "forums": ("forum",),
    "participants": ("official",),
}


def _row_entry(name: str, row: Any) -> dict[str, Any]:
    """One row of a link set as a version keeps it: what it links to, its label and its evidence."""
    evidence = {
        "source": row.source_id,
        "evidence": row.evidence,
        "evidence_start": row.evidence_start,
        "evidence_end": row.evidence_end,
        "origin": row.origin,
    }
    if name == "countries":
        return {"country": row.country_id, "label": row.country.name, **evidence}
    if name == "sectors":
        return {"sector": row.sector_id, "label": row.sector.name, **evidence}
    if name == "forums":
        return {"forum": row.forum_id, "label": row.forum.acronym, **evidence}
    label = row.raw_name or (row.official.name if row.official else row.title)
    return {
        "id": row.pk,
        "official": row.official_id,
        "name": row.raw_name,
        "country": row.country_id,
        "title": row.title,
        "label": label,
        **evidence,
    }


def _entry_sort_key(entry: Mapping[str, Any]) -> tuple[str, str]:
    return (str(entry.get("label") or ""), str(entry.get("id") or ""))


def _scalar_change(meeting: Meeting, name: str, new: Any) -> str:
    """'date: 2024-05-01 → 2024-05-02', 'city: Islamabad → (blank)', 'summary changed'."""
    model_field = Meeting._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    label = str(model_field.verbose_name).replace("location ", "")
    old = getattr(meeting, _attname(name))
    if name in ("title", "summary") and max(len(str(old or "")), len(str(new or ""))) > 40:
        return f"{label} changed"
    choices = dict(model_field.flatchoices)

    def shown(value: Any) -> str:
        if value in (None, ""):
            return "(blank)"
        return str(choices.get(value, value))

    return f"{label}: {shown(old)} → {shown(new)}"


MINUS = "\u2212"  # a typographic minus sign: "MINUS forum OIC" reads as the opposite of "+ forum OIC"
_PARTICIPANT_FIELDS = {"official": "official", "name": "name", "country": "country", "title": "title"}


def _link_changes(before: Mapping[str, list[dict[str, Any]]], after: Mapping[str, list[dict[str, Any]]]) -> list[str]:
    """'+ sector Investment', 'MINUS forum OIC', 'participant X: title changed', '+ source #12'."""
    lines = []
    for name, link_set in LINK_SET_BY_NAME.items():
        if name == "participants":
            lines += _participant_changes(before.get(name, []), after.get(name, []))
            continue
        column = link_set.target.removesuffix("_id")
        old = {e[column]: e["label"] for e in before.get(name, [])}
        new = {e[column]: e["label"] for e in after.get(name, [])}
        lines += [f"+ {link_set.label} {new[key]}" for key in new if key not in old]
        lines += [f"{MINUS} {link_set.label} {old[key]}" for key in old if key not in new]
    old_sources = {e["article"] for e in before.get("sources", [])}
    new_sources = {e["article"] for e in after.get("sources", [])}
    lines += [f"+ source #{pk}" for pk in sorted(new_sources - old_sources)]
    lines += [f"{MINUS} source #{pk}" for pk in sorted(old_sources - new_sources)]
    return lines


def _participant_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[str]:
    old = {e["id"]: e for e in before}
    new = {e["id"]: e for e in after}
    lines = [f"+ participant {e['label']}" for pk, e in new.items() if pk not in old]
    for pk, entry in new.items():
        if pk in old:
            fields = [label for key, label in _PARTICIPANT_FIELDS.items() if old[pk][key] != entry[key]]
            if fields:
                lines.append(f"participant {entry['label']}: {', '.join(fields)} changed")
    lines += [f"{MINUS} participant {e['label']}" for pk, e in old.items() if pk not in new]
    return lines
