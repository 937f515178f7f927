"""Sectors of cooperation, read from how articles state them, not from keywords anywhere.

A sector word counts when it
- is an item of an enumeration opened by a cue ("cooperation in the fields of energy, trade
  and tourism", "in various areas, including defence, security ...", "areas such as health",
  "the talks focused on water and agriculture", "the agenda included ...", "with an emphasis
  on ...", "cooperation with Ruritania in mining"), or the object of a verb of development
  ("to boost trade", "ways to expand them in tourism and education"), or
- qualifies a cooperation noun ("economic cooperation", "bilateral political ties", "trade and
  economic relations", "trade-economic, cultural-humanitarian and transport-logistics
  cooperation", "the fuel and energy complex"), or
- is the subject of "is a promising area of cooperation", or of a verb that states a bilateral
  figure ("two-way trade between A and B reached $9 billion"), or
- follows "cooperation between the" ("cooperation between the parliaments"), or
- is named in the title of a document ("the Memorandum of Understanding on Cooperation in Agricultural
  Research", "the Defence Cooperation Agreement"), or
- is an item of a bulleted or numbered list under a line that says what the items are ("The agreements
  cover the following areas:" then "- youth and sports;", "2. Programme of Cooperation in Culture").
The same cues hold in articles that report no meeting (statements, interviews, trade figures). An
item may put a possessor, a hyphenated adjective or one unknown word before its term ("Ruritania's
energy security", "high-quality infrastructure", "semiconductor research"), and every term of its
noun phrase counts ("logistics infrastructure", "the construction of the X railway").
Capitalised words inside names ("Minister for Fisheries and Ports", "Free Trade Agreement") and
words inside forum names are ignored; so is a word that only shares its spelling with a sector
("the legal framework", "the communications of the minister's office").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import compress, takewhile

from .lexicon import Lexicon
from .rules import ModuleTables, Rules
from .text import Document


def _cue_key(cue: tuple[str, ...]) -> str:
    """The word a sentence must have for a cue to match in it: its longest ("in the fields of": fields)."""
    return max(cue, key=len)


MAX_ITEM = 6


def _general_head(w: str, after: str, t: SectorTables) -> bool:
    """A general noun before an item's term: "the construction of", "plans for", "efforts against"."""
    if after == "of":
        return w in t.GENERIC_HEADS or w.endswith(("tion", "sion"))
    return w in t.PLAN_WORDS if after == "for" else after == "against"


def _title_case(doc: Document, masked: set[int]) -> bool:
    """Whether the headline capitalises its words ('Ministers Discuss Trade, Energy'): then a capital
    does not make a sector word part of a name."""
    t = doc.tables.sectors
    content = [
        w for k, w in enumerate(doc.words) if w[:1].isalpha() and w.lower() not in t.MINOR_WORDS and k not in masked
    ]
    return len(content) >= 3 and sum(w[:1].isupper() for w in content) >= 0.85 * len(content)


def _joined_cooperation(doc: Document) -> list[str]:
    """The lowercased tokens with "co-operation" read as "cooperation" (the tokens are "co", "-",
    "operation"): both word tokens become "cooperation", so "tourism co-operation" and "co-operation
    in energy" read as their unhyphenated forms."""
    lower = list(doc.lower)
    for k in range(len(lower) - 2):
        if lower[k] == "co" and lower[k + 1] == "-" and lower[k + 2].startswith("operat"):
            joined = "co" + lower[k + 2]  # cooperation, cooperate, cooperating
            lower[k] = lower[k + 2] = joined
    return lower


@dataclass(slots=True)
class SectorHit:
    slug: str
    start: int
    end: int
    rule: str = ""  # the id of the rule that read it


class SectorReader:
    """Finds the sectors one document states."""

    def __init__(self, doc: Document, lex: Lexicon, masked: set[int], headline: bool = False):
        self.t = t = doc.tables.sectors  # the tables of the rules the document is read with
        self.doc = doc
        self.lex = lex
        self.masked = masked
        self.lower = _joined_cooperation(doc) if "-operat" in doc.text else doc.lower
        self.openers, self.gate = (t.HEADLINE_OPENERS, t.HEADLINE_GATE) if headline else (t.OPENERS, t.SENTENCE_GATE)
        self.headline = headline
        # "Ruritania, Freedonia Sign Water Management, Higher Education Deals": in a title-case headline a
        # capital marks no name
        self.title_case = headline and _title_case(doc, masked)
        self.rule = ""  # the rule of the read under way (what the hits it adds carry)
        self.bodies: list[int] = []  # sector terms in the name of a bilateral commission or a document
        self.bullets = self._bullets()  # (first, end) token ranges of bulleted items under a list line
        self.terms = self._terms()

    def _terms(self) -> dict[int, tuple[int, tuple[str, ...]]]:
        """token index -> (end token, slugs) for every usable sector term."""
        t = self.t
        terms: dict[int, tuple[int, tuple[str, ...]]] = {}
        words, masked = self.doc.words, self.masked
        classes = self.lex.classify(self.doc)
        for book, tokens, starts in (
            (self.lex.sectors_exact, words, classes.sectors_exact),
            (self.lex.sectors, self.lower, classes.sectors),
        ):
            folded = book is self.lex.sectors
            for i, j, slugs in book.scan(tokens, starts=starts):
                if i in terms:
                    continue
                if masked and (i in masked or (j - i > 1 and not masked.isdisjoint(range(i + 1, j)))):
                    # a name's words, unless a document's title holds them ("on Cooperation in Agricultural
                    # Research": the people reader may take its last words for a name)
                    if not (folded and words[i][:1].isupper() and self._in_title(i, j)):
                        continue
                    self.bodies.append(i)
                elif folded and not (
                    words[i][:1].islower()
                    or self._sentence_initial(i)
                    or self._names_works(j, slugs)
                    or self.title_case
                ):
                    if self._names_a_body_on(i, terms) or self._in_title(i, j):
                        self.bodies.append(i)  # "the Intergovernmental Commission on Trade and Economic ..."
                    elif not self._title_case_item(i, j):
                        continue
                if j < len(words) and self.lower[j] in t.NOT_AN_AREA:
                    continue
                if i and (self.lower[i - 1], self.lower[i]) in t.NOT_A_SECTOR:
                    continue  # "the agreement on social security": pensions, not security
                terms[i] = (j, slugs)  # type: ignore[assignment]
        return terms

    def _names_works(self, j: int, slugs) -> bool:
        """'Transport Corridor', 'Gas Pipeline' (not 'Economic Corridor': the name of a plan)."""
        t = self.t
        words = self.doc.words
        return j < len(words) and words[j] in t.NAMED_WORKS and not t.WORKS_SECTORS.isdisjoint(slugs)

    def _named_bodies(self) -> dict[tuple[int, str], SectorHit]:
        """The sectors a commission is named for ('... Commission on Trade and Economic Cooperation')."""
        found: dict[tuple[int, str], SectorHit] = {}
        for i in self.bodies:
            self._add(i, found)
        return found

    def _names_a_body_on(self, i: int, terms: dict) -> bool:
        """'Intergovernmental Commission on Trade and Economic Cooperation', 'Subcommittee on Transport':
        a commission named for its sectors (the words before i, back to 'on'/'for', are sectors too)."""
        t = self.t
        words = self.doc.words
        b = i - 1
        while b > 0 and (words[b] in ("and", ",", "&") or b in terms):
            b -= 1
        return b > 0 and words[b] in ("on", "for") and words[b - 1] in t.BODY_HEADS

    def _sentence_initial(self, i: int) -> bool:
        return self.doc.sentences[self.doc.sent_of[i]].first == i

    def _in_title(self, i: int, j: int) -> bool:
        """'Memorandum of Understanding on Cooperation in Agricultural Research', 'Agreement between A and
        B on Tourism', 'Defence and Economic Cooperation Framework Agreement': the sectors a document's
        title names (after 'on'/'in'/'for', or before 'Cooperation' in the title)."""
        sent = self.doc.sentences[self.doc.sent_of[i]]
        return self._title_before(i, sent.first) or self._title_after(j, sent.last)

    def _title_before(self, i: int, first: int) -> bool:
        """'Memorandum of Understanding on Cooperation in [Agricultural]': a title head, then on/in/for."""
        t = self.t
        words, lower = self.doc.words, self.lower
        prep = False
        for b in range(i - 1, max(first - 1, i - 25), -1):
            w = words[b]
            if lower[b] in t.TITLE_HEADS:
                return prep and b not in self.masked  # not a forum's name ("Framework Convention on ...")
            if w == "," and not (words[b - 1][:1].isupper() and words[b + 1][:1].isupper()):
                break  # "Under the Agreement, the Minister for Energy ...": no list of title words
            if w in t.TITLE_JOINERS or lower[b] in t.TITLE_AREA_WORDS:
                prep = prep or w in t.TITLE_PREPS
            elif not w[:1].isupper():
                break
        return False

    def _title_after(self, j: int, last: int) -> bool:
        """'[Defence] and Economic Cooperation Framework Agreement': 'Cooperation', then a title head."""
        t = self.t
        words, lower = self.doc.words, self.lower
        k = j
        while k < min(j + 8, last) and lower[k] not in t.TITLE_COOPERATION:
            if not (words[k][:1].isupper() or words[k] in ("and", "&", ",", "-")):
                return False
            k += 1
        if k < last and lower[k] in t.TITLE_COOPERATION and words[k][:1].isupper() and k not in self.masked:
            for m in range(k + 1, min(k + 4, last)):
                if not words[m][:1].isupper():
                    break  # "the ... Economic Cooperation program": a forum's programme
                if lower[m] in t.TITLE_HEADS:
                    return m not in self.masked
        return False

    def _bullets(self) -> list[tuple[int, int]]:
        """The items of bulleted or numbered lists ('- youth and sports;', '2. Programme of ...', '(c) ...')
        under a line that ends with ':' and says what they are ('the following agreements were signed:')."""
        t = self.t
        text, starts = self.doc.text, self.doc.starts
        if ":" not in text or t.LIST_LINE_RE.search(text) is None:
            return []
        found: list[tuple[int, int]] = []
        opened, pos = False, 0
        for line in text.splitlines(keepends=True):
            line_start, pos = pos, pos + len(line)
            if not line.strip():
                continue
            mark = t.BULLET_RE.match(line)
            if mark is not None:
                if opened:
                    first, end = bisect_left(starts, line_start + mark.end()), bisect_left(starts, pos)
                    if first < end:
                        found.append((first, end))
                continue
            opened = line.rstrip().endswith(":") and not t.LIST_LINE_WORDS.isdisjoint(
                self.lower[bisect_left(starts, line_start) : bisect_left(starts, pos)]
            )
        return found

    def _title_case_item(self, i: int, j: int) -> bool:
        """'- Youth and Sports', '• Trade and Investment', '* Cultural Exchange Programme': a capitalised
        item of a bulleted list (not a title: '- Trade Minister John Smith')."""
        t = self.t
        words = self.doc.words
        for first, end in self.bullets:
            if first <= i < end:
                if not all(w[:1].isupper() or w in t.TITLE_JOINERS for w in words[first:i]):
                    return False
                name = list(takewhile(lambda w: w[:1].isupper(), words[j : min(j + 4, end)]))
                return (
                    not name
                    or name[0].lower() in self.lex.sectors.lengths
                    or any(w.lower() in t.TITLE_HEADS for w in name)
                )
        return False

    def _read_bullets(self, found: dict[tuple[int, str], SectorHit]) -> None:
        sentences, sent_of = self.doc.sentences, self.doc.sent_of
        for first, end in self.bullets:
            self._read_list(first, min(end, sentences[sent_of[first]].last), found)

    def read(self) -> list[SectorHit]:
        t = self.t
        if not self.terms:
            return []
        self.rule = "sectors.body_heads"
        found = self._named_bodies()
        if self.bullets:
            self.rule = "sectors.list_line_words"
            self._read_bullets(found)
        lower, sent_of, sentences = self.lower, self.doc.sent_of, self.doc.sentences
        by_sentence: dict[int, list[int]] = {}
        for i in sorted(self.terms):
            by_sentence.setdefault(sent_of[i], []).append(i)
        for index, term_positions in by_sentence.items():
            sent = sentences[index]
            first, last = sent.first, sent.last
            if lower[first] in t.TOPIC_OPENERS:
                self.rule = f"sectors.topic_openers:{lower[first]}"
                self._read_topic(first, last, found)
            if self.gate.isdisjoint(lower[first:last]):
                continue  # no cue and no noun a sector qualifies
            if not t.SEVERED_WORDS.isdisjoint(lower[first:last]) and not t.SEVERED_OBJECTS.isdisjoint(
                lower[first:last]
            ):
                continue  # "had severed diplomatic, trade and transport ties"
            figures = not t.FIGURE_VERBS.isdisjoint(lower[first:last])
            self.rule = "sectors.head_nouns"
            self._read_qualifiers(term_positions, last, found, figures)
            start = self._after_intro(first, last)
            if start in self.terms or lower[start] in t.SUBJECT_OPENERS:
                self.rule = "sectors.subject_verbs"
                self._read_subject(start, last, found)
            self._read_cued_lists(first, last, found)
        return sorted(found.values(), key=lambda h: h.start)

    def _read_topic(self, first: int, last: int, found: dict[tuple[int, str], SectorHit]) -> None:
        """'On tourism, the ambassador noted ...', 'As for trade and investment, ...': the sectors a
        sentence opens with as its topic, up to the comma."""
        t = self.t
        lower = self.lower
        for opener in t.TOPIC_OPENERS[lower[first]]:
            n = len(opener)
            if tuple(lower[first : first + n]) == opener:
                comma = next((k for k in range(first + n, min(first + n + 8, last)) if lower[k] == ","), None)
                if comma is not None:
                    self._read_list(first + n, comma, found, strict=True)
                return

    def _read_cued_lists(self, first: int, last: int, found: dict[tuple[int, str], SectorHit]) -> None:
        """The lists a cue opens in one sentence ('cooperation in X', 'to boost X', 'discussed X')."""
        t = self.t
        lower = self.lower
        preps: set[str] = set()
        read: set[int] = set()  # list starts already read ("cooperation in the fields of X": two cues, one list)
        # compress/map pick the openers in C (most words are none)
        for k in compress(range(first, last), map(self.openers.__contains__, lower[first:last])):
            w = lower[k]
            start = self._cue_at(k, last) if w in t.CUES_BY_FIRST else None
            if start is not None and w in t.ACTOR_CUES and not self._has_actor(first, k):
                start = None  # "a banker active in politics": a person's career, not an area
            if start is None and w in t.REACH_CUES:
                start = self._reach(k + 1, last)
            if start is None and w in t.ATTENTION_NOUNS:
                start = self._attention(k + 1, last)
            if start is not None:
                self.rule = self._cue_rule(k, start)
                if lower[start - 1] in t.REPEATED_PREPS:
                    preps.add(lower[start - 1])
                if start not in read:
                    read.add(start)
                    if self._read_list(start, last, found) and w == "invest":  # "to invest in the energy sector"
                        self._add_word(k, "investment", found)
            elif w in t.GROWTH_VERBS or (self.headline and w in t.HEADLINE_VERBS):
                self.rule = f"sectors.{'growth_verbs' if w in t.GROWTH_VERBS else 'headline_verbs'}:{w}"
                # "speed up the ...", "to counter terrorism" (the verb starts the term "counter terrorism")
                start = k if k in self.terms else k + 2 if k + 1 < last and lower[k + 1] == "up" else k + 1
                self._read_list(start, last, found, strict=True)
            elif w == "and" and k + 1 < last and lower[k + 1] in preps:
                self._read_list(k + 2, last, found)  # "cooperate on X and on Y"

    def _cue_rule(self, k: int, start: int) -> str:
        """The id of the cue that opened a list at k (its words up to the list start)."""
        t = self.t
        w, cue = self.lower[k], " ".join(self.lower[k:start])
        if w in t.CUES_BY_FIRST and any(tuple(self.lower[k:start]) in cues for _, cues in t.CUES_BY_FIRST[w]):
            return f"sectors.list_cues:{cue}"
        return f"sectors.{'reach_cues' if w in t.REACH_CUES else 'attention_nouns'}:{w}"

    def _cue_at(self, k: int, last: int) -> int | None:
        t = self.t
        lower = self.lower
        for n, cues in t.CUES_BY_FIRST[lower[k]]:
            if k + n <= last and (n == 1 or tuple(lower[k : k + n]) in cues):
                return k + n
        return None

    def _reach(self, k: int, last: int) -> int | None:
        """'cooperation with Ruritania in', 'expand them in': the list start after the preposition."""
        t = self.t
        lower = self.lower
        if k < last and lower[k] in t.REACH_PREPS:
            return None  # "cooperation in": an ordinary cue
        between = k < last and lower[k] in self.doc.tables.text.BETWEEN_WORDS  # "between Palau and New Zealand in"
        for j in range(k, min(k + (8 if between else 5), last)):
            w = lower[j]
            if w in t.REACH_PREPS:
                return j + 1 if j > k else None
            if (w in t.REACH_STOP and not (between and w == "and")) or j in self.terms:
                return None
            if len(w) > 4 and w.endswith("ed"):
                return None  # "relations rooted in history and culture": what they rest on, not an area
        return None

    def _attention(self, k: int, last: int) -> int | None:
        """'Priority was given to', 'attention was also paid to': the list start after 'to'/'on'."""
        t = self.t
        lower = self.lower
        j = k
        while j < min(k + 5, last) and lower[j] in t.ATTENTION_FILLERS:
            j += 1
        return j + 1 if j > k and j < last and lower[j] in ("to", "on") else None

    def _has_actor(self, first: int, k: int) -> bool:
        """Companies, or a country or its people, before 'active in' / 'expertise in'."""
        t = self.t
        lower, words, lex = self.lower, self.doc.words, self.lex
        if not t.BUSINESS_NOUNS.isdisjoint(lower[first:k]):
            return True
        for j in range(max(first, k - 4), k):
            place = lex.places.match_at(words, j) if words[j] in lex.place_words else None
            if place is not None and getattr(place[1], "is_mention", False):
                return True  # "Dutch", "Ruritania's", "the Netherlands'"
        return False

    def _add_word(self, i: int, slug: str, found: dict[tuple[int, str], SectorHit]) -> None:
        if (i, slug) not in found:
            found[i, slug] = SectorHit(slug, self.doc.starts[i], self.doc.ends[i], self.rule)

    def _states_a_figure(self, i: int, last: int) -> bool:
        """'Two-way trade between A and B reached $87 billion', 'bilateral trade grew 14 percent': an
        area of the two countries' exchange as the subject of a verb that states a figure."""
        t = self.t
        lower = self.lower
        bilateral = i > 0 and (lower[i - 1] in t.BILATERAL_MARKS or (lower[i - 1] == "way" and i > 2))
        between = False
        for j in range(self.terms[i][0], min(self.terms[i][0] + 12, last)):
            w = lower[j]
            if w in t.FIGURE_VERBS:
                return bilateral
            if w in ("between", "with"):
                bilateral = between = True
            elif w in (",", ";", ":", "(", "which", "that") or (w == "and" and not between):
                return False  # "between A and B": the one 'and' of the pair
        return False

    def _add(self, i: int, found: dict[tuple[int, str], SectorHit]) -> None:
        j, slugs = self.terms[i]
        for slug in slugs:
            if (i, slug) not in found:
                found[i, slug] = SectorHit(slug, self.doc.starts[i], self.doc.ends[j - 1], self.rule)

    def _read_list(self, k: int, last: int, found: dict[tuple[int, str], SectorHit], strict: bool = False) -> int:
        """Items after a cue, separated by commas/'and', while each starts with a sector term.
        strict (after a verb): the first item must be a sector, or nothing is read. An item that starts
        with a sector may run long ("trade diversification in the face of tariffs, energy ..."), and one
        that elaborates the item before it ("energy, including hydrogen projects in the X region, transport")
        is passed over. Returns the number of sector items read."""
        t = self.t
        misses = hits = 0
        lower, words = self.lower, self.doc.words
        served = False  # the item before ran on with 'for': "visas for business people and students"
        # a full stop inside the sentence is an abbreviation's ("U.S. tariffs"), not the end of an item
        last = last - 1 if lower[last - 1] == "." else last
        while k < last:
            item_start = k
            while k < last and lower[k] not in t.INNER_END:
                k += 1
            long = k - item_start > MAX_ITEM
            # a long item after the first may be the next clause ("..., and the free trade agreement has
            # doubled trade"): there an unknown word does not lead to a sector
            term = self._item_term(item_start, k, loose=not (long and hits))
            if term is not None and served and lower[term] in t.PEOPLE_TERMS:
                pass  # the people the item before serves, not an area
            elif term is not None:
                k, served = self._take_item(term, k, last, found)
                hits += 1
            elif not (hits and lower[item_start] in t.ELABORATIONS):
                # "energy, critical raw materials, aviation": one short unknown item does not end the list
                gerund = lower[item_start].endswith("ing") and k - item_start > 1  # "addressing climate change"
                if strict or misses > 1 or (long and not hits) or gerund:
                    return hits
                misses += 1
            strict = False
            if k >= last or words[k] == ";":
                return hits
            while k < last and lower[k] in t.ITEM_SPLIT:
                k += 1
        return hits

    def _take_item(self, term: int, k: int, last: int, found: dict[tuple[int, str], SectorHit]) -> tuple[int, bool]:
        """Adds the terms of an item that starts with `term` and ends at k; returns where the item ends (a
        term may run over a separator: "transport and logistics") and whether it runs on with 'for'."""
        t = self.t
        lower = self.lower
        self._add(term, found)
        end = self.terms[term][0]
        if end < k:
            end = self._more_terms(end, k, found)
        if end > k:
            k = end
            while k < last and lower[k] not in t.INNER_END:
                k += 1
        return k, "for" in lower[end:k]

    def _item_term(self, first: int, last: int, loose: bool = True) -> int | None:
        """The sector term an item starts with (after at most two modifiers, or 'the use of'), if any.
        A possessor ("the Philippines' energy security"), a hyphenated adjective ("high-quality
        infrastructure") and, if loose, one unknown word right before the term ("semiconductor research",
        "raw water supply") are modifiers too."""
        terms, lower = self.terms, self.lower
        budget, k, unknown = 3, first, int(loose)
        while k < last and budget:
            if k in terms:
                return k
            step = self._step_over(k, first, last, budget)
            if step is not None:
                k, budget = step
                continue
            w = lower[k]
            if not self._modifier(k, first, last):
                if not (unknown and k + 1 < last and k + 1 in terms and not w.endswith("ing")):
                    return None  # "addressing climate change": a verb, not a modifier
                unknown = 0
            k += 1
            budget -= 1
        return None

    def _step_over(self, k: int, first: int, last: int, budget: int) -> tuple[int, int] | None:
        """(next token, budget) past what an item may hold before its term at no cost or with a fresh
        budget: an article, 'the construction of', 'combating', a code or a possessive, 'building'."""
        t = self.t
        lower = self.lower
        w = lower[k]
        if w in t.MODIFIER_OK:
            return k + 1, budget - (w not in t.ARTICLES or k > first)  # an item's article is no modifier
        if k + 1 < last and _general_head(w, lower[k + 1], t):
            return k + 2, 3  # "the construction of", "plans for", "the fight against"
        if w in t.STRUGGLE_WORDS:  # "combating terrorism"
            return k + 1, 3
        possessor = k + 1 < last and lower[k + 1] == "'"  # "the Philippines'", "the two countries'"
        if w in t.HYPHENS or w.isdigit() or w == "'" or (w == "s" and lower[k - 1] == "'") or possessor:
            return k + 1, budget  # "the ML-1 railway": a project's code; "Pakistan's": a possessive (no modifier)
        if w in t.BUILDING_GERUNDS and k == first:
            return k + 1, 3  # "building key infrastructure"
        if k > first and lower[k - 1] in t.HYPHENS:  # not a bullet mark before the item
            return k + 1, budget  # the second half of "high-quality" is the same modifier
        return None

    def _modifier(self, k: int, first: int, last: int) -> bool:
        """A hyphenated word, an adjective, a demonym or an acronym before the term."""
        t = self.t
        lower, words = self.lower, self.doc.words
        w = lower[k]
        hyphenated = (k > first and lower[k - 1] in t.HYPHENS) or (k + 1 < last and lower[k + 1] in t.HYPHENS)
        return (
            hyphenated
            or (w.endswith(("al", "ic", "ive", "ary")) and not w.endswith("ing"))
            or words[k] in self.lex.demonym_words  # "Saudi investment", "Italian companies"
            or words[k].isupper()  # "the CASA-1000 power line", "the T-2 railway"
        )

    def _more_terms(self, k: int, end: int, found: dict[tuple[int, str], SectorHit]) -> int:
        """The other terms of an item's noun phrase after its first ('logistics infrastructure', 'digital
        public infrastructure', 'the construction of the X railway'); returns where the phrase ends."""
        t = self.t
        terms, lower, words = self.terms, self.lower, self.doc.words
        unknown = 1
        while k < end:
            if k in terms:
                if lower[k] in t.KIND_HEADS:
                    break  # "the agriculture industry", "the tourism industries": the kind of the term before
                self._add(k, found)
                k, unknown = terms[k][0], 1
                continue
            w = lower[k]
            if w in t.PHRASE_JOINERS or w in t.HYPHENS or w in t.MODIFIER_OK or w.isdigit() or words[k][:1].isupper():
                k += 1
                continue
            if w == "against" and k + 1 < end:
                k, unknown = k + 1, 1  # "joint patrols against irregular migration": what is fought is an area too
                continue
            if k + 1 < end and lower[k + 1] == "of" and (w in t.GENERIC_HEADS or w.endswith(("tion", "sion"))):
                k += 2  # "... aspects of the use of ICT"
                continue
            if unknown and k + 1 < end and (k + 1 in terms or lower[k + 1] in ("of", "against")):
                unknown, k = 0, k + 1  # "aspects of the use of ICT", "nuclear power plant"
                continue
            break
        return k

    def _read_qualifiers(
        self, positions: list[int], last: int, found: dict[tuple[int, str], SectorHit], figures: bool
    ) -> None:
        """'economic cooperation', 'trade and economic relations', 'cooperation between the parliaments',
        'energy is a promising area of cooperation'."""
        terms, lower, t = self.terms, self.lower, self.t
        for i in positions:
            j = terms[i][0]
            chained = False  # "economic, trade and investment cooperation": a later term holds the noun
            while j < last and (lower[j] in ("and", ",", "-") or (j in terms and j != i)):
                if j in terms:
                    j = terms[j][0]
                    if lower[j - 1] in t.HEAD_NOUNS:
                        chained = True
                        break
                else:
                    j += 1
            end = terms[i][0]
            # the term holds its noun: "industrial cooperation", "humanitarian aid"
            holds = lower[end - 1] in t.HEAD_NOUNS or (end - i > 1 and lower[end - 1] in t.COMPOUND_ENDS)
            heads = chained or (
                j < last
                and (
                    (lower[j] in t.HEAD_NOUNS and not (lower[j] == "complex" and i and lower[i - 1] in ("a", "an")))
                    or (lower[j] in t.LINKS and self._is_area_of(j + 1, last))
                    or (j == end and self._noun_then_head(j, last))
                )
            )
            if (
                holds
                or heads
                or (i >= 3 and lower[i - 3 : i] in (["cooperation", "between", "the"], ["cooperation", "among", "the"]))
                or (figures and self._states_a_figure(i, last))
                or self._marked_by_pair(i, end, last)
            ):
                self._add(i, found)
            # "industrial cooperation, agriculture and science": the list goes on after the noun
            after = terms[i][0] if holds else (j + 1 if heads and not chained and lower[j] in t.HEAD_NOUNS else None)
            if after is not None and after + 1 < last and lower[after] == ",":
                self._read_list(after + 1, last, found, strict=True)

    def _noun_then_head(self, j: int, last: int) -> bool:
        """'rice production projects', 'energy efficiency cooperation': one noun of the area's own between
        the term and the noun it qualifies."""
        t = self.t
        lower = self.lower
        return (
            j + 1 < last
            and lower[j + 1] in t.NOUN_HEADS
            and lower[j].isalpha()
            and lower[j] not in t.NOT_A_NOUN
            and self.doc.words[j][:1].islower()
        )

    def _marked_by_pair(self, i: int, end: int, last: int) -> bool:
        """'joint military exercises', 'a joint scientific panel', 'bilateral trade': the two sides'
        joint work or exchange in the area (joint: with the noun it qualifies, not 'joint communication
        on ...'; bilateral: not 'bilateral and regional')."""
        t = self.t
        lower = self.lower
        if not i or lower[i - 1] not in t.PAIR_MARKS:
            return False
        if lower[i - 1] == "bilateral":
            return True
        return end < last and lower[end].isalpha() and lower[end] not in t.NOT_A_NOUN

    def _after_intro(self, first: int, last: int) -> int:
        """The first token after an opening adverbial ('In addition,', 'Separately,', 'At the same time,')."""
        t = self.t
        lower = self.lower
        for k in range(first, min(first + 5, last)):
            if lower[k] == ",":
                return k + 1 if k > first else first
            if lower[k] not in t.INTRO_WORDS:
                return first
        return first

    def _read_subject(self, first: int, last: int, found: dict[tuple[int, str], SectorHit]) -> None:
        """'Energy and transport were also on the agenda', 'Issues of water management were also
        considered', 'Trade and energy dominated the talks': the sentence's subject is a list of sectors
        and its verb says they were discussed."""
        t = self.t
        lower = self.lower
        k = first + 1 if lower[first] == "also" else first
        items: dict[tuple[int, str], SectorHit] = {}
        self._read_list(k, last, items, strict=True)
        if not items:
            return
        k = max(self.terms[i][0] for i, _ in items)
        while k < last and lower[k] in t.SUBJECT_FILLERS:
            k += 1
        if k >= last:
            return
        if (
            lower[k : k + 2] == ["at", "the"]
            and k + 3 < last
            and lower[k + 2] in t.HEART_WORDS
            and lower[k + 3] == "of"
        ):
            k += 4  # "Energy is at the heart of the agenda": the place is what follows "of"
        if lower[k] in t.SUBJECT_VERBS or (
            lower[k] in t.SUBJECT_PLACES and any(w in t.SUBJECT_NOUNS for w in lower[k : min(k + 4, last)])
        ):
            found.update((key, hit) for key, hit in items.items() if key not in found)

    def _is_area_of(self, k: int, last: int) -> bool:
        """'... is a promising direction of cooperation', '... remain key pillars of the partnership'."""
        t = self.t
        lower = self.lower
        for j in range(k, min(k + 5, last - 1)):
            if lower[j] in t.AREA_NOUNS and lower[j + 1] in ("of", "for"):
                return any(w in t.RELATION_NOUNS for w in lower[j + 2 : min(j + 6, last)])
            if lower[j] in (",", ".", ";"):
                return False
        return False


class SectorTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "ACTOR_CUES",
        "AREA_NOUNS",
        "ARTICLES",
        "ATTENTION_FILLERS",
        "ATTENTION_NOUNS",
        "BILATERAL_MARKS",
        "BODY_HEADS",
        "BUILDING_GERUNDS",
        "BULLET_RE",
        "BUSINESS_NOUNS",
        "COMPOUND_ENDS",
        "CUES_BY_FIRST",
        "ELABORATIONS",
        "FIGURE_VERBS",
        "GENERIC_HEADS",
        "GROWTH_VERBS",
        "HEADLINE_GATE",
        "HEADLINE_OPENERS",
        "HEADLINE_VERBS",
        "HEAD_NOUNS",
        "HEART_WORDS",
        "HYPHENS",
        "INNER_END",
        "INTRO_WORDS",
        "ITEM_END",
        "ITEM_SPLIT",
        "KIND_HEADS",
        "LINKS",
        "LIST_CUES",
        "LIST_LINE_RE",
        "LIST_LINE_WORDS",
        "MINOR_WORDS",
        "MODIFIER_OK",
        "NAMED_WORKS",
        "NOT_AN_AREA",
        "NOT_A_NOUN",
        "NOT_A_SECTOR",
        "NOUN_HEADS",
        "OPENERS",
        "PAIR_MARKS",
        "PEOPLE_TERMS",
        "PHRASE_JOINERS",
        "PLAN_WORDS",
        "REACH_CUES",
        "REACH_PREPS",
        "REACH_STOP",
        "RELATION_NOUNS",
        "REPEATED_PREPS",
        "SENTENCE_GATE",
        "SEVERED_OBJECTS",
        "SEVERED_WORDS",
        "STRUGGLE_WORDS",
        "SUBJECT_FILLERS",
        "SUBJECT_NOUNS",
        "SUBJECT_OPENERS",
        "SUBJECT_PLACES",
        "SUBJECT_VERBS",
        "TITLE_AREA_WORDS",
        "TITLE_COOPERATION",
        "TITLE_HEADS",
        "TITLE_JOINERS",
        "TITLE_PREPS",
        "TOPIC_OPENERS",
        "WORKS_SECTORS",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self._load_1(R)
        self._load_2(R)
        self._load_3(R)

    def _load_1(self, R: Rules) -> None:
        self.LIST_CUES = R.phrases("sectors.list_cues")
        # first word -> [(length, the cues of that length)], longest first: the longest cue that fits wins
        self.CUES_BY_FIRST: dict[str, list[tuple[int, frozenset[tuple[str, ...]]]]] = {}
        for _first in dict.fromkeys(c[0] for c in self.LIST_CUES):
            _lengths = sorted({len(c) for c in self.LIST_CUES if c[0] == _first}, reverse=True)
            self.CUES_BY_FIRST[_first] = [
                (n, frozenset(c for c in self.LIST_CUES if c[0] == _first and len(c) == n)) for n in _lengths
            ]
        self.REACH_CUES = R.words("sectors.reach_cues")
        self.GROWTH_VERBS = R.words("sectors.growth_verbs")
        self.ACTOR_CUES = R.words("sectors.actor_cues")
        self.BUSINESS_NOUNS = R.words("sectors.business_nouns")
        self.ATTENTION_NOUNS = R.words("sectors.attention_nouns")
        self.ATTENTION_FILLERS = R.words("sectors.attention_fillers")
        self.FIGURE_VERBS = R.words("sectors.figure_verbs")
        self.BILATERAL_MARKS = R.words("sectors.bilateral_marks")
        self.REACH_PREPS = R.words("sectors.reach_preps")
        # a cue's preposition said again: "cooperate on X and on Y", "for X and for Y"
        self.REPEATED_PREPS = self.REACH_PREPS | {"for"}
        self.REACH_STOP = R.words("sectors.reach_stop")
        self.HEAD_NOUNS = R.words("sectors.head_nouns")
        self.NAMED_WORKS = R.words("sectors.named_works")
        self.WORKS_SECTORS = R.words("sectors.works_sectors")
        self.PAIR_MARKS = R.words("sectors.pair_marks")
        self.NOUN_HEADS = R.words("sectors.noun_heads")
        self.NOT_A_NOUN = R.words("sectors.not_a_noun")
        self.COMPOUND_ENDS = R.words("sectors.compound_ends")
        self.SUBJECT_FILLERS = R.words("sectors.subject_fillers")
        self.SUBJECT_VERBS = R.words("sectors.subject_verbs")
        self.INTRO_WORDS = R.words("sectors.intro_words")
        self.SUBJECT_OPENERS = R.words("sectors.subject_openers")
        self.SUBJECT_PLACES = R.words("sectors.subject_places")
        self.HEART_WORDS = R.words("sectors.heart_words")
        self.SUBJECT_NOUNS = R.words("sectors.subject_nouns")
        self.TOPIC_OPENERS: dict[str, list[tuple[str, ...]]] = R.mapping("sectors.topic_openers")
        self.BODY_HEADS = R.words("sectors.body_heads")
        self.PEOPLE_TERMS = R.words("sectors.people_terms")

    def _load_2(self, R: Rules) -> None:
        self.TITLE_HEADS = R.words("sectors.title_heads")
        self.TITLE_PREPS = R.words("sectors.title_preps")
        self.TITLE_AREA_WORDS = R.words("sectors.title_area_words")
        self.TITLE_JOINERS = R.words("sectors.title_joiners")
        self.TITLE_COOPERATION = R.words("sectors.title_cooperation")
        self.BULLET_RE = R.regex("sectors.bullet")
        self.LIST_LINE_RE = R.regex("sectors.list_line")
        self.ELABORATIONS = R.words("sectors.elaborations")
        self.STRUGGLE_WORDS = R.words("sectors.struggle_words")
        self.SEVERED_WORDS = R.words("sectors.severed_words")
        self.SEVERED_OBJECTS = R.words("sectors.severed_objects")
        self.MODIFIER_OK = R.words("sectors.modifier_ok")
        self.GENERIC_HEADS = R.words("sectors.generic_heads")
        self.PLAN_WORDS = R.words("sectors.plan_words")
        self.BUILDING_GERUNDS = R.words("sectors.building_gerunds")
        self.HYPHENS = R.words("sectors.hyphens")
        self.ARTICLES = R.words("sectors.articles")
        self.KIND_HEADS = R.words("sectors.kind_heads")
        self.PHRASE_JOINERS = R.words("sectors.phrase_joiners")
        self.NOT_AN_AREA = R.words("sectors.not_an_area")
        self.NOT_A_SECTOR = R.phrase_set("sectors.not_a_sector")
        self.AREA_NOUNS = R.words("sectors.area_nouns")
        self.LINKS = R.words("sectors.links")
        self.RELATION_NOUNS = R.words("sectors.relation_nouns")
        # words a list can start after
        self.OPENERS = (
            frozenset(self.CUES_BY_FIRST) | self.REACH_CUES | self.GROWTH_VERBS | self.ATTENTION_NOUNS | {"and"}
        )
        self.HEADLINE_VERBS = R.words("sectors.headline_verbs")
        self.HEADLINE_OPENERS = self.OPENERS | self.HEADLINE_VERBS

    def _load_3(self, R: Rules) -> None:
        # A sentence is read only if it has one of these (most sentences name no area of cooperation). Generated
        # from the tables the reads after the gate key on, so a new cue or verb can never be filtered out:
        self.SENTENCE_GATE = (
            frozenset(map(_cue_key, self.LIST_CUES)) | self.REACH_CUES | self.GROWTH_VERBS | self.ATTENTION_NOUNS  # a cued list
            | self.HEAD_NOUNS | self.COMPOUND_ENDS | self.NOUN_HEADS | self.RELATION_NOUNS | self.FIGURE_VERBS | self.PAIR_MARKS  # a qualified term
            | self.SUBJECT_VERBS | self.SUBJECT_NOUNS  # a list as the subject
        )  # fmt: skip
        self.HEADLINE_GATE = self.SENTENCE_GATE | self.HEADLINE_VERBS
        # A line ending with ':' opens a bulleted list of sectors when it has one of these words.
        self.LIST_LINE_WORDS = self.SENTENCE_GATE | R.words("sectors.list_line_words")
        self.ITEM_SPLIT = R.words("sectors.item_split")
        self.ITEM_END = self.ITEM_SPLIT | {".", ";", ":"}
        self.INNER_END = self.ITEM_END - {"."}
        self.MINOR_WORDS = R.words("sectors.minor_words")
