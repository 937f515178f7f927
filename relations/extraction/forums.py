"""Multilateral forums: registry names and acronyms, known organisations outside the registry (both
from seeds/forums.json; the latter with `registered: false`), "Full Name (ACR)" definitions and bare
acronyms used as an event ("the 12th ABC General Assembly").

A body or edition of an organisation maps to it through the registry's other names ("COP29",
"PACE"); a trailing edition number is absorbed ("COP 30", "ASEM 14").
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import DateTables
from .lexicon import ForumEntry, Lexicon
from .rules import ModuleTables, Rules
from .text import Document

DIGITS = frozenset("0123456789")


@dataclass(slots=True)
class ForumHit:
    label: str
    start: int  # character offsets
    end: int
    first: int  # token range
    last: int
    registered: bool
    rule: str = ""  # the id of the rule that found it


def find_forums(doc: Document, lex: Lexicon, redefined: set[str] | None = None) -> list[ForumHit]:
    """Every forum named in the text, in order (minus acronyms the article defines as something else)."""
    redefined = redefined_acronyms(doc, lex) | (redefined or set())
    hits = [h for h in _registry_hits(doc, lex) if not (h.last - h.first == 1 and doc.words[h.first] in redefined)]
    covered = {t for h in hits for t in range(h.first, h.last)}
    hits += _definition_hits(doc, lex, covered, hits)
    covered = {t for h in hits for t in range(h.first, h.last)}
    hits += _acronym_hits(doc, lex, covered)
    hits += _grouping_hits(doc, covered)
    hits.sort(key=lambda h: h.start)
    return hits


def redefined_acronyms(doc: Document, lex: Lexicon) -> set[str]:
    """Registry acronyms this text defines as something else (computed once per document)."""
    if doc.redefined is None:
        doc.redefined = _redefined_acronyms(doc, lex)
    return doc.redefined


def _redefined_acronyms(doc: Document, lex: Lexicon) -> set[str]:
    """Registry acronyms this text defines as something else: 'Public Investment Fund (PIF)' is not
    the Pacific Islands Forum."""
    words, out, t = doc.words, set(), doc.tables.forums
    starts = lex.classify(doc).forums
    for k in doc.positions("("):
        if k < 1 or k + 2 >= len(words) or words[k + 2] != ")" or words[k + 1] not in lex.registered_acronyms:
            continue
        name = _name_before(words, k, t)
        lo = max(0, k - len(name) - 4)
        known = any(lex.forums.match_at(words, j, k) for j in starts if lo <= j < k)
        if name and not known:
            out.add(words[k + 1])
    return out


def _label(entry: ForumEntry, words: list[str]) -> str:
    if entry.registered or not entry.acronym:
        return entry.label
    return entry.acronym if entry.acronym in words or entry.acronym.upper() in words else (entry.name or entry.label)


def _registry_hits(doc: Document, lex: Lexicon) -> list[ForumHit]:
    words = doc.words
    hits = []
    n = len(words)
    lengths = lex.forums.lengths
    free = 0
    for i in lex.classify(doc).forums:
        if i < free:
            continue
        w = words[i]
        hit = lex.forums.match_at(words, i) if w in lengths else None
        if hit is None:
            hit = _edition_token(lex, w) if w[-1:].isdigit() else None
            if hit is None:
                continue
        length, entry = hit
        j = i + length
        if j < n and words[j].isdigit() and doc.starts[j] - doc.ends[j - 1] <= 1 and len(words[j]) <= 2:
            j += 1  # an edition number: "COP 30", "ASEM 14"
        rule = "gazetteer.forum" if entry.registered else "gazetteer.forum_known"  # seeds/forums.json
        hits.append(ForumHit(_label(entry, words), doc.starts[i], doc.ends[j - 1], i, j, entry.registered, rule))
        free = j
    return hits


def _edition_token(lex: Lexicon, word: str) -> tuple[int, ForumEntry] | None:
    """'COP29', 'ASEM14': a forum acronym glued to an edition number."""
    stem = word.rstrip("0123456789")
    if stem == word or not stem or len(word) - len(stem) > 2:
        return None
    hit = lex.forums.match_at([stem], 0)
    return (1, hit[1]) if hit else None  # type: ignore[return-value]


def _definition_hits(doc: Document, lex: Lexicon, covered: set[int], known: list[ForumHit]) -> list[ForumHit]:
    """'Full Name (ACR)' where the full name is a multilateral body not already recognised. A UN body
    named in full replaces the 'United Nations' its name starts with (dropped from `known`)."""
    t = doc.tables.forums
    words, hits = doc.words, []
    for k in doc.positions("("):
        if k < 2 or k + 2 >= len(words) or words[k + 2] != ")" or k + 1 in covered:
            continue
        acronym = words[k + 1]
        if not t.ACRONYM_RE.match(acronym) or acronym in t.NOT_FORUM_ACRONYMS or lex.places.match_at(words, k + 1):
            continue
        name = _name_before(words, k, t)
        if len(name) < 2:
            continue
        un_body = name[:2] == ["United", "Nations"]  # "United Nations Interim Force in Lebanon (UNIFIL)"
        basin = name[-1] in ("Authority", "Commission") and not t.GEOGRAPHY_AFTER.isdisjoint(name)
        bank = name[-1] in ("Bank", "Fund") and name[0] in t.REGION_ADJECTIVES  # "African Development Bank"
        if not (name[0] in t.ORG_HEADS or name[-1] in t.ORG_HEADS or basin or un_body or bank):
            continue  # basin: "Niger Basin Authority"
        if not t.NOT_MULTILATERAL.isdisjoint(name):
            continue  # "National Assembly (NA)", "High-Level Strategic Cooperation Council (HLSCC)"
        parent = next((h for h in known if un_body and h.label == "UN" and k - len(name) - 3 <= h.first < k), None)
        inside = range(parent.last if parent else k - len(name), k)
        if acronym[0] not in {w[0] for w in name} or any(j in covered for j in inside):
            continue
        if not un_body and _names_a_country(doc, lex, k - len(name) - 3, k):
            continue  # "Peru-Chile Business Forum (PCBF)": a national or bilateral body
        hits.append(ForumHit(acronym, doc.starts[k + 1], doc.ends[k + 1], k + 1, k + 2, False, "forums.org_heads"))
        covered.add(k + 1)
        if parent:
            known.remove(parent)
    return hits


def _names_a_country(doc: Document, lex: Lexicon, first: int, last: int) -> bool:
    """One or two countries make a national or bilateral body; three or more name a grouping of
    states ("India-Brazil-South Africa Dialogue Forum")."""
    t = doc.tables.forums
    words = doc.words
    named = {
        getattr(place, "iso3", None)
        for _, j, place in lex.places.scan(words, max(first, 0), last)
        if getattr(place, "is_mention", False) and not (j < len(words) and words[j] in t.GEOGRAPHY_AFTER)
    }
    return 0 < len(named) < 3


def _name_before(words: list[str], k: int, t: ForumTables) -> list[str]:
    """The capitalised name (with 'of', 'and', ... inside) that ends just before token k."""
    name: list[str] = []
    j = k - 1
    while j >= 0 and (words[j][:1].isupper() or words[j] in t.NAME_JOINERS) and len(name) < 14:
        name.insert(0, words[j])
        j -= 1
    while name and (name[0] in t.NAME_JOINERS or name[0] in ("The", "the")):
        name.pop(0)
    return [w for w in name if w not in t.NAME_JOINERS]


def _grouping_hits(doc: Document, covered: set[int]) -> list[ForumHit]:
    """A named grouping without an acronym: 'the X Conclave', 'the X Initiative summit'."""
    t = doc.tables.forums
    words, hits = doc.words, []
    for k in doc.positions("Conclave") + doc.positions("Initiative"):
        if k in covered or words[k] not in ("Conclave", "Initiative"):
            continue
        if words[k] == "Initiative" and (k + 1 >= len(words) or words[k + 1] not in t.GROUPING_MEETS):
            continue
        first = k
        while first > 0 and words[first - 1][:1].isupper() and words[first - 1] != "The" and k - first < 5:
            first -= 1
        if (
            first == k
            or first == 0
            or words[first - 1] not in ("the", "The")
            or not t.NOT_MULTILATERAL.isdisjoint(words[first:k])
        ):
            continue
        label = doc.text[doc.starts[first] : doc.ends[k]]
        hits.append(ForumHit(label, doc.starts[first], doc.ends[k], first, k + 1, False, "forums.grouping_meets"))
    return hits


def _is_bare_acronym(word: str) -> bool:
    letters = word.rstrip("0123456789")
    return 3 <= len(letters) <= 7 and letters.isupper() and letters.isalpha()


def _acronym_hits(doc: Document, lex: Lexicon, covered: set[int]) -> list[ForumHit]:
    """An unknown acronym used as an event or body: '12th ABC General Assembly', 'XYZ 8'."""
    t = doc.tables.forums
    words, hits = doc.words, []
    n = len(words)
    for i in lex.classify(doc).upper:
        w = words[i]
        if i in covered or not _is_bare_acronym(w) or w in t.NOT_FORUM_ACRONYMS or w in lex.registered_acronyms:
            continue
        if lex.places.match_at(words, i) or lex.places.match_at([w.capitalize()], 0):
            continue  # "ABUJA, NIGERIA 23 March": a place in capitals, not an event
        nxt = words[i + 1] if i + 1 < n else ""
        prev = words[i - 1] if i > 0 else ""
        if nxt in t.EVENT_AFTER or (nxt.isdigit() and len(nxt) <= 2) or t.ORDINAL_RE.match(prev):
            hits.append(ForumHit(w, doc.starts[i], doc.ends[i], i, i + 1, False, "forums.event_after"))
    return hits


class ForumTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "ACRONYM_RE",
        "EVENT_AFTER",
        "GEOGRAPHY_AFTER",
        "GROUPING_MEETS",
        "NAME_JOINERS",
        "NOT_FORUM_ACRONYMS",
        "NOT_MULTILATERAL",
        "ORDINAL_RE",
        "ORG_HEADS",
        "REGION_ADJECTIVES",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self.ORG_HEADS = R.words("forums.org_heads")
        self.NOT_MULTILATERAL = R.words("forums.not_multilateral")
        self.EVENT_AFTER = R.words("forums.event_after")
        self.NOT_FORUM_ACRONYMS = R.words("forums.not_forum_acronyms") | frozenset(
            w.upper() for w in (*DateTables.of(R).MONTHS, *DateTables.of(R).WEEKDAYS)
        )  # a dateline's month or day in capitals ("ROME, MARCH 4 -")
        self.ACRONYM_RE = R.regex("forums.acronym")
        self.NAME_JOINERS = R.words("forums.name_joiners")
        self.ORDINAL_RE = R.regex("forums.ordinal")
        self.REGION_ADJECTIVES = R.words("forums.region_adjectives")
        self.GEOGRAPHY_AFTER = R.words("forums.geography_after")
        self.GROUPING_MEETS = R.words("forums.grouping_meets")
