"""People: names, the titles around them, and surnames that refer back to a full name.

A name is a run of capitalised tokens that are not title, place or function words
("Anna Petrova", "Khalid bin Saeed Al Marri", "TANAKA Hiroshi"); a single token counts when a
title or an honorific stands before it ("President Rahimov"), or when it is the surname of a
known official. The title is read before the name ("Kyrgyz President Talant Osmonov", "Speaker
of the Parliament of Georgia X", "the Minister of Foreign Affairs of Peru, Ana Quispe,", in lower
case too: "Chile's foreign minister X") or in apposition after it ("Anna Petrova, Latvia's
Minister of Foreign Affairs,"). Honorifics are dropped; Malaysian styles ("Tan Sri", "Datuk
Seri") stay at the front of the name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Lexicon, Place, official_country
from .names import fold as fold_name
from .names import name_key
from .rules import ModuleTables, Rules
from .text import Document


@dataclass(slots=True)
class Mention:
    """One place in the text where a person is named."""

    first: int  # token range of the name
    last: int
    name: str
    title: str | None = None
    title_first: int | None = None
    title_last: int | None = None
    country: str | None = None
    counterpart: bool = False
    sentence: int = 0
    keys: frozenset[str] = frozenset()


@dataclass(slots=True)
class Person:
    """A person: every mention of them, the longest name, and what the mentions tell."""

    name: str
    keys: frozenset[str]
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    title: str | None = None

    @property
    def first_mention(self) -> Mention:
        return self.mentions[0]

    def copy(self) -> Person:
        """A copy a later stage may refine (its mentions are shared: no stage after reading changes them).
        Made directly: dataclasses.replace costs several times as much, per person per article."""
        return Person(self.name, self.keys, self.mentions, self.country, self.title)


def name_keys(name: str, rules: Rules | None = None) -> frozenset[str]:
    """The words that identify a person (names.name_key): no particles, no styles, no initials."""
    return frozenset(name_key(name, rules))


class PeopleReader:
    """Finds mentions of people in one document."""

    def __init__(
        self,
        doc: Document,
        lex: Lexicon,
        places: dict[int, tuple[int, int, Place]],
        blocked: set[int],
        headline: bool = False,
        forum_tokens: set[int] | None = None,
    ):
        self.t = doc.tables.people  # the tables of the rules the document is read with
        self.doc = doc
        self.forum_tokens = forum_tokens or set()  # forums' tokens, which a title may hold
        self.headline = headline
        self.lex = lex
        self.places = places  # token index -> (first, last, place) of the place phrase covering it
        self.blocked = blocked  # tokens that cannot be part of a name (dateline, forums)
        self.nameish = self._capitalised_names()
        self._special_name_words()
        self._acronym_compounds()
        self._known_official_names()

    def _capitalised_names(self) -> list[bool]:
        """Capitalised tokens that can be part of a name: no stop word, place, acronym or style."""
        t = self.t
        doc, lex, blocked, places = self.doc, self.lex, self.blocked, self.places
        acronyms = lex.registered_acronyms
        nameish = [False] * len(doc.words)
        words = doc.words
        for i in lex.classify(doc).capital:
            w = words[i]
            nameish[i] = (
                i not in blocked
                and w not in t.NAME_STOP
                and i not in places
                and t.NAME_TOKEN_RE.match(w) is not None
                and not (len(w) > 1 and w.isupper() and w in acronyms)
                and not self._is_style(i)
            )
        return nameish

    def _special_name_words(self) -> None:
        """Month abbreviations, 'Park', 'He' and 'An': name words only beside other name words or a title."""
        t = self.t
        doc, blocked, places, nameish = self.doc, self.blocked, self.places, self.nameish
        words, capital = doc.words, self.lex.classify(doc).capital
        for i in [i for i in capital if words[i] in t.MONTH_ABBREVIATIONS and 0 < i < len(words) - 1]:
            # "Dong Jun": a month abbreviation after a name word and with no day or year next to it
            nameish[i] = (
                nameish[i - 1]
                and not words[i + 1][:1].isdigit()
                and not (words[i + 1] == "." and i + 2 < len(words) and words[i + 2][:1].isdigit())
                and i not in blocked
                and i not in places
            )
        for i in [i for i in capital if words[i] in t.SURNAME_WORDS and i + 1 < len(words)]:
            nameish[i] = nameish[i + 1] and i not in blocked and i not in places  # "Park Jin", not "Park Avenue"
        for i in [i for i in capital if words[i] in t.TITLED_SURNAME_WORDS and 0 < i < len(words) - 1]:
            # "Vice Premier of China He Lifeng", "Ambassador An Kwang Il": a surname right after a title
            nameish[i] = (
                nameish[i + 1]
                and (words[i - 1] in t.TITLE_HEADS or i - 1 in places)
                and i not in blocked
                and doc.sent_of[i - 1] == doc.sent_of[i]
            )

        for i in [i for i in capital if words[i] in t.GIVEN_NAME_TITLES and 0 < i < len(words) - 1]:
            # "Hossein Amir Abdollahian": inside a name, between two name words of one sentence
            nameish[i] = (
                nameish[i - 1]
                and nameish[i + 1]
                and i not in blocked
                and i not in places
                and doc.sent_of[i - 1] == doc.sent_of[i + 1]
            )

    def _acronym_compounds(self) -> None:
        """'ADMM-Plus', 'G20-TIWG': an event's name, which a title may hold (no name words)."""
        words, nameish = self.doc.words, self.nameish
        for k in self.doc.positions("-"):
            if (
                0 < k < len(words) - 1
                and (nameish[k - 1] or nameish[k + 1])
                and self._acronym_compound(k)
                and self._glued(k)
                and self._glued(k + 1)
            ):
                nameish[k - 1] = nameish[k + 1] = False
                self.forum_tokens = self.forum_tokens | {k - 1, k, k + 1}

    def _known_official_names(self) -> None:
        """'To Lam', 'Santiago Peña': a known official's full name is a name whatever its words."""
        lex, words = self.lex, self.doc.words
        known = lex.official_names.lengths
        starts = [i for i in lex.classify(self.doc).capital if words[i] in known]
        if starts:
            for i, j, _ in lex.official_names.scan(words, starts=starts):
                if self.blocked.isdisjoint(range(i, j)):
                    self.nameish[i:j] = [True] * (j - i)

    # ---------------------------------------------------------------- name tokens

    def _is_style(self, i: int) -> bool:
        """'Datuk', 'Seri', the "Tan" of 'Tan Sri', the apostrophe of "Dato'"."""
        t = self.t
        words = self.doc.words
        w = words[i]
        if w in t.STYLES:
            return True
        if w == "." and i > 0 and words[i - 1] in t.NAME_ABBREVIATIONS and self.doc.starts[i] == self.doc.ends[i - 1]:
            return True  # the full stop of "Md."
        if w == "Tan":
            return i + 1 < len(words) and words[i + 1] == "Sri"
        return w == "'" and i > 0 and words[i - 1] == "Dato" and self.doc.starts[i] == self.doc.ends[i - 1]

    def _styles_before(self, start: int, sent_first: int) -> int:
        """Where the styles written before a name begin ('Tan Sri Dato' Seri' + name)."""
        k = start
        while k > sent_first and self._is_style(k - 1):
            k -= 1
        return k

    def is_name_token(self, i: int) -> bool:
        return self.nameish[i]

    def _glued(self, i: int) -> bool:
        """Token i touches token i-1 (no space): 'Al-Marri', "O'Brien"."""
        return i > 0 and self.doc.starts[i] == self.doc.ends[i - 1]

    def _run_end(self, i: int, limit: int) -> int:
        """The end of the name run starting at token i (exclusive)."""
        words, j, t = self.doc.words, i + 1, self.t
        while j < limit:
            w = words[j]
            if self.is_name_token(j) or self._place_in_name(j, limit):
                j += 1
            elif (
                w in ("-", "'")
                and self._glued(j)
                and j + 1 < limit
                and self._glued(j + 1)
                and words[j + 1][:1].isalpha()
                and not (w == "'" and words[j + 1] in ("s", "S"))  # "Xi Jinping's proposal": a possessive
                and not (w == "-" and self._hyphen_ends_name(j))
            ):
                j += 2
            elif w == "." and len(words[j - 1]) == 1 and words[j - 1].isupper():
                j += 1  # an initial: "K. Rahimov"
            elif w.lower() in t.PARTICLES and j + 1 < limit and self.is_name_token(j + 1):
                j += 1
            elif (
                w.lower() in t.PARTICLES
                and j + 2 < limit
                and words[j + 1].lower() in t.PARTICLES
                and self.is_name_token(j + 2)
            ):
                j += 2  # "Juan Ramón de la Fuente", "Rafael van der Vaart"
            elif (
                w.lower() in t.PARTICLES
                and j + 2 < limit
                and words[j + 1] == "-"
                and self._glued(j + 1)
                and self._glued(j + 2)
                and self.is_name_token(j + 2)
            ):
                j += 3  # "al-Abbasi", "bin-Zayed"
            else:
                break
        return j

    def _hyphen_ends_name(self, j: int) -> bool:
        """'Trans-Afghan', 'Euro-Atlantic': a place after the hyphen (not 'Al-Iraqi'); 'ADMM-Plus',
        'G20-TIWG': an acronym on one side only. An event or a route, not a name."""
        t = self.t
        if j + 1 in self.places and self.doc.words[j - 1].lower() not in t.PARTICLES:
            return True
        return self._acronym_compound(j)

    def _acronym_compound(self, j: int) -> bool:
        """The hyphen at token j joins an acronym and a word: 'ADMM-Plus', 'G20-TIWG' (not 'JEAN-PIERRE')."""
        a, b = self.doc.words[j - 1], self.doc.words[j + 1]
        return (len(a) > 1 and a.isupper()) != (len(b) > 1 and b.isupper())  # "G20".isupper() too

    def _initials_before(self, start: int, sent_first: int) -> int:
        """'A.Pildegovics', 'A. Pildegovics': an initial glued to its full stop, which the name reader
        does not start on when the letter is also a word ('A')."""
        words, doc = self.doc.words, self.doc
        while (
            start - 2 >= sent_first
            and words[start - 1] == "."
            and len(words[start - 2]) == 1
            and words[start - 2].isupper()
            and doc.starts[start - 1] == doc.ends[start - 2]
        ):
            start -= 2
        return start

    def _place_in_name(self, j: int, limit: int) -> bool:
        """A place word inside a name after a first name: 'Rui Portugal', 'Chad Miller'."""
        t = self.t
        hit = self.places.get(j)
        if not hit or hit[0] != j or hit[1] != j + 1:
            return False
        nxt = self.doc.words[j + 1] if j + 1 < limit else ""
        return nxt not in t.TITLE_WORDS and not (j + 1 < limit and j + 1 in self.places)

    # ---------------------------------------------------------------- mentions

    def mentions(self) -> list[Mention]:
        found: list[Mention] = []
        nameish, words = self.nameish, self.doc.words
        candidates = [i for i in self.lex.classify(self.doc).capital if nameish[i]]
        # a country word as a first name ("counterpart Jordan Petrov"): single-token places only
        candidates += [i for i, (a, b, _) in self.places.items() if a == i and b == i + 1 and not nameish[i]]
        candidates.sort()
        sentences, sent_of = self.doc.sentences, self.doc.sent_of
        free = 0
        for i in candidates:
            if i < free:
                continue
            sent = sentences[sent_of[i]]
            start = self._name_start(i, sent.first, sent.last)
            if start is None:
                continue
            end = self._run_end(start, sent.last)
            while end > start and words[end - 1] in (".", "-", "'"):
                end -= 1
            start = self._initials_before(start, sent.first)
            mention = self._mention(start, end, sent.index, sent.first, sent.last)
            if mention:
                found.append(mention)
            free = max(end, i + 1)
        return found

    def roles(self, sent_first: int, sent_last: int, sentence: int, taken: set[int]) -> list[Mention]:
        """Offices named without a person in one sentence ('The President of Uzbekistan received',
        'Uzbekistan's Foreign Minister', 'his Georgian counterpart'), outside the taken tokens (the
        names and titles of people). Each is a Mention with an empty name; TitleReader reads it."""
        t = self.t
        words, out = self.doc.words, []
        k = sent_first
        while k < sent_last:
            if words[k] not in t.ROLE_HEADS or k in taken:
                k += 1
                continue
            first = k
            while first > sent_first and first - 1 not in taken and self._is_title_token(first - 1):
                if self._is_counterpart_boundary(first - 1, k):
                    break
                first -= 1
            end = k + 1
            while (
                words[k] not in t.COUNTERPART_WORDS
                and end < sent_last
                and end not in taken
                and self._role_continues(end)
            ):
                end += 1
            span = self._trim_title(first, end)
            k = max(end, k + 1)
            if span is None or (span[1] < sent_last and (self.is_name_token(span[1]) or words[span[1]] == "'")):
                continue  # a named person's title, or "the President's office"
            lo = span[0] + 1 if words[span[0]] in ("the", "The") else span[0]
            m = Mention(span[1], span[1], "", sentence=sentence, title_first=lo, title_last=span[1])
            m.counterpart = words[span[1] - 1] in t.COUNTERPART_WORDS
            out.append(m)
        return out

    def _role_continues(self, k: int) -> bool:
        """A role's title goes on after its head ('of Uzbekistan', 'of Foreign Affairs and Trade of
        Hungary'), but not into the next role ('... and the Prime Minister of ...')."""
        t = self.t
        words = self.doc.words
        if words[k] in (",", "and"):
            return k + 1 < len(words) and words[k + 1] in t.TITLE_WORDS and words[k + 1] not in t.TITLE_HEADS
        return self._is_title_token(k) and words[k] not in ("his", "her", "their", "in", "at", "on", "to")

    def _name_start(self, i: int, sent_first: int, sent_last: int) -> int | None:
        t = self.t
        if self.nameish[i]:
            return i
        if i not in self.places:
            return None
        # A country word as a first name after a title cue: "counterpart Jordan Petrov".
        hit = self.places.get(i)
        if hit and hit[0] == i and hit[1] == i + 1 and i + 1 < sent_last and self.is_name_token(i + 1):
            prev = self.doc.words[i - 1] if i > sent_first else ""
            if prev in t.TITLE_HEADS or prev in t.COUNTERPART_WORDS:
                return i
            words = self.doc.words
            if (
                words[i] in t.GIVEN_NAME_PLACES
                and prev.lower() not in t.NOT_BEFORE_A_NAME
                and words[i + 1] not in t.NAMED_AFTER
                and (i + 2 >= sent_last or words[i + 2] not in t.NAMED_AFTER)
            ):
                return i  # "Chad Johnson", "Georgia Hill": a first name, not the country
        return None

    def _mention(self, start: int, end: int, sentence: int, sent_first: int, sent_last: int) -> Mention | None:
        t = self.t
        words = self.doc.words
        n_names = sum(1 for w in words[start:end] if len(w) > 1 and w[0].isupper())
        title = self._title_before(start, sent_first)
        if title is not None and self._object_of_an_introduction(title, start, end, sent_first, sent_last):
            title = None
        honorific = start > sent_first and self._honorific_before(start)
        if n_names < 2 and title is None and not honorific and not self._known_surname(start, end):
            return None
        if title is None and not honorific and self._one_compound(start, end) and not self._known_name(start, end):
            return None  # "at Port-Bouet", "the Dostyk-Moyinty line": a place or a route, not a person
        if n_names < 1 or self._names_a_place(end, sent_last) or self._qualifies_a_portfolio(start, end):
            return None
        if all(w.isupper() or not w.isalpha() for w in words[start:end]) and not self._known_name(start, end):
            return None  # "JS-SEZ", "UNITED NATIONS": an acronym or a dateline, not a person
        if end - start == 1 and title is not None and self._is_title_token(start):
            return None  # "... and Special Initiatives Prof. Ahsan Iqbal": the end of the title, not a name
        after = self._title_after(end, sent_last)
        name = self.doc.slice(self._styles_before(start, sent_first), end)
        m = Mention(start, end, name, sentence=sentence, keys=name_keys(name, self.doc.rules))
        chosen = title if title and (not after or self._has_country(*title)) else (after or title)
        if chosen:
            m.title_first, m.title_last = chosen
            m.counterpart = words[chosen[1] - 1] in t.COUNTERPART_WORDS
        return m

    def _object_of_an_introduction(
        self, title: tuple[int, int], start: int, end: int, sent_first: int, sent_last: int
    ) -> bool:
        """'Speaking with the Japanese envoy, Tokayev noted ...': the title before the comma is the object
        of the sentence's introductory phrase, the name after it the subject of the main clause."""
        t = self.t
        words, lower = self.doc.words, self.doc.lower
        return (
            "," in words[title[1] : start]
            and lower[sent_first] in t.INTRODUCTORY_STARTS
            and "with" in lower[sent_first : title[0]]
            and "," not in words[sent_first : title[0]]
            and end < sent_last
            and words[end][:1].islower()
            and lower[end] not in ("and", "or")
        )

    def _one_compound(self, start: int, end: int) -> bool:
        """The name is one hyphenated word ('Port-Bouet'), with no given name or surname beside it."""
        words = self.doc.words
        return (
            end - start >= 3
            and all(words[k] == "-" for k in range(start + 1, end, 2))
            and all(self._glued(k) for k in range(start + 1, end))
        )

    def _qualifies_a_portfolio(self, start: int, end: int) -> bool:
        """'Andean' in 'Minister of Foreign Affairs, Andean Integration and ...': part of a title."""
        t = self.t
        words = self.doc.words
        return end - start == 1 and end < len(words) and words[end] in t.PORTFOLIO_WORDS

    def _known_name(self, start: int, end: int) -> bool:
        """The words name a known official ('XI JINPING' in capitals)."""
        keys = frozenset(w.lower() for w in self.doc.words[start:end] if w.isalpha())
        return official_country(self.lex, keys) is not None

    def _known_surname(self, start: int, end: int) -> bool:
        """'Rahimov met Osmonov': a bare surname of a known official names that person."""
        return end - start == 1 and fold_name(self.doc.words[start]) in self.lex.official_surnames

    def _names_a_place(self, end: int, sent_last: int) -> bool:
        """'Ivan Kovac International Airport', 'the Omar Hadi Center': a name given to a place."""
        t = self.t
        for w in self.doc.words[end : min(end + 3, sent_last)]:
            if w in t.NAMED_AFTER or w in t.NOT_NAME_WORDS:
                return True  # ... or a unit, a zone: "Mekong-Lancang Economic Zone"
            if not w[0].isupper():
                return False  # "X in Port of Spain": the name ends before "in"
        return False

    def _honorific_before(self, start: int) -> bool:
        t = self.t
        k = start - 1
        if self.doc.words[k] == "." and k > 0:
            k -= 1
        return self.doc.words[k] in t.HONORIFICS or self._is_style(k)

    def _is_title_token(self, k: int) -> bool:
        t = self.t
        words = self.doc.words
        w = words[k]
        if (
            w in t.TITLE_WORDS
            or w in t.TITLE_JOINERS
            or k in self.places
            or w in t.LOWER_TITLE_WORDS
            or w in t.REGION_WORDS
        ):
            return True
        if w == "The":
            return k + 1 in self.places  # "Minister of Foreign Affairs of The Gambia"
        if w in ("Under", "under", "Sub"):  # "Under-Secretary", "Under-Secretary-General"
            return k + 1 < len(words) and words[k + 1] == "-" and self.doc.starts[k + 1] == self.doc.ends[k]
        if k in self.forum_tokens:
            return True  # a forum in a title: "Permanent Representative to the United Nations", "SCO Secretary-General"
        if w[:1].isupper() and k + 1 < len(words):
            nxt = words[k + 1]
            if nxt in t.REGION_WORDS or nxt in t.PORTFOLIO_WORDS:
                return True  # "Governor of Gyeonggi Province X", "..., Andean Integration and ..."
            if self._may_list_portfolios(nxt):
                return self._in_portfolio_list(k)  # "Minister of Commerce, Industries and Textiles Dr. X"
        if w in ("\u2013", "\u2014"):  # "Deputy Prime Minister \u2013 Minister of Foreign Affairs"
            return 0 < k < len(words) - 1 and words[k - 1] in t.TITLE_WORDS and words[k + 1] in t.TITLE_WORDS
        return w in t.COUNTERPART_WORDS

    def _may_list_portfolios(self, nxt: str) -> bool:
        t = self.t
        return nxt in t.HONORIFICS or nxt in (",", "and", "&") or nxt in t.TITLE_WORDS

    def _in_portfolio_list(self, k: int) -> bool:
        """Token k is an item of a portfolio list that runs from 'Minister of'/'Minister for' to an
        honorific before the name: 'Minister of Commerce, Industries and Textiles Dr. Amina Rahman'.
        Items are single words (or a word before a title word: 'Blue Economy'), so 'Minister Sall, Ndiaye
        and Dr. Fall' (no 'of') and 'Minister Amina Rahman and Mr. X' (a two-word name) are not lists."""
        t = self.t
        words, n = self.doc.words, len(self.doc.words)
        j, plain, closed = k, 0, False
        while j < min(n, k + 8) and words[j] not in t.HONORIFICS:
            w = words[j]
            if w == "," and closed and self._name_after_comma(j):
                break  # "Minister of Tourism, Arts and Culture, John Mwangi": the closed list, then the name
            if w in (",", "and", "&"):
                plain = 0
                closed = closed or w != ","
            elif not w[:1].isupper():
                return False
            elif w in t.TITLE_WORDS:
                plain = 0
            else:
                plain += 1
                if plain > 1:
                    return False
            j += 1
        if j >= n or (words[j] not in t.HONORIFICS and not (words[j] == "," and closed)):
            return False
        i = k - 1
        while i > max(0, k - 10):
            w = words[i]
            if w in ("of", "for"):
                return words[i - 1] in t.TITLE_HEADS or words[i - 1] in ("Ministry", "Department")
            if not (w[:1].isupper() or w in (",", "and", "&")):
                return False
            i -= 1
        return False

    def _name_after_comma(self, j: int) -> bool:
        """Two capitalised words that are no title words follow the comma at token j."""
        t = self.t
        words = self.doc.words
        nxt = words[j + 1 : j + 3]
        return len(nxt) == 2 and all(w[:1].isupper() and w not in t.TITLE_WORDS for w in nxt)

    def _title_before(self, start: int, sent_first: int) -> tuple[int, int] | None:
        """The title phrase ending just before the name (honorifics and one comma skipped)."""
        t = self.t
        k = start - 1
        words = self.doc.words
        while k >= sent_first and (words[k] in t.HONORIFICS or words[k] == "." or self._is_style(k)):
            k -= 1
        if k - 2 >= sent_first and words[k - 2 : k + 1] == ["a", ".", "i"]:
            k -= 3  # "Chargé d'Affaires a.i. X": ad interim
        if k >= sent_first and self.doc.words[k] == ",":
            k -= 1  # "the Minister of Foreign Affairs of Peru, Ana Quispe,"
        if k - 2 >= sent_first and self.doc.words[k] == ")" and self.doc.words[k - 2] == "(":
            k -= 3  # "Foreign Minister (FM) R. Singh"
        end = k + 1
        if k >= sent_first and self.doc.words[k] in ("and", "&"):
            return None  # "The Head of State and Sheikh Tamim": the title is the other person's
        while k >= sent_first:
            if self.doc.words[k] == ")":  # "Speaker of the Milli Majlis (Parliament) of Ruritania X"
                opening = self._aside_start(k, sent_first)
                if opening is None or opening == sent_first or not self._is_title_token(opening - 1):
                    break
                k = opening - 1
                continue
            if not (self._is_title_token(k) or self._inner_comma(k, end, sent_first)):
                break
            if self._is_counterpart_boundary(k, end):
                break
            k -= 1
        return self._office_behind(self._trim_title(k + 1, end), k, sent_first)

    def _office_behind(self, span: tuple[int, int] | None, k: int, sent_first: int) -> tuple[int, int] | None:
        """A title that is only a style or a rank gives way to the office written before it."""
        t = self.t
        words = self.doc.words
        if span and all(w in t.NAME_TITLES for w in words[span[0] : span[1]]):
            j = span[0] - 1
            while j >= sent_first and words[j] in t.HONORIFICS:
                j -= 1
            if j < span[0] - 1:  # "Crown Prince and Prime Minister His Royal Highness Prince X": the office
                return self._title_before(j + 1, sent_first) or span
        only_rank = span and all(w in t.RANKS for w in words[span[0] : span[1]])
        if only_rank and k > sent_first and words[k] == ",":
            # "Minister of Defence of Ruritania, Colonel General A. Karimov": the office, not the rank
            return self._title_before(k + 1, sent_first) or span
        return span

    def _aside_start(self, k: int, sent_first: int) -> int | None:
        """The '(' of a short aside that ends at token k (a ')')."""
        words = self.doc.words
        for j in range(k - 1, max(sent_first, k - 5) - 1, -1):
            if words[j] == "(":
                return j
            if words[j] == ")":
                return None
        return None

    def _inner_comma(self, k: int, end: int, sent_first: int) -> bool:
        """'Minister of Investment, Industry and Trade': a comma between two title words."""
        t = self.t
        words = self.doc.words
        return (
            words[k] == ","
            and sent_first < k < end - 1
            and words[k - 1] in t.TITLE_WORDS
            and (words[k + 1] in t.TITLE_WORDS or self._is_title_token(k + 1))
            and words[k + 1] not in t.TITLE_HEADS
        )

    def _is_counterpart_boundary(self, k: int, end: int) -> bool:
        """Stop before 'his' in 'his Chilean counterpart'."""
        return self.doc.words[k] in ("his", "her", "their")

    def _title_after(self, end: int, sent_last: int) -> tuple[int, int] | None:
        """Apposition: 'X, Minister of Foreign Affairs of Peru,' (may span one more comma; post-nominal
        letters skipped: 'X, JP, Minister of ...')."""
        t = self.t
        if end >= sent_last or self.doc.words[end] != ",":
            return None
        while end + 2 < sent_last and self.doc.words[end + 1] in t.POSTNOMINALS and self.doc.words[end + 2] == ",":
            end += 2
        if end + 1 < sent_last and self.doc.words[end + 1] in ("and", "&"):
            return None  # "A, and Guatemala's Foreign Minister, B": the next person's title
        k = end + 1
        while k < sent_last and self._is_title_token(k) and self.doc.words[k] not in t.COUNTERPART_WORDS:
            k += 1
        span = self._trim_title(end + 1, k)
        if self.headline and k < sent_last and self.doc.words[k][:1].islower():
            return None  # "Tokayev, Emir of Qatar discuss ...": a headline's second subject, not an apposition
        if span is None or (k < sent_last and self.is_name_token(k)):
            return None  # "A, Turkish President B": the title is B's, not an apposition to A
        if k < sent_last and self.doc.words[k] == "," and k + 1 < sent_last:
            j = k + 1
            while j < sent_last and self._is_title_token(j):
                j += 1
            closes = j == sent_last or self.doc.words[j] in (",", ".", ";")
            word = self.doc.words[k + 1]
            if j > k + 1 and closes and word[0].isupper() and (not self.is_name_token(k + 1) or word in t.TITLE_WORDS):
                span = (span[0], j)
        return span

    def _trim_title(self, first: int, last: int) -> tuple[int, int] | None:
        t = self.t
        words = self.doc.words
        while first < last and (words[first] in t.TITLE_JOINERS - {"the"} or words[first] in ("'", "s")):
            first += 1
        while last > first and words[last - 1] in t.TITLE_JOINERS:
            last -= 1
        if last <= first:
            return None
        if not any(words[k] in t.TITLE_HEADS or words[k] in t.LOWER_TITLE_HEADS for k in range(first, last)):
            return None
        if (
            last - first > 1
            and words[last - 1] in t.NAME_TITLES
            and any(w in t.TITLE_HEADS or w in t.COUNTERPART_WORDS for w in words[first : last - 1])
        ):
            last -= 1  # "Minister of Foreign Affairs Prince Faisal": Prince goes with the name
        return first, last

    def _has_country(self, first: int, last: int) -> bool:
        return any(k in self.places and self.places[k][2].iso3 for k in range(first, last))


class PeopleTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "COUNTERPART_WORDS",
        "GIVEN_NAME_PLACES",
        "GIVEN_NAME_TITLES",
        "HONORIFICS",
        "INTRODUCTORY_STARTS",
        "LOWER_STYLES",
        "LOWER_TITLE_HEADS",
        "LOWER_TITLE_WORDS",
        "MONTH_ABBREVIATIONS",
        "NAMED_AFTER",
        "NAME_ABBREVIATIONS",
        "NAME_STOP",
        "NAME_TITLES",
        "NAME_TOKEN_RE",
        "NOT_BEFORE_A_NAME",
        "NOT_NAME_WORDS",
        "PARTICLES",
        "PORTFOLIO_WORDS",
        "POSTNOMINALS",
        "RANKS",
        "REGION_WORDS",
        "ROLE_HEADS",
        "SLOGAN_WORDS",
        "STYLES",
        "SURNAME_WORDS",
        "TITLED_SURNAME_WORDS",
        "TITLE_HEADS",
        "TITLE_JOINERS",
        "TITLE_WORDS",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self.TITLE_HEADS = R.words("people.title_heads")
        self.REGION_WORDS = R.words("people.region_words")
        self.TITLE_WORDS = self.TITLE_HEADS | R.words("people.title_words")
        self.LOWER_TITLE_HEADS = R.words("people.lower_title_heads")
        self.LOWER_TITLE_WORDS = self.LOWER_TITLE_HEADS | R.words("people.lower_title_words")
        self.TITLE_JOINERS = R.words("people.title_joiners")
        self.HONORIFICS = R.words("people.honorifics")
        self.STYLES = R.words("people.styles")
        self.NAME_ABBREVIATIONS = R.words("people.name_abbreviations")
        self.STYLES = self.STYLES | self.NAME_ABBREVIATIONS
        self.PARTICLES = R.words("people.particles")
        self.NAME_STOP = self.TITLE_WORDS | self.HONORIFICS | self.STYLES | R.words("people.name_stop")
        self.NOT_NAME_WORDS = R.words("people.not_name_words")
        self.SLOGAN_WORDS = R.words("people.slogan_words")
        self.NAME_STOP = self.NAME_STOP | self.NOT_NAME_WORDS | self.SLOGAN_WORDS
        self.PORTFOLIO_WORDS = R.words("people.portfolio_words")
        self.MONTH_ABBREVIATIONS = R.words("people.month_abbreviations")
        self.SURNAME_WORDS = R.words("people.surname_words")
        self.TITLED_SURNAME_WORDS = R.words("people.titled_surname_words")
        self.NAMED_AFTER = self.REGION_WORDS | R.words("people.named_after")
        self.GIVEN_NAME_PLACES = R.words("people.given_name_places")
        self.NOT_BEFORE_A_NAME = R.words("people.not_before_a_name")
        self.RANKS = R.words("people.ranks")
        self.NAME_TITLES = R.words("people.name_titles")
        self.GIVEN_NAME_TITLES = R.words("people.given_name_titles")
        self.POSTNOMINALS = R.words("people.postnominals")
        self.COUNTERPART_WORDS = R.words("people.counterpart_words")
        self.INTRODUCTORY_STARTS = R.words("people.introductory_starts")
        self.ROLE_HEADS = R.words("people.role_heads")
        self.NAME_TOKEN_RE = R.regex("people.name_token")
        self.LOWER_STYLES = frozenset(w.lower() for w in self.STYLES)
