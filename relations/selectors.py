"""Reads shared by the API and the HTML pages.

Each selector returns rows with everything its callers show already fetched
(select_related/prefetch_related/annotations), so a list costs the same number of
queries for one row as for five hundred. Filtering arguments are plain values
(ISO3 codes, slugs, acronyms, dates) that the caller has validated.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypedDict

from django.db import connection
from django.db.models import (
    Count,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Left, NullIf, Upper

from relations.extraction import CountryRef, ForumRef, Gazetteer, OfficialRef, SectorRef
from relations.models import (
    Article,
    BilateralRelation,
    CooperationSector,
    Country,
    CountryName,
    Feed,
    Forum,
    ForumMembership,
    Meeting,
    MeetingCountry,
    MeetingForum,
    MeetingParticipant,
    MeetingSearchDocument,
    MeetingSector,
    MeetingSource,
    MeetingStatus,
    Official,
    OfficialName,
    Position,
    RelationLevel,
    RelationPerson,
    Totals,
)

# The text-search configuration of the GIN indexes of migration 0002_meeting_search. The
# expressions below must stay identical to the indexed ones, or PostgreSQL stops using them.
SEARCH_CONFIG = "english"
SEARCH_ARTICLE_CHARS = 200_000  # a tsvector is capped at 1 MB; see the migration
LATEST_MEETINGS = 10
NEWEST_FIRST = (F("date").desc(nulls_last=True), "-id")  # the order of every meeting list
LEVELS_SHOWN = 20  # a relation shows its latest stated levels, and how many there are in all


# --------------------------------------------------------------------------- search


def meeting_search_vector():  # type: ignore[no-untyped-def]
    """The indexed text of a meeting: title and summary."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", "summary", config=SEARCH_CONFIG)


def article_search_vector():  # type: ignore[no-untyped-def]
    """The indexed text of an article: title and the start of the body."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", Left("text", SEARCH_ARTICLE_CHARS), config=SEARCH_CONFIG)


def meeting_search(queryset: QuerySet[Meeting], text: str) -> QuerySet[Meeting]:
    """Meetings whose title, summary and source articles, read together, match the words of `text`.

    PostgreSQL: full-text search (websearch syntax: "quoted phrase", -word, or) of each meeting's
    search document (MeetingSearchDocument, kept by triggers), one GIN lookup the planner can
    estimate. Elsewhere: every word must appear, case-insensitively, in the meeting or one of its
    articles.
    """
    text = text.strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        documents = MeetingSearchDocument.objects.filter(document=query)
        return queryset.filter(pk__in=documents.values("meeting_id"))
    for word in text.split():
        articles = Article.objects.filter(Q(title__icontains=word) | Q(text__icontains=word))
        via_articles = MeetingSource.objects.filter(article__in=articles.values("pk"))
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(pk__in=via_articles.values("meeting_id"))
        )
    return queryset


# --------------------------------------------------------------------------- countries


def country_queryset() -> QuerySet[Country]:
    """Countries with their other names and forum memberships."""
    return Country.objects.prefetch_related(
        Prefetch("names", queryset=CountryName.objects.order_by("kind", "name")),
        Prefetch(
            "memberships",
            queryset=ForumMembership.objects.select_related("forum").order_by("forum__acronym"),
        ),
    ).order_by("name", "iso3")


def country_list(*, q: str | None = None, forum: str | None = None) -> QuerySet[Country]:
    """Countries, optionally those matching a name form (`q`) or belonging to a forum (any status)."""
    queryset = country_queryset()
    if q:
        queryset = queryset.filter(iso3__in=Country.objects.matching(q).values("iso3"))
    if forum:
        queryset = queryset.filter(iso3__in=ForumMembership.objects.filter(forum__acronym=forum).values("country_id"))
    return queryset


def country_detail(iso3: str) -> Country:
    """One country by ISO3 code in any case; raises Country.DoesNotExist."""
    return country_queryset().get(iso3=iso3.upper())


# --------------------------------------------------------------------------- officials


def official_queryset() -> QuerySet[Official]:
    """Officials with their other names, positions and the number of meetings they attended (stored)."""
    return (
        Official.objects.select_related("country")
        .prefetch_related(
            "other_names",
            Prefetch(
                "positions",
                queryset=Position.objects.order_by(F("start_date").desc(nulls_last=True), "-id"),
            ),
        )
        .order_by("name", "id")
    )


def official_list(*, country: str | None = None, q: str | None = None) -> QuerySet[Official]:
    """Officials, optionally of one country or matching a name."""
    queryset = official_queryset()
    if country:
        queryset = queryset.filter(country_id=country.upper())
    if q:
        queryset = queryset.filter(pk__in=Official.objects.matching(q).values("pk"))
    return queryset


def country_officials(iso3: str) -> QuerySet[Official]:
    """A country's officials, those with meetings first, each with `latest_title`: the title its
    latest meeting's source gave (for officials with no recorded position)."""
    titles = (
        MeetingParticipant.objects.filter(official=OuterRef("pk"))
        .exclude(title="")
        .order_by(F("meeting__date").desc(nulls_last=True), "-meeting_id")
        .values("title")[:1]
    )
    return official_list(country=iso3).annotate(latest_title=Subquery(titles)).order_by("-meetings_count", "name", "id")


def official_detail(official_id: int) -> Official:
    """One official; raises Official.DoesNotExist."""
    return official_queryset().get(pk=official_id)


# --------------------------------------------------------------------------- sectors and forums


def sector_list() -> QuerySet[CooperationSector]:
    """The canonical cooperation sectors."""
    return CooperationSector.objects.order_by("slug")


def forum_queryset() -> QuerySet[Forum]:
    """Forums with their parent and their number of members (any status)."""
    return (
        Forum.objects.select_related("parent")
        .annotate(members_count=Count("memberships", distinct=True))
        .order_by("acronym")
    )


def forum_list(*, kind: str | None = None, country: str | None = None, q: str | None = None) -> QuerySet[Forum]:
    """Forums, optionally of one kind, those a country belongs to, or matching a name."""
    queryset = forum_queryset()
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(pk__in=ForumMembership.objects.filter(country_id=country).values("forum_id"))
    if q:
        queryset = queryset.filter(
            Q(acronym__icontains=q) | Q(name__icontains=q) | Q(other_names__icontains=q)  # JSON list as text
        )
    return queryset


def forum_acronym(acronym: str) -> str | None:
    """The canonical acronym for `acronym` in any case, or None."""
    exact = Forum.objects.filter(acronym=acronym).values_list("acronym", flat=True).first()
    if exact is not None:
        return exact
    return (
        Forum.objects.annotate(upper=Upper("acronym"))
        .filter(upper=acronym.upper())
        .order_by("acronym")
        .values_list("acronym", flat=True)
        .first()
    )


def forum_detail(acronym: str) -> Forum:
    """One forum by acronym (exact, else case-insensitive) with its members; raises Forum.DoesNotExist."""
    canonical = forum_acronym(acronym)
    if canonical is None:
        raise Forum.DoesNotExist(f"no forum {acronym!r}")
    return (
        forum_queryset()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=ForumMembership.objects.select_related("country").order_by("country__name", "country_id"),
            )
        )
        .get(acronym=canonical)
    )


# --------------------------------------------------------------------------- meetings


def meeting_queryset() -> QuerySet[Meeting]:
    """Meetings with parties, participants, sectors, forums and source articles fetched.

    The evidence of each fact lives on these link rows, so the detail costs the same queries.
    A participant's `display_name` is the name as the source wrote it, else the official's.
    """
    participants = (
        MeetingParticipant.objects.select_related("official", "country")
        .annotate(display_name=Coalesce(NullIf("raw_name", Value("")), "official__name", Value("")))
        .order_by("country_id", "raw_name", "id")
    )
    return (
        Meeting.objects.select_related("location_country", "host_country")
        .prefetch_related(
            Prefetch("parties", queryset=MeetingCountry.objects.select_related("country").order_by("country_id")),
            Prefetch("participants", queryset=participants),
            Prefetch("sector_links", queryset=MeetingSector.objects.select_related("sector").order_by("sector__slug")),
            Prefetch("forum_links", queryset=MeetingForum.objects.select_related("forum").order_by("forum__acronym")),
            Prefetch("sources", queryset=MeetingSource.objects.select_related("article").order_by("id")),
        )
        .order_by(*NEWEST_FIRST)
    )


def meeting_list(
    *,
    countries: Sequence[str] = (),
    date_after: date | None = None,
    date_before: date | None = None,
    sector: str | None = None,
    forum: str | None = None,
    format: str | None = None,
    status: str | None = None,
    official: int | None = None,
    q: str | None = None,
) -> QuerySet[Meeting]:
    """Meetings, newest first; rejected ones only when asked for with status="rejected".

    `countries`: all of them must be parties. Dates are inclusive. `q` is a text search over
    the meeting and its articles (see meeting_search).
    """
    return meeting_filter(
        meeting_queryset(),
        countries=countries,
        date_after=date_after,
        date_before=date_before,
        sector=sector,
        forum=forum,
        format=format,
        status=status,
        official=official,
        q=q,
    )


def _pair_meetings(queryset: QuerySet[Meeting], a: str, b: str) -> QuerySet[Meeting]:
    """`queryset` narrowed to the meetings of the pair (a, b), in code order, through MeetingPair.

    The relation's id is looked up first: given as a constant, the planner knows from its statistics
    that a big pair has thousands of meetings and walks meetingpair_newest to the page instead of
    sorting them all (its average is ten a pair).
    """
    relation_id = BilateralRelation.objects.filter(country_a_id=a, country_b_id=b).values_list("pk", flat=True).first()
    if relation_id is None:  # no relation, so no meeting; still a query the count estimate can EXPLAIN (not none())
        return queryset.filter(pairs__relation__country_a_id=a, pairs__relation__country_b_id=b)
    queryset = queryset.filter(pairs__relation_id=relation_id)
    if tuple(queryset.query.order_by) == NEWEST_FIRST:
        # The same order read from the pair's copy of the date (the walk stops at the page).
        queryset = queryset.order_by(F("pairs__meeting_date").desc(nulls_last=True), "-id")
    return queryset


def meeting_filter(
    queryset: QuerySet[Meeting],
    *,
    countries: Sequence[str] = (),
    date_after: date | None = None,
    date_before: date | None = None,
    sector: str | None = None,
    forum: str | None = None,
    format: str | None = None,
    status: str | None = None,
    official: int | None = None,
    q: str | None = None,
) -> QuerySet[Meeting]:
    """`queryset` narrowed by meeting_list()'s filters."""
    queryset = queryset.filter(status=status) if status else queryset.exclude(status=MeetingStatus.REJECTED)
    codes = sorted({iso3.upper() for iso3 in countries})
    if len(codes) == 2:
        # A pair's meetings: one indexed join through the pairs kept with the parties (services.aggregates).
        queryset = _pair_meetings(queryset, codes[0], codes[1])
    else:
        for iso3 in codes:
            # One party row per (meeting, country): each join matches at most once, no duplicates.
            queryset = queryset.filter(parties__country_id=iso3)
    if date_after:
        queryset = queryset.filter(date__gte=date_after)
    if date_before:
        queryset = queryset.filter(date__lte=date_before)
    if sector:
        queryset = queryset.filter(sector_links__sector__slug=sector)
    if forum:
        queryset = queryset.filter(forum_links__forum__acronym=forum)
    if format:
        queryset = queryset.filter(format=format)
    if official is not None:
        queryset = queryset.filter(participants__official_id=official)
    if q:
        queryset = meeting_search(queryset, q)
    return queryset


# The columns of a meeting that the API's list shows (MeetingSerializer), as meeting_rows() returns them.
MEETING_ROW_FIELDS = (
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
)


def meeting_list_rows(**filters: Any) -> QuerySet[Meeting, dict[str, Any]]:
    """meeting_list()'s meetings as rows of their listed columns only, for paging (issue 10).

    No related rows and no evidence: a page of these is cheap to count, slice and page by keyset;
    meeting_rows() then adds the page's parties, participants, sectors, forums and sources.
    """
    ordered = Meeting.objects.order_by(*NEWEST_FIRST)
    return meeting_filter(ordered, **filters).values(*MEETING_ROW_FIELDS)


def meeting_rows(page: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page of meeting_list_rows() in the shape of MeetingSerializer's output (issue 10).

    Plain dicts of plain values, from `.values()` rows: the list shows no evidence and no article
    text, so none is read, and no model instance is built. tests/api/test_meetings.py checks that
    the shape is MeetingSerializer's, field for field. The links take one query on PostgreSQL, five elsewhere.
    """
    meetings = [dict(row) for row in page]
    if not meetings:
        return []
    ids = [m["id"] for m in meetings]
    links = meeting_links_postgresql(ids) if connection.vendor == "postgresql" else meeting_links(ids)
    return [
        {
            "id": m["id"],
            "title": m["title"],
            "date": _iso(m["date"]),
            "date_precision": m["date_precision"],
            "format": m["format"],
            "location_country": m["location_country_id"],
            "location_city": m["location_city"],
            "host_country": m["host_country_id"],
            "countries": links["countries"][m["id"]],
            "participants": links["participants"][m["id"]],
            "sectors": links["sectors"][m["id"]],
            "forums": links["forums"][m["id"]],
            "status": m["status"],
            "summary": m["summary"],
            "sources": links["sources"][m["id"]],
        }
        for m in meetings
    ]


LINKS = ("countries", "participants", "sectors", "forums", "sources")

# meeting_links() in one statement: PostgreSQL builds each meeting's lists as JSON (as
# benchmarks/raw_app.py does), in the orders of meeting_queryset(). One round trip and no ORM
# compilation for five lists: 25% more list pages per second under load at 100,000 meetings.
MEETING_LINKS_SQL = """
SELECT m.id,
    (SELECT json_agg(c.country_id ORDER BY c.country_id)
     FROM relations_meetingcountry c WHERE c.meeting_id = m.id),
    (SELECT json_agg(json_build_object(
        'official', p.official_id, 'name', COALESCE(NULLIF(p.raw_name, ''), o.name, ''),
        'country', p.country_id, 'title', p.title) ORDER BY p.country_id, p.raw_name, p.id)
     FROM relations_meetingparticipant p LEFT JOIN relations_official o ON o.id = p.official_id
     WHERE p.meeting_id = m.id),
    (SELECT json_agg(s.slug ORDER BY s.slug)
     FROM relations_meetingsector ms JOIN relations_cooperationsector s ON s.id = ms.sector_id
     WHERE ms.meeting_id = m.id),
    (SELECT json_agg(f.acronym ORDER BY f.acronym)
     FROM relations_meetingforum mf JOIN relations_forum f ON f.id = mf.forum_id
     WHERE mf.meeting_id = m.id),
    (SELECT json_agg(json_build_object(
        'article', a.id, 'title', a.title, 'url', a.url, 'publisher', a.publisher, 'published', a.published
        ) ORDER BY src.id)
     FROM relations_meetingsource src JOIN relations_article a ON a.id = src.article_id
     WHERE src.meeting_id = m.id)
FROM relations_meeting m WHERE m.id = ANY(%s)
"""


def meeting_links_postgresql(ids: list[int]) -> dict[str, dict[int, list[Any]]]:
    """meeting_links() in one statement (PostgreSQL)."""
    links: dict[str, dict[int, list[Any]]] = {name: {} for name in LINKS}
    with connection.cursor() as cursor:
        cursor.execute(MEETING_LINKS_SQL, [ids])
        for meeting_id, *lists in cursor.fetchall():
            for name, values in zip(LINKS, lists, strict=True):
                links[name][meeting_id] = values or []
    return links


def meeting_links(ids: list[int]) -> dict[str, dict[int, list[Any]]]:
    """The parties, participants, sectors, forums and sources of the meetings `ids`, as the list shows them."""
    links: dict[str, dict[int, list[Any]]] = {name: {i: [] for i in ids} for name in LINKS}
    parties = MeetingCountry.objects.filter(meeting_id__in=ids).order_by("country_id")
    for meeting_id, code in parties.values_list("meeting_id", "country_id"):
        links["countries"][meeting_id].append(code)
    participants = (
        MeetingParticipant.objects.filter(meeting_id__in=ids)
        .annotate(display_name=Coalesce(NullIf("raw_name", Value("")), "official__name", Value("")))
        .order_by("country_id", "raw_name", "id")
        .values_list("meeting_id", "official_id", "display_name", "country_id", "title")
    )
    for meeting_id, official, name, country, title in participants:
        links["participants"][meeting_id].append(
            {"official": official, "name": name, "country": country, "title": title}
        )
    sectors = MeetingSector.objects.filter(meeting_id__in=ids).order_by("sector__slug")
    for meeting_id, slug in sectors.values_list("meeting_id", "sector__slug"):
        links["sectors"][meeting_id].append(slug)
    forums = MeetingForum.objects.filter(meeting_id__in=ids).order_by("forum__acronym")
    for meeting_id, acronym in forums.values_list("meeting_id", "forum__acronym"):
        links["forums"][meeting_id].append(acronym)
    sources = (
        MeetingSource.objects.filter(meeting_id__in=ids)
        .order_by("id")
        .values_list(
            "meeting_id", "article_id", "article__title", "article__url", "article__publisher", "article__published"
        )
    )
    for meeting_id, article, title, url, publisher, published in sources:
        links["sources"][meeting_id].append(
            {"article": article, "title": title, "url": url, "publisher": publisher, "published": _iso(published)}
        )
    return links


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def meeting_detail_queryset() -> QuerySet[Meeting]:
    """Meetings of any status, with everything the detail shows (evidence included)."""
    return meeting_queryset()


def meeting_detail(meeting_id: int) -> Meeting:
    """One meeting of any status with its evidence; raises Meeting.DoesNotExist."""
    return meeting_detail_queryset().get(pk=meeting_id)


# --------------------------------------------------------------------------- relations


def relation_queryset() -> QuerySet[BilateralRelation]:
    """Relations with their current level, meetings count and last meeting date (stored: services.aggregates)."""
    return BilateralRelation.objects.order_by("country_a_id", "country_b_id")


def relation_list(*, countries: Sequence[str] = ()) -> QuerySet[BilateralRelation]:
    """One row per pair that has visible meetings or a stated level; `countries` must all be in the pair."""
    queryset = relation_queryset().filter(Q(meetings_count__gt=0) | Q(current_level__isnull=False))
    for iso3 in countries:
        iso3 = iso3.upper()
        queryset = queryset.filter(Q(country_a_id=iso3) | Q(country_b_id=iso3))
    return queryset


@dataclass
class SharedForum:
    acronym: str
    name: str
    memberships: list[ForumMembership]


class SectorCount(TypedDict):
    sector: str  # the sector's slug
    count: int


@dataclass
class RelationSummary:
    """What an analyst wants to know about a pair of countries."""

    country_a: Country
    country_b: Country
    levels: list[RelationLevel]
    meetings_count: int
    last_meeting_date: date | None
    meetings_per_year: list[dict[str, int]]
    sectors: list[SectorCount]
    shared_forums: list[SharedForum]
    latest_meetings: list[Meeting] = field(default_factory=list)
    levels_count: int = 0  # all the levels stated; `levels` holds the latest of them

    @property
    def pair(self) -> str:
        return f"{self.country_a.iso3}-{self.country_b.iso3}"

    @property
    def countries(self) -> list[str]:
        return [self.country_a.iso3, self.country_b.iso3]

    @property
    def countries_rows(self) -> list[Country]:
        return [self.country_a, self.country_b]

    @property
    def current_level(self) -> str | None:
        return self.levels[0].level if self.levels else None


def relation_summary(
    first: str, second: str, *, latest: int = LATEST_MEETINGS, levels: int = LEVELS_SHOWN
) -> RelationSummary:
    """The pair's level history, meeting figures and shared forums, in either order.

    `latest` is how many of the newest meetings to include (0: none, for callers that page them),
    `levels` how many of the latest stated levels. The figures are those stored with the relation
    (services.aggregates), so the cost does not grow with the pair's meetings.

    Any two different countries have a summary, met or not; raises Country.DoesNotExist for an
    unknown code and ValueError for the same code twice.
    """
    a, b = sorted([first.upper(), second.upper()])
    if a == b:
        raise ValueError(f"a relation needs two different countries, got {a} twice")
    found = {c.iso3: c for c in Country.objects.filter(iso3__in=[a, b])}
    if len(found) != 2:
        missing = sorted({a, b} - set(found))
        raise Country.DoesNotExist(f"unknown country code {', '.join(missing)}")
    forums = (
        Forum.objects.filter(memberships__country_id=a)
        .filter(memberships__country_id=b)
        .prefetch_related(
            Prefetch(
                "memberships", queryset=ForumMembership.objects.filter(country_id__in=[a, b]).order_by("country_id")
            )
        )
        .order_by("acronym")
    )
    summary = RelationSummary(
        country_a=found[a],
        country_b=found[b],
        levels=[],
        meetings_count=0,
        last_meeting_date=None,
        meetings_per_year=[],
        sectors=[],
        shared_forums=[SharedForum(f.acronym, f.name, list(f.memberships.all())) for f in forums],
    )
    relation = BilateralRelation.objects.filter(country_a_id=a, country_b_id=b).first()
    if relation is None:
        return summary
    stated = RelationLevel.objects.filter(relation=relation)
    summary.levels = list(
        stated.select_related("source").order_by(F("stated_on").desc(nulls_last=True), "-id")[:levels]
    )
    summary.levels_count = stated.count()
    summary.meetings_count = relation.meetings_count
    summary.last_meeting_date = relation.last_meeting_date
    summary.meetings_per_year = [
        {"year": year, "count": n} for year, n in relation.years.order_by("year").values_list("year", "meetings")
    ]
    summary.sectors = [
        {"sector": slug, "count": n}
        for slug, n in relation.sector_figures.order_by("-meetings", "sector__slug").values_list(
            "sector__slug", "meetings"
        )
    ]
    if latest:
        summary.latest_meetings = list(meeting_list(countries=[a, b])[:latest])
    return summary


# --------------------------------------------------------------------------- articles


def article_queryset(*, detail: bool = False) -> QuerySet[Article]:
    """Articles with the meetings they report (and, for the detail, the countries they mention)."""
    queryset = Article.objects.prefetch_related(
        Prefetch("meeting_links", queryset=MeetingSource.objects.order_by("meeting_id"))
    )
    if detail:
        queryset = queryset.prefetch_related(
            Prefetch("countries_mentioned", queryset=Country.objects.order_by("iso3").only("iso3"))
        )
    else:
        queryset = queryset.defer("text", "extraction")
    return queryset.order_by(F("published").desc(nulls_last=True), "-id")


def article_list(
    *,
    published_after: date | None = None,
    published_before: date | None = None,
    publisher: str | None = None,
) -> QuerySet[Article]:
    """Articles, newest publication first."""
    queryset = article_queryset()
    if published_after:
        queryset = queryset.filter(published__gte=published_after)
    if published_before:
        queryset = queryset.filter(published__lte=published_before)
    if publisher:
        queryset = queryset.filter(publisher__iexact=publisher)
    return queryset


def article_detail(article_id: int) -> Article:
    """One article with what was extracted from it; raises Article.DoesNotExist."""
    return article_queryset(detail=True).get(pk=article_id)


# --- pages: reads only the HTML pages (relations/views.py) need; they build on the selectors above.


def pages_totals() -> dict[str, int]:
    """Headline figures for the home page: visible and verified meetings, articles (stored by services.aggregates)."""
    row = Totals.objects.values_list("meetings", "verified", "articles").first() or (0, 0, 0)
    return dict(zip(("meetings", "verified", "articles"), row, strict=True))


def data_refreshed() -> dict[str, datetime | None]:
    """When new data last came in: the newest stored article (article.created_at's index) and the
    latest feed poll (a small table). For the home page's "last refreshed"."""
    # The newest row read from the index (ORDER BY ... LIMIT 1), not an aggregate over the table.
    return {
        "article": Article.objects.order_by("-created_at").values_list("created_at", flat=True).first(),
        "poll": Feed.objects.aggregate(at=Max("last_polled_at"))["at"],
    }


def relations_ranked(*, country: str | None = None) -> QuerySet[BilateralRelation]:
    """Pairs (of one country, if given) with meetings or a stated level, most meetings first.

    Both countries are fetched with the row, so a page of pairs costs one query (prevents N+1).
    """
    queryset = relation_list(countries=[country] if country else ())
    return queryset.select_related("country_a", "country_b").order_by(  # type: ignore[misc]  # relation_list annotates
        "-meetings_count", F("last_meeting_date").desc(nulls_last=True), "country_a_id", "country_b_id"
    )


def relation_officials(first: str, second: str) -> QuerySet[RelationPerson]:
    """The people of either country at the pair's visible meetings, most meetings first: the figures
    kept with the relation (services.aggregates), so a page of them is one indexed query.

    Each row has `display_name` (the official's name, or the name as written), `country_name`,
    `country_iso2`, `title` (at the latest meeting) and `meetings`.
    """
    a, b = sorted([first.upper(), second.upper()])
    return (
        RelationPerson.objects.filter(relation__country_a_id=a, relation__country_b_id=b)
        .annotate(
            display_name=Coalesce("official__name", "name"),
            country_name=Coalesce("country__name", Value("")),
            country_iso2=Coalesce("country__iso2", Value("")),
        )
        .order_by("-meetings", "name", "id")
    )


def meetings_by_article(article_ids: Sequence[int]) -> dict[int, int]:
    """For each article, the (first) visible meeting it reports: to link a quoted source to its page."""
    links = (
        MeetingSource.objects.filter(article_id__in=article_ids)
        .exclude(meeting__status=MeetingStatus.REJECTED)
        .order_by("-id")
        .values_list("article_id", "meeting_id")
    )
    return dict(links)  # ordered newest link first, so the oldest (first) one wins


def meetings_beside(meeting_id: int, article_ids: Sequence[int]) -> dict[int, list[Meeting]]:
    """For each article, the other visible meetings it reports (an article may report several: a
    summit's sidelines), in the order they were stored. One query however many there are (prevents N+1)."""
    links = (
        MeetingSource.objects.filter(article_id__in=article_ids)
        .exclude(meeting_id=meeting_id)
        .exclude(meeting__status=MeetingStatus.REJECTED)
        .select_related("meeting")
        .only("article_id", "meeting__id", "meeting__title", "meeting__date", "meeting__date_precision")
        .order_by("meeting_id")
    )
    beside: dict[int, list[Meeting]] = {}
    for link in links:
        beside.setdefault(link.article_id, []).append(link.meeting)
    return beside


def levels_stated_in(article_ids: Sequence[int]) -> list[RelationLevel]:
    """The relation levels read from these articles (for the meeting page's evidence)."""
    return list(
        RelationLevel.objects.filter(source_id__in=article_ids)
        .exclude(evidence="")
        .select_related("relation")
        .order_by("id")
    )


def filter_names(*, countries: Sequence[str] = (), official: int | None = None) -> dict[str | int, str]:
    """Display names for the filters of a meetings list: ISO3 code -> country name, official id -> name."""
    names: dict[str | int, str] = {}
    if countries:
        names.update(Country.objects.filter(iso3__in=countries).values_list("iso3", "name"))
    if official is not None:
        names.update(Official.objects.filter(pk=official).values_list("pk", "name"))
    return names


# --------------------------------------------------------------------------- review


def review_queue() -> QuerySet[Meeting]:
    """The meetings still to review (status extracted), newest ingested first, with what the queue shows."""
    return meeting_queryset().filter(status=MeetingStatus.EXTRACTED).order_by("-created_at", "-id")


def review_count() -> int:
    """How many meetings wait for review."""
    return Meeting.objects.filter(status=MeetingStatus.EXTRACTED).count()


def review_next(*, after: Meeting | None = None) -> Meeting | None:
    """The meeting to review after `after` in the queue's order (the first one without), else the first left."""
    queue = Meeting.objects.filter(status=MeetingStatus.EXTRACTED).order_by("-created_at", "-id")
    if after is not None:
        older = queue.filter(Q(created_at__lt=after.created_at) | Q(created_at=after.created_at, id__lt=after.pk))
        found = older.exclude(pk=after.pk).first()
        if found is not None:
            return found
        queue = queue.exclude(pk=after.pk)
    return queue.first()


@dataclass
class EvidenceGroup:
    """One sentence of a source and the facts read from it (or a curator's facts, with no sentence)."""

    sentence: str
    source: Article | None
    facts: list[tuple[str, str]] = field(default_factory=list)  # (kind, label): ("sector", "Trade")
    added_by: str = ""  # for a curator's facts without a sentence


def evidence_groups(meeting: Meeting, added_by: dict[tuple[str, int], str] | None = None) -> list[EvidenceGroup]:
    """The meeting's facts grouped by the sentence they came from, each sentence once, in text order.

    `meeting` comes from meeting_queryset() (its links prefetched). Facts without a sentence
    (a curator's) come last, grouped by who added them when `added_by` ((kind, row id) -> user) says.
    """
    groups: dict[tuple[int | None, str], EvidenceGroup] = {}
    positions: dict[tuple[int | None, str], int] = {}

    def add(kind: str, label: str, row: Any, row_kind: str) -> None:
        sentence = (row.evidence or "").strip()
        user = (added_by or {}).get((row_kind, row.pk), "") if not sentence else ""
        key = (row.source_id if sentence else None, sentence or f"curator:{user}")
        if key not in groups:
            groups[key] = EvidenceGroup(sentence=sentence, source=getattr(row, "source", None), added_by=user)
            start = row.evidence_start if row.evidence_start is not None else 10**9
            positions[key] = start if sentence else 10**12
        if (kind, label) not in groups[key].facts:
            groups[key].facts.append((kind, label))

    for party in meeting.parties.all():
        add("party", party.country.name, party, "party")
    for person in meeting.participants.all():
        title = f", {person.title}" if person.title else ""
        add("participant", f"{getattr(person, 'display_name', str(person))}{title}", person, "participant")
    for sector in meeting.sector_links.all():
        add("sector", sector.sector.name, sector, "sector")
    for forum in meeting.forum_links.all():
        add("forum", forum.forum.acronym, forum, "forum")
    _add_meeting_facts(meeting, groups, positions)
    return [groups[key] for key in sorted(groups, key=lambda k: (positions[k], k[0] or 0))]


def curator_row_users(meeting: Meeting) -> dict[tuple[str, int], str]:
    """Who added each of the meeting's links that a curator added: (kind, row id) -> username."""
    found: dict[tuple[str, int], str] = {}
    for kind, model in (
        ("party", MeetingCountry),
        ("participant", MeetingParticipant),
        ("sector", MeetingSector),
        ("forum", MeetingForum),
    ):
        rows = (
            model.history.filter(meeting_id=meeting.pk, history_type="+", origin="curator")  # type: ignore[attr-defined]
            .exclude(history_user=None)
            .values_list("id", "history_user__username")
        )
        found.update({(kind, pk): user for pk, user in rows})
    return found


def _add_meeting_facts(
    meeting: Meeting, groups: dict[tuple[int | None, str], EvidenceGroup], positions: dict[tuple[int | None, str], int]
) -> None:
    """The facts kept on the meeting row as a sentence only: date, format, place."""
    for kind, label, sentence in (
        ("date", "Date", meeting.date_evidence),
        ("format", f"Format: {meeting.get_format_display()}", meeting.format_evidence),
        ("location", "Place", meeting.location_evidence),
    ):
        sentence = (sentence or "").strip()
        if not sentence:
            continue
        key = next((k for k in groups if k[1] == sentence), (None, sentence))
        if key not in groups:
            groups[key] = EvidenceGroup(sentence=sentence, source=None)
            positions[key] = 10**9
        groups[key].facts.append((kind, label))


# --------------------------------------------------------------------------- the extractor's gazetteer
# Reads of the reference data that build the gazetteer (issue 11: reads live with the selectors).


def gazetteer_from_db() -> Gazetteer:
    """The extractor's gazetteer built from the reference data in the database (5 queries)."""
    names: dict[str, dict[str, list[str]]] = {}
    for iso3, name, kind in CountryName.objects.values_list("country_id", "name", "kind").order_by("id"):
        names.setdefault(iso3, {}).setdefault(kind, []).append(name)
    countries = [
        CountryRef(
            iso3=c.iso3,
            name=c.name,
            official_name=c.official_name,
            capital=c.capital,
            **{kind: tuple(names.get(c.iso3, {}).get(kind, ())) for kind in CountryName.Kind.values},
        )
        for c in Country.objects.order_by("iso3")
    ]
    # The registry, then the known organisations outside it (not the forums ingest made from articles:
    # what the extractor produced must not feed back into it).
    forums = [
        ForumRef(
            acronym=f.acronym,
            name=f.name,
            other_names=tuple(f.other_names),
            parent=f.parent_acronym,
            registered=f.registered,
        )
        for f in Forum.objects.filter(Q(registered=True) | Q(known=True))
        .annotate(parent_acronym=Max("parent__acronym"))
        .order_by("-registered", "id")
    ]
    sectors = [SectorRef(slug=s.slug, words=tuple(s.words)) for s in CooperationSector.objects.order_by("slug")]
    # Only known officials: names the extractor itself produced must not feed back into it.
    aliases: dict[int, list[str]] = {}
    for official_id, name in (
        OfficialName.objects.filter(official__curated=True).values_list("official_id", "name").order_by("id")
    ):
        aliases.setdefault(official_id, []).append(name)
    officials = [
        OfficialRef(name=name, country=country, other_names=tuple(aliases.get(pk, ())))
        for pk, name, country in Official.objects.filter(curated=True)
        .values_list("pk", "name", "country_id")
        .order_by("id")
    ]
    return Gazetteer.build(countries, forums, sectors, officials)


_cache_lock = threading.Lock()
_cache: dict[str, Any] = {}


def _reference_fingerprint() -> tuple:
    """Changes whenever reference data changes (one aggregate query per table).

    Only known (curated) officials count: ingest creates the others all the time, and
    rebuilding the compiled gazetteer after every article would dominate ingest time.
    """
    parts: list[Any] = [Official.objects.filter(curated=True).aggregate(n=Count("pk"), last=Max("updated_at"))]
    for model in (Country, CountryName, Forum, CooperationSector):
        agg = model.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
        parts += [agg["n"], agg["last"]]
    return tuple(parts)


def gazetteer_cached() -> Gazetteer:
    """gazetteer_from_db(), rebuilt only when the reference data changed (checked per call)."""
    fingerprint = _reference_fingerprint()
    with _cache_lock:
        if _cache.get("fingerprint") != fingerprint:
            _cache["gazetteer"] = gazetteer_from_db()
            _cache["fingerprint"] = fingerprint
        return _cache["gazetteer"]
