"""The gazetteer compiled into token-tuple lookup tables, built once per Gazetteer.

A `Phrasebook` maps a tuple of normalised tokens to a value and finds the longest entry that
starts at each token of a document. Countries, forums and sectors each get one; the compiled
`Lexicon` is cached in `gazetteer._compiled` so a long run compiles nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .gazetteer import Gazetteer
from .names import fold as fold_name
from .names import name_key
from .rules import ModuleTables, Rules
from .text import TOKEN_RE, Document, default_rules, norm

MENTION_KINDS = frozenset({"name", "official", "alternative", "demonym"})
KIND_RANK = {"name": 0, "official": 0, "alternative": 1, "demonym": 1, "capital": 2, "city": 3, "institution": 4}


@dataclass(frozen=True, slots=True)
class Place:
    """What a place phrase resolves to: a country (or None for a blocked phrase) and the kind of name."""

    iso3: str | None
    kind: str

    @property
    def is_mention(self) -> bool:
        return self.iso3 is not None and self.kind in MENTION_KINDS


def tokenize(phrase: str) -> tuple[str, ...]:
    return tuple(norm(m.group()) for m in TOKEN_RE.finditer(phrase))


V = TypeVar("V")


class Phrasebook(Generic[V]):
    """Longest-match lookup of token tuples. A book of lowercase keys is scanned on lowercased tokens."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], V] = {}
        self.lengths: dict[str, list[int]] = {}  # first token -> the entry lengths, longest first

    def add(self, phrase: str | tuple[str, ...], value: V, *, keep: bool = True) -> None:
        """Add a phrase; with keep=True an existing entry for the same tokens wins."""
        key = tokenize(phrase) if isinstance(phrase, str) else phrase
        if not key:
            return
        if keep and key in self.entries:
            return
        self.entries[key] = value
        lengths = self.lengths.setdefault(key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def match_at(self, words: list[str], i: int, end: int | None = None) -> tuple[int, V] | None:
        """The longest entry starting at token i: (number of tokens, value)."""
        lengths = self.lengths.get(words[i])
        if not lengths:
            return None
        stop = len(words) if end is None else end
        entries = self.entries
        for n in lengths:
            if i + n <= stop:
                value = entries.get((words[i],) if n == 1 else tuple(words[i : i + n]))  # (w,): no slice
                if value is not None:
                    return n, value
        return None

    def scan(
        self, words: list[str], start: int = 0, end: int | None = None, starts: list[int] | None = None
    ) -> list[tuple[int, int, V]]:
        """Non-overlapping longest matches, left to right: (first token, end token, value). `starts`,
        when given, are the tokens that can begin an entry (from Lexicon.classify)."""
        stop = len(words) if end is None else end
        lengths, entries = self.lengths, self.entries
        if starts is None:
            starts = [i for i in range(start, stop) if words[i] in lengths]
        found: list[tuple[int, int, V]] = []
        free = start  # the first token not inside an earlier match
        for i in starts:
            if i < free:
                continue
            for n in lengths[words[i]]:
                if i + n <= stop:
                    value = entries.get((words[i],) if n == 1 else tuple(words[i : i + n]))
                    if value is not None:
                        found.append((i, i + n, value))
                        free = i + n
                        break
        return found


@dataclass(slots=True)
class ForumEntry:
    """A forum phrase: the label reported, whether it is in the registry, its acronym if any."""

    label: str
    registered: bool
    acronym: str | None = None
    name: str | None = None


@dataclass(slots=True)
class Lexicon:
    places: Phrasebook[Place]
    forums: Phrasebook[ForumEntry]
    sectors: Phrasebook[tuple[str, ...]]  # sector words -> the slugs they name
    sectors_exact: Phrasebook[tuple[str, ...]]
    place_words: frozenset[str]
    country_names: dict[str, str]
    officials: dict[str, list[tuple[frozenset[str], str]]]
    registered_acronyms: frozenset[str]
    capitals: dict[str, str]
    rules: Rules  # the rules it was compiled with (its blocked phrases, shared demonyms, name words)
    official_surnames: frozenset[str] = frozenset()
    demonym_words: frozenset[str] = frozenset()  # one-word demonyms ("Saudi", "Italian")
    # known officials' names with a word that is otherwise no name word ("To Lam", "Jan Lipavsky")
    official_names: Phrasebook[str] = field(default_factory=Phrasebook)  # -> the official's country
    _word_class: dict[str, int] = field(default_factory=dict)

    def classify(self, doc: Document) -> TokenClasses:  # noqa: C901 - one unrolled loop is the point (speed)
        """The tokens of a document that can start a place, a forum or a sector phrase, or that are
        capitalised or all capitals: one pass, with each distinct word classified once per lexicon."""
        cached = doc.classes
        if cached is not None:
            return cached  # type: ignore[return-value]
        out = TokenClasses()
        get, word_class = self._word_class.get, self._word_class
        if len(word_class) > 500_000:
            word_class.clear()
        places, forums, exact, sectors = (
            out.places.append,
            out.forums.append,
            out.sectors_exact.append,
            out.sectors.append,
        )
        upper, capital = out.upper.append, out.capital.append
        for i, w in enumerate(doc.words):
            c = get(w)
            if c is None:
                c = word_class[w] = self._class_of(w)
            if c:
                if c & 1:
                    places(i)
                if c & 2:
                    forums(i)
                if c & 4:
                    exact(i)
                if c & 8:
                    sectors(i)
                if c & 16:
                    upper(i)
                if c & 32:
                    capital(i)
        doc.classes = out
        return out

    def _class_of(self, w: str) -> int:
        return (
            (w in self.places.lengths)
            | (w in self.forums.lengths or w[-1] in DIGITS) << 1
            | (w in self.sectors_exact.lengths) << 2
            | (w.lower() in self.sectors.lengths) << 3
            | w.isupper() << 4
            | w[:1].isupper() << 5
        )


DIGITS = frozenset("0123456789")


@dataclass(slots=True)
class TokenClasses:
    """Token indexes by what they can be (see Lexicon.classify)."""

    places: list[int] = field(default_factory=list)
    forums: list[int] = field(default_factory=list)  # also tokens ending in a digit ("COP29")
    sectors_exact: list[int] = field(default_factory=list)
    sectors: list[int] = field(default_factory=list)  # matched on the lowercased token
    upper: list[int] = field(default_factory=list)
    capital: list[int] = field(default_factory=list)


def get_lexicon(gazetteer: Gazetteer, rules: Rules | None = None) -> Lexicon:
    """The lexicon of this gazetteer compiled with these rules (English by default): compiled on first
    use, then cached on the gazetteer, one per Rules object."""
    rules = default_rules(rules)
    lex = gazetteer._compiled.get(("lexicon", rules))
    if lex is None:
        lex = build_lexicon(gazetteer, rules)
        gazetteer._compiled["lexicon", rules] = lex
    return lex


def _plural(demonym: str) -> str | None:
    """ "Peruvian" -> "Peruvians", "Kyrgyz" -> None; None where English adds nothing."""
    if " " in demonym or demonym.endswith(("s", "sh", "ch", "ese", "z", "x")):
        return None
    return demonym + "s"


def _country_phrases(c) -> Iterable[tuple[str, str]]:
    yield c.name, "name"
    if c.official_name:
        yield c.official_name, "official"
    for n in c.official:
        yield n, "official"
    for n in c.alternative:
        yield n, "alternative"
    for n in c.demonym:
        yield n, "demonym"
        plural = _plural(n)
        if plural:
            yield plural, "demonym"
    if c.capital:
        yield c.capital, "capital"
    for n in c.city:
        yield n, "city"
    for n in c.institution:
        yield n, "institution"


def _strip_the(phrase: str) -> str:
    return phrase[4:] if phrase.lower().startswith("the ") else phrase


def build_places(gazetteer: Gazetteer, rules: Rules) -> Phrasebook[Place]:
    t = LexiconTables.of(rules)
    book: Phrasebook[Place] = Phrasebook()
    rows = []
    for c in gazetteer.countries:
        for phrase, kind in _country_phrases(c):
            rows.append((KIND_RANK[kind], _strip_the(phrase), Place(c.iso3, kind)))
    for phrase in t.NOT_A_COUNTRY:
        book.add(phrase, Place(None, "blocked"))
    for phrase, iso3 in t.SHARED_DEMONYMS.items():
        book.add(phrase, Place(iso3, "demonym"))
        plural = _plural(phrase)
        if plural:  # "Dominicans" live in Spain: the plural is shared as well
            book.add(plural, Place(iso3, "demonym"))
    for _, phrase, place in sorted(rows, key=lambda r: r[0]):
        book.add(phrase, place)
    return book


def _forum_variants(name: str) -> Iterable[str]:
    yield name
    for a, b in (("Organization", "Organisation"), ("Co-operation", "Cooperation"), ("Programme", "Program")):
        if a in name:
            yield name.replace(a, b)
        if b in name:
            yield name.replace(b, a)


def build_forums(gazetteer: Gazetteer) -> Phrasebook[ForumEntry]:
    """The registry's forums first, then the known organisations outside it (where both name a phrase,
    the registry wins). An organisation outside the registry is reported by its acronym when the text
    uses it, else by its name (see forums._label); one without an acronym has its name as acronym."""
    book: Phrasebook[ForumEntry] = Phrasebook()
    for f in gazetteer.forums:
        if f.registered:
            entry = ForumEntry(f.acronym, True, f.acronym, f.name)
            for phrase in (f.acronym, f.name, *f.other_names):
                for variant in _forum_variants(_strip_the(phrase)):
                    book.add(variant, entry)
    for f in gazetteer.forums:
        if not f.registered:
            acronym = f.acronym if f.acronym != f.name else None
            entry = ForumEntry(acronym or f.name, False, acronym, f.name)
            for phrase in (f.name, *f.other_names, *([acronym] if acronym else [])):
                for variant in _forum_variants(phrase):
                    book.add(variant, entry)
    return book


def build_sectors(gazetteer: Gazetteer) -> tuple[Phrasebook[tuple[str, ...]], Phrasebook[tuple[str, ...]]]:
    """Case-folded words, plus an exact-case book for acronyms (ICT, IT, LNG). A word listed under
    two sectors maps to both ("trade-economic": trade and economy)."""
    slugs: dict[str, list[str]] = {}
    for s in gazetteer.sectors:
        for w in (s.slug, *s.words):
            bucket = slugs.setdefault(w if w.isupper() else w.lower(), [])
            if s.slug not in bucket:
                bucket.append(s.slug)
    folded: Phrasebook[tuple[str, ...]] = Phrasebook()
    exact: Phrasebook[tuple[str, ...]] = Phrasebook()  # folded holds lowercase keys: scan it on lowercased tokens
    for w, bucket in slugs.items():
        if w.isupper():
            exact.add(w, tuple(bucket))
        else:
            folded.add(tuple(t.lower() for t in tokenize(w)), tuple(bucket))
    return folded, exact


def build_lexicon(gazetteer: Gazetteer, rules: Rules) -> Lexicon:
    places = build_places(gazetteer, rules)
    sectors, sectors_exact = build_sectors(gazetteer)
    place_words = frozenset(t for key in places.entries for t in key if t[:1].isupper())
    officials: dict[str, list[tuple[frozenset[str], str]]] = {}
    for o in gazetteer.officials:
        if not o.country:
            continue
        for n in (o.name, *o.other_names):
            keys = frozenset(name_key(n, rules))  # the words that identify a person ("bin", "Al" are no keys)
            for k in keys:
                officials.setdefault(k, []).append((keys, o.country))
    surnames = set()
    for o in gazetteer.officials:
        # the surname ("Ferdinand Marcos Jr." -> Marcos) and one-word other names ("Lula")
        tokens = [t for t in tokenize(o.name) if t.isalpha() and t not in ("Jr", "Sr") and not t.isupper()]
        if len(tokens) >= 2 and len(tokens[-1]) >= 4:
            surnames.add(fold_name(tokens[-1]))
        surnames.update(fold_name(n) for n in o.other_names if " " not in n and len(n) >= 4 and n.isalpha())
    return Lexicon(
        official_names=_official_names(gazetteer, place_words, rules),
        places=places,
        forums=build_forums(gazetteer),
        sectors=sectors,
        sectors_exact=sectors_exact,
        place_words=place_words,
        demonym_words=frozenset(k[0] for k, v in places.entries.items() if len(k) == 1 and v.kind == "demonym"),  # type: ignore[attr-defined]
        country_names={c.iso3: c.name for c in gazetteer.countries},
        officials=officials,
        registered_acronyms=frozenset(f.acronym for f in gazetteer.forums if f.registered),
        capitals={c.iso3: c.capital for c in gazetteer.countries if c.capital},
        official_surnames=frozenset(surnames),
        rules=rules,
    )


def _official_names(gazetteer: Gazetteer, place_words: frozenset[str], rules: Rules) -> Phrasebook[str]:
    """The known officials' names that hold a stop word of the name reader ('To', 'Jan', 'May', a
    style such as 'Haji') or a place name ('Santiago Peña', 'Israel Katz'): read as a name where
    written in full. A title word ('King Salman') is not a name word and stays out."""
    from .people import PeopleTables  # imported here to keep modules acyclic

    people_t = PeopleTables.of(rules)

    book: Phrasebook[str] = Phrasebook()
    for o in gazetteer.officials:
        for n in (o.name, *o.other_names):
            tokens = tokenize(n)
            if len(tokens) < 2 or any(t in people_t.NAME_TITLES for t in tokens):
                continue
            if any(t in people_t.NAME_STOP or t in place_words for t in tokens):
                book.add(tokens, o.country or "")
    return book


def official_country(lex: Lexicon, keys: frozenset[str]) -> str | None:
    """The country of the known official whose names contain all these name words (if only one country)."""
    folded = {fold_name(k) for k in keys}
    if not folded:
        return None
    # all the words are in a known name, or a known full name is all in the words ("Muhammad Shehbaz Sharif")
    countries = {
        country
        for first in folded
        for names, country in lex.officials.get(first, ())
        if folded <= names or (len(names) >= 2 and names <= folded)
    }
    return countries.pop() if len(countries) == 1 else None


def place_at(lex: Lexicon, doc: Document, i: int) -> tuple[int, Place] | None:
    hit = lex.places.match_at(doc.words, i)
    return (hit[0], hit[1]) if hit else None  # type: ignore[return-value]


class LexiconTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "NOT_A_COUNTRY",
        "SHARED_DEMONYMS",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self.NOT_A_COUNTRY = R.strings("lexicon.not_a_country")
        self.SHARED_DEMONYMS = R.mapping("lexicon.shared_demonyms")
