"""Placing an article's reported meetings and writing their links: what ingest and re-extraction share.

An article may report several meetings (the extractor's principal `meeting` and its
`other_meetings`): each is a `MeetingReport` of the article's `Pending`, and each becomes (or
merges into) its own Meeting, sourced to the article, with its own parties, participants and
sectors. Forums are article-wide (the contract): each meeting of the article gets them, since an
article reporting several meetings is most often a summit's, whose sidelines they all share.

`prepare` extracts an article (outside any transaction); `place_reports` finds the meeting each
report describes (cross-source dedupe) or makes a new one; `save_placed` writes the new meetings,
the fields a further report fills, the link rows with their evidence, the sources, the relations
and the stored figures. Re-extraction (reextract.py) applies a new reading through the same
functions, so that the two never disagree on what an article gives its meeting. What a placement
changed is returned (`Placement`), not attached to the model objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from relations.extraction import EXTRACTOR_VERSION, ArticleError, ArticleInput, Extraction, Gazetteer
from relations.extraction.batch import extract_article
from relations.extraction.names import name_key
from relations.extraction.types import Fact, MeetingFacts, Participant, Span
from relations.models import (
    Article,
    CooperationSector,
    Country,
    DatePrecision,
    Evidence,
    Forum,
    Meeting,
    MeetingCountry,
    MeetingFormat,
    MeetingForum,
    MeetingParticipant,
    MeetingSector,
    MeetingSource,
    MeetingStatus,
    RelationLevel,
)
from relations.selectors import gazetteer_cached

from .aggregates import Before, meetings_aggregates_refresh, relation_ids_for
from .bulk import copy_insert
from .decisions import Decisions
from .dedupe import Candidate, CandidatePool, Report
from .locks import keys_lock, party_keys
from .officials import OfficialResolver, Person

EXTRACTED = Evidence.Origin.EXTRACTED


class Outcome:
    NEW = "new"  # a new article that created a meeting
    KNOWN = "known"  # the same text was ingested before: nothing changed
    MERGED = "merged"  # a new article about a meeting already on record
    NO_MEETING = "no_meeting"  # a new article that reports no meeting


@dataclass
class IngestContext:
    """What a run keeps between batches: the gazetteer, reference ids, known officials and pairs."""

    gazetteer: Gazetteer
    resolver: OfficialResolver
    countries: frozenset[str]
    sectors: dict[str, int]
    forums: dict[str, int]
    relations: dict[tuple[str, str], int] = field(default_factory=dict)
    decisions: Decisions = field(default_factory=Decisions)

    @classmethod
    def load(cls, gazetteer: Gazetteer | None = None) -> IngestContext:
        return cls(
            gazetteer=gazetteer or gazetteer_cached(),
            resolver=OfficialResolver(),
            countries=frozenset(Country.objects.values_list("iso3", flat=True)),
            sectors=dict(CooperationSector.objects.values_list("slug", "pk")),
            forums=dict(Forum.objects.values_list("acronym", "pk")),
        )

    def forget_writes(self) -> None:
        """After a rollback: drop what the rolled-back transaction created."""
        self.resolver.clear()
        self.forums = dict(Forum.objects.values_list("acronym", "pk"))
        self.relations.clear()

    def lock(self, pendings: list[Pending], party_keys_held: Iterable[str] = ()) -> None:
        """Take the locks of what these reports may create or merge into, then read again what other
        workers committed before: their officials, forums and the curators' decisions (services.locks)."""
        keys = [("article", p.source.content_hash) for p in pendings]
        for key in {Meeting.make_party_key(r.parties) for p in pendings for r in p.meetings} | set(party_keys_held):
            keys += party_keys(key)
        mentions = [m for p in pendings for r in p.meetings for m in r.participants if m.name]
        keys += [("person", f"{m.country}:{name_key(m.name or '')[-1]}") for m in mentions if name_key(m.name or "")]
        labels = {f.value[:128] for p in pendings for f in p.extraction.forums}
        keys += [("forum", label) for label in labels - self.forums.keys()]
        keys_lock(keys)
        self.resolver.keep_fresh({m.country for m in mentions})
        if labels:
            self.forums.update(Forum.objects.filter(acronym__in=labels).values_list("acronym", "pk"))
        self.decisions = Decisions.load()
        self.resolver.decisions = self.decisions


@dataclass(eq=False)
class Pending:
    """A new article of the batch, on its way to the database, with the meetings it reports."""

    source: ArticleInput
    extraction: Extraction
    article: Article
    meetings: list[MeetingReport] = field(default_factory=list)  # the principal one first, if it is one
    outcome: str = Outcome.NO_MEETING  # NEW while placing; then NEW if any meeting is new, else MERGED

    @property
    def parties(self) -> list[str]:
        """The parties of all the meetings it reports."""
        return sorted({code for r in self.meetings for code in r.parties})


@dataclass(eq=False)
class MeetingReport:
    """One meeting an article reports (its principal meeting or one of its other_meetings), on its way
    to the database: the facts, the parties (known codes), and where placing it put it."""

    pending: Pending
    principal: bool  # the extraction's top-level meeting (its relation level is about this one)
    facts: MeetingFacts
    party_facts: list[Fact]
    participants: list[Participant]
    sectors: list[Fact]
    span: Span | None = None  # for another meeting: the sentence that made it a separate one
    parties: list[str] = field(default_factory=list)
    people: list[tuple[Participant, Person | None]] = field(default_factory=list)
    report: Report | None = None
    candidate: Candidate | None = None
    outcome: str = Outcome.NEW

    @property
    def article(self) -> Article:
        return self.pending.article

    @property
    def forums(self) -> list[Fact]:
        return self.pending.extraction.forums  # article-wide: every meeting of the article gets them

    @property
    def party_key(self) -> str:
        return Meeting.make_party_key(self.parties)

    def title(self) -> str:
        """The principal meeting takes the article's title; another one the sentence that reports it
        (its siblings share the article's title, so that would not tell them apart)."""
        sentence = "" if self.principal else " ".join((self.span.sentence if self.span else "").split())
        return (sentence or self.article.title)[:500]

    def summary(self) -> str:
        return meeting_summary(self.facts, self.pending.source.text, None if self.principal else self.span)


def prepare(item: ArticleInput, ctx: IngestContext) -> Pending | ArticleError:
    """Extract (outside any transaction: it is the slow, pure part) and check the result."""
    extraction = extract_article(item, ctx.gazetteer)
    if isinstance(extraction, ArticleError):
        return extraction
    article = Article(
        title=item.title,
        text=item.text,
        url=item.url,
        publisher=item.publisher,
        published=item.published,
        language=item.language,
        content_hash=item.content_hash,
        extractor_version=EXTRACTOR_VERSION,
        extracted_at=timezone.now(),
        extraction=extraction.to_contract(rules=True),  # with the rule id of every fact (issue 11)
    )
    pending = Pending(item, extraction, article)
    reported: list[tuple[bool, MeetingFacts | None, list[Fact], list[Participant], list[Fact], Span | None]]
    reported = [(True, extraction.meeting, extraction.parties, extraction.participants, extraction.sectors, None)]
    reported += [(False, o.meeting, o.parties, o.participants, o.sectors, o.span) for o in extraction.other_meetings]
    for principal, facts, party_facts, participants, sectors, span in reported:
        parties = sorted({f.value for f in party_facts} & ctx.countries)
        if facts is not None and len(parties) >= 2:
            report = MeetingReport(pending, principal, facts, party_facts, participants, sectors, span, parties)
            pending.meetings.append(report)
    if pending.meetings:
        pending.outcome = Outcome.NEW
    return pending


def reports_of(pendings: Iterable[Pending]) -> list[MeetingReport]:
    """Every meeting these articles report, article by article."""
    return [r for p in pendings for r in p.meetings]


def resolve_people(reports: list[MeetingReport], ctx: IngestContext) -> None:
    """Resolve each report's participants to Persons (new ones get an id at the resolver's flush)."""
    ctx.resolver.preload({m.country for r in reports for m in r.participants})
    for r in reports:
        r.people = ctx.resolver.resolve_all(r.participants)
        persons = {person for _, person in r.people if person is not None}
        source, article = r.pending.source, r.pending.article  # the stored hash: the input's is computed anew
        r.report = Report(r.party_key, r.facts.date, source.published, source.text, persons, article.content_hash)


@dataclass
class Placement:
    """Where reports went: the meetings on record they merge into, and the fields they filled there."""

    merged: dict[int, Meeting] = field(default_factory=dict)
    filled: dict[int, set[str]] = field(default_factory=dict)  # meeting id -> fields a report filled

    def fill(self, meeting: Meeting, values: dict) -> None:
        """Fill the empty fields of a meeting on record (or of a new one of this batch) from a further report."""
        fields = fill_empty(meeting, values)
        if meeting.pk:
            self.merged[meeting.pk] = meeting
            self.filled.setdefault(meeting.pk, set()).update(fields)


def place_reports(reports: list[MeetingReport], ctx: IngestContext) -> Placement:
    """Find (or make) each report's meeting; returns the meetings on record that reports merge into.
    An article's outcome is then NEW when one of its meetings is new, else MERGED."""
    resolve_people(reports, ctx)
    pool = CandidatePool.load([r.report for r in reports if r.report])
    placement = Placement()
    for r in reports:
        _place(r, pool, ctx, placement)
    for r in reports:
        r.pending.outcome = Outcome.MERGED
    for r in reports:
        if r.outcome == Outcome.NEW:
            r.pending.outcome = Outcome.NEW
    ctx.resolver.flush()
    return placement


def mentioned_codes(p: Pending, ctx: IngestContext) -> list[str]:
    """The countries an article mentions: those it names and its meeting's parties."""
    return sorted(({f.value for f in p.extraction.countries_mentioned} | set(p.parties)) & ctx.countries)


def save_placed(
    reports: list[MeetingReport],
    ctx: IngestContext,
    placement: Placement,
    known_levels: frozenset[tuple[int, str, int]] = frozenset(),
    articles: int = 0,
) -> None:
    """Write the placed reports' new meetings, filled fields, links, sources and relations (articles saved),
    and the figures they change (the totals too: new articles, and maybe new meetings)."""
    before = Before.of(placement.merged)  # the meetings on record, before this batch adds to them
    new_meetings = [r.candidate.meeting for r in reports if r.outcome == Outcome.NEW and r.candidate]
    bulk_create_with_history(new_meetings, Meeting, batch_size=500)
    fields = sorted(set().union(*placement.filled.values()))
    if fields:
        filled = [placement.merged[pk] for pk, changed in placement.filled.items() if changed]
        bulk_update_with_history(filled, Meeting, [*fields, "updated_at"], batch_size=500)
    _write_links(reports, ctx, placement.merged)
    levels = write_relations(reports, ctx, known_levels)
    meetings = {r.candidate.meeting.pk for r in reports if r.candidate}
    meetings_aggregates_refresh(meetings, before=before, also=levels, articles=articles)


def _place(r: MeetingReport, pool: CandidatePool, ctx: IngestContext, placement: Placement) -> None:
    """Attach the report to the meeting it describes, or make a new (unsaved) meeting for it."""
    assert r.report is not None
    candidate = pool.match(r.report)
    if candidate is None:
        meeting = Meeting(title=r.title(), summary=r.summary(), party_key=r.report.key, **meeting_values(r.facts, ctx))
        candidate = Candidate(meeting, r.pending.source.published)
        candidate.add_report(r.report)
        pool.add(candidate)
        r.candidate, r.outcome = candidate, Outcome.NEW
        return
    r.candidate, r.outcome = candidate, Outcome.MERGED
    candidate.add_report(r.report)
    placement.fill(candidate.meeting, meeting_values(r.facts, ctx))


def meeting_summary(facts: MeetingFacts | None, text: str, span: Span | None = None) -> str:
    """The sentence that reports the meeting (where the format was read; for another meeting of the
    article, else the sentence that made it one), else the lead sentence."""
    sentence = facts.format_span.sentence if facts and facts.format_span else ""
    if not sentence and span is not None:
        sentence = span.sentence
    if not sentence:
        sentence = next((line for line in text.split("\n") if line.strip()), "")
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= 400 else sentence[:399].rsplit(" ", 1)[0] + "…"


def meeting_values(facts: MeetingFacts, ctx: IngestContext) -> dict:
    """The meeting's fields from the extracted facts; validated here rather than by full_clean(),
    whose foreign-key checks cost a query each (the codes are checked against ctx.countries)."""
    if facts.format not in MeetingFormat.values or facts.date_precision not in DatePrecision.values:
        raise ValidationError(f"the extractor returned format {facts.format!r}, precision {facts.date_precision!r}")
    location = facts.location_country if facts.location_country in ctx.countries else None
    return {
        "date": facts.date,
        "date_precision": facts.date_precision if facts.date else DatePrecision.UNKNOWN,
        "format": facts.format,
        "location_country_id": location,
        "location_city": (facts.location_city or "")[:128],
        "host_country_id": location,
        "date_evidence": facts.date_span.sentence if facts.date_span else "",
        "format_evidence": facts.format_span.sentence if facts.format_span else "",
        "location_evidence": facts.location_span.sentence if facts.location_span else "",
    }


# Fields a later report may fill when the earlier ones left them empty: field -> columns.
FILLABLE = {
    "date": ("date", "date_precision", "date_evidence"),
    "location_country": ("location_country_id", "location_evidence"),
    "location_city": ("location_city",),
    "host_country": ("host_country_id",),
}


def fill_empty(meeting: Meeting, values: dict) -> set[str]:
    """Fill what the meeting lacks from a further report (never curated or locked fields); returns the
    fields filled."""
    filled: set[str] = set()
    if meeting.status != MeetingStatus.EXTRACTED:
        return filled
    for name, columns in FILLABLE.items():
        if name in meeting.locked_fields or getattr(meeting, columns[0]) not in (None, ""):
            continue
        if values[columns[0]] in (None, ""):
            continue
        for column in columns:
            setattr(meeting, column, values[column])
            filled.add(column.removesuffix("_id"))
        meeting.updated_at = timezone.now()  # bulk_update skips auto_now
    return filled


# --------------------------------------------------------------------------- links


def _quote(span: Span | None) -> dict:
    if span is None:
        return {"evidence": "", "evidence_start": None, "evidence_end": None}
    return {"evidence": span.sentence, "evidence_start": span.start, "evidence_end": span.end}


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.value, fact)
    return list(seen.values())


@dataclass
class HeldLinks:
    """The links a meeting already has, so that a further report adds only what is new."""

    parties: set[str] = field(default_factory=set)
    officials: set[int] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    sectors: set[int] = field(default_factory=set)
    forums: set[int] = field(default_factory=set)

    def add_participant(self, official_id: int | None, raw_name: str) -> None:
        """A participant counts by person and by name as written (case aside)."""
        if official_id:
            self.officials.add(official_id)
        if raw_name:
            self.names.add(raw_name.casefold())


def _existing_links(meeting_ids: Iterable[int]) -> dict[int, HeldLinks]:
    have: dict[int, HeldLinks] = {pk: HeldLinks() for pk in meeting_ids}
    if not have:
        return have
    for mid, code in MeetingCountry.objects.filter(meeting_id__in=have).values_list("meeting_id", "country_id"):
        have[mid].parties.add(code)
    for mid, official, name in MeetingParticipant.objects.filter(meeting_id__in=have).values_list(
        "meeting_id", "official_id", "raw_name"
    ):
        have[mid].add_participant(official, name)
    for mid, sector in MeetingSector.objects.filter(meeting_id__in=have).values_list("meeting_id", "sector_id"):
        have[mid].sectors.add(sector)
    for mid, forum in MeetingForum.objects.filter(meeting_id__in=have).values_list("meeting_id", "forum_id"):
        have[mid].forums.add(forum)
    return have


def ensure_forums(labels: set[str], ctx: IngestContext) -> None:
    """Organisations outside the registry are added, unregistered, under the label the text gives
    (unless a curator deleted that forum)."""
    missing = sorted(
        label[:128]
        for label in labels
        if label[:128] not in ctx.forums and not ctx.decisions.is_removed("forum", label[:128])
    )
    if missing:
        rows = [Forum(acronym=m, name=m[:255], registered=False, kind=Forum.Kind.OTHER) for m in missing]
        for forum in bulk_create_with_history(rows, Forum, batch_size=500):
            ctx.forums[forum.acronym] = forum.pk


def _write_links(reports: list[MeetingReport], ctx: IngestContext, merged_on_record: dict[int, Meeting]) -> None:
    ensure_forums({f.value for r in reports for f in r.forums}, ctx)
    have = _existing_links(merged_on_record)
    rows: dict[type[models.Model], list] = {
        MeetingCountry: [],
        MeetingParticipant: [],
        MeetingSector: [],
        MeetingForum: [],
    }
    sources = []
    for r in reports:
        assert r.candidate is not None
        meeting = r.candidate.meeting
        how = "created" if r.outcome == Outcome.NEW else "merged"
        sources.append(MeetingSource(meeting=meeting, article=r.article, how=how))
        if meeting.status == MeetingStatus.EXTRACTED:
            links_of(r, meeting, have.setdefault(meeting.pk, HeldLinks()), ctx, rows)
    for model, objs in rows.items():
        copy_insert(model, objs)
    copy_insert(MeetingSource, sources)


def links_of(
    r: MeetingReport, meeting: Meeting, have: HeldLinks, ctx: IngestContext, rows: dict[type[models.Model], list]
) -> None:
    """The link rows this report adds to its meeting (what the meeting does not have yet)."""
    common = {"meeting": meeting, "source": r.article, "origin": EXTRACTED}
    locked = set(meeting.locked_fields)  # link sets a curator edited are theirs
    evidence = {f.value: f.span for f in r.party_facts}
    for code in r.parties:
        if code not in have.parties and "countries" not in locked:
            have.parties.add(code)
            rows[MeetingCountry].append(MeetingCountry(country_id=code, **common, **_quote(evidence.get(code))))
    for mention, person in [] if "participants" in locked else r.people:
        row = _participant_row(mention, person, have, ctx)
        if row is not None:
            rows[MeetingParticipant].append(MeetingParticipant(**row, **common, **_quote(mention.span)))
    for fact in _unique(r.sectors):
        sector = ctx.sectors.get(fact.value)
        if sector and sector not in have.sectors and "sectors" not in locked:
            have.sectors.add(sector)
            rows[MeetingSector].append(MeetingSector(sector_id=sector, **common, **_quote(fact.span)))
    for fact in _unique(r.forums):
        forum = ctx.forums.get(fact.value[:128])  # None: a forum a curator deleted
        if forum and forum not in have.forums and "forums" not in locked:
            have.forums.add(forum)
            rows[MeetingForum].append(MeetingForum(forum_id=forum, **common, **_quote(fact.span)))


def _participant_row(mention: Participant, person: Person | None, have: HeldLinks, ctx: IngestContext) -> dict | None:
    raw = (mention.name or "")[:255]
    official = person.official_id if person else None
    if (official and official in have.officials) or (raw and raw.casefold() in have.names):
        return None
    if not raw and not official and not mention.title:
        return None
    if official:
        have.officials.add(official)
    if raw:
        have.names.add(raw.casefold())
    country = mention.country if mention.country in ctx.countries else None
    return {"official_id": official, "country_id": country, "raw_name": raw, "title": (mention.title or "")[:255]}


def write_relations(
    reports: list[MeetingReport], ctx: IngestContext, known_levels: frozenset[tuple[int, str, int]] = frozenset()
) -> set[int]:
    """Every pair of parties has its relation row; a stated level is recorded with its source
    (unless `known_levels` has it already: (relation id, level, article id)). The extractor reads the
    level beside the principal meeting, so it goes to that meeting's pair only. Returns the relations
    that gained a level."""
    _ensure_relations({pair for r in reports for pair in combinations(r.parties, 2)}, ctx)
    levels = []
    for r in reports:
        level = r.pending.extraction.relation_level
        if level is None or not r.principal or len(r.parties) != 2:
            continue
        assert r.candidate is not None
        relation = ctx.relations[(r.parties[0], r.parties[1])]
        if (relation, level.value, r.article.pk) in known_levels:
            continue
        if ctx.decisions.is_removed("relationlevel", r.article.pk, f"{r.parties[0]}-{r.parties[1]}:{level.value}"):
            continue  # a curator deleted this level stated by this article
        levels.append(
            RelationLevel(
                relation_id=relation,
                level=level.value,
                stated_on=r.candidate.meeting.date or r.article.published,
                source=r.article,
                evidence=level.span.sentence if level.span else "",
            )
        )
    RelationLevel.objects.bulk_create(levels, batch_size=500)
    return {level.relation_id for level in levels}


def _ensure_relations(pairs: set[tuple[str, str]], ctx: IngestContext) -> None:
    """Every pair (in code order) has its BilateralRelation row, whose id ctx.relations keeps."""
    ctx.relations.update(relation_ids_for(pairs - ctx.relations.keys()))


def describe(exc: Exception) -> str:
    """A one-line message for a write that failed."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        return " ".join(exc.messages)
    return f"database error ({exc.__class__.__name__}: {exc})".splitlines()[0]
