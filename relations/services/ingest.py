"""Article ingest: an article's text becomes an Article, and its meeting a Meeting with evidence.

Idempotent by content hash: the same text again changes nothing. When an article reports a
meeting already on record (another agency's report of the same event), it is merged into
that Meeting as a further source instead of creating a second one. Curator work is never
overwritten: verified or rejected meetings only gain the source, and fields listed in
Meeting.locked_fields are left alone.

Articles are written in batches (build in memory, one bulk insert per model), each batch in
one transaction. If a batch fails, its articles are retried one transaction each, so a bad
article is skipped alone and nothing is ever half-written. The API and the commands share
this one path: a single article is a batch of one. Re-extraction (reextract.py) places and
links through the same helpers.

Several workers may ingest at once (processes, API requests, hosts): a batch's transaction first
takes the locks of everything it may create or merge into (services.locks: its texts, its
meetings' parties and pairs, its people's names, its new forums), then reads again what other
workers stored meanwhile. So N workers given overlapping or split corpora store exactly the rows
of one serial run, and a text another worker stored first comes out "known".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from relations.extraction import EXTRACTOR_VERSION, ArticleError, ArticleInput, Extraction, Gazetteer
from relations.extraction.batch import extract_article
from relations.extraction.types import Fact, Participant, Span
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

from .aggregates import Before, meetings_aggregates_refresh, relation_ids_for
from .decisions import Decisions
from .dedupe import Candidate, CandidatePool, Report
from .locks import keys_lock, party_keys
from .officials import OfficialResolver, Person, name_key
from .reference import gazetteer_cached
from .versions import data_changed

log = logging.getLogger(__name__)

NO_COUNTRY = "the article names no country"  # relations.extraction.batch's refusal

BATCH_SIZE = 200
EXTRACTED = Evidence.Origin.EXTRACTED


class Outcome:
    NEW = "new"  # a new article that created a meeting
    KNOWN = "known"  # the same text was ingested before: nothing changed
    MERGED = "merged"  # a new article about a meeting already on record
    NO_MEETING = "no_meeting"  # a new article that reports no meeting


@dataclass
class ArticleIngestResult:
    """What ingesting one article did."""

    article: Article
    created: bool
    outcome: str
    meetings: list[Meeting] = field(default_factory=list)
    extraction: Extraction | None = None


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

    def lock(self, pendings: list[_Pending], party_keys_held: Iterable[str] = ()) -> None:
        """Take the locks of what these reports may create or merge into, then read again what other
        workers committed before: their officials, forums and the curators' decisions (services.locks)."""
        keys = [("article", p.source.content_hash) for p in pendings]
        for key in {Meeting.make_party_key(p.parties) for p in pendings if p.outcome == Outcome.NEW} | set(
            party_keys_held
        ):
            keys += party_keys(key)
        mentions = [m for p in pendings for m in p.extraction.participants if m.name]
        keys += [("person", f"{m.country}:{name_key(m.name or '')[-1]}") for m in mentions if name_key(m.name or "")]
        labels = {f.value[:128] for p in pendings for f in p.extraction.forums}
        keys += [("forum", label) for label in labels - self.forums.keys()]
        keys_lock(keys)
        self.resolver.keep_fresh({m.country for m in mentions})
        if labels:
            self.forums.update(Forum.objects.filter(acronym__in=labels).values_list("acronym", "pk"))
        self.decisions = Decisions.load()
        self.resolver.decisions = self.decisions


def ingest_message(result: ArticleIngestResult) -> str:
    """What ingesting an article did, in one sentence for a curator (the admin after a paste)."""
    meeting = result.meetings[0] if result.meetings else None
    if result.outcome == Outcome.NEW and meeting is not None:
        return f"Created meeting #{meeting.pk}"
    if result.outcome == Outcome.MERGED and meeting is not None:
        count = MeetingSource.objects.filter(meeting=meeting).count()
        return f"Added as the {_ordinal(count)} source of meeting #{meeting.pk}"
    if result.outcome == Outcome.KNOWN:
        ids = ", ".join(f"#{m.pk}" for m in result.meetings)
        return f"Already stored as article #{result.article.pk}" + (f" (meeting {ids})" if ids else "")
    return "No meeting: the article reports no meeting between two countries"


def refusal_message(error: ArticleError) -> str:
    """Why an article was refused, as the admin and the API both say it."""
    if error.problem == NO_COUNTRY:
        return f"No meeting: {error.problem}"
    return error.problem


def _ordinal(n: int) -> str:
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    return words.get(n, f"{n}th")


def article_ingest(*, article: ArticleInput, gazetteer: Gazetteer | None = None) -> ArticleIngestResult:
    """Store one article and what it reports, in one transaction; a no-op for a known text.

    Raises ArticleError when the article cannot be used (it names no country, say).
    """
    result = ingest_batch([article], IngestContext.load(gazetteer))[0]
    if isinstance(result, ArticleError):
        raise result
    if result.outcome == Outcome.KNOWN:
        result.article = Article.objects.get(pk=result.article.pk)
        result.meetings = list(result.article.meetings.all())
    return result


# --------------------------------------------------------------------------- one batch


@dataclass(eq=False)
class _Pending:
    """A new article of the batch, on its way to the database."""

    source: ArticleInput
    extraction: Extraction
    article: Article
    parties: list[str] = field(default_factory=list)
    people: list[tuple[Participant, Person | None]] = field(default_factory=list)
    report: Report | None = None
    candidate: Candidate | None = None
    outcome: str = Outcome.NO_MEETING


def ingest_batch(
    items: list[ArticleInput],
    ctx: IngestContext,
    *,
    stop_at_error: bool = False,
) -> list[ArticleIngestResult | ArticleError]:
    """Ingest a batch; returns one result (or the error that stopped it) per item, in order.

    With stop_at_error, nothing after the first bad article is written (or returned).
    """
    results: list[ArticleIngestResult | ArticleError | _Pending] = []
    known = dict(
        Article.objects.filter(content_hash__in={i.content_hash for i in items}).values_list("content_hash", "pk")
    )
    seen: dict[str, _Pending] = {}
    for item in items:
        if item.content_hash in known or item.content_hash in seen:
            results.append(_known_result(item, known, seen))
            continue
        pending = _prepare(item, ctx)
        results.append(pending)
        if isinstance(pending, ArticleError):
            if stop_at_error:
                break
            continue
        seen[item.content_hash] = pending
    todo = [r for r in results if isinstance(r, _Pending)]
    late: dict[str, int] = {}
    if todo:
        try:
            with transaction.atomic():
                late = _write(todo, ctx)
        except (DatabaseError, ValidationError) as exc:
            ctx.forget_writes()
            if len(items) == 1:
                return [ArticleError(items[0].origin or items[0].title, describe(exc))]
            log.info("batch of %d failed (%s); retrying one article at a time", len(items), exc)
            return _one_by_one(items, ctx, stop_at_error)
    return [_finish(r, late) for r in results]


def _one_by_one(
    items: list[ArticleInput], ctx: IngestContext, stop_at_error: bool
) -> list[ArticleIngestResult | ArticleError]:
    results: list[ArticleIngestResult | ArticleError] = []
    for item in items:
        results += ingest_batch([item], ctx)
        if stop_at_error and isinstance(results[-1], ArticleError):
            break
    return results


def _known_result(item: ArticleInput, known: dict[str, int], seen: dict[str, _Pending]) -> ArticleIngestResult:
    if item.content_hash in seen:  # the same text twice in one batch: the second is already known
        return ArticleIngestResult(article=seen[item.content_hash].article, created=False, outcome=Outcome.KNOWN)
    return ArticleIngestResult(article=Article(pk=known[item.content_hash]), created=False, outcome=Outcome.KNOWN)


def _finish(
    result: ArticleIngestResult | ArticleError | _Pending, late: dict[str, int]
) -> ArticleIngestResult | ArticleError:
    if not isinstance(result, _Pending):
        return result
    if result.source.content_hash in late:  # another worker stored the same text first
        return ArticleIngestResult(Article(pk=late[result.source.content_hash]), False, Outcome.KNOWN)
    meetings = [result.candidate.meeting] if result.candidate else []
    return ArticleIngestResult(result.article, True, result.outcome, meetings, result.extraction)


def _prepare(item: ArticleInput, ctx: IngestContext) -> _Pending | ArticleError:
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
        extraction=extraction.to_contract(),
    )
    pending = _Pending(item, extraction, article)
    pending.parties = sorted({f.value for f in extraction.parties} & ctx.countries)
    if extraction.meeting is not None and len(pending.parties) >= 2:
        pending.outcome = Outcome.NEW
    return pending


def _write(todo: list[_Pending], ctx: IngestContext) -> dict[str, int]:
    """Write the batch under its locks; returns the texts other workers stored first (hash -> article id)."""
    ctx.lock(todo)
    data_changed()
    late = dict(
        Article.objects.filter(content_hash__in=[p.source.content_hash for p in todo]).values_list("content_hash", "pk")
    )
    todo = [p for p in todo if p.source.content_hash not in late]
    with_meeting = [p for p in todo if p.outcome == Outcome.NEW]
    merged_on_record = _place_reports(with_meeting, ctx)
    # Articles and link rows get their history on first change (models.HistoryOnFirstChange).
    Article.objects.bulk_create([p.article for p in todo], batch_size=500)
    Article.countries_mentioned.through.objects.bulk_create(
        [
            Article.countries_mentioned.through(article_id=p.article.pk, country_id=code)
            for p in todo
            for code in _mentioned_codes(p, ctx)
        ],
        batch_size=1000,
    )
    _save_placed(with_meeting, ctx, merged_on_record, articles=len(todo))
    return late


def _resolve_people(pendings: list[_Pending], ctx: IngestContext) -> None:
    """Resolve each report's participants to Persons (new ones get an id at the resolver's flush)."""
    ctx.resolver.preload({m.country for p in pendings for m in p.extraction.participants})
    for p in pendings:
        p.people = ctx.resolver.resolve_all(p.extraction.participants)
        meeting = p.extraction.meeting
        assert meeting is not None
        persons = {person for _, person in p.people if person is not None}
        key = Meeting.make_party_key(p.parties)
        p.report = Report(key, meeting.date, p.source.published, p.source.text, persons)


def _place_reports(with_meeting: list[_Pending], ctx: IngestContext) -> dict[int, Meeting]:
    """Find (or make) each report's meeting; returns the meetings on record that reports merge into."""
    _resolve_people(with_meeting, ctx)
    pool = CandidatePool.load([p.report for p in with_meeting if p.report])
    merged_on_record: dict[int, Meeting] = {}
    for p in with_meeting:
        _place(p, pool, ctx, merged_on_record)
    ctx.resolver.flush()
    return merged_on_record


def _mentioned_codes(p: _Pending, ctx: IngestContext) -> list[str]:
    """The countries an article mentions: those it names and its meeting's parties."""
    return sorted(({f.value for f in p.extraction.countries_mentioned} | set(p.parties)) & ctx.countries)


def _save_placed(
    with_meeting: list[_Pending],
    ctx: IngestContext,
    merged_on_record: dict[int, Meeting],
    known_levels: frozenset[tuple[int, str, int]] = frozenset(),
    articles: int = 0,
) -> None:
    """Write the placed reports' new meetings, filled fields, links, sources and relations (articles saved),
    and the figures they change (the totals too: new articles, and maybe new meetings)."""
    before = Before.of(merged_on_record)  # the meetings on record, before this batch adds to them
    new_meetings = [p.candidate.meeting for p in with_meeting if p.outcome == Outcome.NEW and p.candidate]
    bulk_create_with_history(new_meetings, Meeting, batch_size=500)
    if merged_on_record:
        fields = sorted({f for m in merged_on_record.values() for f in getattr(m, "_filled", ())})
        if fields:
            filled = [m for m in merged_on_record.values() if getattr(m, "_filled", ())]
            bulk_update_with_history(filled, Meeting, [*fields, "updated_at"], batch_size=500)
    _write_links(with_meeting, ctx, merged_on_record)
    levels = _write_relations(with_meeting, ctx, known_levels)
    meetings = {p.candidate.meeting.pk for p in with_meeting if p.candidate}
    meetings_aggregates_refresh(meetings, before=before, also=levels, articles=articles)


def _place(p: _Pending, pool: CandidatePool, ctx: IngestContext, merged_on_record: dict[int, Meeting]) -> None:
    """Attach the report to the meeting it describes, or make a new (unsaved) meeting for it."""
    assert p.report is not None
    candidate = pool.match(p.report)
    if candidate is None:
        meeting = Meeting(
            title=p.article.title[:500],
            summary=_summary(p.extraction, p.source.text),
            party_key=p.report.key,
            **_meeting_values(p.extraction, ctx),
        )
        candidate = Candidate(meeting, p.source.published)
        candidate.add_report(p.report)
        pool.add(candidate)
        p.candidate = candidate
        return
    p.candidate, p.outcome = candidate, Outcome.MERGED
    candidate.add_report(p.report)
    meeting = candidate.meeting
    if meeting.pk:
        merged_on_record[meeting.pk] = meeting
    _fill(meeting, _meeting_values(p.extraction, ctx))


def _summary(extraction: Extraction, text: str) -> str:
    """The sentence that reports the meeting (where the format was read), else the lead sentence."""
    facts = extraction.meeting
    sentence = facts.format_span.sentence if facts and facts.format_span else ""
    if not sentence:
        sentence = next((line for line in text.split("\n") if line.strip()), "")
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= 400 else sentence[:399].rsplit(" ", 1)[0] + "…"


def _meeting_values(extraction: Extraction, ctx: IngestContext) -> dict:
    """The meeting's fields from an extraction; validated here rather than by full_clean(),
    whose foreign-key checks cost a query each (the codes are checked against ctx.countries)."""
    facts = extraction.meeting
    assert facts is not None
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


def _fill(meeting: Meeting, values: dict) -> None:
    """Fill what the meeting lacks from a further report; never touch curated or locked fields."""
    if meeting.status != MeetingStatus.EXTRACTED:
        return
    filled: set[str] = getattr(meeting, "_filled", set())
    for name, columns in FILLABLE.items():
        if name in meeting.locked_fields or getattr(meeting, columns[0]) not in (None, ""):
            continue
        if values[columns[0]] in (None, ""):
            continue
        for column in columns:
            setattr(meeting, column, values[column])
            filled.add(column.removesuffix("_id"))
        meeting.updated_at = timezone.now()  # bulk_update skips auto_now
    meeting._filled = filled  # type: ignore[attr-defined]


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
class _Have:
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


def _existing_links(meeting_ids: Iterable[int]) -> dict[int, _Have]:
    have: dict[int, _Have] = {pk: _Have() for pk in meeting_ids}
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


def _ensure_forums(labels: set[str], ctx: IngestContext) -> None:
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


def _write_links(pendings: list[_Pending], ctx: IngestContext, merged_on_record: dict[int, Meeting]) -> None:
    _ensure_forums({f.value for p in pendings for f in p.extraction.forums}, ctx)
    have = _existing_links(merged_on_record)
    rows: dict[type[models.Model], list] = {
        MeetingCountry: [],
        MeetingParticipant: [],
        MeetingSector: [],
        MeetingForum: [],
    }
    sources = []
    for p in pendings:
        assert p.candidate is not None
        meeting = p.candidate.meeting
        how = "created" if p.outcome == Outcome.NEW else "merged"
        sources.append(MeetingSource(meeting=meeting, article=p.article, how=how))
        if meeting.status == MeetingStatus.EXTRACTED:
            _links_of(p, meeting, have.setdefault(meeting.pk, _Have()), ctx, rows)
    for model, objs in rows.items():
        model._default_manager.bulk_create(objs, batch_size=500)
    MeetingSource.objects.bulk_create(sources, batch_size=500)


def _links_of(
    p: _Pending, meeting: Meeting, have: _Have, ctx: IngestContext, rows: dict[type[models.Model], list]
) -> None:
    """The link rows this report adds to its meeting (what the meeting does not have yet)."""
    common = {"meeting": meeting, "source": p.article, "origin": EXTRACTED}
    locked = set(meeting.locked_fields)  # link sets a curator edited are theirs
    evidence = {f.value: f.span for f in p.extraction.parties}
    for code in p.parties:
        if code not in have.parties and "countries" not in locked:
            have.parties.add(code)
            rows[MeetingCountry].append(MeetingCountry(country_id=code, **common, **_quote(evidence.get(code))))
    for mention, person in [] if "participants" in locked else p.people:
        row = _participant_row(mention, person, have, ctx)
        if row is not None:
            rows[MeetingParticipant].append(MeetingParticipant(**row, **common, **_quote(mention.span)))
    for fact in _unique(p.extraction.sectors):
        sector = ctx.sectors.get(fact.value)
        if sector and sector not in have.sectors and "sectors" not in locked:
            have.sectors.add(sector)
            rows[MeetingSector].append(MeetingSector(sector_id=sector, **common, **_quote(fact.span)))
    for fact in _unique(p.extraction.forums):
        forum = ctx.forums.get(fact.value[:128])  # None: a forum a curator deleted
        if forum and forum not in have.forums and "forums" not in locked:
            have.forums.add(forum)
            rows[MeetingForum].append(MeetingForum(forum_id=forum, **common, **_quote(fact.span)))


def _participant_row(mention: Participant, person: Person | None, have: _Have, ctx: IngestContext) -> dict | None:
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


def _write_relations(
    pendings: list[_Pending], ctx: IngestContext, known_levels: frozenset[tuple[int, str, int]] = frozenset()
) -> set[int]:
    """Every pair of parties has its relation row; a stated level is recorded with its source
    (unless `known_levels` has it already: (relation id, level, article id)). Returns the relations
    that gained a level."""
    _ensure_relations({pair for p in pendings for pair in combinations(p.parties, 2)}, ctx)
    levels = []
    for p in pendings:
        level = p.extraction.relation_level
        if level is None or len(p.parties) != 2:
            continue
        assert p.candidate is not None
        relation = ctx.relations[(p.parties[0], p.parties[1])]
        if (relation, level.value, p.article.pk) in known_levels:
            continue
        if ctx.decisions.is_removed("relationlevel", p.article.pk, f"{p.parties[0]}-{p.parties[1]}:{level.value}"):
            continue  # a curator deleted this level stated by this article
        levels.append(
            RelationLevel(
                relation_id=relation,
                level=level.value,
                stated_on=p.candidate.meeting.date or p.article.published,
                source=p.article,
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
