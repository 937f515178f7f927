"""Dates: explicit ("On June 14, 2023", "4 August 2023", "14.06.2023"), day and month without a
year (resolved only against a known reference date, never guessed), and relative ("today",
"yesterday", "on Friday") against the published date.
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
MONTH_PATTERN = rf"(?:{_MONTH}\s+{_DAY}(?:,?\s+(?:19|20)\d\d)?|{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+(?:19|20)\d\d)?)"
DATE_RE = Gate(
    rf"(?<![\w-])(?P<md>{_MONTH}\s+(?P<d1>{_DAY})(?![\w:])(?:,?\s+(?P<y1>(?:19|20)\d\d))?)"
    rf"|(?<![\w-])(?P<dm>(?P<d2>{_DAY})(?:\s+of)?\s+{_MONTH}(?:,?\s+(?P<y2>(?:19|20)\d\d))?)(?![\w-])"
    r"|(?<![\w.])(?P<iso>(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))(?!\d)"
    r"|(?<![\w.])(?P<dot>(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.(?P<y4>(?:19|20)\d\d))(?!\d)"
    r"|\b(?P<rel>today|yesterday|tonight|this morning|this afternoon|this evening)\b"
    r"|\b(?:on|last|this|On|Last|This)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|(?<=, )(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=,)"
    r"|\b(?-i:(?P<wd3>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b(?!\s+(?:night|evening)\b)",
    "jan feb mar apr may jun jul aug sep oct nov dec today yesterday tonight this day 19 20",
    re.IGNORECASE,
    starts="0-9adfjlmnostwy",
)
MONTH_WORD_RE = re.compile(_MONTH, re.IGNORECASE)


@dataclass(slots=True)
class DateHit:
    value: date | None  # None when the text gives a day but nothing fixes the year
    start: int
    end: int
    explicit_year: bool


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


def _relative(m: re.Match, ref: date | None) -> date | None:
    if ref is None:
        return None
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
    hits = []
    for m in DATE_RE.finditer(text):
        if m.group("md") and m.group("md")[:3].lower() == "may" and not m.group("y1") and m.group("md")[0] == "m":
            continue  # the verb "may"
        if m.group("wd3") and NOT_THE_DAY_RE.search(text, 0, m.start()):
            continue  # "the forum runs until Friday", "next Monday": not the day something happened
        value, explicit = _resolve(m, ref)
        hits.append(DateHit(value, offset + m.start(), offset + m.end(), explicit))
    return hits


def parse_date_phrase(text: str, ref: date | None) -> date | None:
    """The date of a short phrase such as a dateline's 'July 1, 2024' (None without a year or reference)."""
    hits = find_dates(text, ref)
    return hits[0].value if hits else None
