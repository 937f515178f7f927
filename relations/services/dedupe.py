"""Deciding whether an article reports a meeting already on record (one Meeting per real event).

Two reports are of the same meeting when they have the same parties, compatible dates and
either a participant in common or near-identical text. Without any date on one side, only
near-identical text is enough: the same two ministers meet often, and a wrong merge hides a
meeting, while a missed one is a curator's click away.

Ingest loads the candidates of a whole batch at once (`CandidatePool.load`, three queries)
and adds the meetings the batch creates, so two reports in one batch merge as well.

An article that reports several meetings never merges two of them: a report does not match a
meeting its own article already reports (same text, so near-identical to itself, and two of
one article's meetings may well share their parties: a call, then a visit).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.db.models import Min, Q

from relations.models import Article, Meeting, MeetingParticipant

from .officials import Person

SAME_DAY_TOLERANCE = timedelta(days=1)  # time zones and overnight talks
REPORT_DELAY = timedelta(days=7)  # how long after a meeting it is still news
PUBLISHED_TOLERANCE = timedelta(days=3)  # two undated reports published this close
NEAR_IDENTICAL = 0.5  # Jaccard similarity of word 5-grams


def shingles(text: str, size: int = 5) -> frozenset[int]:
    words = re.findall(r"\w+", text.casefold())
    return frozenset(hash(tuple(words[i : i + size])) for i in range(max(len(words) - size + 1, 1)))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def dates_compatible(
    new_date: date | None, new_published: date | None, old_date: date | None, old_published: date | None
) -> bool | None:
    """True/False when the dates decide; None when there is not enough to tell."""
    if new_date and old_date:
        return abs(new_date - old_date) <= SAME_DAY_TOLERANCE
    if new_date and old_published:
        return -SAME_DAY_TOLERANCE <= old_published - new_date <= REPORT_DELAY
    if old_date and new_published:
        return -SAME_DAY_TOLERANCE <= new_published - old_date <= REPORT_DELAY
    if new_published and old_published:
        return abs(new_published - old_published) <= PUBLISHED_TOLERANCE
    return None


@dataclass(eq=False)
class Report:
    """What dedupe needs to know of one new article."""

    key: str
    date: datetime.date | None
    published: datetime.date | None
    text: str
    persons: set[Person]
    article: str = ""  # the article's content hash: a report never matches a meeting its article reports

    @cached_property
    def shingles(self) -> frozenset[int]:
        return shingles(self.text)


@dataclass(eq=False)
class Candidate:
    """A meeting a new report may belong to: on record, or created earlier in the same batch."""

    meeting: Meeting
    published: date | None
    official_ids: set[int] = field(default_factory=set)
    persons: set[Person] = field(default_factory=set)
    texts: list[frozenset[int]] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)  # the content hashes of the articles reporting it

    def shares_someone_with(self, report: Report) -> bool:
        if report.persons & self.persons:
            return True
        return bool({p.official_id for p in report.persons if p.official_id} & self.official_ids)

    @property
    def unnamed(self) -> bool:
        return not self.persons and not self.official_ids

    def add_report(self, report: Report) -> None:
        self.persons |= report.persons
        self.texts.append(report.shingles)
        if report.article:
            self.articles.add(report.article)
        if report.published and (self.published is None or report.published < self.published):
            self.published = report.published


class CandidatePool:
    """The meetings, by party key, that the reports of a batch may belong to."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[Candidate]] = {}

    @classmethod
    def load(cls, reports: list[Report]) -> CandidatePool:
        pool = cls()
        windows: dict[str, list[date] | None] = {}
        for r in reports:
            when = r.date or r.published
            if when is None:
                windows[r.key] = None  # undated: every meeting of the pair is a candidate
            elif windows.get(r.key, []) is not None:
                windows.setdefault(r.key, []).append(when)  # type: ignore[union-attr]
        if not windows:
            return pool
        where = Q()
        for key, dates in windows.items():
            if dates is None:
                where |= Q(party_key=key)
            else:
                span = (min(dates) - REPORT_DELAY - SAME_DAY_TOLERANCE, max(dates) + REPORT_DELAY)
                where |= Q(party_key=key) & (Q(date__isnull=True) | Q(date__range=span))
        meetings = list(Meeting.objects.filter(where).annotate(first_published=Min("sources__article__published")))
        by_id = {m.pk: Candidate(m, m.first_published) for m in meetings}
        for meeting_id, official_id in MeetingParticipant.objects.filter(
            meeting_id__in=by_id, official__isnull=False
        ).values_list("meeting_id", "official_id"):
            by_id[meeting_id].official_ids.add(official_id)
        for meeting_id, text, content_hash in Article.objects.filter(meeting_links__meeting_id__in=by_id).values_list(
            "meeting_links__meeting_id", "text", "content_hash"
        ):
            by_id[meeting_id].texts.append(shingles(text))
            by_id[meeting_id].articles.add(content_hash)
        for candidate in by_id.values():
            pool.by_key.setdefault(candidate.meeting.party_key, []).append(candidate)
        return pool

    def add(self, candidate: Candidate) -> None:
        self.by_key.setdefault(candidate.meeting.party_key, []).append(candidate)

    def match(self, report: Report) -> Candidate | None:
        """The best candidate this report is another account of, or None for a new meeting."""
        best: tuple[float, Candidate] | None = None
        for candidate in self.by_key.get(report.key, []):
            if report.article and report.article in candidate.articles:
                continue  # another meeting of the same article
            dates = dates_compatible(report.date, report.published, candidate.meeting.date, candidate.published)
            if dates is False:
                continue
            sim = max((jaccard(report.shingles, t) for t in candidate.texts), default=0.0)
            shared = candidate.shares_someone_with(report)
            unnamed = not report.persons and candidate.unnamed
            if sim >= NEAR_IDENTICAL or (dates and (shared or unnamed)):
                score = sim + (1.0 if shared else 0.0) + (0.5 if dates else 0.0)
                if best is None or score > best[0]:
                    best = (score, candidate)
        return best[1] if best else None
