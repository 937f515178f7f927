"""One idea of "the same name", shared by the extractor and the services (issue 11).

Two written names are the same person's name when their name words are the same: each word folded
(case, accents and the Turkish dotless i, U+0131: "Binali Y\u0131ld\u0131r\u0131m" is "Binali Yildirim"),
single letters (initials) left out, and so are the words of one shared list of honorifics, styles
and particles ("H.E. Sheikh ...", "Tan Sri ...", "bin", "al", "oglu") from the rule files
(people.honorifics, people.styles, people.name_abbreviations, people.particles, names.titles_in_names).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .rules import ModuleTables, Rules
from .text import default_rules

WORD_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lowercase without diacritics or dotless i: 'Erdoğan' and 'Erdogan' are the same word."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("\u0131", "i")


@lru_cache(maxsize=65536)
def name_key(name: str, rules: Rules | None = None) -> tuple[str, ...]:
    """The words that identify a person, folded, in their order ('Tan' before 'Sri' is a style too);
    the words that are no name words are those of `rules` (English by default: the services' names)."""
    t = NameTables.of(default_rules(rules))
    words = WORD_RE.findall(name)
    return tuple(
        f
        for k, w in enumerate(words)
        if len(w) > 1
        and (f := fold(w)) not in t.NOT_NAME_WORDS
        and not (f == "tan" and k + 1 < len(words) and words[k + 1] == "Sri")
    )


def same_name(a: str, b: str) -> bool:
    """Whether two written names are the same person's name (both must have a name word)."""
    key = name_key(a)
    return bool(key) and key == name_key(b)


class NameTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = ("NOT_NAME_WORDS",)  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self.NOT_NAME_WORDS = frozenset(
            fold(w)
            for table in (
                "people.honorifics",
                "people.styles",
                "people.name_abbreviations",
                "people.particles",
                "names.titles_in_names",
            )
            for w in R.words(table)
            if w.isalpha()
        )
