"""Server-rendered pages: home, search, meetings, a meeting, a country, a pair of countries, a forum.

Short function views: read through relations/selectors.py, 404 on what does not exist,
render an app-namespaced template. Lists paginate, and every page costs a fixed number of
queries whatever the number of rows (tests/test_views.py checks each at 1 and at 20 rows).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from relations import filters, selectors
from relations.models import Article, Country, Forum, Meeting, MeetingFormat, MeetingStatus
from relations.pagination import EXACT_COUNT_LIMIT, count_rows
from relations.templatetags.relations_pages import Bar, Highlight, column_chart, highlight, locate, row_chart

PER_PAGE = 20
HOME_MEETINGS = 8
HOME_PAIRS = 8
SEARCH_PREVIEW = 8
EXACT_COUNT = EXACT_COUNT_LIMIT  # a meetings page counts exactly up to this many rows, and estimates above
CODE = re.compile(r"^[A-Za-z]{3}$")


class CountedPaginator(Paginator):
    """A paginator told how many items there are (a figure stored by services.aggregates), so it counts nothing."""

    def __init__(self, object_list: QuerySet | list, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self) -> int:  # type: ignore[override]
        return self.known_count


def paginate(
    request: HttpRequest,
    items: QuerySet | list,
    *,
    per_page: int = PER_PAGE,
    param: str = "page",
    count: int | None = None,
    estimate: bool = False,
) -> Page:
    """One page of `items`; a missing, bad or too-large page number gives the first or last page.
    `count`, when the caller knows it, saves counting the items; `estimate` lets PostgreSQL's planner
    give the count of a large result as the API's meeting list does (pagination.count_rows), so the
    page says "about N" instead of counting tens of thousands of rows on every request."""
    estimated = False
    if count is None and estimate and isinstance(items, QuerySet):
        count, estimated = count_rows(items, exact_up_to=EXACT_COUNT)
    paginator = Paginator(items, per_page) if count is None else CountedPaginator(items, per_page, count=count)
    page = paginator.get_page(request.GET.get(param))
    page.param = param  # type: ignore[attr-defined]  # the pagination include builds its links with it
    page.count_is_estimate = estimated  # type: ignore[attr-defined]
    return page


def meetings_url(**params: Any) -> str:
    """The meetings list filtered by `params` (lists become repeated parameters)."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "", [])}, doseq=True)
    return reverse("pages:meeting_list") + (f"?{query}" if query else "")


# --------------------------------------------------------------------------- home and search


def home(request: HttpRequest) -> HttpResponse:
    """Search box, the newest meetings and the pairs that meet most."""
    return render(
        request,
        "relations/home.html",
        {
            "totals": selectors.pages_totals(),
            "refreshed": selectors.data_refreshed(),
            "meetings": list(selectors.meeting_list()[:HOME_MEETINGS]),
            "pairs": list(selectors.relations_ranked().filter(meetings_count__gt=0)[:HOME_PAIRS]),
        },
    )


SEARCH_KINDS = {
    "meetings": ("Meetings", lambda q: selectors.meeting_list(q=q)),
    "countries": ("Countries", lambda q: selectors.country_list(q=q)),
    "officials": ("Officials", lambda q: selectors.official_list(q=q)),
    "forums": ("Forums", lambda q: selectors.forum_list(q=q)),
}


def search(request: HttpRequest) -> HttpResponse:
    """Meetings, countries, officials and forums matching the query: a preview of each, or one kind paged."""
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    kind = kind if kind in SEARCH_KINDS else ""
    groups = []
    if query:
        for key, (label, find) in SEARCH_KINDS.items():
            if kind and kind != key:
                continue
            per_page = PER_PAGE if kind else SEARCH_PREVIEW
            page = paginate(request, find(query), per_page=per_page, estimate=key == "meetings")
            groups.append({"key": key, "label": label, "page": page})
    return render(
        request,
        "relations/search.html",
        {
            "query": query,
            "kind": kind,
            "groups": groups,
            "meetings_search_url": meetings_url(q=query) if query else "",
        },
    )


# --------------------------------------------------------------------------- meetings


def meeting_list(request: HttpRequest) -> HttpResponse:
    """All meetings, newest first, filtered as the API filters them: the same FilterSet parses the
    parameters (relations.filters.MeetingFilter), so the page, its CSV link and /api/meetings/ give
    the same rows for the same query, and an unknown value is an error here as it is a 400 there."""
    filterset = filters.MeetingFilter(request.GET, queryset=Meeting.objects.none())
    form = filterset.form
    context: dict[str, Any] = {
        "form": form,
        "sectors": selectors.sector_list(),
        "formats": MeetingFormat.choices,
        "statuses": MeetingStatus.choices,
        "query": request.GET.get("q", ""),
    }
    if not filterset.is_valid():
        errors = [(name, " ".join(str(e) for e in messages)) for name, messages in filterset.errors.items()]
        return render(request, "relations/meeting_list.html", {**context, "errors": errors}, status=400)
    kwargs = filterset.selector_kwargs()
    meetings = selectors.meeting_list(**kwargs)
    query = request.GET.urlencode()
    return render(
        request,
        "relations/meeting_list.html",
        {
            **context,
            "page": paginate(request, meetings, estimate=True),
            "filters": _chips(kwargs, form.cleaned_data),
            "csv_url": reverse("api:meeting-list") + "?" + _api_query(request, format="csv", bom="1"),
            "api_url": reverse("api:meeting-list") + ("?" + _api_query(request) if query else ""),
        },
    )


def _api_query(request: HttpRequest, **extra: str) -> str:
    """The page's query as the API takes it: the same filters, the page's page size, no page number."""
    params = request.GET.copy()
    params.pop("page", None)
    params["page_size"] = str(PER_PAGE)
    if request.GET.get("page", "").isdigit() and int(request.GET["page"]) > 1:
        params["page"] = request.GET["page"]
    for key, value in extra.items():
        params[key] = value
    return params.urlencode()


def _chips(kwargs: dict[str, Any], cleaned: dict[str, Any]) -> list[tuple[str, str]]:
    """The filters in force, as labelled chips."""
    countries, official = kwargs.get("countries", []), kwargs.get("official")
    names = selectors.filter_names(countries=countries, official=official)
    chips = [("Country", names.get(code, code)) for code in countries]
    if official is not None:
        chips.append(("Official", names.get(official, f"#{official}")))
    if cleaned.get("year"):
        chips.append(("Year", str(int(cleaned["year"]))))
    for label, name in (("From", "date_after"), ("To", "date_before")):
        if cleaned.get(name):
            chips.append((label, cleaned[name].isoformat()))
    for label, name in (("Sector", "sector"), ("Forum", "forum"), ("Words", "q")):
        if kwargs.get(name):
            chips.append((label, kwargs[name]))
    if kwargs.get("format"):
        chips.append(("Format", MeetingFormat(kwargs["format"]).label))
    if kwargs.get("status"):
        chips.append(("Status", MeetingStatus(kwargs["status"]).label))
    return chips


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Who, when, where, format, sectors, forums, status, and each source with its facts highlighted."""
    try:
        meeting = selectors.meeting_detail(pk)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None
    articles = [source.article for source in meeting.sources.all()]
    levels = selectors.levels_stated_in([article.pk for article in articles])
    beside = selectors.meetings_beside(meeting.pk, [article.pk for article in articles])
    anchored: set[str] = set()
    sources = [
        {
            "article": article,
            "text": highlight(article.text, _evidence(meeting, article, levels, anchored)),
            "siblings": beside.get(article.pk, []),
        }
        for article in articles
    ]
    parties = [party.country for party in meeting.parties.all()]
    pairs = [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]
    return render(
        request,
        "relations/meeting_detail.html",
        {
            "meeting": meeting,
            "sources": sources,
            "pairs": pairs,
            "anchored": anchored,
        },
    )


def _span(text: str, start: int | None, end: int | None, sentence: str) -> tuple[int, int] | None:
    """Where a fact's evidence is in `text`: its offsets when they fit the text, else its sentence."""
    if start is not None and end is not None and 0 <= start < end <= len(text):
        return start, end
    return locate(text, sentence)


def _evidence(meeting: Meeting, article: Article, levels: list, anchored: set[str]) -> list[Highlight]:
    """Every fact of the meeting read from `article`, as spans of its text to highlight.

    A link whose source is another article is left out; a curator's link without a source
    is shown where its sentence appears. Each fact's anchor goes on its first occurrence only.
    """
    text = article.text
    found: list[Highlight] = []

    def add(link: Any, kind: str, label: str, anchor: str) -> None:
        if link.source_id not in (None, article.pk):
            return
        span = _span(text, link.evidence_start, link.evidence_end, link.evidence)
        if span is None:
            return
        first = anchor not in anchored
        anchored.add(anchor)
        link.anchor = anchor
        found.append(Highlight(*span, kind=kind, label=label, anchor=anchor if first else ""))

    for party in meeting.parties.all():
        add(party, "party", f"Party: {party.country.name}", f"fact-party-{party.pk}")
    for person in meeting.participants.all():
        title = f", {person.title}" if person.title else ""
        name = person.display_name  # type: ignore[attr-defined]  # annotated by selectors.meeting_queryset()
        add(person, "participant", f"Participant: {name}{title}", f"fact-participant-{person.pk}")
    for sector_link in meeting.sector_links.all():
        add(sector_link, "sector", f"Sector: {sector_link.sector.name}", f"fact-sector-{sector_link.pk}")
    for forum_link in meeting.forum_links.all():
        add(forum_link, "forum", f"Forum: {forum_link.forum.acronym}", f"fact-forum-{forum_link.pk}")
    found += _sentence_evidence(meeting, article, levels, anchored)
    return found


def _sentence_evidence(meeting: Meeting, article: Article, levels: list, anchored: set[str]) -> list[Highlight]:
    """The facts kept as a sentence only: the meeting's date, format and place, and stated levels."""
    found = []
    facts = [
        ("fact-date", "meeting", "Date", meeting.date_evidence),
        ("fact-format", "meeting", f"Format: {meeting.get_format_display()}", meeting.format_evidence),
        ("fact-location", "meeting", "Location", meeting.location_evidence),
    ]
    facts += [
        (f"fact-level-{level.pk}", "level", f"Relation level: {level.get_level_display()}", level.evidence)
        for level in levels
        if level.source_id == article.pk
    ]
    for anchor, kind, label, sentence in facts:
        span = locate(article.text, sentence)
        if span:
            found.append(Highlight(*span, kind=kind, label=label, anchor="" if anchor in anchored else anchor))
            anchored.add(anchor)
    return found


# --------------------------------------------------------------------------- countries and pairs


def _canonical(request: HttpRequest, name: str, **kwargs: str) -> HttpResponse:
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse(f"pages:{name}", kwargs=kwargs) + (f"?{query}" if query else ""), permanent=True)


def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    """A country's partners ranked by meetings, its forums, its officials and its latest meetings."""
    if iso3 != iso3.upper():
        return _canonical(request, "country_detail", iso3=iso3.upper())
    try:
        country = selectors.country_detail(iso3)
    except Country.DoesNotExist:
        raise Http404("No such country") from None
    partners = paginate(request, selectors.relations_ranked(country=iso3), param="partners")
    for relation in partners:
        relation.partner = relation.country_b if relation.country_a_id == iso3 else relation.country_a
    meetings = selectors.meeting_list(countries=[iso3])
    return render(
        request,
        "relations/country_detail.html",
        {
            "country": country,
            "partners": partners,
            "forums": paginate(request, list(country.memberships.all()), per_page=30, param="forums"),
            # Those with meetings first; each with the title the latest meeting gave when no position is recorded.
            "officials": paginate(request, selectors.country_officials(iso3), param="officials"),
            "meetings": list(meetings[:5]),
            "meetings_count": country.meetings_count,
            "meetings_url": meetings_url(country=[iso3]),
        },
    )


def relation_detail(request: HttpRequest, pair: str) -> HttpResponse:
    """Two countries: level history, meetings per year, sectors, shared forums, officials, every meeting.

    Either order works (PAK-AZE shows Pakistan first); the codes are case-insensitive.
    """
    first, _, second = pair.partition("-")
    if not (CODE.match(first) and CODE.match(second)) or first.upper() == second.upper():
        raise Http404("A relation is two different ISO alpha-3 codes, like AZE-PAK")
    if pair != pair.upper():
        return _canonical(request, "relation_detail", pair=pair.upper())
    try:
        summary = selectors.relation_summary(first, second, latest=0)
    except Country.DoesNotExist:
        raise Http404("No such country") from None
    countries = [summary.country_a, summary.country_b]
    if countries[0].iso3 != first:
        countries.reverse()
    codes = [c.iso3 for c in countries]
    article_meetings = selectors.meetings_by_article([lv.source_id for lv in summary.levels if lv.source_id])
    for level in summary.levels:
        meeting_id = article_meetings.get(level.source_id) if level.source_id is not None else None
        level.meeting_id = meeting_id  # type: ignore[attr-defined]  # for relation_detail.html's link to the meeting
    return render(
        request,
        "relations/relation_detail.html",
        {
            "summary": summary,
            "countries": countries,
            "current_level": summary.levels[0] if summary.levels else None,
            "meetings": paginate(request, selectors.meeting_list(countries=codes), count=summary.meetings_count),
            "officials": paginate(request, selectors.relation_officials(first, second), param="officials"),
            "years_chart": _years_chart(summary, codes),
            "sectors_chart": _sectors_chart(summary, codes),
            "meetings_url": meetings_url(country=codes),
        },
    )


def _years_chart(summary: selectors.RelationSummary, codes: list[str]) -> Any:
    bars = [
        Bar(label=str(row["year"]), value=row["count"], href=meetings_url(country=codes, year=row["year"]))
        for row in summary.meetings_per_year
    ]
    undated = summary.meetings_count - sum(row["count"] for row in summary.meetings_per_year)
    if undated:
        bars.append(Bar(label="Undated", value=undated, css="undated"))
    names = " and ".join(c.name for c in summary.countries_rows)
    return column_chart(
        bars,
        title="Meetings per year",
        description=f"Meetings between {names} per year"
        + (f", and {undated} without a known date." if undated else "."),
        slug="years",
        empty=f"No meeting between {names} is recorded yet.",
    )


def _sectors_chart(summary: selectors.RelationSummary, codes: list[str]) -> Any:
    names = dict(selectors.sector_list().values_list("slug", "name"))
    bars = [
        Bar(
            label=names.get(row["sector"], row["sector"]),
            value=row["count"],
            href=meetings_url(country=codes, sector=row["sector"]),
        )
        for row in summary.sectors
    ]
    return row_chart(
        bars,
        title="Sectors discussed",
        description="Areas of cooperation, by the number of meetings that discussed each.",
        slug="sectors",
        empty="No area of cooperation is recorded for their meetings yet.",
    )


# --------------------------------------------------------------------------- forums


def forum_detail(request: HttpRequest, acronym: str) -> HttpResponse:
    """A forum: what it is, its members and the meetings that named it."""
    try:
        forum = selectors.forum_detail(acronym)
    except Forum.DoesNotExist:
        raise Http404("No such forum") from None
    meetings = selectors.meeting_list(forum=forum.acronym)
    return render(
        request,
        "relations/forum_detail.html",
        {
            "forum": forum,
            "members": paginate(request, list(forum.memberships.all()), per_page=48, param="members"),
            "meetings": list(meetings[:5]),
            "meetings_count": forum.meetings_count,
            "meetings_url": meetings_url(forum=forum.acronym),
        },
    )
