"""Dates: explicit ("On June 14, 2023", "4 August 2023", "14.06.2023"), day and month without a
year (resolved only against a known reference date, never guessed), and relative ("today",
"yesterday", "on Friday", "on the 15th") against the published date. A range ("2-4 June 2025") is
a span, not a day: it gives no date of its own. A vague time ("last week", "earlier this month",
"recently") fixes no day at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .rules import ModuleTables, Rules
from .text import default_rules


@dataclass(slots=True)
class DateHit:
    value: date | None  # None when the text gives a day but nothing fixes the year, or a range
    start: int
    end: int
    explicit_year: bool
    days: tuple[date, date] | None = None  # a range's first and last day, when known


def _month_of(text: str, t: DateTables) -> int:
    m = t.MONTH_WORD_RE.search(text)
    return t.MONTHS[m.group().rstrip(".").lower()] if m else 0


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _without_year(month: int, day: int, ref: date | None) -> date | None:
    """A day and month: the latest such date not after the reference (a little slack for time zones)."""
    if ref is None or not month:
        return None
    d = _safe_date(ref.year, month, day)
    if d and d > ref + timedelta(days=2):
        d = _safe_date(ref.year - 1, month, day)
    return d


def _day_of_month(day: int, ref: date | None) -> date | None:
    """'on the 15th': the latest such day not after the reference (a little slack for time zones)."""
    if ref is None:
        return None
    d = _safe_date(ref.year, ref.month, day)
    if d is None or d > ref + timedelta(days=2):
        prev = ref.replace(day=1) - timedelta(days=1)
        d = _safe_date(prev.year, prev.month, day)
    return d


def _range(text: str, ref: date | None, t: DateTables) -> tuple[date, date] | None:
    """A range's first and last day: months and days in the order written ('30 May - 2 June', 'June 2-4')."""
    months = [t.MONTHS[m.group().rstrip(".").lower()] for m in t.MONTH_WORD_RE.finditer(text)]
    year = re.search(r"(?:19|20)\d\d", text)
    days = [int(d) for d in t.DAY_NUMBER_RE.findall(text[: year.start()] if year else text)]
    if len(days) != 2 or not months:
        return None
    m1, m2 = months[0], months[-1]
    last = _safe_date(int(year.group()), m2, days[1]) if year else _without_year(m2, days[1], ref)
    if last is None:
        return None
    first = _safe_date(last.year - (m1 > m2), m1, days[0])
    return (first, last) if first and first <= last else None


def _relative(m: re.Match, ref: date | None, t: DateTables) -> date | None:
    if ref is None:
        return None
    if m.group("nth"):
        return _day_of_month(int(m.group("nth")), ref)
    rel = (m.group("rel") or "").lower()
    if rel:
        return ref - timedelta(days=1) if rel == "yesterday" else ref
    weekday = t.WEEKDAYS[(m.group("wd") or m.group("wd2") or m.group("wd3")).lower()]
    back = (ref.weekday() - weekday) % 7
    if back == 0 and m.group().lower().startswith("last"):
        back = 7
    return ref - timedelta(days=back)


def _resolve(m: re.Match, ref: date | None, t: DateTables) -> tuple[date | None, bool]:
    if m.group("md"):
        year = m.group("y1")
        month, day = _month_of(m.group("md"), t), _day(m.group("d1"))
    elif m.group("dm"):
        year = m.group("y2")
        month, day = _month_of(m.group("dm"), t), _day(m.group("d2"))
    elif m.group("iso"):
        return _safe_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))), True
    elif m.group("dot"):
        return _safe_date(int(m.group("y4")), int(m.group("m4")), int(m.group("d4"))), True
    else:
        return _relative(m, ref, t), False
    if year:
        return _safe_date(int(year), month, day), True
    return _without_year(month, day, ref), False


DIGIT_RE = re.compile(r"\d")


def may_name_a_date(lower_tokens: list[str], text: str, rules: Rules) -> bool:
    """A cheap test on a sentence before the date regex runs: a month, a weekday, 'today',
    'yesterday', 'tonight', 'this morning' or a digit."""
    t = DateTables.of(rules)
    return not t.DATE_WORDS.isdisjoint(lower_tokens) or DIGIT_RE.search(text) is not None


def find_dates(text: str, ref: date | None, offset: int = 0, rules: Rules | None = None) -> list[DateHit]:
    """Every date phrase in text, resolved against the reference date where needed (with the date
    words of `rules`, English by default)."""
    t = DateTables.of(rules := default_rules(rules))
    hits: list[DateHit] = []
    taken = 0
    for m in t.DATE_RE.finditer(text):
        if m.start() < taken:
            continue  # inside a bracket already read
        if m.group("md") and m.group("md")[:3].lower() == "may" and not m.group("y1") and m.group("md")[0] == "m":
            continue  # the verb "may"
        if m.group("wd3") and t.NOT_THE_DAY_RE.search(text, 0, m.start()):
            continue  # "the forum runs until Friday", "next Monday": not the day something happened
        if m.group("rng"):
            days = _range(m.group("rng"), ref, t)
            hits.append(DateHit(None, offset + m.start(), offset + m.end(), bool(days), days))
            continue
        value, explicit = _resolve(m, ref, t)
        end = m.end()
        weekday = bool(m.group("wd") or m.group("wd2") or m.group("wd3"))
        if weekday or m.group("rel"):
            bracket = t.BRACKETED_DAY_RE.match(text, end)
            if bracket:  # "today (28 November)", "on Tuesday (8)": the day the bracket names
                value, explicit, end = _bracketed(bracket, value, ref, weekday, rules), False, bracket.end()
                taken = end
        hits.append(DateHit(value, offset + m.start(), offset + end, explicit))
    return hits


def _bracketed(bracket: re.Match, relative: date | None, ref: date | None, weekday: bool, rules: Rules) -> date | None:
    """The day a bracket after 'today' or a weekday names; None when it is not the weekday's."""
    if bracket.group("n"):
        named = _day_of_month(int(bracket.group("n")), ref)
    else:
        inner = find_dates(bracket.group().strip().strip("()").strip(), ref, rules=rules)
        named = inner[0].value if inner else None
    if named is None or relative is None or not weekday:
        return named
    return named if named.weekday() == relative.weekday() else None


def parse_date_phrase(text: str, ref: date | None, rules: Rules) -> date | None:
    """The date of a short phrase such as a dateline's 'July 1, 2024' (None without a year or reference)."""
    hits = find_dates(text, ref, rules=rules)
    return hits[0].value if hits else None


class DateTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "BRACKETED_DAY_RE",
        "DATE_RE",
        "DATE_WORDS",
        "DAY_NUMBER_RE",
        "MONTHS",
        "MONTH_WORD_RE",
        "NOT_THE_DAY_RE",
        "WEEKDAYS",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self.MONTHS = R.mapping("dates.months")
        self.WEEKDAYS = R.mapping("dates.weekdays")
        self.DATE_RE = R.gate("dates.date")
        self.BRACKETED_DAY_RE = R.regex("dates.bracketed_day")
        self.DAY_NUMBER_RE = R.regex("dates.day_number")
        self.MONTH_WORD_RE = R.regex("dates.month_word")
        self.DATE_WORDS = frozenset(self.MONTHS) | frozenset(self.WEEKDAYS) | R.words("dates.relative_day_words")
        self.NOT_THE_DAY_RE = R.regex("dates.not_the_day")
