"""Fill a PostgreSQL database with N generated meetings, fast, for the web benchmark (`make bench-web`).

The rows are written with COPY, not through the extractor (`bench_ingest` measures ingest): every
row the pages and the API read, in the shape of a few years of worldwide news (issue 10):

- about 15,600 country pairs at 100,000 meetings (countries weighted by a power law) and a few
  busy pairs; AZE-PAK takes 1.8% of all meetings (about 1,800 meetings, 5,500 participants and
  750 stated levels at 100,000);
- officials: N/20 (at least 500), about 5,000 at 100,000, besides the seed list;
- per meeting: 2 parties, 2-4 participants (nine in ten resolved to an official of their country),
  2-5 sectors, 0-2 forums, 1-3 source articles of 1-3 KB with their evidence sentences and offsets;
  status mostly extracted (13% verified, 2% rejected); dates over ten years, 3% undated;
- one BilateralRelation per pair that met, a stated level for one meeting in twenty (four in ten
  for the busy pairs), the countries each article mentions.

Deterministic for a given N and seed. Columns the loader does not know (a counter another branch
adds, say) get the model field's default, and a `manage.py` command that recomputes stored
aggregates (`recompute_*`/`refresh_*`/`rebuild_*` with "aggregate", "counter" or "stat" in the name)
is run after the fill (BENCH_FILL_COMMANDS names others), then VACUUM ANALYZE.

A filled database is kept and reused while it holds N meetings made by this loader on the current
schema (no migration pending); the fill is recorded in the database's COMMENT. Usage:

    python -m benchmarks.fill 10000 [--database-url URL] [--refill] [--seed 7]

It prints one line of JSON: meetings, fill seconds (0 when reused), reused, and the ids the web
benchmark requests. With BENCH_ADMIN_PASSWORD set, the superuser `bench-admin` gets that password.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import os
import random
import sys
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

DEFAULT_HOST_URL = "postgres://postgres@127.0.0.1:5432/"
ADMIN_USERNAME = "bench-admin"
CHUNK = 5_000  # meetings per round of COPYs
BUSY_PAIRS = {("AZE", "PAK"): 0.018, ("AZE", "TUR"): 0.006, ("CHN", "RUS"): 0.005, ("IND", "USA"): 0.004}
PROMINENT = ["USA", "CHN", "RUS", "TUR", "IND", "AZE", "PAK", "FRA", "DEU", "GBR", "JPN", "IRN", "SAU", "KAZ", "UZB"]
WEIGHT_POWER, WEIGHT_OFFSET = 1.1, 4  # about 15,600 distinct pairs at 100,000 meetings
LEVEL_SHARE, BUSY_LEVEL_SHARE = 0.05, 0.41
FORMATS = {
    "official_visit": 20, "working_visit": 10, "state_visit": 5, "sidelines": 15, "phone_call": 20,
    "video_call": 5, "reception": 10, "talks": 15,
}  # fmt: skip
FORMAT_PHRASES = {
    "official_visit": "who is on an official visit to {b}, met with", "working_visit": "who is on a working visit to {b}, met with",
    "state_visit": "who is on a state visit to {b}, met with", "sidelines": "met on the sidelines of a summit with",
    "phone_call": "had a telephone conversation with", "video_call": "held a video conference with",
    "reception": "was received by", "talks": "held talks with",
}  # fmt: skip
ROLES = [
    ("Minister of Foreign Affairs", "Foreign Minister"), ("President", "President"), ("Prime Minister", "Prime Minister"),
]  # fmt: skip
EXTRA_TITLES = ["Deputy Minister of Foreign Affairs", "Ambassador", "Minister of Economy", "Minister of Energy"]
FORUMS = ["UN", "OIC", "NAM", "SCO", "OTS", "CICA", "CIS", "OSCE", "ECO", "BRICS", "G20", "ASEAN", "AU", "EU", "WTO"]
LEVELS = {
    "friendly": "friendly relations", "strategic_partnership": "strategic partnership",
    "comprehensive_strategic_partnership": "comprehensive strategic partnership", "allied": "allied relations",
}  # fmt: skip
FILLER = [
    "The meeting was held in a warm and constructive atmosphere.",
    "{a} and {b} noted the steady growth of bilateral trade over the past years and the potential to increase it further.",
    "The sides exchanged views on the regional situation and on international issues of mutual interest.",
    "Particular attention was paid to the implementation of agreements reached during previous high-level contacts.",
    "The parties underlined the importance of the intergovernmental commission on economic cooperation.",
    "They agreed to hold the next round of political consultations between the foreign ministries of {a} and {b} later this year.",
    "The {da} side expressed its gratitude for the hospitality extended to the delegation.",
    "The two sides stressed the role of direct flights and transport corridors in bringing the peoples of {a} and {b} closer.",
    "Issues of cooperation in the fields of {s} were also on the agenda.",
    "A number of documents were signed at the end of the talks, including a memorandum of understanding on {s}.",
    "The {db} officials briefed the guests on the reforms carried out in their country in recent years.",
    "Both sides expressed satisfaction with the level of political dialogue and agreed to keep in close contact.",
    "The parties also discussed humanitarian issues, people-to-people contacts and cooperation between universities.",
    "It was noted that the business forum held on the margins of the visit brought together more than a hundred companies.",
    "The sides reaffirmed their commitment to the principles of sovereignty and territorial integrity of states.",
    "Experts from {a} and {b} will meet next month to prepare a roadmap for joint projects in {s}.",
]
AGENCIES = ["Global News Agency", "Capital Press Service", "Ministry of Foreign Affairs", "Daily Diplomatic Wire"]
SYLLABLES = "ka ri mo san tel vo ar bek lan dur mi sha no zar ga lim to ren ba hel ut ker ja vin os da".split()  # noqa: SIM905
FIRST_DAY, DAYS = date(2015, 1, 1), 3650 + 180


# --------------------------------------------------------------------------- databases


def database_url(name: str) -> str:
    """The URL of database `name` on the benchmark's server (BENCH_WEB_SERVER_URL, default 127.0.0.1:5432)."""
    server = os.environ.get("BENCH_WEB_SERVER_URL", DEFAULT_HOST_URL)
    return urlparse(server)._replace(path=f"/{name}").geturl()


def database_name(meetings: int) -> str:
    """relations_bench_10k for 10,000 meetings (the prefix from BENCH_WEB_DB_PREFIX)."""
    prefix = os.environ.get("BENCH_WEB_DB_PREFIX", "relations_bench_")
    return f"{prefix}{meetings // 1000}k" if meetings % 1000 == 0 else f"{prefix}{meetings}"


def _admin_url(url: str) -> str:
    return urlparse(url)._replace(path="/postgres").geturl()


def _db_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def _recorded_fill(url: str) -> dict[str, Any] | None:
    """What the database's COMMENT says was filled into it; None when it does not exist or says nothing."""
    import psycopg

    with psycopg.connect(_admin_url(url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [_db_name(url)]
        ).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0] or "")
    except ValueError:
        return {}


def _recreate(url: str) -> None:
    import psycopg

    name = _db_name(url)
    with psycopg.connect(_admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def loader_fingerprint() -> str:
    """Changes whenever this loader changes: a database filled by another version is filled again."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _pending_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _ in plan]


# --------------------------------------------------------------------------- COPY with the models' defaults


class Table:
    """COPY rows into one model's table: the given columns, then every other column's default."""

    def __init__(self, model: Any, given: Sequence[str]) -> None:
        from django.db import connection
        from django.db.models import NOT_PROVIDED

        self.model = model
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [name for name in given if name not in by_attname]
        if unknown:
            raise SystemExit(f"fill: {model.__name__} has no field {', '.join(unknown)}: update benchmarks/fill.py")
        columns = [by_attname[name].column for name in given]
        defaults: list[Any] = []
        now = datetime.now(UTC)
        for field in model._meta.concrete_fields:
            if field.attname in given or getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED:
                continue  # given, or the database computes it
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value: Any = now
            elif field.has_default() or field.null or field.empty_strings_allowed:
                value = field.get_db_prep_save(field.get_default(), connection)
            else:
                raise SystemExit(
                    f"fill: {model.__name__}.{field.name} is NOT NULL without a default: give it a value in "
                    "benchmarks/fill.py"
                )
            columns.append(field.column)
            defaults.append(value)
        self.defaults = tuple(defaults)
        quoted = ", ".join(f'"{column}"' for column in columns)
        self.sql = f'COPY "{model._meta.db_table}" ({quoted}) FROM STDIN'
        self.rows = 0

    def write(self, cursor: Any, rows: Iterable[tuple]) -> None:
        defaults = self.defaults
        with cursor.copy(self.sql) as copy:
            for row in rows:
                copy.write_row(row + defaults if defaults else row)
                self.rows += 1


# --------------------------------------------------------------------------- the generated world


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def _join(items: Sequence[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else items[0]


class World:
    """Reference data read from the database, and the weighted choices the meetings are drawn from."""

    def __init__(self, rng: random.Random) -> None:
        from relations.models import CooperationSector, Country, CountryName, Forum

        countries = list(Country.objects.order_by("iso3").values("iso3", "name", "capital"))
        demonyms = dict(
            CountryName.objects.filter(kind="demonym").order_by("country_id", "id").values_list("country_id", "name")
        )
        self.countries = {c["iso3"]: c for c in countries}
        for iso3, country in self.countries.items():
            country["capital"] = country["capital"] or country["name"]
            country["demonym"] = demonyms.get(iso3, country["name"])
        rest = [c for c in sorted(self.countries) if c not in PROMINENT]
        rng.shuffle(rest)
        self.ranked = [c for c in PROMINENT if c in self.countries] + rest
        self.cumulative = list(
            itertools.accumulate(1 / (i + WEIGHT_OFFSET) ** WEIGHT_POWER for i in range(len(self.ranked)))
        )
        self.busy = [(pair, share) for pair, share in BUSY_PAIRS.items() if set(pair) <= set(self.countries)]
        self.sectors = dict(CooperationSector.objects.order_by("slug").values_list("slug", "id"))
        self.sector_names = dict(CooperationSector.objects.values_list("slug", "name"))
        forums = dict(Forum.objects.filter(acronym__in=FORUMS).values_list("acronym", "id"))
        self.forums = [(acronym, forums[acronym]) for acronym in FORUMS if acronym in forums]
        self.forum_names = dict(Forum.objects.filter(acronym__in=FORUMS).values_list("acronym", "name"))

    def country(self, rng: random.Random) -> str:
        return self.ranked[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def pair(self, rng: random.Random) -> tuple[str, str]:
        draw = rng.random()
        for pair, share in self.busy:
            if draw < share:
                return pair
            draw -= share
        a = self.country(rng)
        b = self.country(rng)
        while b == a:
            b = self.country(rng)
        return (a, b) if a < b else (b, a)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Filler:
    """Writes the rows, keeping the ids it hands out (each table continues after its current maximum)."""

    def __init__(self, meetings: int, seed: int) -> None:
        from django.db import connection

        from relations import models

        self.n = meetings
        self.rng = random.Random(seed)
        self.world = World(self.rng)
        self.models = models
        self.cursor = connection.cursor().cursor  # psycopg's own cursor: COPY
        self.now = datetime.now(UTC)
        self.next_id: dict[Any, int] = {}
        self.relations: dict[tuple[str, str], int] = {}
        self.officials: dict[str, list[tuple[int, str]]] = {}
        self.tables = self._tables()

    def _tables(self) -> dict[str, Table]:
        m = self.models
        evidence = ["source_id", "evidence", "evidence_start", "evidence_end", "origin"]
        stamps = ["created_at", "updated_at"]
        return {
            "official": Table(m.Official, ["id", "name", "country_id", "curated", *stamps]),
            "position": Table(m.Position, ["id", "official_id", "title", "country_id", "start_date", *stamps]),
            "article": Table(
                m.Article,
                [
                    "id",
                    "title",
                    "text",
                    "url",
                    "publisher",
                    "published",
                    "language",
                    "content_hash",
                    "extractor_version",
                    "extracted_at",
                    "extraction",
                    *stamps,
                ],
            ),
            "mentioned": Table(m.Article.countries_mentioned.through, ["id", "article_id", "country_id"]),
            "meeting": Table(
                m.Meeting,
                [
                    "id",
                    "title",
                    "date",
                    "date_precision",
                    "format",
                    "location_country_id",
                    "location_city",
                    "host_country_id",
                    "status",
                    "summary",
                    "date_evidence",
                    "format_evidence",
                    "location_evidence",
                    "party_key",
                    *stamps,
                ],
            ),
            "party": Table(m.MeetingCountry, ["id", "meeting_id", "country_id", *evidence, *stamps]),
            "participant": Table(
                m.MeetingParticipant,
                ["id", "meeting_id", "official_id", "country_id", "raw_name", "title", *evidence, *stamps],
            ),
            "sector": Table(m.MeetingSector, ["id", "meeting_id", "sector_id", *evidence, *stamps]),
            "forum": Table(m.MeetingForum, ["id", "meeting_id", "forum_id", *evidence, *stamps]),
            "source": Table(m.MeetingSource, ["id", "meeting_id", "article_id", "how", *stamps]),
            "relation": Table(m.BilateralRelation, ["id", "country_a_id", "country_b_id", *stamps]),
            "level": Table(
                m.RelationLevel, ["id", "relation_id", "level", "stated_on", "source_id", "evidence", *stamps]
            ),
        }

    def ids(self, key: str, count: int) -> range:
        """`count` new ids for a table, after those already there."""
        table = self.tables[key]
        if key not in self.next_id:
            self.cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table.model._meta.db_table}"')
            self.next_id[key] = self.cursor.fetchone()[0] + 1
        start = self.next_id[key]
        self.next_id[key] += count
        return range(start, start + count)

    # ----------------------------------------------------------------------- officials

    def fill_officials(self) -> None:
        from relations.models import Official

        for official_id, name, country in Official.objects.exclude(country=None).values_list("id", "name", "country"):
            self.officials.setdefault(country, []).append((official_id, name))
        total = max(500, round(self.n / 20))
        weights = [self.world.cumulative[0]] + [b - a for a, b in itertools.pairwise(self.world.cumulative)]
        scale = total / sum(weights)
        per_country = {iso3: max(1, round(w * scale)) for iso3, w in zip(self.world.ranked, weights, strict=True)}
        ids = iter(self.ids("official", sum(per_country.values())))
        officials, positions = [], []
        position_ids = iter(self.ids("position", sum(per_country.values())))
        for iso3, count in per_country.items():
            taken = {name for _, name in self.officials.get(iso3, [])}
            for _ in range(count):
                name = _name(self.rng)
                while name in taken:
                    name = _name(self.rng)
                taken.add(name)
                official_id = next(ids)
                self.officials.setdefault(iso3, []).append((official_id, name))
                officials.append((official_id, name, iso3, False, self.now, self.now))
                start = FIRST_DAY + timedelta(days=self.rng.randrange(DAYS))
                title = self.rng.choice([*[r[0] for r in ROLES], *EXTRA_TITLES])
                positions.append((next(position_ids), official_id, title, iso3, start, self.now, self.now))
        self.tables["official"].write(self.cursor, officials)
        self.tables["position"].write(self.cursor, positions)

    # ----------------------------------------------------------------------- meetings

    def fill_meetings(self, progress: bool) -> None:
        from django.db import transaction

        for start in range(0, self.n, CHUNK):
            count = min(CHUNK, self.n - start)
            with transaction.atomic():
                self._chunk(count)
            if progress:
                print(f"fill: {start + count:,}/{self.n:,} meetings", file=sys.stderr, flush=True)

    def _chunk(self, count: int) -> None:
        rows: dict[str, list[tuple]] = {key: [] for key in self.tables if key not in ("official", "position")}
        for meeting_id in self.ids("meeting", count):
            self._meeting(meeting_id, rows)
        for key in ("relation", "article", "mentioned", "meeting", "party", "participant", "sector", "forum"):
            self.tables[key].write(self.cursor, rows[key])
        self.tables["source"].write(self.cursor, rows["source"])
        self.tables["level"].write(self.cursor, rows["level"])

    def _meeting(self, meeting_id: int, rows: dict[str, list[tuple]]) -> None:  # noqa: C901  # one meeting, all its rows
        rng, world = self.rng, self.world
        a, b = world.pair(rng)
        first, second = (a, b) if rng.random() < 0.5 else (b, a)  # who is named first in the text
        ca, cb = world.countries[first], world.countries[second]
        when: date | None = FIRST_DAY + timedelta(days=rng.randrange(DAYS)) if rng.random() >= 0.03 else None
        precision = "unknown"
        if when is not None:
            roll = rng.random()
            precision = "day" if roll < 0.9 else "month" if roll < 0.96 else "year"
            when = (
                when
                if precision == "day"
                else when.replace(day=1)
                if precision == "month"
                else when.replace(month=1, day=1)
            )
        stamp = datetime(*(when or FIRST_DAY).timetuple()[:3], 12, tzinfo=UTC) + timedelta(days=1)
        fmt = _weighted(rng, FORMATS)
        host = second if fmt in ("official_visit", "working_visit", "state_visit", "reception", "talks") else None
        location = host
        if fmt == "sidelines":
            location = world.country(rng)
        city = world.countries[location]["capital"] if location else ""
        status = "extracted" if (roll := rng.random()) < 0.85 else "verified" if roll < 0.98 else "rejected"
        long, short = rng.choice(ROLES)
        sectors = rng.sample(list(world.sectors), rng.randint(2, 5))
        forums = rng.sample(world.forums, rng.choice([0, 0, 1, 1, 1, 2]))
        people = self._participants(first, second, long, rng)

        # The sentences the facts are read from, shared by every report of the meeting.
        day = f"{when:%B} {when.day}, {when.year}" if when and precision == "day" else "earlier this month"
        place = f" in {city}" if city else ""
        pa, pb = people[0][1], people[1][1]
        s_meet = (
            f"{pa}, {ca['name']}'s {long}, {FORMAT_PHRASES[fmt].format(b=cb['name'])} {pb}, "
            f"{long} of {cb['name']}{place}, on {day}."
        )
        s_sectors = f"The sides discussed cooperation in {_join([world.sector_names[s].lower() for s in sectors])}."
        s_forums = (
            f"They also praised mutual support within {_join([world.forum_names[f] for f, _ in forums])}."
            if forums
            else ""
        )
        level = None
        if rng.random() < (BUSY_LEVEL_SHARE if (a, b) in BUSY_PAIRS else LEVEL_SHARE):
            level = rng.choice(list(LEVELS))
        s_level = (
            f"{ca['name']} and {cb['name']} hailed the {LEVELS[level]} between the two countries." if level else ""
        )
        s_others = " ".join(f"{title} {name} also took part in the meeting." for _, name, _, title in people[2:])
        title = rng.choice(
            [
                f"{ca['demonym']} {short} meets {cb['demonym']} counterpart" + (f" in {city}" if city else ""),
                f"{ca['name']}-{cb['name']} {long}s' meeting",
                f"{short} {pa} holds talks with {cb['demonym']} {short.lower()}",
            ]
        )
        summary = s_sectors + (f" {s_level}" if s_level else "")

        # The articles: one to three reports of the meeting by different agencies.
        article_ids = list(self.ids("article", rng.choices([1, 2, 3], weights=[50, 35, 15])[0]))
        fillers = {"a": ca["name"], "b": cb["name"], "da": ca["demonym"], "db": cb["demonym"]}
        first_text = ""
        for n, article_id in enumerate(article_ids):
            body = [s_meet, s_sectors, s_forums, s_level, s_others]
            extra = []
            target = rng.randint(1000, 3000)
            length = sum(len(s) for s in body)
            while length < target:
                sentence = rng.choice(FILLER).format(**fillers, s=world.sector_names[rng.choice(sectors)].lower())
                extra.append(sentence)
                length += len(sentence) + 1
            paragraphs = [p for p in [body[0], " ".join(body[1:3]).strip(), body[3], body[4]] if p]
            half = len(extra) // 2
            paragraphs[1:1] = [" ".join(extra[:half])] if half else []
            paragraphs.append(" ".join(extra[half:]))
            paragraphs.append(f"Reported by {AGENCIES[(article_id + n) % len(AGENCIES)]}, ref. {article_id}.")
            text = "\n\n".join(p for p in paragraphs if p)
            first_text = first_text or text
            published = (when or FIRST_DAY + timedelta(days=rng.randrange(DAYS))) + timedelta(days=rng.randint(0, 1))
            extraction = {"meetings": [{"countries": [a, b], "date": when.isoformat() if when else None}]}
            rows["article"].append(
                (
                    article_id, title if n == 0 else f"{title} ({AGENCIES[n]})", text,
                    f"https://news.example.org/{article_id}", AGENCIES[(article_id + n) % len(AGENCIES)], published,
                    "en", hashlib.sha256(text.encode()).hexdigest(), "bench", stamp, _json(extraction), stamp, stamp,
                )
            )  # fmt: skip
            mentioned = {a, b} | ({location} if location else set())
            if rng.random() < 0.3:
                mentioned.add(world.country(rng))
            for iso3 in sorted(mentioned):
                rows["mentioned"].append((self.ids("mentioned", 1)[0], article_id, iso3))
        for n, article_id in enumerate(article_ids):
            how = "created" if n == 0 else "merged"
            rows["source"].append((self.ids("source", 1)[0], meeting_id, article_id, how, stamp, stamp))

        source = article_ids[0]

        def evidence(sentence: str) -> tuple:
            start = first_text.find(sentence) if sentence else -1
            if start < 0:
                return (source, sentence, None, None, "extracted")
            return (source, sentence, start, start + len(sentence), "extracted")

        rows["meeting"].append(
            (
                meeting_id, title, when, precision, fmt, location, city, host, status, summary,
                s_meet if when else "", s_meet, s_meet if city else "", "-".join(sorted((a, b))), stamp, stamp,
            )
        )  # fmt: skip
        for iso3 in sorted((a, b)):
            rows["party"].append((self.ids("party", 1)[0], meeting_id, iso3, *evidence(s_meet), stamp, stamp))
        for official_id, name, iso3, person_title in people:
            sentence = s_meet if name in (pa, pb) else f"{person_title} {name} also took part in the meeting."
            rows["participant"].append(
                (
                    self.ids("participant", 1)[0], meeting_id, official_id, iso3, name, person_title,
                    *evidence(sentence), stamp, stamp,
                )
            )  # fmt: skip
        for slug in sectors:
            row = (self.ids("sector", 1)[0], meeting_id, world.sectors[slug], *evidence(s_sectors), stamp, stamp)
            rows["sector"].append(row)
        for _, forum_id in forums:
            rows["forum"].append((self.ids("forum", 1)[0], meeting_id, forum_id, *evidence(s_forums), stamp, stamp))
        pair = (a, b)
        if pair not in self.relations:
            self.relations[pair] = self.ids("relation", 1)[0]
            rows["relation"].append((self.relations[pair], a, b, stamp, stamp))
        if level:
            row = (self.ids("level", 1)[0], self.relations[pair], level, when, source, s_level, stamp, stamp)
            rows["level"].append(row)

    def _participants(self, first: str, second: str, long: str, rng: random.Random) -> list[tuple]:
        """(official id or None, name as written, country, title): one per side, then up to two more."""
        people: list[tuple] = []
        names: set[str] = set()
        officials: set[int] = set()
        sides = [first, second] + [rng.choice([first, second]) for _ in range(rng.randint(0, 2))]
        for n, iso3 in enumerate(sides):
            pool = self.officials.get(iso3) or []
            title = long if n < 2 else rng.choice(EXTRA_TITLES)
            official_id, name = rng.choice(pool) if pool and rng.random() < 0.9 else (None, _name(rng))
            while official_id in officials or name in names:
                if n >= 2:
                    break
                official_id, name = None, _name(rng)  # each side is named once at least
            else:
                if official_id is not None:
                    officials.add(official_id)
                names.add(name)
                people.append((official_id, name, iso3, title))
        return people

    def run(self, progress: bool = False) -> None:
        """Officials, then the meetings and all their rows; the id sequences continue after them."""
        self.fill_officials()
        self.fill_meetings(progress)
        self.set_sequences()

    def set_sequences(self) -> None:
        for table in self.tables.values():
            db_table = table.model._meta.db_table
            self.cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{db_table}\"', 'id'), "
                f'GREATEST((SELECT MAX(id) FROM "{db_table}"), 1))'
            )


def _json(value: Any) -> Any:
    from psycopg.types.json import Jsonb

    return Jsonb(value)


# --------------------------------------------------------------------------- the fill


def recompute_commands() -> list[str]:
    """Management commands that recompute stored aggregates from scratch, if the app has any.

    BENCH_FILL_COMMANDS (comma-separated) names them when their names say otherwise.
    """
    from django.core.management import get_commands

    if os.environ.get("BENCH_FILL_COMMANDS") is not None:
        return [name.strip() for name in os.environ["BENCH_FILL_COMMANDS"].split(",") if name.strip()]

    words = ("aggregate", "counter", "stat", "count")
    return sorted(
        name
        for name, app in get_commands().items()
        if app == "relations"
        and name.startswith(("recompute", "refresh", "rebuild", "recount"))
        and any(w in name for w in words)
    )


def _secondary_indexes(tables: Iterable[str]) -> list[tuple[str, str]]:
    """(name, definition) of the indexes on `tables` that back no constraint: dropped while loading."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = ANY(%s) AND t.relnamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY i.relname
            """,
            [list(tables)],
        )
        return cursor.fetchall()


def fill(meetings: int, seed: int, progress: bool) -> dict[str, Any]:
    """Migrate an empty database, load the reference data and COPY `meetings` meetings in; timings in seconds."""
    from django.core.management import call_command
    from django.db import connection

    from relations import services

    timings: dict[str, float] = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    services.reference_data_load()
    timings["schema and reference data"] = time.perf_counter() - started

    step = time.perf_counter()
    filler = Filler(meetings, seed)
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '256MB'")
    indexes = _secondary_indexes({t.model._meta.db_table for t in filler.tables.values()})
    with connection.cursor() as cursor:
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    filler.run(progress)
    timings["rows (COPY)"] = time.perf_counter() - step

    step = time.perf_counter()
    with connection.cursor() as cursor:
        for _, definition in indexes:
            cursor.execute(definition)
    timings["indexes"] = time.perf_counter() - step

    commands = recompute_commands()
    step = time.perf_counter()
    for name in commands:
        call_command(name, verbosity=0)
    if commands:
        timings[f"{', '.join(commands)}"] = time.perf_counter() - step

    step = time.perf_counter()
    connection.close()
    with connection.cursor() as cursor:  # autocommit: VACUUM runs outside a transaction
        cursor.execute("VACUUM (ANALYZE)")
    timings["vacuum analyze"] = time.perf_counter() - step
    rows = {key: table.rows for key, table in filler.tables.items()}
    return {"timings": timings, "rows": rows, "pairs": len(filler.relations)}


def prepare_admin(password: str) -> None:
    """The superuser the benchmark logs in as, with this run's password and no failed logins on record."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True, "email": ""}
    )
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    try:
        from axes.models import AccessAttempt
    except ImportError:  # the lockout is gone from the app: nothing to reset
        return
    AccessAttempt.objects.filter(username=ADMIN_USERNAME).delete()


def sample_ids() -> dict[str, Any]:
    """Ids of real rows the benchmark requests: the newest visible AZE-PAK meeting (else the newest one)."""
    from django.db.models import F

    from relations.models import Meeting

    newest = Meeting.objects.exclude(status="rejected").order_by(F("date").desc(nulls_last=True), "-id")
    pair = newest.filter(parties__country_id="AZE").filter(parties__country_id="PAK")
    meeting_id = pair.values_list("id", flat=True).first() or newest.values_list("id", flat=True).first()
    return {"meeting_id": meeting_id, "meetings": Meeting.objects.count()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("meetings", type=int)
    parser.add_argument("--database-url", help="default: relations_bench_<N> (10k, 100k) on BENCH_WEB_SERVER_URL")
    parser.add_argument("--refill", action="store_true", help="drop and fill again even when it is current")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    url = args.database_url or database_url(database_name(args.meetings))
    wanted = {"meetings": args.meetings, "seed": args.seed, "loader": loader_fingerprint()}

    import psycopg

    try:
        recorded = _recorded_fill(url)
    except psycopg.OperationalError as exc:
        raise SystemExit(f"fill: no PostgreSQL at {url} ({str(exc).strip().splitlines()[0]})") from None
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    reused = False
    if recorded and not args.refill and {k: recorded.get(k) for k in wanted} == wanted:
        pending = _pending_migrations()
        reused = not pending
        if pending and not args.quiet:
            print(f"fill: {url} misses migrations {', '.join(pending)}: filling again", file=sys.stderr)
    info: dict[str, Any] = {"database_url": url, "reused": reused}
    if reused:
        info.update({key: recorded.get(key) for key in ("fill_seconds", "filled_at", "rows")})
    else:
        from django.db import connection

        connection.close()
        _recreate(url)
        started = time.perf_counter()
        report = fill(args.meetings, args.seed, progress=not args.quiet)
        seconds = round(time.perf_counter() - started, 1)
        comment = {**wanted, "fill_seconds": seconds, "filled_at": datetime.now(UTC).isoformat(timespec="seconds")}
        comment["rows"] = report["rows"]
        with connection.cursor() as cursor:
            literal = json.dumps(comment).replace("'", "''")
            cursor.execute(f"COMMENT ON DATABASE \"{_db_name(url)}\" IS '{literal}'")
        info.update({"fill_seconds": seconds, "filled_at": comment["filled_at"], **report})
    if os.environ.get("BENCH_ADMIN_PASSWORD"):
        prepare_admin(os.environ["BENCH_ADMIN_PASSWORD"])
        info["admin_username"] = ADMIN_USERNAME
    info.update(sample_ids())
    print(json.dumps(info, default=str))


if __name__ == "__main__":
    main()
