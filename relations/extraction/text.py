"""Tokens and sentences with character offsets, and the evidence span helper.

Everything downstream works on one `Document`: the body text, its tokens (words and single
punctuation marks, each with offsets) and its sentences. Matching is done on token tuples,
which is both faster and safer (word boundaries come for free) than large regex alternations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from .prefilter import needles_of, starts_of
from .rules import ModuleTables, Rules, load_rules
from .tables import Tables
from .types import Span

TOKEN_RE = re.compile(r"[^\W_]+|[^\w\s]|_")
# Splitting on a captured token pattern gives [space, token, space, token, ..., space]: the offsets
# then come from the lengths (in C). The second pattern gives the same tokens for a text without "_".
SPLIT_RE = re.compile(r"([^\W_]+|[^\w\s]|_)")
FAST_SPLIT_RE = re.compile(r"(\w+|\S)")
# The same tokens for an ASCII text, a fifth faster (Unicode mode counts \x1c-\x1f as spaces: left out).
ASCII_SPLIT_RE = re.compile(r"(\w+|[^\s\x1c-\x1f])", re.ASCII)
QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u00b4": "'", "\u2010": "-", "\u2011": "-"}
)


def default_rules(rules: Rules | None) -> Rules:
    """The rules given, or the English ones: for the helpers that tests and the admin call on English
    text without a Rules object. extract() always passes its own."""
    return load_rules("en") if rules is None else rules


def words(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and edit than a list of literals)."""
    return frozenset(text.split())


# A sentence ends at a run of [.!?] (and closing quotes) before a capital, or at line breaks. Written
# with one leading character class, which the regex engine scans for quickly.
SENTENCE_END_RE = re.compile(
    r"[.!?\n](?:(?<=\n)\n*|[.!?]*[\"'\u201d\u2019\u00bb)]*(?=\s+[\"'\u201c\u2018\u00ab(]?[A-Z0-9\u00C0-\u024F]))"
)


PUNCT_NORM = {chr(k): v for k, v in QUOTES.items()}


def norm(token: str) -> str:
    """The form used in lookup keys: unified apostrophes and hyphens (only single marks vary)."""
    return PUNCT_NORM.get(token, token) if len(token) == 1 else token


@dataclass(slots=True)
class Sentence:
    """A sentence: offsets into the document text and its token index range."""

    index: int
    start: int
    end: int
    text: str
    tables: Tables  # the rule tables its document is read with (as a token knows its document's vocabulary)
    first: int = 0  # first token index
    last: int = 0  # one past the last token index
    low: str = ""  # the text lowercased (for Gate searches)
    triggers: tuple | None = None  # its meeting words (meeting.meeting_triggers), read once


@dataclass(slots=True)
class Document:
    """The text being read, tokenised once, and the rules it is read with: every stage reads its tables
    from doc.tables (or sentence.tables: every module's tables of doc.rules), never from one language's
    tables loaded at import."""

    text: str
    rules: Rules
    tables: Tables  # every module's tables of those rules: doc.tables.meeting, read without a call
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # normalised token texts
    sentences: list[Sentence] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)  # token index -> sentence index
    _sent_starts: list[int] = field(default_factory=list)
    _lower: list[str] | None = None
    redefined: set[str] | None = None  # registry acronyms the text defines otherwise (forums.py)
    classes: object | None = None  # lexicon.TokenClasses, computed once
    _positions: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, rules: Rules | None = None) -> Document:
        doc = cls(text, rules := default_rules(rules), Tables.of(rules))
        # Quote and hyphen variants are single characters: the translated text keeps every offset.
        plain = text.translate(QUOTES)
        parts = (SPLIT_RE if "_" in text else ASCII_SPLIT_RE if plain.isascii() else FAST_SPLIT_RE).split(plain)
        offsets = list(accumulate(map(len, parts)))
        doc.words = parts[1::2]
        doc.ends = offsets[1::2]
        doc.starts = starts = offsets[0::2][: len(doc.ends)]
        doc.sentences = split_sentences(text, rules)
        sent_of = [0] * len(starts)
        for sent in doc.sentences:
            sent.first = bisect_right(starts, sent.start - 1)
            sent.last = bisect_right(starts, sent.end - 1)
            sent_of[sent.first : sent.last] = [sent.index] * (sent.last - sent.first)
        doc.sent_of = sent_of
        doc._sent_starts = [s.start for s in doc.sentences]
        return doc

    def positions(self, word: str) -> list[int]:
        """Token indexes of a punctuation mark that quote normalising leaves alone (every '('), once."""
        found = self._positions.get(word)
        if found is None:
            # only a plain punctuation mark, whose normal form is the text's own ("("): a token of its own
            found = []
            text, starts = self.text, self.starts
            at = text.find(word)
            while at >= 0:
                found.append(bisect_right(starts, at) - 1)
                at = text.find(word, at + 1)
            self._positions[word] = found
        return found

    @property
    def lower(self) -> list[str]:
        """The tokens lowercased (computed once)."""
        if self._lower is None:
            self._lower = list(map(str.lower, self.words))
        return self._lower

    def __len__(self) -> int:
        return len(self.words)

    def span(self, start: int, end: int) -> Span:
        """Evidence for the characters start..end: the offsets and the sentence around them."""
        if not self.sentences:
            return Span(start, end, self.text[start:end])
        # sentence_at, inlined: evidence spans are made often
        sent = self.sentences[max(bisect_right(self._sent_starts, start) - 1, 0)]
        return Span(start, end, sent.text)

    def token_span(self, i: int, j: int) -> Span:
        """Evidence for tokens i..j (j exclusive)."""
        return self.span(self.starts[i], self.ends[j - 1])

    def sent_of_offset(self, offset: int) -> int:
        """The index of the sentence holding a character offset."""
        return max(bisect_right(self._sent_starts, offset) - 1, 0)

    def sentence_at(self, offset: int) -> Sentence | None:
        if not self.sentences:
            return None
        idx = bisect_right(self._sent_starts, offset) - 1
        return self.sentences[max(idx, 0)]

    def slice(self, i: int, j: int) -> str:
        """The text of tokens i..j (j exclusive), as written."""
        return self.text[self.starts[i] : self.ends[j - 1]] if j > i else ""


def split_sentences(text: str, rules: Rules | None = None) -> list[Sentence]:
    """Split on line breaks and on sentence-final punctuation followed by a capital."""
    tables = Tables.of(default_rules(rules))
    t = tables.text
    sentences: list[Sentence] = []
    start = 0
    for m in SENTENCE_END_RE.finditer(text):
        at = m.start()
        mark = text[at]
        if mark == "." and _is_abbreviation(text, at, t):
            continue
        _add_sentence(sentences, text, start, at if mark == "\n" else m.end(), tables)
        start = m.end()
    _add_sentence(sentences, text, start, len(text), tables)
    return sentences


def _is_abbreviation(text: str, dot: int, t: TextTables) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial ("Mr.", "V.")."""
    if text[dot] != ".":
        return False
    k = dot
    while k > 0 and (text[k - 1].isalpha()):
        k -= 1
    word = text[k:dot]
    if not word:
        return False
    if len(word) == 1 and word.isupper():
        return True  # an initial: "V. Putin", "U.S."
    if len(word) == 1 and dot >= 2 and text[dot - 2] == ".":
        return True  # the end of "a.m.", "p.m.", "e.g.", "i.e."
    return word.lower() in t.ABBREVIATIONS and (word[0].isupper() or len(word) <= 3)


def _add_sentence(sentences: list[Sentence], text: str, start: int, end: int, tables: Tables) -> None:
    piece = text[start:end]
    left = piece.lstrip()
    stripped = left.rstrip()
    if stripped:
        start += len(piece) - len(left)
        sentences.append(Sentence(len(sentences), start, start + len(stripped), stripped, tables, low=stripped.lower()))


def strip_furniture(doc: Document) -> tuple[str, str | None]:
    """The text without its bylines, credits and teasers (blanked, so every offset stays), and the
    teasers alone (the rest blanked) or None. A reporter is no one in the story; a teaser names
    countries, but no meeting, person or date of this one."""
    t = doc.tables.text
    text = doc.text
    found: list[tuple[int, int, bool]] = []  # (start, end, is a teaser)
    for sent in doc.sentences:
        if not sent.low.startswith(t.FURNITURE_STARTS):
            continue
        at = sent.start
        m = t.TEASER_RE.match(text, at)
        if m is not None:
            found.append((at, m.end(), True))
            continue
        m = t.CREDIT_RE.match(text, at)
        if m is None and not text[text.rfind("\n", 0, at) + 1 : at].strip():  # a byline is a line of its own
            m = t.BYLINE_RE.match(text, at)
        if m is not None:
            found.append((at, m.end(), False))
    if not found:
        return text, None
    body, teasers, last = [], [], 0
    for start, end, teaser in found:
        if start < last:
            continue  # a teaser line already blanked holds this sentence
        body += [text[last:start], " " * (end - start)]
        teasers += [_blank_line(text[last:start]), text[start:end] if teaser else " " * (end - start)]
        last = end
    body.append(text[last:])
    teasers.append(_blank_line(text[last:]))
    return "".join(body), ("".join(teasers) if any(teaser for _, _, teaser in found) else None)


def caption_ends(text: str, rules: Rules) -> list[tuple[int, int]]:
    """Photo captions: (start, end) of the lines that end with a bracketed picture credit."""
    t = TextTables.of(rules)
    out: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        end = at + len(line)
        if line.rstrip().endswith(")") and t.CAPTION_CREDIT_RE.search(line):
            out.append((at, end))
        at = end + 1
    return out


def _blank_line(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


class Gate:
    """A regex behind a cheap substring test: Python's regex engine is slow on long alternations,
    and most sentences contain none of the needles, so most searches never run. The needles and the
    characters a match starts with are generated from the pattern (prefilter.py), never typed."""

    __slots__ = ("cased", "needles", "regex", "rule")

    def __init__(self, pattern: str, flags: int = 0, rule: str | None = None) -> None:
        # starts: the characters a match can begin with. A lookahead on them lets the engine skip every
        # other position at once instead of trying each alternative there (twice as fast on long ones).
        starts = starts_of(pattern, flags)
        self.regex = re.compile(f"(?=[{starts}])(?:{pattern})" if starts else pattern, flags)
        self.needles = needles_of(pattern, flags)
        self.cased = _cased_twin(self.regex)
        self.rule = rule  # the id of the rule table it was loaded from

    def search(self, text: str, low: str | None = None) -> re.Match | None:
        low = text.lower() if low is None else low
        # map/any run the needle tests in C (no Python loop step per needle)
        if any(map(low.__contains__, self.needles)):
            return self.search_all(text, low)
        return None

    def search_all(self, text: str, low: str) -> re.Match | None:
        """regex.search(text) without the needle test (low: text.lower())."""
        if self.cased is not None and text.isascii():
            m = self.cased.search(low)
            return None if m is None else self.regex.match(text, m.start())
        return self.regex.search(text)

    def finditer(self, text: str, low: str | None = None):
        low = text.lower() if low is None else low
        if any(map(low.__contains__, self.needles)):
            if self.cased is not None and text.isascii():
                return (self.regex.match(text, m.start()) for m in self.cased.finditer(low))
            return self.regex.finditer(text)
        return iter(())


def _cased_twin(regex: re.Pattern) -> re.Pattern | None:
    """The pattern without IGNORECASE, when it has no capital letter outside its escapes: on the
    lowercased text of an ASCII sentence it matches at the same places as the original on the text
    (which then reads the match there), and much faster: the engine skips an alternative on its first
    letter only when the case is fixed, so a long alternation is not tried branch by branch. Only
    ASCII patterns without character escapes qualify (a dotless i, ignoring case, matches an 'i')."""
    source = regex.pattern
    if not regex.flags & re.IGNORECASE or not source.isascii() or re.search(r"\\[uUNx0-9]", source):
        return None
    if any(c.isupper() for c in re.sub(r"\\.", "", source)):
        return None
    return re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)


class TextTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "ABBREVIATIONS",
        "BETWEEN_WORDS",
        "BYLINE_RE",
        "CAPTION_CREDIT_RE",
        "CREDIT_RE",
        "FURNITURE_STARTS",
        "TEASER_RE",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self.ABBREVIATIONS = R.words("text.abbreviations")
        self.BETWEEN_WORDS = R.words("text.between_words")
        self.TEASER_RE = R.regex("text.teaser")
        self.BYLINE_RE = R.regex("text.byline")
        self.CREDIT_RE = R.regex("text.credit")
        self.FURNITURE_STARTS = R.strings("text.furniture_starts")
        self.CAPTION_CREDIT_RE = R.regex("text.caption_credit")
