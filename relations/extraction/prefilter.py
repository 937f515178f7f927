"""Fast pre-filters generated from a regular expression itself, so none is ever typed twice.

A `Gate` (text.py) runs its regex only when the lowercased sentence contains one of its needles,
and anchors the search on the characters a match can start with. Both are read here from the
pattern's parse tree (the standard library's own regex parser):

- `needles_of`: strings of which every match contains at least one (lowercased). A literal run is
  one; an alternation gives the union of its branches; a sequence gives its most selective item.
  When no such set exists (a branch of character classes only) the result is `("",)`: always run.
- `starts_of`: the characters every match begins with (lowercase under IGNORECASE, where the
  lookahead that uses them ignores case too), or "" when they cannot be listed.

The sets are sound by construction, so a gate can never hide a match its regex would find.
"""

from __future__ import annotations

import re
from functools import reduce

try:  # Python 3.11+
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

Needles = frozenset[str]
ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
DIGIT = "\\d"  # in a set of first characters: any digit
MERGE_PREFIX = 5  # needles sharing this many first letters become their common prefix ("receiv")


def needles_of(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """The needles of a pattern: every match contains one of them (in the lowercased text)."""
    found = _seq(sre_parse.parse(pattern, flags))
    return _compact(found) if found else ("",)


def _seq(items) -> Needles | None:  # type: ignore[no-untyped-def]
    """A sequence of items: every literal run is required, and so is every item that must match; the
    most selective one (longest shortest needle, then fewest needles) serves. A run followed by a group
    whose branches each start with letters reads on into them ("c(?:all|o-chair)": call, co-chair)."""
    items = [(op, av) for op, av in items if op not in ZERO_WIDTH]  # the literals around them still touch
    options: list[Needles] = []
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:
            text = "".join(run)
            heads = _prefixes(op, av)
            options.append(frozenset(text + h for h in heads) if heads else frozenset({text}))
            run = []
        item = _item(op, av)
        if item:
            options.append(item)
    if run:
        options.append(frozenset({"".join(run)}))
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


def _prefixes(op, av) -> Needles | None:  # type: ignore[no-untyped-def]
    """Strings every match of a group starts with, one per branch (None unless each branch has one)."""
    if op is C.SUBPATTERN:
        return _seq_prefixes(av[-1])
    if op is C.BRANCH:
        heads = [_seq_prefixes(b) for b in av[1]]
        if any(not h for h in heads):
            return None
        return reduce(frozenset.union, heads)  # type: ignore[arg-type]
    return None


def _seq_prefixes(items) -> Needles | None:  # type: ignore[no-untyped-def]
    run: list[str] = []
    for op, av in items:
        if op in ZERO_WIDTH and not run:
            continue
        if op is C.LITERAL:
            run.append(chr(av).lower())
            continue
        if op in ZERO_WIDTH:
            break
        heads = _prefixes(op, av)
        text = "".join(run)
        if heads:
            return frozenset(text + h for h in heads)
        break
    return frozenset({"".join(run)}) if run else None


def _item(op, av) -> Needles | None:  # type: ignore[no-untyped-def]
    if op is C.SUBPATTERN:
        return _seq(av[-1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, inner = av
        return _seq(inner) if low >= 1 else None
    if op is C.ATOMIC_GROUP:
        return _seq(av)
    if op is C.BRANCH:
        branches = [_seq(b) for b in av[1]]
        if any(b is None for b in branches):
            return None
        return reduce(frozenset.union, branches)  # type: ignore[arg-type]
    return None  # a character class, any character, a back reference: no literal


def _compact(needles: Needles) -> tuple[str, ...]:
    """Fewer needles, as sound: one that contains another is dropped, and needles that share their
    first MERGE_PREFIX letters are replaced by their common prefix."""
    kept = sorted(n for n in needles if not any(o != n and o in n for o in needles))
    merged: list[str] = []
    for n in kept:
        last = merged[-1] if merged else None
        if last is not None and len(last) >= MERGE_PREFIX and n[:MERGE_PREFIX] == last[:MERGE_PREFIX]:
            k = 0
            while k < min(len(last), len(n)) and last[k] == n[k]:
                k += 1
            merged[-1] = last[:k]
        else:
            merged.append(n)
    return tuple(merged)


def starts_of(pattern: str, flags: int = 0) -> str:
    """The characters a match can begin with, as the body of a character class; "" when unknown."""
    first = _first(sre_parse.parse(pattern, flags))
    if not first:
        return ""
    if flags & re.IGNORECASE:
        first = {c.lower() for c in first}
    return "".join(c if c == DIGIT else re.escape(c) for c in sorted(first))


def _first(items) -> set[str] | None:  # type: ignore[no-untyped-def]
    """The first characters of a sequence, or None when it may begin with anything (or be empty)."""
    items = list(items)
    for k, (op, av) in enumerate(items):
        if op in ZERO_WIDTH:
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] == 0:
            inner, rest = _first(av[2]), _first(items[k + 1 :])  # optional: its own first or what follows
            return None if inner is None or rest is None else inner | rest
        return _first_of(op, av)
    return None


def _first_of(op, av) -> set[str] | None:  # type: ignore[no-untyped-def]
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.SUBPATTERN:
        return _first(av[-1])
    if op is C.BRANCH:
        sets = [_first(b) for b in av[1]]
        return None if any(s is None for s in sets) else set().union(*sets)  # type: ignore[arg-type]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _first(av[2])
    if op is C.IN:
        return _class_chars(av)
    return None


def _class_chars(items) -> set[str] | None:  # type: ignore[no-untyped-def]
    """The characters of a class of literals, small ranges and digits (not a negated one)."""
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < 64:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            chars.add(DIGIT)  # every Unicode digit, as the class it stands for
        else:
            return None
    return chars
