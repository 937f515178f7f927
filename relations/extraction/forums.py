"""Multilateral forums: registry names and acronyms, well-known bodies outside the registry,
"Full Name (ACR)" definitions and bare acronyms used as an event ("46th AIPA General Assembly").

A body or edition of an organisation maps to it through the registry's other names ("COP29",
"PACE"); a trailing edition number is absorbed ("COP 30", "TICAD 8").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ForumEntry, Lexicon
from .text import Document

# Multilateral bodies outside the contract's registry: (acronym, full name, other names).
# Reported by the acronym when the article uses it, otherwise by the full name.
KNOWN_UNREGISTERED: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("AIPA", "ASEAN Inter-Parliamentary Assembly", ()),
    ("TICAD", "Tokyo International Conference on African Development", ()),
    ("EAS", "East Asia Summit", ()),
    ("Mercosur", "Southern Common Market", ("MERCOSUR", "Mercosul", "MERCOSUL")),
    ("IPU", "Inter-Parliamentary Union", ()),
    ("TURKPA", "Parliamentary Assembly of Turkic States", ()),
    ("", "Asian Parliamentary Assembly", ()),
    ("ACD", "Asia Cooperation Dialogue", ()),
    ("ASEM", "Asia-Europe Meeting", ()),
    ("IORA", "Indian Ocean Rim Association", ()),
    ("Quad", "Quadrilateral Security Dialogue", ()),
    ("SICA", "Central American Integration System", ()),
    ("CARICOM", "Caribbean Community", ()),
    ("ECOWAS", "Economic Community of West African States", ()),
    ("SADC", "Southern African Development Community", ()),
    ("EAC", "East African Community", ()),
    ("ECCAS", "Economic Community of Central African States", ()),
    ("IGAD", "Intergovernmental Authority on Development", ()),
    ("COMESA", "Common Market for Eastern and Southern Africa", ()),
    ("OECD", "Organisation for Economic Co-operation and Development", ()),
    ("", "Visegrad Group", ("Visegr\u00e1d Group", "V4")),
    ("", "Nordic Council", ()),
    ("", "Arctic Council", ()),
    ("UfM", "Union for the Mediterranean", ()),
    ("", "Eastern Partnership", ()),
    ("ALBA", "Bolivarian Alliance for the Peoples of Our America", ()),
    ("", "Pacific Alliance", ()),
    ("CPLP", "Community of Portuguese Language Countries", ("Community of Portuguese Speaking Countries",)),
    ("OIF", "International Organisation of La Francophonie", ("Francophonie", "La Francophonie")),
    ("AIIB", "Asian Infrastructure Investment Bank", ()),
    ("NDB", "New Development Bank", ()),
    ("EBRD", "European Bank for Reconstruction and Development", ()),
    ("EIB", "European Investment Bank", ()),
    ("GECF", "Gas Exporting Countries Forum", ()),
    ("WEF", "World Economic Forum", ()),
    ("SPIEF", "St. Petersburg International Economic Forum", ("St Petersburg International Economic Forum",)),
    ("EEF", "Eastern Economic Forum", ()),
    ("", "Munich Security Conference", ()),
    ("", "Raisina Dialogue", ()),
    ("", "Shangri-La Dialogue", ()),
    ("ADF", "Antalya Diplomacy Forum", ()),
    ("", "Global Baku Forum", ()),
    ("", "Doha Forum", ()),
    ("", "Boao Forum for Asia", ()),
    ("", "Summit of the Americas", ()),
    ("", "Ibero-American Summit", ()),
    ("UNCTAD", "United Nations Conference on Trade and Development", ("UN Conference on Trade and Development",)),
    ("UNDP", "United Nations Development Programme", ("UN Development Programme",)),
    ("UNICEF", "United Nations Children's Fund", ("UN Children's Fund",)),
    (
        "UNHCR",
        "United Nations High Commissioner for Refugees",
        ("UN Refugee Agency", "UN High Commissioner for Refugees"),
    ),
    ("UNIDO", "United Nations Industrial Development Organization", ()),
    ("UNEP", "United Nations Environment Programme", ("UN Environment Programme",)),
    ("FAO", "Food and Agriculture Organization", ("Food and Agriculture Organization of the United Nations",)),
    ("WFP", "World Food Programme", ()),
    ("ILO", "International Labour Organization", ("International Labor Organization",)),
    ("IMO", "International Maritime Organization", ()),
    ("ICAO", "International Civil Aviation Organization", ()),
    ("ITU", "International Telecommunication Union", ()),
    ("UNWTO", "World Tourism Organization", ("UN Tourism",)),
    ("WIPO", "World Intellectual Property Organization", ()),
    ("UNODC", "United Nations Office on Drugs and Crime", ()),
    ("IFAD", "International Fund for Agricultural Development", ()),
    ("ESCAP", "Economic and Social Commission for Asia and the Pacific", ()),
    ("UNECE", "United Nations Economic Commission for Europe", ()),
    ("UNRWA", "United Nations Relief and Works Agency", ()),
    ("IOM", "International Organization for Migration", ()),
    ("IRENA", "International Renewable Energy Agency", ()),
    ("IEA", "International Energy Agency", ()),
    ("CTBTO", "Comprehensive Nuclear-Test-Ban Treaty Organization", ()),
    ("OPCW", "Organisation for the Prohibition of Chemical Weapons", ()),
    ("", "Interpol", ("INTERPOL",)),
)

# Heads that make "Full Name (ACR)" a multilateral body rather than a bilateral mechanism.
ORG_HEADS = frozenset(
    [
        "Organization",
        "Organisation",
        "Union",
        "Association",
        "Conference",
        "Community",
        "Forum",
        "Group",
        "Movement",
        "Assembly",
        "League",
        "Alliance",
        "Council",
        "Summit",
        "Bank",
        "Fund",
        "Initiative",
        "Cooperation",
        "Co-operation",
        "Commonwealth",
        "Dialogue",
        "Network",
        "Agency",
        "Programme",
        "Program",
        "Treaty",
        "Federation",
        "Parliament",
        "Network",
        "Partnership",
    ]
)
EVENT_AFTER = frozenset(
    [
        "Summit",
        "summit",
        "General",
        "Assembly",
        "Forum",
        "forum",
        "Conference",
        "conference",
        "Ministerial",
        "Secretariat",
        "Secretary",
        "Chairmanship",
        "chairmanship",
        "Presidency",
        "presidency",
        "member",
        "members",
        "framework",
        "platform",
    ]
)
NOT_FORUM_ACRONYMS = frozenset(
    [
        "COVID",
        "AZERTAC",
        "TASS",
        "ANI",
        "APA",
        "VNA",
        "IRNA",
        "WAM",
        "KUNA",
        "SPA",
        "QNA",
        "BSS",
        "PTI",
        "AFP",
        "AP",
        "CNN",
        "BBC",
        "RIA",
        "MOFA",
        "MFA",
        "PM",
        "FM",
        "GDP",
        "USD",
        "EUR",
        "CEO",
        "LNG",
        "ICT",
        "IT",
        "TV",
        "HE",
        "NB",
        "LLC",
        "JSC",
        "OJSC",
        "SOCAR",
        "PKK",
        "TPLF",
        "ISIS",
        "ISIL",
        "DAESH",
        "NGO",
        "MOU",
        "MoU",
        "ADA",
        "UNESCO",
        "FIFA",
        "UEFA",
        "IOC",
        "GMT",
        "UTC",
        "AM",
        "PM",
        "II",
        "III",
        "IV",
        "VI",
        "VII",
        "VIII",
        "IX",
        "XI",
        "XII",
    ]
)
DEFINITION_RE = re.compile(
    r"((?:[A-Z][\w'\u2019.-]*)(?:\s+(?:[A-Z][\w'\u2019.-]*|of|the|for|and|on|in|de|la|du|des))*)\s*\(([A-Z][A-Za-z0-9+-]{1,9})\)"
)
ORDINAL_RE = re.compile(r"^\d+(?:st|nd|rd|th)$")


@dataclass(slots=True)
class ForumHit:
    label: str
    start: int  # character offsets
    end: int
    first: int  # token range
    last: int
    registered: bool


def find_forums(doc: Document, lex: Lexicon) -> list[ForumHit]:
    """Every forum named in the text, in order."""
    hits = _registry_hits(doc, lex)
    covered = {t for h in hits for t in range(h.first, h.last)}
    hits += _definition_hits(doc, lex, covered)
    covered = {t for h in hits for t in range(h.first, h.last)}
    hits += _acronym_hits(doc, lex, covered)
    hits.sort(key=lambda h: h.start)
    return hits


def _label(entry: ForumEntry, present: set[str]) -> str:
    if entry.registered or not entry.acronym:
        return entry.label
    return (
        entry.acronym if entry.acronym in present or entry.acronym.upper() in present else (entry.name or entry.label)
    )


def _registry_hits(doc: Document, lex: Lexicon) -> list[ForumHit]:
    words = doc.words
    present = set(words)
    hits = []
    i, n = 0, len(words)
    while i < n:
        hit = lex.forums.match_at(words, i)
        if hit is None:
            hit = _edition_token(lex, words[i])
            if hit is None:
                i += 1
                continue
        length, entry = hit
        j = i + length
        if j < n and words[j].isdigit() and doc.starts[j] - doc.ends[j - 1] <= 1 and len(words[j]) <= 2:
            j += 1  # an edition number: "COP 30", "TICAD 8"
        hits.append(ForumHit(_label(entry, present), doc.starts[i], doc.ends[j - 1], i, j, entry.registered))
        i = j
    return hits


def _edition_token(lex: Lexicon, word: str) -> tuple[int, ForumEntry] | None:
    """'COP29', 'TICAD8': a forum acronym glued to an edition number."""
    stem = word.rstrip("0123456789")
    if stem == word or not stem or len(word) - len(stem) > 2:
        return None
    hit = lex.forums.match_at([stem], 0)
    return (1, hit[1]) if hit else None  # type: ignore[return-value]


def _definition_hits(doc: Document, lex: Lexicon, covered: set[int]) -> list[ForumHit]:
    """'Full Name (ACR)' where the full name is a multilateral body not already recognised."""
    hits = []
    for m in DEFINITION_RE.finditer(doc.text):
        name, acronym = m.group(1), m.group(2)
        words = [w for w in re.split(r"\s+", name) if w]
        while words and words[0] in ("The", "the"):
            words.pop(0)
        if len(words) < 2 or not (words[0] in ORG_HEADS or words[-1] in ORG_HEADS):
            continue
        if acronym in NOT_FORUM_ACRONYMS or acronym[0] not in {w[0] for w in words if w[:1].isupper()}:
            continue
        first = _token_at(doc, m.start(2))
        if first is None or first in covered or lex.places.match_at(doc.words, first):
            continue
        if any(_token_at(doc, m.start(1) + name.find(w)) in covered for w in words):
            continue
        hits.append(ForumHit(acronym, m.start(2), m.end(2), first, first + 1, False))
        covered.add(first)
    return hits


def _token_at(doc: Document, offset: int) -> int | None:
    from bisect import bisect_left

    i = bisect_left(doc.starts, offset)
    return i if i < len(doc.starts) and doc.starts[i] == offset else None


def _is_bare_acronym(word: str) -> bool:
    letters = word.rstrip("0123456789")
    return 3 <= len(letters) <= 7 and letters.isupper() and letters.isalpha()


def _acronym_hits(doc: Document, lex: Lexicon, covered: set[int]) -> list[ForumHit]:
    """An unknown acronym used as an event or body: '46th AIPA General Assembly', 'TICAD 8'."""
    words, hits = doc.words, []
    n = len(words)
    for i, w in enumerate(words):
        if i in covered or not _is_bare_acronym(w) or w in NOT_FORUM_ACRONYMS or w in lex.registered_acronyms:
            continue
        if lex.places.match_at(words, i):
            continue
        nxt = words[i + 1] if i + 1 < n else ""
        prev = words[i - 1] if i > 0 else ""
        if nxt in EVENT_AFTER or (nxt.isdigit() and len(nxt) <= 2) or ORDINAL_RE.match(prev):
            hits.append(ForumHit(w, doc.starts[i], doc.ends[i], i, i + 1, False))
    return hits
