"""The admin's meeting and article searches at volume: indexed matches, never a DISTINCT.

Django's `search_fields` OR a case-insensitive LIKE over every field it names, joined through
participants and articles: at 100,000 meetings each search read every participant and article
row and needed a DISTINCT over whole meeting rows, for the count, the page and the date
hierarchy (7.6 s, issue 10). Here each kind of match is one indexed subquery of meeting ids
(`pk IN (...)`), which cannot repeat a meeting:

- words: full-text, as the public search, over the meeting's title and summary (the GIN index of
  migration 0002) or over the title of one of its articles (migration 0013): "meets" finds
  "meeting", and the websearch syntax works ("quoted phrase", -word, or);
- names: a participant whose name as written has a word starting with each word typed ("Syed Yous");
- codes: a term that is a country's ISO3 code, in any case, is a party: "PAK", "aze pak" (both),
  "energy AZE" (a party, and the other words as above); "and", "are", "can" and "nor" are words
  unless written in capitals.

The words are read together, as the public search reads them (so "talks on energy" skips "on"),
not one by one in different places as Django's search did: one word found in nearly every
meeting ("cooperation") would make PostgreSQL read every meeting's text on its own.

Participants (participant_admin_search): their name as written, by the start of its words, their
official's name, or the words in their meeting's title and summary (no longer their title or
evidence sentence, which only a read of all 296,000 rows could match).

Articles (article_admin_search, also behind the article autocompletes): title words starting with
the words typed (full-text, migration 0013), the URL typed (with or without its scheme, "www."
or a final slash), or a publisher whose name holds the text; each through an index, where the
LIKEs over title, URL and publisher read all 165,000 articles.

The article bodies are not searched, as before: "energy" is in a third of them, 55,000 at 100,000
meetings, and selectors.meeting_search, which reads them, took 250 ms for its ids alone, more
than the whole page may. On other databases (SQLite in development) words and names are
case-insensitive substrings.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.text import smart_split, unescape_string_literal

from relations.models import Article, Country, Meeting, MeetingCountry, MeetingParticipant, MeetingSource, Official
from relations.selectors import SEARCH_CONFIG, meeting_search_vector

# Names are not English: no stemming and no stop words ("Abe" stays "abe").
NAME_CONFIG = "simple"
# The ISO3 codes that are also English words the full-text search skips.
ENGLISH_CODES = frozenset({"AND", "ARE", "CAN", "NOR"})


def article_title_vector():  # type: ignore[no-untyped-def]
    """An article's title as indexed by article_title_search_idx (migration 0013): keep them identical."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", config=SEARCH_CONFIG)


def participant_name_vector():  # type: ignore[no-untyped-def]
    """A participant's name as written, as indexed by participant_name_search_idx (migration 0013)."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector("raw_name", config=NAME_CONFIG)


def meeting_admin_search(queryset: QuerySet[Meeting], text: str) -> QuerySet[Meeting]:
    """`queryset` narrowed to the meetings the admin's search box finds for `text` (see the module)."""
    terms = list(smart_split(text.strip()))
    codes = _country_codes(terms)
    for code in sorted(codes):
        queryset = queryset.filter(pk__in=MeetingCountry.objects.filter(country_id=code).values("meeting_id"))
    words = " ".join(term for term in terms if term.upper() not in codes)
    return queryset.filter(_found(words)) if words else queryset


def _country_codes(terms: list[str]) -> set[str]:
    """The terms that are countries' ISO3 codes, upper-cased; "and", "are", "can" and "nor" only in capitals."""
    candidates = {term.upper(): term for term in terms if len(term) == 3 and term.isalpha()}
    if not candidates:
        return set()
    known = Country.objects.filter(iso3__in=candidates).order_by().values_list("iso3", flat=True)
    return {code for code in known if code not in ENGLISH_CODES or candidates[code].isupper()}


def _found(text: str) -> Q:
    """Meetings whose title and summary, or one of whose articles' titles, hold the words of `text`,
    or with a participant so named.

    An OR of `pk IN (subquery)`: PostgreSQL runs each subquery on its own, through its index, and
    keeps the ids in a hash, which it probes while it reads the meetings in the page's order (the
    date index), stopping at the page's last row.
    """
    in_meetings: QuerySet[Meeting]  # annotated (by the search vector) or not
    in_titles: QuerySet[Article]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        in_meetings = Meeting.objects.alias(document=meeting_search_vector()).filter(document=query)
        in_titles = Article.objects.alias(document=article_title_vector()).filter(document=query)
    else:
        in_meetings, in_titles = Meeting.objects.all(), Article.objects.all()
        for word in _plain_words(text):
            in_meetings = in_meetings.filter(Q(title__icontains=word) | Q(summary__icontains=word))
            in_titles = in_titles.filter(title__icontains=word)
    sources = MeetingSource.objects.filter(article__in=in_titles.values("pk"))
    found = Q(pk__in=in_meetings.values("pk")) | Q(pk__in=sources.values("meeting_id"))
    named = _participants_named(text)
    return found | Q(pk__in=named.values("meeting_id")) if named is not None else found


def _participants_named(text: str) -> QuerySet[MeetingParticipant] | None:
    """Participants whose name as written has a word starting with each word of `text` (None: no word)."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    if connection.vendor == "postgresql":
        named = Q(name_document=_starts(words, NAME_CONFIG))
        return MeetingParticipant.objects.alias(name_document=participant_name_vector()).filter(named)
    return MeetingParticipant.objects.filter(*(Q(raw_name__icontains=word) for word in words))


def _starts(words: list[str], config: str):  # type: ignore[no-untyped-def]
    """A tsquery matching a text with a word starting with each of `words` (\\w+: no quote, no operator)."""
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(" & ".join(f"'{word}':*" for word in words), config=config, search_type="raw")


def _plain_words(text: str) -> list[str]:
    """The terms of `text` as Django's search splits them: a "quoted phrase" is one term."""
    terms = []
    for term in smart_split(text):
        if term[:1] in "\"'" and len(term) > 1 and term[0] == term[-1]:
            term = unescape_string_literal(term)
        terms.append(term)
    return terms


# --------------------------------------------------------------------------- participants


def participant_admin_search(queryset: QuerySet[MeetingParticipant], text: str) -> QuerySet[MeetingParticipant]:
    """`queryset` narrowed to the participants named so (as written, by the start of the name's
    words; or their official's name), or at a meeting whose title and summary hold the words."""
    named = _participants_named(text)
    if named is None:
        return queryset
    officials = Official.objects.filter(name__icontains=text.strip())  # a few thousand rows
    meetings: QuerySet[Meeting]  # annotated (by the search vector) or not
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        meetings = Meeting.objects.alias(document=meeting_search_vector()).filter(document=query)
    else:
        meetings = Meeting.objects.filter(
            *(Q(title__icontains=w) | Q(summary__icontains=w) for w in _plain_words(text))
        )
    return queryset.filter(
        Q(pk__in=named.values("pk")) | Q(official__in=officials.values("pk")) | Q(meeting__in=meetings.values("pk"))
    )


# --------------------------------------------------------------------------- articles


def article_admin_search(queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
    """`queryset` narrowed to the articles the admin's search box (or an article autocomplete) finds for `text`."""
    text = text.strip()
    words = re.findall(r"\w+", text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # Words starting title words: an autocomplete's "Azerb" finds "Azerbaijan".
        queryset = queryset.alias(title_document=article_title_vector())
        found = Q(title_document=_starts(words, SEARCH_CONFIG))
    else:
        found = Q(*(Q(title__icontains=word) for word in words))
    publishers = [name for name in publisher_names() if text.casefold() in name.casefold()]
    return queryset.filter(found | Q(url__in=_url_forms(text)) | Q(publisher__in=publishers))


def publisher_names() -> list[str]:
    """Every publisher an article names, A to Z, one probe of article_publisher_idx each.

    A recursive "loose index scan": SELECT DISTINCT would read all 165,000 articles (46 ms).
    """
    table, column = connection.ops.quote_name(Article._meta.db_table), connection.ops.quote_name("publisher")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH RECURSIVE publishers(name) AS (
                SELECT MIN({column}) FROM {table}
                UNION ALL
                SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > publishers.name)
                FROM publishers WHERE publishers.name IS NOT NULL
            )
            SELECT name FROM publishers WHERE name IS NOT NULL AND name <> ''
            """
        )
        return [name for (name,) in cursor.fetchall()]


def _url_forms(text: str) -> list[str]:
    """The ways a URL typed with or without its scheme, "www." or final slash may be stored."""
    if " " in text or "." not in text:
        return []
    bare = re.sub(r"^https?://", "", text, flags=re.IGNORECASE).removeprefix("www.").rstrip("/")
    return [
        f"{scheme}{www}{bare}{slash}"
        for scheme in ("https://", "http://")
        for www in ("", "www.")
        for slash in ("", "/")
    ]
