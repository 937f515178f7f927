"""Sectors of cooperation, read from how articles state them, not from keywords anywhere.

A sector word counts when it
- is an item of an enumeration opened by a cue ("cooperation in the fields of energy, trade
  and tourism", "in various areas, including defence, security ...", "areas such as health"), or
- qualifies a cooperation noun ("economic cooperation", "bilateral political ties",
  "trade and economic relations", "discussed environmental issues"), or
- follows "cooperation between the" ("cooperation between the legislative bodies").
Capitalised words inside names ("Minister for Maritime Affairs and Investment", "Free Trade
Agreement") and words inside forum names are ignored; so is "communications of Mishustin".
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon
from .text import Document, words

LIST_CUES = (
    ("in", "the", "fields", "of"),
    ("in", "the", "field", "of"),
    ("in", "the", "areas", "of"),
    ("in", "the", "area", "of"),
    ("in", "the", "spheres", "of"),
    ("in", "the", "sphere", "of"),
    ("in", "the", "sectors", "of"),
    ("in", "the", "domains", "of"),
    ("in", "fields", "of"),
    ("in", "areas", "of"),
    ("in", "spheres", "of"),
    ("fields", "such", "as"),
    ("areas", "such", "as"),
    ("spheres", "such", "as"),
    ("sectors", "such", "as"),
    ("such", "areas", "as"),
    ("such", "fields", "as"),
    ("such", "sectors", "as"),
    ("such", "spheres", "as"),
    ("such", "as"),
    ("areas", "like"),
    ("fields", "like"),
    ("like",),
    ("including",),
    ("particularly",),
    ("especially",),
    ("notably",),
    ("namely",),
    ("cooperation", "in"),
    ("cooperation", "on"),
    ("co-operation", "in"),
    ("cooperate", "in"),
    ("cooperating", "in"),
    ("collaboration", "in"),
    ("partnership", "in"),
    ("ties", "in"),
    ("relations", "in"),
    ("projects", "in"),
    ("agreements", "in"),
    ("potential", "in"),
    ("prospects", "in"),
    ("opportunities", "in"),
    ("interaction", "in"),
    ("cooperation", "including"),
    ("issues", "of"),
    ("matters", "of"),
    ("discussed",),
    ("discussing",),
    ("reviewed",),
    ("explored",),
    (":",),
)
CUES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _cue in sorted(LIST_CUES, key=len, reverse=True):
    CUES_BY_FIRST.setdefault(_cue[0], []).append(_cue)
HEAD_NOUNS = words(
    "consultations "
    "cooperation co-operation relations ties partnership projects project collaboration dialogue issues "
    "matters agenda interaction exchanges contacts sphere spheres field fields area areas sector sectors "
    "links cooperation. potential sphere. agreements programs programmes initiatives connections bonds"
)
CONTEXT_WORDS = words(
    "cooperation co-operation cooperate cooperating collaboration partnership relations ties projects "
    "fields field areas area spheres sphere sectors sector discussed discuss discussing agenda agreements "
    "domains interaction issues potential prospects"
)
MODIFIER_OK = words(
    "the a an bilateral mutual various all such other joint regional international alternative renewable "
    "green digital modern new mutually beneficial priority promising key important strategic practical "
    "peaceful civil civilian higher further trade economic"
)
ITEM_SPLIT = frozenset({",", "and", "as", "well", "&", ";", "or"})
MAX_ITEM = 6


@dataclass(slots=True)
class SectorHit:
    slug: str
    start: int
    end: int


class SectorReader:
    """Finds the sectors one document states."""

    def __init__(self, doc: Document, lex: Lexicon, masked: set[int]):
        self.doc = doc
        self.lex = lex
        self.masked = masked
        self.lower = doc.lower
        self.terms = self._terms()

    def _terms(self) -> dict[int, tuple[int, tuple[str, ...]]]:
        """token index -> (end token, slug) for every usable sector term."""
        terms: dict[int, tuple[int, tuple[str, ...]]] = {}
        for book, tokens in ((self.lex.sectors_exact, self.doc.words), (self.lex.sectors, self.lower)):
            for i, j, slug in book.scan(tokens):
                if any(k in self.masked for k in range(i, j)) or i in terms:
                    continue
                if book is self.lex.sectors and not self._lowercase_or_initial(i):
                    continue
                terms[i] = (j, slug)  # type: ignore[assignment]
        return terms

    def _lowercase_or_initial(self, i: int) -> bool:
        w = self.doc.words[i]
        if w[:1].islower():
            return True
        sent = self.doc.sentences[self.doc.sent_of[i]]
        return sent.first == i

    def read(self) -> list[SectorHit]:
        found: dict[tuple[int, str], SectorHit] = {}
        lower = self.lower
        for sent in self.doc.sentences:
            if CONTEXT_WORDS.isdisjoint(lower[sent.first : sent.last]):
                continue
            for k in range(sent.first, sent.last):
                if lower[k] not in CUES_BY_FIRST:
                    continue
                cue = self._cue_at(k, sent.last)
                if cue:
                    self._read_list(cue, sent.last, found)
            self._read_qualifiers(sent.first, sent.last, found)
        return sorted(found.values(), key=lambda h: h.start)

    def _cue_at(self, k: int, last: int) -> int | None:
        for cue in CUES_BY_FIRST.get(self.lower[k], ()):
            n = len(cue)
            if k + n <= last and tuple(self.lower[k : k + n]) == cue:
                return k + n
        return None

    def _add(self, i: int, found: dict[tuple[int, str], SectorHit]) -> None:
        j, slugs = self.terms[i]
        for slug in slugs:
            found.setdefault((i, slug), SectorHit(slug, self.doc.starts[i], self.doc.ends[j - 1]))

    def _read_list(self, k: int, last: int, found: dict[tuple[int, str], SectorHit]) -> None:
        """Items after a cue, separated by commas/'and', while each starts with a sector term."""
        seen, misses = 0, 0
        while k < last:
            item_start = k
            while k < last and self.lower[k] not in ITEM_SPLIT and self.doc.words[k] not in (".", ";", ":"):
                k += 1
            term = self._item_term(item_start, k)
            if term is None:
                # "energy, critical raw materials, aviation": one short unknown item does not end the list
                gerund = self.lower[item_start].endswith("ing") and k - item_start > 1  # "addressing climate change"
                if misses or k - item_start > 3 or gerund:
                    return
                misses += 1
            else:
                self._add(term, found)
                seen += 1
            if k - item_start > MAX_ITEM or k >= last or self.doc.words[k] in (".", ";"):
                return
            while k < last and self.lower[k] in ITEM_SPLIT:
                k += 1

    def _item_term(self, first: int, last: int) -> int | None:
        """The sector term an item starts with (after at most two modifiers), if any."""
        for k in range(first, min(first + 3, last)):
            if k in self.terms:
                return k
            w = self.lower[k]
            if w not in MODIFIER_OK and not (w.endswith(("al", "ic", "ive")) and not w.endswith("ing")):
                return None
        return None

    def _read_qualifiers(self, first: int, last: int, found: dict[tuple[int, str], SectorHit]) -> None:
        """'economic cooperation', 'trade and economic relations', 'cooperation between the parliaments'."""
        for i in range(first, last):
            if i not in self.terms:
                continue
            j = self.terms[i][0]
            while j < last and (self.lower[j] in ("and", ",", "-") or (j in self.terms and j != i)):
                j = self.terms[j][0] if j in self.terms else j + 1
            if (j < last and self.lower[j] in HEAD_NOUNS) or (
                i >= 3
                and self.lower[i - 3 : i]
                in (
                    ["cooperation", "between", "the"],
                    ["cooperation", "among", "the"],
                )
            ):
                self._add(i, found)
