"""The extractor's grammar as data: rules/<language>/*.toml, loaded once per language into a `Rules` object.

Each file holds tables named `[table]`; a table's id is `<file>.<table>` ("sectors.list_cues") and
the id of one of its entries is `<file>.<table>:<entry>` ("sectors.list_cues:in the fields of").
Ids are stable: they change only when someone renames a table or rewrites an entry. A table has
one of these keys:

- `words`: a whitespace-separated string, or a list of such strings (each may carry a comment) - a set
- `phrases`: a list of token sequences written with single spaces ("in the fields of") - a tuple
  of token tuples, in order (the first that fits wins where order matters)
- `strings`: a list of strings, in order
- `map`: a list of [key, value] pairs (values may be lists; they load as tuples)
- `pattern`: a regular expression (a string, or a list of strings that are joined), with `flags`
  (["IGNORECASE"]); `{=table}` inserts another table's pattern (`{=file.table}` from another file;
  a `strings` table goes in as alternatives); a `fragment` is only inserted, never compiled on its own. A `Gate` (text.Gate) compiles a pattern behind a
  pre-filter generated from the pattern itself (prefilter.py), so no pre-filter is typed.

Nothing in Python repeats what these files say. No module loads a table at import: extract() takes
one `Rules` object (the article's language's, or the caller's) and passes it down; each module's
tables class (sectors.SectorTables, ...) is built from it once per Rules object (`Rules.compiled`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..text import Gate

RULES_DIR = Path(__file__).resolve().parent
FRAGMENT_RE = re.compile(r"\{=([a-z0-9_.]+)\}")


class NoRules(LookupError):
    """There are no extraction rules for the article's language."""

    def __init__(self, language: str) -> None:
        super().__init__(f"no rules for language {language!r}")
        self.language = language


@dataclass(eq=False)
class Rules:
    """Every rule table of one language, by id ("sectors.list_cues")."""

    language: str
    tables: dict[str, dict[str, Any]]
    _made: dict[Any, Any] = field(default_factory=dict, repr=False)

    def table(self, table_id: str) -> dict[str, Any]:
        try:
            return self.tables[table_id]
        except KeyError:
            raise KeyError(f"rules/{self.language}: no table {table_id!r}") from None

    def _cached(self, key: str, make):  # type: ignore[no-untyped-def]
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def compiled(self, factory: Callable[[Rules], T]) -> T:
        """factory(self), made once per Rules object: a module's tables (meeting.MeetingTables), so no
        stage compiles anything per article."""
        made = self._made.get(factory)
        if made is None:
            made = self._made[factory] = factory(self)
        return made

    def words(self, table_id: str) -> frozenset[str]:
        def make() -> frozenset[str]:
            value = self.table(table_id)["words"]
            chunks = [value] if isinstance(value, str) else value
            return frozenset(w for chunk in chunks for w in chunk.split())

        return self._cached(f"words:{table_id}", make)

    def phrases(self, table_id: str) -> tuple[tuple[str, ...], ...]:
        return self._cached(
            f"phrases:{table_id}", lambda: tuple(tuple(p.split(" ")) for p in self.table(table_id)["phrases"])
        )

    def phrase_set(self, table_id: str) -> frozenset[tuple[str, ...]]:
        return frozenset(self.phrases(table_id))

    def strings(self, table_id: str) -> tuple[str, ...]:
        return self._cached(f"strings:{table_id}", lambda: tuple(self.table(table_id)["strings"]))

    def mapping(self, table_id: str) -> dict[str, Any]:
        return dict(self._cached(f"map:{table_id}", lambda: {k: _frozen(v) for k, v in self.table(table_id)["map"]}))

    def pattern_source(self, table_id: str) -> str:
        """A table's pattern with every {=table} inserted."""
        table = self.table(table_id)
        if "strings" in table:  # a list inserted as alternatives
            return "|".join(table["strings"])
        value = table["pattern"]
        source = value if isinstance(value, str) else "".join(value)
        module = table_id.split(".", 1)[0]
        return FRAGMENT_RE.sub(lambda m: self.pattern_source(_full_id(module, m.group(1))), source)

    def flags(self, table_id: str) -> int:
        flags = 0
        for name in self.table(table_id).get("flags", ()):
            flags |= getattr(re, name)
        return flags

    def regex(self, table_id: str) -> re.Pattern[str]:
        return self._cached(f"re:{table_id}", lambda: re.compile(self.pattern_source(table_id), self.flags(table_id)))

    def gate(self, table_id: str) -> Gate:
        from ..text import Gate  # text.py loads its own tables from here

        return self._cached(
            f"gate:{table_id}", lambda: Gate(self.pattern_source(table_id), self.flags(table_id), rule=table_id)
        )


class ModuleTables:
    """A module's rule tables, one attribute per table (in `__slots__`: read fast in the loops), built from
    one Rules object in `__init__`; `of(rules)` gives the one made for those rules."""

    __slots__ = ()

    def __init__(self, R: Rules) -> None:
        raise NotImplementedError

    @classmethod
    def of(cls, rules: Rules) -> Self:
        """These tables of `rules` (made on first use, then read from the Rules object's cache at the cost
        of one call: stages ask for them often)."""
        return rules._made.get(cls) or rules.compiled(cls)


def _full_id(module: str, ref: str) -> str:
    return ref if "." in ref else f"{module}.{ref}"


def _frozen(value: Any) -> Any:
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def language_code(language: str | None) -> str:
    """The rules' code of an article's language: "en-GB", "EN" -> "en"; blank -> "en" (the stored default)."""
    code = (language or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return code or "en"


def languages() -> list[str]:
    """The languages that have rules."""
    return sorted(p.name for p in RULES_DIR.iterdir() if p.is_dir() and any(p.glob("*.toml")))


@cache
def load_rules(language: str = "en") -> Rules:
    """The rules of one language (read once per process). NoRules when there are none."""
    folder = RULES_DIR / language
    if not re.fullmatch(r"[a-z]{2,3}", language or "") or not folder.is_dir():
        raise NoRules(language)
    tables: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: {exc}") from None
        for name, table in data.items():
            tables[f"{path.stem}.{name}"] = table
    if not tables:
        raise NoRules(language)
    return Rules(language, tables)
