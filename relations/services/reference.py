"""Reference data: loading the seed files into the database (the gazetteer built from it is read in relations.selectors).

Loading is additive and idempotent: missing rows and names are created, empty fields are
filled, and nothing a curator has set is overwritten or deleted; nor is anything a curator
removed, blanked or changed (services.decisions) added, refilled or set again. Running it
twice writes nothing the second time. (This is why the seed files are read here rather than with
`loaddata`, which would overwrite curator edits on every run.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from relations.extraction.articles import url_problem
from relations.extraction.names import name_key
from relations.models import (
    CooperationSector,
    Country,
    CountryName,
    Feed,
    Forum,
    ForumMembership,
    Official,
    OfficialName,
)

from .decisions import Decisions, official_removal_key
from .versions import data_changed

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"
BATCH = 500


class ReferenceDataError(ValueError):
    """A seed file that is missing or malformed; the message names the file and the entry."""


@dataclass
class LoadReport:
    """What a load did, per model: created / updated / unchanged counts."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, model: str, created: int = 0, updated: int = 0, unchanged: int = 0) -> None:
        row = self.counts.setdefault(model, {"created": 0, "updated": 0, "unchanged": 0})
        row["created"] += created
        row["updated"] += updated
        row["unchanged"] += unchanged

    @property
    def changed(self) -> bool:
        return any(row["created"] or row["updated"] for row in self.counts.values())

    def summary(self) -> str:
        parts = [
            f"{model}: {row['created']} created, {row['updated']} updated, {row['unchanged']} unchanged"
            for model, row in self.counts.items()
        ]
        return "; ".join(parts)


def _read(seeds_dir: Path, name: str) -> list[dict[str, Any]]:
    path = seeds_dir / name
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ReferenceDataError(f"{path}: missing seed file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, list):
        raise ReferenceDataError(f"{path}: expected a JSON list of objects")
    for i, row in enumerate(data):
        if not isinstance(row, dict):
            raise ReferenceDataError(f"{path}: entry {i} is not an object")
    return data


def _require(row: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if not row.get(k)]
    if missing:
        raise ReferenceDataError(f"{where}: missing {', '.join(missing)}")


def _fill_blanks(obj: Any, values: dict[str, Any], decisions: Decisions | None = None, scope: str = "") -> bool:
    """Set fields that are empty on obj; never overwrite a value already there, nor fill a field
    a curator locked (`scope` names obj's kind of row in the decisions, e.g. "country")."""
    changed = False
    for name, value in values.items():
        if value in (None, "", []):
            continue
        if decisions is not None and decisions.is_locked(f"{scope}.{name}", obj.pk):
            continue
        if getattr(obj, name) in (None, "", []):
            setattr(obj, name, value)
            changed = True
    return changed


def _union(existing: list[str], extra: list[str], removed: Any = None) -> list[str]:
    """existing + the items of extra it lacks (compared case-insensitively), order kept; an item
    for which `removed(item)` is true (a curator took it off the list) is not added again."""
    result, seen = list(existing), {x.casefold() for x in existing}
    for item in extra:
        if item.casefold() not in seen and not (removed and removed(item)):
            seen.add(item.casefold())
            result.append(item)
    return result


def _load_countries(rows: list[dict[str, Any]], report: LoadReport, where: str, decisions: Decisions) -> None:
    existing = {c.iso3: c for c in Country.objects.all()}
    new, changed = [], []
    for i, row in enumerate(rows):
        _require(row, ("iso3", "iso2", "name"), f"{where} entry {i}")
        values = {k: row.get(k) or "" for k in ("iso2", "numeric", "name", "official_name", "capital")}
        country = existing.get(row["iso3"])
        if country is None:
            new.append(Country(iso3=row["iso3"], **values))
        elif _fill_blanks(country, values, decisions, "country"):
            changed.append(country)
    bulk_create_with_history(new, Country, batch_size=BATCH)
    if changed:
        bulk_update_with_history(changed, Country, ["numeric", "official_name", "capital"], batch_size=BATCH)
    report.add("countries", len(new), len(changed), len(rows) - len(new) - len(changed))

    have = {(n.country_id, n.name.casefold()) for n in CountryName.objects.only("country_id", "name")}
    names = []
    for row in rows:
        for kind, values in (row.get("names") or {}).items():
            if kind not in CountryName.Kind.values:
                raise ReferenceDataError(f"{where} {row['iso3']}: unknown name kind {kind!r}")
            for name in values:
                key = (row["iso3"], name.casefold())
                if key not in have and not decisions.is_removed("countryname", row["iso3"], name):
                    have.add(key)
                    names.append(CountryName(country_id=row["iso3"], name=name, kind=kind))
    bulk_create_with_history(names, CountryName, batch_size=BATCH)
    report.add("country names", created=len(names))


def _load_sectors(rows: list[dict[str, Any]], report: LoadReport, where: str, decisions: Decisions) -> None:
    existing = {s.slug: s for s in CooperationSector.objects.all()}
    new, changed = [], []
    for i, row in enumerate(rows):
        _require(row, ("slug", "name"), f"{where} entry {i}")
        sector = existing.get(row["slug"])
        if sector is None and decisions.is_removed("cooperationsector", row["slug"]):
            continue  # a curator deleted it
        if sector is None:
            new.append(CooperationSector(slug=row["slug"], name=row["name"], words=list(row.get("words") or [])))
            continue
        words = _union(
            list(sector.words),
            list(row.get("words") or []),
            lambda word, pk=sector.pk: decisions.is_removed("cooperationsector.words", pk, word),
        )
        if words != sector.words:
            sector.words = words
            changed.append(sector)
    bulk_create_with_history(new, CooperationSector, batch_size=BATCH)
    if changed:
        bulk_update_with_history(changed, CooperationSector, ["words"], batch_size=BATCH)
    report.add("sectors", len(new), len(changed), len(rows) - len(new) - len(changed))


def _load_forums(rows: list[dict[str, Any]], report: LoadReport, where: str, decisions: Decisions) -> None:
    existing = {f.acronym: f for f in Forum.objects.all()}
    new, changed = [], []
    for i, row in enumerate(rows):
        _require(row, ("acronym", "name"), f"{where} entry {i}")
        if row.get("kind") and row["kind"] not in Forum.Kind.values:
            raise ReferenceDataError(f"{where} {row['acronym']}: unknown kind {row['kind']!r}")
        forum = existing.get(row["acronym"])
        values = {"name": row["name"], "kind": row.get("kind") or "", "founded": row.get("founded")}
        registered = row.get("registered", True)  # false: a known organisation outside the registry
        if forum is None and decisions.is_removed("forum", row["acronym"]):
            continue  # a curator deleted (or renamed) it
        if forum is None:
            forum = Forum(
                acronym=row["acronym"],
                other_names=list(row.get("other_names") or []),
                registered=registered,
                known=not registered,
            )
            forum.kind = values["kind"] or Forum.Kind.ORGANISATION
            _fill_blanks(forum, values)
            existing[forum.acronym] = forum
            new.append(forum)
            continue
        dirty = False
        if not registered and not forum.registered and not forum.known:
            # ingest created it from an article (named after its acronym): the seed file's name is its name
            forum.known, dirty = True, True
            if forum.name == forum.acronym and not decisions.is_locked("forum.name", forum.pk):
                forum.name = values["name"]
        dirty = _fill_blanks(forum, {"name": values["name"], "founded": values["founded"]}, decisions, "forum") or dirty
        names = _union(
            list(forum.other_names),
            list(row.get("other_names") or []),
            lambda name, pk=forum.pk: decisions.is_removed("forum.other_names", pk, name),
        )
        if names != forum.other_names:
            forum.other_names, dirty = names, True
        # An ingest-created forum that the registry now knows, unless a curator said otherwise.
        if registered and not forum.registered and not decisions.is_locked("forum.registered", forum.pk):
            forum.registered, dirty = True, True
        if dirty:
            changed.append(forum)
    bulk_create_with_history(new, Forum, batch_size=BATCH)
    with_parent = _link_parents(rows, existing, where, decisions)
    to_update = {f.pk: f for f in changed + with_parent}
    if to_update:
        fields = ["name", "founded", "other_names", "registered", "known", "parent"]
        bulk_update_with_history(list(to_update.values()), Forum, fields, batch_size=BATCH)
    updated = len(to_update.keys() - {f.pk for f in new})
    report.add("forums", len(new), updated, len(rows) - len(new) - updated)


def _link_parents(
    rows: list[dict[str, Any]], forums: dict[str, Forum], where: str, decisions: Decisions
) -> list[Forum]:
    """Set each forum's parent (the rows exist by now); a parent a curator set or cleared stays."""
    linked = []
    for row in rows:
        parent = row.get("parent")
        if not parent or row["acronym"] not in forums:  # not in forums: a forum a curator deleted
            continue
        if parent not in forums:
            if decisions.is_removed("forum", parent):
                continue
            raise ReferenceDataError(f"{where} {row['acronym']}: parent {parent!r} is not a forum")
        forum = forums[row["acronym"]]
        if forum.parent_id is None and not decisions.is_locked("forum.parent", forum.pk):
            forum.parent = forums[parent]
            linked.append(forum)
    return linked


def _load_memberships(rows: list[dict[str, Any]], report: LoadReport, where: str, decisions: Decisions) -> None:
    forums = dict(Forum.objects.values_list("acronym", "pk"))
    countries = set(Country.objects.values_list("iso3", flat=True))
    existing = {(m.forum_id, m.country_id): m for m in ForumMembership.objects.all()}
    new, changed = [], []
    for i, row in enumerate(rows):
        at = f"{where} entry {i}"
        _require(row, ("forum", "country"), at)
        if decisions.is_removed("forummembership", row["forum"], row["country"]):
            continue  # a curator deleted it
        if row["forum"] not in forums and decisions.is_removed("forum", row["forum"]):
            continue
        if row["forum"] not in forums:
            raise ReferenceDataError(f"{at}: unknown forum {row['forum']!r}")
        if row["country"] not in countries:
            raise ReferenceDataError(f"{at}: unknown country code {row['country']!r}")
        status = row.get("status") or ForumMembership.Status.MEMBER
        if status not in ForumMembership.Status.values:
            raise ReferenceDataError(f"{at}: unknown status {status!r}")
        key = (forums[row["forum"]], row["country"])
        membership = existing.get(key)
        if membership is None:
            membership = ForumMembership(forum_id=key[0], country_id=key[1], status=status, since=row.get("since"))
            existing[key] = membership
            new.append(membership)
        elif _fill_blanks(membership, {"since": row.get("since")}, decisions, "forummembership"):
            changed.append(membership)
    bulk_create_with_history(new, ForumMembership, batch_size=BATCH)
    if changed:
        bulk_update_with_history(changed, ForumMembership, ["since"], batch_size=BATCH)
    report.add("memberships", len(new), len(changed), len(rows) - len(new) - len(changed))


def _load_officials(rows: list[dict[str, Any]], report: LoadReport, where: str, decisions: Decisions) -> None:
    """Known officials: matched by any of their names within their country, so a curator's rename stays;
    one a curator deleted is not created again, nor a name a curator took off one."""
    countries = set(Country.objects.values_list("iso3", flat=True))
    known: dict[str | None, list[tuple[Official, set[tuple[str, ...]], set[str]]]] = {}
    for official in Official.objects.prefetch_related("other_names"):
        names = {official.name, *(n.name for n in official.other_names.all())}
        known.setdefault(official.country_id, []).append((official, {name_key(n) for n in names}, names))
    new, aliases, confirmed, unchanged = [], [], [], 0
    for i, row in enumerate(rows):
        _require(row, ("name",), f"{where} entry {i}")
        country = row.get("country")
        if country and country not in countries:
            raise ReferenceDataError(f"{where} entry {i}: unknown country code {country!r}")
        written = [row["name"], *(row.get("other_names") or [])]
        keys = {name_key(n) for n in written}
        match = next((k for k in known.get(country, []) if k[1] & keys), None)
        if match is None and any(
            decisions.is_removed("official", country or "", official_removal_key(n)) for n in written
        ):
            continue
        if match is None:
            official = Official(name=row["name"], country_id=country, curated=True)
            match = (official, keys, {row["name"]})
            known.setdefault(country, []).append(match)
            new.append(official)
        elif not match[0].curated and not decisions.is_locked("official.curated", match[0].pk):
            match[0].curated = True
            confirmed.append(match[0])
        else:
            unchanged += 1
        for name in written:
            if name not in match[2] and not decisions.is_removed("officialname", match[0].pk, name):
                match[2].add(name)
                aliases.append((match[0], name))
    bulk_create_with_history(new, Official, batch_size=BATCH)
    if confirmed:
        bulk_update_with_history(confirmed, Official, ["curated"], batch_size=BATCH)
    bulk_create_with_history([OfficialName(official=o, name=n) for o, n in aliases], OfficialName, batch_size=BATCH)
    report.add("officials", len(new), len(confirmed), unchanged)
    report.add("official names", created=len(aliases))


SEED_FILES = ("countries.json", "sectors.json", "forums.json", "memberships.json", "officials.json")


def _load_feeds(rows: list[dict[str, Any]], report: LoadReport, where: str, decisions: Decisions) -> None:
    """Feeds to poll, always created inactive (the app must start, and stay, without network access
    until a curator switches a feed on); existing ones only get their blank fields filled."""
    existing = {f.url: f for f in Feed.objects.all()}
    new, changed = [], []
    for i, row in enumerate(rows):
        _require(row, ("url",), f"{where} entry {i}")
        problem = url_problem(row["url"])
        if problem:
            raise ReferenceDataError(f"{where} entry {i}: url {problem}")
        values = {k: row.get(k) or "" for k in ("title", "publisher", "language")}
        feed = existing.get(row["url"])
        if feed is None and decisions.is_removed("feed", row["url"]):
            continue  # a curator deleted it
        if feed is None:
            feed = Feed(url=row["url"], active=False, poll_interval=int(row.get("poll_interval") or 60), **values)
            feed.full_clean()
            existing[feed.url] = feed
            new.append(feed)
        elif _fill_blanks(feed, values, decisions, "feed"):
            changed.append(feed)
    bulk_create_with_history(new, Feed, batch_size=BATCH)
    if changed:
        bulk_update_with_history(changed, Feed, ["title", "publisher", "language"], batch_size=BATCH)
    report.add("feeds", len(new), len(changed), len(rows) - len(new) - len(changed))


@transaction.atomic
def reference_data_load(*, seeds_dir: Path = SEEDS_DIR) -> LoadReport:
    """Load countries, sectors, forums, memberships and known officials from the seed files (additive, idempotent)."""
    files = {name: _read(seeds_dir, name) for name in SEED_FILES}
    report = LoadReport()
    decisions = Decisions.load()
    _load_countries(files["countries.json"], report, str(seeds_dir / "countries.json"), decisions)
    _load_sectors(files["sectors.json"], report, str(seeds_dir / "sectors.json"), decisions)
    _load_forums(files["forums.json"], report, str(seeds_dir / "forums.json"), decisions)
    _load_memberships(files["memberships.json"], report, str(seeds_dir / "memberships.json"), decisions)
    _load_officials(files["officials.json"], report, str(seeds_dir / "officials.json"), decisions)
    if (seeds_dir / "feeds.json").exists():
        _load_feeds(_read(seeds_dir, "feeds.json"), report, str(seeds_dir / "feeds.json"), decisions)
    if report.changed:
        data_changed()
    return report
