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

from .text import Gate

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
MONTH_NAMES = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
MONTH_PATTERN = (
    rf"(?:{_MONTH}\s+{_DAY}(?:(?:,?\s+|/)(?:19|20)\d\d)?|{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+(?:19|20)\d\d)?)"
)
_THROUGH = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:to|until|till)\s+)"
_YEAR = r"(?:,?\s+(?:19|20)\d\d)"
DATE_RE = Gate(
    # a range: "2-4 June 2025", "2 and 3 June", "30 May - 2 June", "June 2-4, 2025", "May 30 to June 2"
    rf"(?<![\w.-])(?P<rng>{_DAY}(?:\s+(?:of\s+)?{_MONTH})?(?:{_THROUGH}|\s+and\s+){_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}?"
    rf"|{_MONTH}\s+{_DAY}{_THROUGH}(?:{_MONTH}\s+)?{_DAY}(?![\w:]){_YEAR}?)"
    rf"|(?<![\w-])(?P<md>{_MONTH}\s+(?P<d1>{_DAY})(?![\w:])(?:(?:,?\s+|/)(?P<y1>(?:19|20)\d\d))?)"
    rf"|(?<![\w-])(?P<dm>(?P<d2>{_DAY})(?:\s+of)?\s+{_MONTH}(?:,?\s+(?P<y2>(?:19|20)\d\d))?)(?![\w-])"
    r"|(?<![\w.])(?P<iso>(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))(?!\d)"
    r"|(?<![\w.])(?P<dot>(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.(?P<y4>(?:19|20)\d\d))(?!\d)"
    r"|\b(?P<rel>today|yesterday|tonight|this morning|this afternoon|this evening)\b"
    r"|\b(?:on|last|this|On|Last|This)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|(?<=, )(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=,)"
    r"|\b(?-i:(?P<wd3>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b(?!\s+(?-i:Night)\b)"
    # "on the 15th", not "on the 15th anniversary"
    r"|\bon the (?P<nth>[0-3]?\d)(?:st|nd|rd|th)\b(?=\s*(?:[,.;:)]|$)|\s+(?:at|in|with|and|when|during|as|after|"
    r"before|for|to|of this month)\b)",
    "jan feb mar apr may jun jul aug sep oct nov dec today yesterday tonight this day 19 20 "
    "0th 1st 1th 2nd 2th 3rd 3th 4th 5th 6th 7th 8th 9th",
    re.IGNORECASE,
    starts="0-9adfjlmnostwy",
)
# A day in brackets after a relative day: "today (28 November)", "on Tuesday (8)"
BRACKETED_DAY_RE = re.compile(
    rf"\s*\(\s*(?:(?P<n>[0-3]?\d)|(?P<dm>{_DAY}\s+{_MONTH}|{_MONTH}\s+{_DAY}){_YEAR}?)\s*\)", re.I
)
DAY_NUMBER_RE = re.compile(r"(?<![\d])[0-3]?\d(?![\d])")
MONTH_WORD_RE = re.compile(_MONTH, re.IGNORECASE)


@dataclass(slots=True)
class DateHit:
    value: date | None  # None when the text gives a day but nothing fixes the year, or a range
    start: int
    end: int
    explicit_year: bool
    days: tuple[date, date] | None = None  # a range's first and last day, when known


def _month_of(text: str) -> int:
    m = MONTH_WORD_RE.search(text)
    return MONTHS[m.group().rstrip(".").lower()] if m else 0


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


def _range(text: str, ref: date | None) -> tuple[date, date] | None:
    """A range's first and last day: months and days in the order written ('30 May - 2 June', 'June 2-4')."""
    months = [MONTHS[m.group().rstrip(".").lower()] for m in MONTH_WORD_RE.finditer(text)]
    year = re.search(r"(?:19|20)\d\d", text)
    days = [int(d) for d in DAY_NUMBER_RE.findall(text[: year.start()] if year else text)]
    if len(days) != 2 or not months:
        return None
    m1, m2 = months[0], months[-1]
    last = _safe_date(int(year.group()), m2, days[1]) if year else _without_year(m2, days[1], ref)
    if last is None:
        return None
    first = _safe_date(last.year - (m1 > m2), m1, days[0])
    return (first, last) if first and first <= last else None


def _relative(m: re.Match, ref: date | None) -> date | None:
    if ref is None:
        return None
    if m.group("nth"):
        return _day_of_month(int(m.group("nth")), ref)
    rel = (m.group("rel") or "").lower()
    if rel:
        return ref - timedelta(days=1) if rel == "yesterday" else ref
    weekday = WEEKDAYS[(m.group("wd") or m.group("wd2") or m.group("wd3")).lower()]
    back = (ref.weekday() - weekday) % 7
    if back == 0 and m.group().lower().startswith("last"):
        back = 7
    return ref - timedelta(days=back)


def _resolve(m: re.Match, ref: date | None) -> tuple[date | None, bool]:
    if m.group("md"):
        year = m.group("y1")
        month, day = _month_of(m.group("md")), _day(m.group("d1"))
    elif m.group("dm"):
        year = m.group("y2")
        month, day = _month_of(m.group("dm")), _day(m.group("d2"))
    elif m.group("iso"):
        return _safe_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))), True
    elif m.group("dot"):
        return _safe_date(int(m.group("y4")), int(m.group("m4")), int(m.group("d4"))), True
    else:
        return _relative(m, ref), False
    if year:
        return _safe_date(int(year), month, day), True
    return _without_year(month, day, ref), False


DATE_WORDS = (
    frozenset(MONTHS) | frozenset(WEEKDAYS) | {"today", "yesterday", "tonight", "morning", "afternoon", "evening"}
)


DIGIT_RE = re.compile(r"\d")


def may_name_a_date(lower_tokens: list[str], text: str) -> bool:
    """A cheap test on a sentence before the date regex runs: a month, a weekday, 'today',
    'yesterday', 'tonight', 'this morning' or a digit."""
    return not DATE_WORDS.isdisjoint(lower_tokens) or DIGIT_RE.search(text) is not None


NOT_THE_DAY_RE = re.compile(r"\b(?:until|till|through|by|next|from|before|after|since|every|each|coming)\s+$", re.I)


def find_dates(text: str, ref: date | None, offset: int = 0) -> list[DateHit]:
    """Every date phrase in text, resolved against the reference date where needed."""
    hits: list[DateHit] = []
    taken = 0
    for m in DATE_RE.finditer(text):
        if m.start() < taken:
            continue  # inside a bracket already read
        if m.group("md") and m.group("md")[:3].lower() == "may" and not m.group("y1") and m.group("md")[0] == "m":
            continue  # the verb "may"
        if m.group("wd3") and NOT_THE_DAY_RE.search(text, 0, m.start()):
            continue  # "the forum runs until Friday", "next Monday": not the day something happened
        if m.group("rng"):
            days = _range(m.group("rng"), ref)
            hits.append(DateHit(None, offset + m.start(), offset + m.end(), bool(days), days))
            continue
        value, explicit = _resolve(m, ref)
        end = m.end()
        weekday = bool(m.group("wd") or m.group("wd2") or m.group("wd3"))
        if weekday or m.group("rel"):
            bracket = BRACKETED_DAY_RE.match(text, end)
            if bracket:  # "today (28 November)", "on Tuesday (8)": the day the bracket names
                value, explicit, end = _bracketed(bracket, value, ref, weekday), False, bracket.end()
                taken = end
        hits.append(DateHit(value, offset + m.start(), offset + end, explicit))
    return hits


def _bracketed(bracket: re.Match, relative: date | None, ref: date | None, weekday: bool) -> date | None:
    """The day a bracket after 'today' or a weekday names; None when it is not the weekday's."""
    if bracket.group("n"):
        named = _day_of_month(int(bracket.group("n")), ref)
    else:
        inner = find_dates(bracket.group().strip().strip("()").strip(), ref)
        named = inner[0].value if inner else None
    if named is None or relative is None or not weekday:
        return named
    return named if named.weekday() == relative.weekday() else None


def parse_date_phrase(text: str, ref: date | None) -> date | None:
    """The date of a short phrase such as a dateline's 'July 1, 2024' (None without a year or reference)."""
    hits = find_dates(text, ref)
    return hits[0].value if hits else None
