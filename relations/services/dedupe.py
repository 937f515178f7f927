"""Deciding whether an article reports a meeting already on record (one Meeting per real event).

Two reports are of the same meeting when they have the same parties, compatible dates and
either a participant in common or near-identical text. Without any date on one side, only
near-identical text is enough: the same two ministers meet often, and a wrong merge hides a
meeting, while a missed one is a curator's click away (official_merge / meeting_merge).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.db.models import Count, Min, Q

from relations.extraction import Extraction
from relations.extraction.types import Participant
from relations.models import Article, Meeting, MeetingParticipant

SAME_DAY_TOLERANCE = timedelta(days=1)  # time zones and overnight talks
REPORT_DELAY = timedelta(days=7)  # how long after a meeting it is still news
PUBLISHED_TOLERANCE = timedelta(days=3)  # two undated reports published this close
NEAR_IDENTICAL = 0.5  # Jaccard similarity of word 5-grams


def shingles(text: str, size: int = 5) -> set[int]:
    words = re.findall(r"\w+", text.casefold())
    return {hash(tuple(words[i : i + size])) for i in range(max(len(words) - size + 1, 1))}


def similarity(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def _dates_compatible(
    new_date: date | None, new_published: date | None, old_date: date | None, old_published: date | None
) -> bool | None:
    """True/False when the dates decide; None when there is not enough to tell."""
    if new_date and old_date:
        return abs(new_date - old_date) <= SAME_DAY_TOLERANCE
    if new_date and old_published:
        return timedelta(0) - SAME_DAY_TOLERANCE <= old_published - new_date <= REPORT_DELAY
    if old_date and new_published:
        return timedelta(0) - SAME_DAY_TOLERANCE <= new_published - old_date <= REPORT_DELAY
    if new_published and old_published:
        return abs(new_published - old_published) <= PUBLISHED_TOLERANCE
    return None


def _candidates(parties: list[str], new_date: date | None) -> list[Meeting]:
    qs = Meeting.objects.annotate(n_parties=Count("parties", distinct=True)).filter(n_parties=len(parties))
    for code in parties:
        qs = qs.filter(pk__in=Meeting.objects.filter(parties__country_id=code).values("pk"))
    if new_date:
        window = Q(date__range=(new_date - REPORT_DELAY, new_date + REPORT_DELAY)) | Q(date__isnull=True)
        qs = qs.filter(window)
    return list(qs.annotate(first_published=Min("sources__article__published")).order_by("-id")[:50])


def find_matching_meeting(
    *,
    article: Article,
    extraction: Extraction,
    parties: list[str],
    officials: list[tuple[Participant, int | None]],
) -> Meeting | None:
    """The meeting on record that this article reports, or None for a new one."""
    facts = extraction.meeting
    assert facts is not None
    candidates = _candidates(parties, facts.date)
    if not candidates:
        return None
    ids = {c.pk for c in candidates}
    people: dict[int, set[int]] = {}
    for meeting_id, official_id in MeetingParticipant.objects.filter(
        meeting_id__in=ids, official__isnull=False
    ).values_list("meeting_id", "official_id"):
        people.setdefault(meeting_id, set()).add(official_id)
    texts: dict[int, list[str]] = {}
    for meeting_id, text in Article.objects.filter(meeting_links__meeting_id__in=ids).values_list(
        "meeting_links__meeting_id", "text"
    ):
        texts.setdefault(meeting_id, []).append(text)
    mine = {official_id for _, official_id in officials if official_id}
    best: tuple[float, Meeting] | None = None
    for meeting in candidates:
        dates = _dates_compatible(facts.date, article.published, meeting.date, meeting.first_published)
        if dates is False:
            continue
        sim = max((similarity(article.text, t) for t in texts.get(meeting.pk, [])), default=0.0)
        shared = bool(mine & people.get(meeting.pk, set()))
        unnamed = not mine and not people.get(meeting.pk)
        if sim >= NEAR_IDENTICAL or (dates and (shared or unnamed)):
            score = sim + (1.0 if shared else 0.0) + (0.5 if dates else 0.0)
            if best is None or score > best[0]:
                best = (score, meeting)
    return best[1] if best else None
