"""Places: country names, official forms, demonyms, capitals, cities and institutions.

Only names, official forms, alternative names and demonyms are country *mentions*; a capital,
a city or an institution ("Lima", "the Kremlin", "Jogorku Kenesh") helps to place a meeting or
a person but does not by itself mention the country. A dateline ("BAKU, July 1 (AZERTAC) --")
says where the story was filed, and an outlet's name ("Ruritania News Agency") is not a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import parse_date_phrase
from .lexicon import Lexicon, Place
from .rules import ModuleTables, Rules
from .text import Document


@dataclass(slots=True)
class PlaceHit:
    iso3: str | None
    kind: str
    first: int  # token range
    last: int
    start: int  # character offsets
    end: int


@dataclass(slots=True)
class Dateline:
    end: int  # character offset where the dateline stops
    city: str | None
    iso3: str | None
    date_text: str | None
    country: PlaceHit | None = None  # a country the dateline names ("LIMA, Peru", "[US]")
    kind: str | None = None  # the gazetteer kind of the city phrase ("capital", "city", "name", ...)
    city_start: int = 0
    city_end: int = 0
    plain: bool = False  # a city and a dash only: no date, no agency (a release's, not a wire's home desk)

    @property
    def is_city(self) -> bool:
        return self.kind in ("capital", "city")


def find_places(doc: Document, lex: Lexicon) -> list[PlaceHit]:
    """Every place phrase (longest match), blocked phrases excluded."""
    hits = []
    for i, j, place in lex.places.scan(doc.words, starts=lex.classify(doc).places):
        assert isinstance(place, Place)
        if place.iso3 is None:
            continue
        hits.append(PlaceHit(place.iso3, place.kind, i, j, doc.starts[i], doc.ends[j - 1]))
    return hits


def find_dateline(doc: Document, lex: Lexicon) -> Dateline | None:
    """The dateline at the top of the body, if any."""
    t = doc.tables.places
    # (after blank lines: a byline above it is blanked out)
    m = t.DATELINE_RE.match(doc.text[: 160 + t.LEADING_SPACE_RE.match(doc.text).end()])  # type: ignore[union-attr]
    if not m:
        return None
    city = m.group("city")
    if city.split()[0] in t.NOT_DATELINE_START:
        return None
    agency = m.group("agency0") or m.group("agency1") or m.group("agency2") or m.group("agency3") or m.group("agency4")
    place = _lookup_city(lex, t.SEAT_DATELINES.get(city.lower(), city))
    sep = m.group("sep")
    if place is None and not (agency and (m.group("date") or m.group("agency1"))) and not city.isupper():
        return None
    if place is None and not (m.group("date") or agency):
        return None
    if (
        sep in ("-", ".")
        and not (m.group("date") or agency)
        and not (sep == "-" and place and (_spaced(doc.text, m) or _capitals_then_space(doc.text, m, city)))
    ):
        return None
    return Dateline(
        m.end(),
        _city_name(t.SEAT_DATELINES.get(city.lower(), city), t) if place else city,
        place.iso3 if place else None,
        m.group("date"),
        _named_country(doc, lex, m),
        place.kind if place else None,
        m.start("city"),
        m.end("city"),
        not (m.group("date") or agency),
    )


def _capitals_then_space(text: str, m: re.Match, city: str) -> bool:
    """'ALGIERS- The minister': a known city in capitals, a dash glued to it, then a space."""
    at = m.start("sep")
    return city.isupper() and len(city) > 2 and text[at + 1 : at + 2] == " "


def _spaced(text: str, m: re.Match) -> bool:
    """'Rabat - The minister': a dash between spaces, not a hyphenated word."""
    at = m.start("sep")
    return text[at - 1 : at] == " " and text[at + 1 : at + 2] == " "


def _named_country(doc: Document, lex: Lexicon, m: re.Match) -> PlaceHit | None:
    """The country a dateline names after the city: 'LIMA, Peru', 'New York [US]'."""
    from .lexicon import tokenize

    for group in ("country", "bracket"):
        name = m.group(group)
        if not name:
            continue
        tokens = list(tokenize(name))
        hit = lex.places.match_at(tokens, 0)
        if hit and hit[0] == len(tokens):
            place = hit[1]
            assert isinstance(place, Place)
            if place.is_mention:
                start, end = m.span(group)
                first = next(i for i, s in enumerate(doc.starts) if s >= start)
                return PlaceHit(place.iso3, place.kind, first, first + len(tokens), start, end)
    return None


def _lookup_city(lex: Lexicon, city: str) -> Place | None:
    from .lexicon import tokenize

    for candidate in (city, city.title(), _title_with_particles(city, PlaceTables.of(lex.rules))):
        hit = lex.places.match_at(list(tokenize(candidate)), 0)
        if hit and hit[0] == len(tokenize(candidate)):
            place = hit[1]
            assert isinstance(place, Place)
            if place.iso3:
                return place
    return None


def _title_with_particles(city: str, t: PlaceTables) -> str:
    """'RIO DE JANEIRO' -> 'Rio de Janeiro', 'PORT OF SPAIN' -> 'Port of Spain'."""
    head, *rest = city.title().split(" ")
    return " ".join([head, *(w.lower() if w.lower() in t.CITY_PARTICLES else w for w in rest)])


def _city_name(city: str, t: PlaceTables) -> str:
    return _title_with_particles(city, t) if city.isupper() else city


def dateline_date(dateline: Dateline | None, published: date | None, rules: Rules) -> date | None:
    """The day the story was filed: a dateline's date with its year, or without one in the week before
    the published date ('YEREVAN, Oct. 7' published on 8 October: 'today' is the 7th). It stands in
    for a missing published date and fixes 'today' and 'yesterday' better than the published date."""
    if not dateline or not dateline.date_text:
        return None
    filed = parse_date_phrase(dateline.date_text, published, rules)
    if filed and published and not 0 <= (published - filed).days <= 7:
        return None  # a dateline that does not agree with the published date is not trusted
    return filed


def is_media_name(doc: Document, hit: PlaceHit) -> bool:
    """'Peru News Agency', 'Latvia State News Agency', 'Times of India', 'Voice of America', and
    companies: 'Turkish Airlines', 'Saudi Aramco', 'Air India'."""
    t = doc.tables.places
    j, bridged = hit.last, 0
    while j < len(doc.words) and doc.words[j] in t.MEDIA_BRIDGE and bridged < 2:
        j, bridged = j + 1, bridged + 1
    if j < len(doc.words) and doc.words[j] in t.MEDIA_HEADS and (bridged or doc.words[j] != "Press"):
        return True
    if j < len(doc.words) and doc.words[j] in t.COMPANY_HEADS:
        return j + 1 >= len(doc.words) or doc.words[j + 1] not in ("Minister", "Ministry")  # "Railways Minister"
    if hit.first > 0 and doc.words[hit.first - 1] == "Air" and hit.kind in ("name", "alternative"):
        return True  # "Air India", "Air Serbia"
    if j < len(doc.words) and doc.words[j] == "News" and bridged == 0:
        return True
    before = doc.text[max(0, hit.start - 24) : hit.start]
    return " of" in before and bool(t.MEDIA_OF_RE.search(before))


def country_mentions(doc: Document, hits: list[PlaceHit], excluded: set[int]) -> list[PlaceHit]:
    """The place hits that mention a country: names and demonyms, outside excluded tokens."""
    t = doc.tables.places
    out = []
    demonyms = {h.first: h for h in hits if h.kind == "demonym"}
    ends = {h.last: h for h in demonyms.values()}
    for h in hits:
        if h.kind not in ("name", "official", "alternative", "demonym"):
            continue
        if h.first in excluded or is_media_name(doc, h):
            continue
        if h.kind == "demonym" and h.last < len(doc.words) and doc.lower[h.last] in t.CURRENCY_WORDS:
            continue  # "the Swiss franc", "Japanese yen": a currency
        if h.kind == "demonym" and _names_a_language_or_people(doc, h, demonyms, ends):
            continue
        out.append(h)
    return out


def _names_a_language_or_people(
    doc: Document, h: PlaceHit, demonyms: dict[int, PlaceHit], ends: dict[int, PlaceHit]
) -> bool:
    t = doc.tables.places
    words = doc.words
    prev = words[h.first - 1] if h.first > 0 else ""
    nxt = words[h.last] if h.last < len(words) else "."
    low = nxt.lower()
    if (
        prev not in t.NEAR_A_LANGUAGE
        and nxt not in t.NEAR_A_LANGUAGE
        and low not in t.LANGUAGE_AFTER
        and low not in t.PEOPLE_AFTER
        and h.first not in ends
    ):
        return False  # the common case: "Kazakh President", "the Uzbek side"
    return _names_a_language(doc, h, demonyms, ends) or _names_a_people(doc, h, demonyms, ends)


def _coordinated(
    doc: Document, h: PlaceHit, demonyms: dict[int, PlaceHit], ends: dict[int, PlaceHit], extra: frozenset[str]
) -> tuple[int, int]:
    """The run of demonyms (or extra words) coordinated with h: 'Arabic, Turkish and English'."""
    t = doc.tables.places
    words = doc.words
    lo, hi = h.first, h.last
    while lo >= 2 and words[lo - 1] in t.LIST_JOINERS and (words[lo - 2] in extra or lo - 1 in ends):
        lo = ends[lo - 1].first if lo - 1 in ends else lo - 2
    while hi + 1 < len(words) and words[hi] in t.LIST_JOINERS and (words[hi + 1] in extra or hi + 1 in demonyms):
        hi = demonyms[hi + 1].last if hi + 1 in demonyms else hi + 2
    return lo, hi


def _names_a_language(doc: Document, h: PlaceHit, demonyms: dict[int, PlaceHit], ends: dict[int, PlaceHit]) -> bool:
    """'signed in Arabic, Turkish and English', 'Russian-speaking', 'the Kazakh language'."""
    t = doc.tables.places
    words, lower = doc.words, doc.lower
    nxt = h.last + (1 if h.last < len(words) and words[h.last] == "-" else 0)
    if nxt < len(words) and lower[nxt] in t.LANGUAGE_AFTER:
        return True
    lo, hi = _coordinated(doc, h, demonyms, ends, t.LANGUAGE_WORDS)
    return (
        lo > 0
        and lower[lo - 1] in ("in", "into")
        and (hi >= len(words) or words[hi] in (".", ",", ";", ")", ":") or lower[hi] in t.LANGUAGE_AFTER)
        and (hi - lo > 1 or lower[lo - 1] == "into" or _after_a_text(doc, lo - 1))
    )


def _after_a_text(doc: Document, k: int) -> bool:
    """'signed in Russian', 'published in Kazakh': one language after a verb of writing or speaking."""
    t = doc.tables.places
    return k > 0 and doc.lower[k - 1] in t.TEXT_VERBS


def _names_a_people(doc: Document, h: PlaceHit, demonyms: dict[int, PlaceHit], ends: dict[int, PlaceHit]) -> bool:
    """'the Iraqi Turkmen community', 'ethnic Kazakhs', 'Arab, Kurdish and Turkmen parties': a people
    living elsewhere, not the country."""
    t = doc.tables.places
    words = doc.words
    if h.first > 0 and words[h.first - 1] in ("ethnic", "Ethnic"):
        return True
    prev = ends.get(h.first)
    if prev is not None and prev.iso3 != h.iso3:
        after = words[h.last] if h.last < len(words) else "."
        if after.lower() in t.PEOPLE_AFTER or not after[:1].isalpha():
            return True  # "the Iraqi Turkmen community": a people of one country named by another's demonym
    lo, hi = _coordinated(doc, h, demonyms, ends, t.ETHNIC_WORDS)
    return any(w in t.ETHNIC_WORDS for w in words[lo:hi])


class PlaceTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "CITY_PARTICLES",
        "COMPANY_HEADS",
        "CURRENCY_WORDS",
        "DATELINE_RE",
        "ETHNIC_WORDS",
        "LANGUAGE_AFTER",
        "LANGUAGE_WORDS",
        "LEADING_SPACE_RE",
        "LIST_JOINERS",
        "MEDIA_BRIDGE",
        "MEDIA_HEADS",
        "MEDIA_OF_RE",
        "NEAR_A_LANGUAGE",
        "NOT_DATELINE_START",
        "PEOPLE_AFTER",
        "SEAT_DATELINES",
        "TEXT_VERBS",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self.MEDIA_HEADS = R.words("places.media_heads")
        self.MEDIA_BRIDGE = R.words("places.media_bridge")
        self.COMPANY_HEADS = R.words("places.company_heads")
        self.MEDIA_OF_RE = R.regex("places.media_of")
        self.DATELINE_RE = R.regex("places.dateline")
        self.LEADING_SPACE_RE = R.regex("places.leading_space")
        self.SEAT_DATELINES: dict[str, str] = R.mapping("places.seat_datelines")
        self.CURRENCY_WORDS = R.words("places.currency_words")
        self.NOT_DATELINE_START = R.words("places.not_dateline_start")
        self.CITY_PARTICLES = R.words("places.city_particles")
        self.LANGUAGE_WORDS = R.words("places.language_words")
        self.LANGUAGE_AFTER = R.words("places.language_after")
        self.ETHNIC_WORDS = R.words("places.ethnic_words")
        self.PEOPLE_AFTER = R.words("places.people_after")
        self.LIST_JOINERS = R.words("places.list_joiners")
        self.NEAR_A_LANGUAGE = R.words("places.near_a_language")
        self.TEXT_VERBS = R.words("places.text_verbs")
