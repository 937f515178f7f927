"""From mentions to people, and from people to the participants of the meeting.

Mentions are merged by name (a surname refers back to the full name written earlier or later);
each person's country comes from a title ("Kyrgyz President", "Minister of Foreign Affairs of
Peru", "Speaker of the Jogorku Kenesh", "Governor of Samarkand region"), a counterpart phrase
("his Chilean counterpart"), a known official, a coordination ("Ruritania's President A and
Prime Minister B"), the headline or, last, a party left unrepresented (one named in a pair with
a known party first: "between Palau and Fiji"). The participants are the people named in the sentence that
reports the meeting (then in later meeting sentences until two countries take part).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .lexicon import Lexicon, Place, official_country
from .people import Mention, PeopleTables, Person, name_keys
from .rules import ModuleTables, Rules
from .text import Document

MENTION_KINDS = ("name", "official", "alternative", "demonym")
PLACEHOLDER = "\x00"


class TitleReader:
    """Reads the country out of a title phrase and writes the title without it."""

    def __init__(self, doc: Document, places: dict[int, tuple[int, int, Place]], lex: Lexicon):
        self.t = doc.tables.participants  # the tables of the rules the document is read with
        self.doc = doc
        self.places = places
        self.lex = lex

    def read(self, m: Mention) -> None:
        self._read(m)
        after = self._of_country_after(m)
        if after and (m.country is None or self._title_starts_on_anothers_country(m)):
            m.country = after
        if m.country is None:
            m.country = self._leads_a_delegation(m)

    def _leads_a_delegation(self, m: Mention) -> str | None:
        """'X, Minister of ..., led a Ruritanian delegation': the leader's country is the delegation's."""
        lower = self.doc.lower
        k = max(m.last, m.title_last or 0)
        if k < len(lower) and lower[k] == ",":
            k += 1
        if lower[k : k + 1] not in (["led"], ["headed"], ["leads"], ["heads"]) or lower[k + 1 : k + 2] not in (
            ["a"],
            ["an"],
            ["the"],
            ["his"],
            ["her"],
        ):
            return None
        hit = self.places.get(k + 2)
        if hit is None or hit[0] != k + 2 or not hit[2].iso3 or hit[2].kind not in MENTION_KINDS:
            return None
        return hit[2].iso3 if lower[hit[1] : hit[1] + 1] == ["delegation"] else None

    def _title_starts_on_anothers_country(self, m: Mention) -> bool:
        """'A of Ruritania and President B of Freedonia': B's title was read from 'Ruritania and', A's."""
        k = m.title_first
        return k is not None and k > 0 and self.doc.words[k - 1] == "of" and k in self.places

    def _of_country_after(self, m: Mention) -> str | None:
        """'Prime Minister Jane Cole of Barbados', 'President X of Senegal': the country after the name."""
        words, k = self.doc.words, m.last
        if k + 1 >= len(words) or words[k] != "of":
            return None
        hit = self.places.get(k + 1)
        if hit is None or hit[0] != k + 1 or not hit[2].iso3 or hit[2].kind not in ("name", "official", "alternative"):
            return None
        if hit[1] < len(words) and words[hit[1]] == "'":
            return None  # "X of Ruritania's ruling party"
        return hit[2].iso3

    def _read(self, m: Mention) -> None:
        if m.title_first is None or m.title_last is None:
            m.country = m.country or self._delegation_before(m)
            return
        parts: list[str] = []
        countries: list[str] = []
        cities: list[str] = []
        k = m.title_first
        while k < m.title_last:
            if self.doc.words[k] == "(":  # an aside inside the title is not part of it
                k = next((j + 1 for j in range(k + 1, m.title_last) if self.doc.words[j] == ")"), m.title_last)
                continue
            hit = self.places.get(k)
            if hit and hit[2].iso3 and hit[2].kind in (*MENTION_KINDS, "institution"):
                first, last, place = hit
                countries.append(place.iso3)  # type: ignore[arg-type]
                if self._qualifies_a_portfolio(first, last, m):
                    parts += [self._token_text(t) for t in range(first, last)]  # "... and Moroccan Expatriates"
                elif place.kind == "institution":
                    parts += self._institution_parts(max(first, k), min(last, m.title_last))
                else:
                    parts.append(" " + PLACEHOLDER)
                k = max(last, k + 1)
                continue
            if hit and hit[2].iso3 and hit[2].kind in ("capital", "city") and hit[0] == k:
                cities.append(hit[2].iso3)  # "Governor of Samarkand region", "Mayor of Tashkent"
            parts.append(self._token_text(k))
            k += 1
        title = clean_title("".join(parts).strip())
        m.title = title or None
        if countries or cities:
            m.country = (countries or cities)[0]
        elif not m.counterpart:
            m.country = self._counterpart_before(m.title_first) or self._delegation_before(m)
        if m.counterpart:
            m.title = None

    def _delegation_before(self, m: Mention) -> str | None:
        """'a Hungarian delegation led by X', 'a delegation from the National Assembly of Hungary headed
        by the Deputy Speaker X': the leader of a delegation represents the country it comes from."""
        t = self.t
        lower = self.doc.lower
        k = m.title_first if m.title_first is not None else m.first
        first = self.doc.sentences[m.sentence].first
        while k > first and lower[k - 1] in ("the", "its", "their"):
            k -= 1
        if k - 2 < first or lower[k - 1] != "by" or lower[k - 2] not in ("led", "headed"):
            return None
        led = k - 2
        head = next((j for j in range(led - 1, max(first, led - 12) - 1, -1) if lower[j] in t.DELEGATION_NOUNS), None)
        if head is None:
            return None
        for j in range(max(first, head - 3), led):
            hit = self.places.get(j)
            if hit and hit[2].iso3 and hit[2].kind in (*MENTION_KINDS, "institution"):
                return hit[2].iso3
        return None

    def _counterpart_before(self, k: int) -> str | None:
        """'his Ivorian counterpart, Defence Minister X': the office in apposition to a counterpart
        phrase is that country's."""
        people_t = self.doc.tables.people
        words = self.doc.words
        if k < 3 or words[k - 1] != "," or words[k - 2] not in people_t.COUNTERPART_WORDS:
            return None
        hit = self.places.get(k - 3)
        return hit[2].iso3 if hit and hit[1] == k - 2 and hit[2].kind in MENTION_KINDS else None

    def _qualifies_a_portfolio(self, first: int, last: int, m: Mention) -> bool:
        """A demonym inside a portfolio ('Minister of Foreign Affairs and Moroccan Expatriates') is part of
        the title's wording, not the country of the office."""
        people_t = self.doc.tables.people
        words = self.doc.words
        return (
            first > m.title_first  # type: ignore[operator]
            and words[first - 1] in ("and", ",")
            and last < m.title_last  # type: ignore[operator]
            and words[last] not in people_t.TITLE_HEADS
            and self.places[first][2].kind == "demonym"
        )

    def _institution_parts(self, first: int, last: int) -> list[str]:
        """'Senate of Ruritania' inside a title: keep the body, mark the country for removal."""
        parts, k = [], first
        inner = {i: j for i, j, place in self.lex.places.scan(self.doc.words, first + 1, last) if place.is_mention}  # type: ignore[union-attr]
        while k < last:
            if k in inner:
                parts.append(" " + PLACEHOLDER)
                k = inner[k]
            else:
                parts.append(self._token_text(k))
                k += 1
        return parts

    def _token_text(self, k: int) -> str:
        gap = " " if k > 0 and self.doc.starts[k] > self.doc.ends[k - 1] else ""
        return gap + self.doc.words[k]


@lru_cache(maxsize=4096)
def clean_title(title: str) -> str:
    """Drop the country from a title: "Latvia's Minister of Foreign Affairs" -> "Minister of ..."."""
    p = PLACEHOLDER
    title = re.sub(rf"\b(?:Republic|Kingdom|State|Federation|Sultanate|Commonwealth|Principality)\s+of\s+{p}", p, title)
    t = re.sub(rf"\s*\b(?:of|to|in)\s+(?:[Tt]he\s+)?{p}\s*$", "", title)
    t = re.sub(rf"\bof\s+(?:the\s+)?{p}\s*'\s*s\b", "of the", t)
    t = re.sub(rf"\b(of|to)\s+(the)\s+{p}\s+(?=[A-Z])", r"\1 \2 ", t)  # "of the German Federal Foreign Office"
    t = re.sub(rf"^(?:the\s+|The\s+)?(?:{p}\s*(?:'\s*s\b|'(?=\s))?\s*)+", "", t)  # "Barbados' Prime Minister"
    t = re.sub(rf"\s*\b(?:of|to)\s+(?:[Tt]he\s+)?{p}\s*", " ", t)
    t = t.replace(p, "")
    t = re.sub(r"\s+", " ", t).replace(" / ", "/").replace(" - ", "-").strip(" ,")
    t = re.sub(r"\s*,\s*", ", ", t)
    t = re.sub(r"^(?:the|The)\s+", "", t)
    # nothing may dangle where the country was cut out: "Minister of Foreign Affairs of" -> "... Affairs"
    t = re.sub(r"(?:[\s,]+(?:of|to|for|and|in|at|on|the|The|[-\u2013\u2014]))+\s*$", "", t)
    return re.sub(r"^(?:(?:of|to|for|and|in|at|on|[-\u2013\u2014])\s+)+", "", t).strip(" ,")


def build_people(mentions: list[Mention], lex: Lexicon) -> list[Person]:
    """Merge mentions into people: a mention whose name words are all in a longer name is that person."""
    people: list[Person] = []
    for m in sorted(mentions, key=lambda m: -len(m.keys)):
        if not m.keys:
            continue
        owner = next((p for p in people if m.keys <= p.keys), None)
        if owner is None:
            owner = Person(m.name, m.keys)
            people.append(owner)
        owner.mentions.append(m)
    for p in people:
        p.mentions.sort(key=lambda m: m.first)
        p.country = next((m.country for m in p.mentions if m.country), None)
        p.title = next((m.title for m in p.mentions if m.title), None)
        if p.country is None and not _royal_given_name(p, lex.rules):
            p.country = _known_official(p, lex)
    people.sort(key=lambda p: p.first_mention.first)
    return people


def _royal_given_name(p: Person, rules: Rules) -> bool:
    """'Crown Prince Hussein', 'Sheikh Tamim': a royal is named by a given name, which is no known
    official's surname."""
    people_t = PeopleTables.of(rules)
    return len(p.keys) == 1 and any(m.title and people_t.NAME_TITLES & set(m.title.split()) for m in p.mentions)


def _known_official(p: Person, lex: Lexicon) -> str | None:
    return official_country(lex, p.keys)


def add_back_references(
    doc: Document,
    mentions: list[Mention],
    reader_is_name,
    places: dict[int, tuple[int, int, Place]] | None = None,
    extra_keys: frozenset[str] = frozenset(),
    capitals: list[int] | None = None,
) -> list[Mention]:
    """Bare surnames ('Rahimov and Osmonov agreed') that repeat a word of a full name written in the
    text or in the headline (extra_keys). A surname that is also a place ('Rui Portugal ... Portugal
    said') is the person where no preposition makes it the country. `capitals`: the capitalised
    tokens, the only ones that can be a name (all tokens when not given)."""
    full = {k for m in mentions if len(m.keys) >= 2 for k in m.keys} | extra_keys
    surnames = {m.name.rsplit(None, 1)[-1].lower() for m in mentions if len(m.keys) >= 2}
    taken = {k for m in mentions for k in range(m.first, m.last)}
    places = places or {}
    extra = []
    lower = doc.lower
    positions = range(len(lower)) if capitals is None else capitals
    for i in [i for i in positions if lower[i] in full]:
        w = doc.words[i]
        if i in taken or len(w) < 3:
            continue
        if not reader_is_name(i) and not place_as_surname(doc, i, places, surnames):
            continue
        if i + 1 < len(doc.words) and reader_is_name(i + 1):
            continue
        extra.append(Mention(i, i + 1, w, sentence=doc.sent_of[i], keys=name_keys(w, doc.rules)))
    return mentions + extra


def place_as_surname(doc: Document, i: int, places: dict[int, tuple[int, int, Place]], surnames: set[str]) -> bool:
    t = doc.tables.participants
    hit = places.get(i)
    if hit is None or hit[0] != i or hit[1] != i + 1 or doc.lower[i] not in surnames:
        return False
    prev = doc.lower[i - 1] if i > 0 and doc.sent_of[i - 1] == doc.sent_of[i] else ""
    if prev in t.NOT_BEFORE_A_PERSON:
        return False
    if doc.words[i + 1 : i + 2] != ["'"]:
        return True
    # a possessive is the country ("Montenegro's Spajic", "Montenegro's capital") unless what follows is
    # something a person does: "Montenegro's first trip to Angola", "Montenegro's official visit"
    for w in doc.words[i + 3 : i + 8]:
        if w in t.PERSONAL_ACTS:
            return True
        if not (w.islower() or w.isdigit() or w == "-"):
            return False
    return False


def share_plural_titles(doc: Document, people: list[Person]) -> None:
    """'Presidents A and B': both are 'President'."""
    t = doc.tables.participants
    for p in people:
        last = (p.title or "").rsplit(" ", 1)[-1]
        if last not in t.PLURAL_HEADS:
            continue
        p.title = p.title[: -len(last)] + t.PLURAL_HEADS[last]  # type: ignore[index]
        m = p.first_mention
        for q in people:
            qm = q.first_mention
            if q.title is None and qm.sentence == m.sentence and qm.first == m.last + 1 and doc.words[m.last] == "and":
                q.title = p.title


def resolve_counterparts(doc: Document, people: list[Person]) -> None:
    """'his Chilean counterpart Ana Rojas': the counterpart holds the same title as the subject."""
    by_sentence: dict[int, list[tuple[Mention, Person]]] = {}
    for p in people:
        for m in p.mentions:
            by_sentence.setdefault(m.sentence, []).append((m, p))
    for p in people:
        for m in p.mentions:
            if not m.counterpart:
                continue
            others = [(om, op) for om, op in by_sentence.get(m.sentence, []) if op is not p and om.first < m.first]
            title = next((op.title for _, op in others if op.title), None)
            if title and not p.title:
                p.title = title


def unresolved_fallback(people: list[Person], candidates: list[str], doc: Document) -> None:
    """Give people without a country a party no other participant represents."""
    for p in people:
        if p.country:
            continue
        coordinated = _coordinated_country(doc, p, people)
        if coordinated:
            p.country = coordinated
            continue
        used = {q.country for q in people if q.country}
        left = [c for c in candidates if c not in used]
        if left:
            p.country = left[0]


def _coordinated_country(doc: Document, p: Person, people: list[Person]) -> str | None:
    """'Ruritania's President A and Prime Minister B': B shares A's country; so does B in 'their
    Ruritanian counterparts A and B' (one country's plural title)."""
    m = p.first_mention
    if m.title_first is None:
        return _under_one_plural_title(doc, m, people)  # not "Presidents A and B": two countries
    start = m.title_first
    if start < 1 or doc.words[start - 1] != "and":
        return None
    for q in people:
        if q is p or not q.country:
            continue
        if any(qm.last == start - 1 and qm.sentence == m.sentence for qm in q.mentions):
            return q.country
    return None


def _under_one_plural_title(doc: Document, m, people: list[Person]) -> str | None:
    """'their Philippine counterparts A and B': B follows A, whose plural title names one country."""
    t = doc.tables.participants
    if m.first < 2 or doc.words[m.first - 1] != "and":
        return None
    for q in people:
        qm = next((x for x in q.mentions if x.last == m.first - 1 and x.sentence == m.sentence), None)
        if qm is not None and qm.country and qm.title_last is not None and qm.title_last <= qm.first:
            head = doc.words[qm.title_last - 1]
            return qm.country if head in t.PLURAL_OF_ONE_SIDE else None  # the title names the country
    return None


def party_candidates(doc: Document, mentions_by_country: Counter, priority: list[str]) -> list[str]:
    """Countries that could be the other party, best first."""
    seen: list[str] = []
    for c in priority:
        if c and c not in seen:
            seen.append(c)
    for c, _ in mentions_by_country.most_common():
        if c not in seen:
            seen.append(c)
    return seen


class ParticipantTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "DELEGATION_NOUNS",
        "NOT_BEFORE_A_PERSON",
        "NOT_PARTICIPANT_TITLES",
        "PERSONAL_ACTS",
        "PLURAL_HEADS",
        "PLURAL_OF_ONE_SIDE",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self.DELEGATION_NOUNS = R.words("participants.delegation_nouns")
        self.NOT_PARTICIPANT_TITLES = R.regex("participants.not_participant_titles")
        self.NOT_BEFORE_A_PERSON = R.words("participants.not_before_a_person")
        self.PERSONAL_ACTS = R.words("participants.personal_acts")
        self.PLURAL_HEADS = R.mapping("participants.plural_heads")
        self.PLURAL_OF_ONE_SIDE = R.words("participants.plural_of_one_side")
