"""Presentation helpers of the pages: country code badges, server-drawn SVG bar charts, evidence highlighting.

Pure functions over plain values (no queries), so the views stay short and these are
tested without a database.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from relations.extraction.articles import url_problem
from relations.models import RelationLevelKind

register = template.Library()


@register.filter
def flag(iso2: str | None) -> str:
    """A country's badge: its ISO alpha-2 code, upper-case (styled as a badge by .flag in pages.css);
    empty if not a code. Not a flag emoji: those render as empty boxes on Windows and in headless
    Chromium (issue 13)."""
    code = (iso2 or "").upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return ""
    return code


@register.filter
def level_label(value: str | None) -> str:
    """The display name of a relation level code (strategic_partnership -> Strategic partnership)."""
    return RelationLevelKind(value).label if value in RelationLevelKind.values else ""


@register.filter
def fuzzy_date(value: date | None, precision: str = "day") -> str:
    """A date as precisely as it is known: 14 June 2024, June 2024, 2024, or "Date unknown"."""
    if value is None or precision == "unknown":
        return "Date unknown"
    if precision == "year":
        return str(value.year)
    return format_date(value, "F Y" if precision == "month" else "j F Y")


@register.filter
def link_url(url: str | None) -> str:
    """`url` if a page may link it (http or https, by the article URL rule), else empty.

    Rows stored before that rule could hold javascript: or data: URLs; a page shows no link for them.
    """
    return url if url and url_problem(url) is None else ""


@register.filter
def query_without(querydict, name: str) -> str:  # type: ignore[no-untyped-def]
    """The request's query string without parameter `name` (for pagination links)."""
    params = querydict.copy()
    params.pop(name, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


# --------------------------------------------------------------------------- charts


@dataclass
class Bar:
    label: str
    value: int
    href: str = ""
    css: str = ""
    # Geometry in the chart's viewBox units, filled by the layout functions.
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    label_x: float = 0
    label_y: float = 0
    value_x: float = 0
    value_y: float = 0
    show_label: bool = True


@dataclass
class Chart:
    """An SVG bar chart laid out on the server; the template draws it."""

    kind: str  # "columns" (vertical bars) or "rows" (horizontal bars)
    title: str
    description: str
    unit: str
    bars: list[Bar]
    width: int
    height: int
    baseline: float = 0
    label_width: float = 0
    slug: str = "chart"
    empty: str = "Nothing to chart yet."  # shown instead of a chart without bars


def _scale(value: int, top: int, length: float) -> float:
    return 0 if top <= 0 else round(length * value / top, 1)


def column_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    unit: str = "meetings",
    slug: str = "chart",
    empty: str = "Nothing to chart yet.",
) -> Chart:
    """Vertical bars (one per year, say) with the value above and the label below each bar."""
    width, height = 480, 220
    left, right, top, bottom = 8, 8, 24, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    bars = list(bars)
    top_value = max((b.value for b in bars), default=0)
    slot = plot_w / max(len(bars), 1)
    bar_w = round(min(slot * 0.62, 56), 1)
    # Thin out the labels when they would overlap (about 36 units per "2024").
    every = max(1, math.ceil(36 / slot)) if bars else 1
    baseline = top + plot_h
    for i, bar in enumerate(bars):
        bar.height = max(_scale(bar.value, top_value, plot_h), 2 if bar.value else 0)
        centre = left + slot * i + slot / 2
        bar.x, bar.width = round(centre - bar_w / 2, 1), bar_w
        bar.y = round(baseline - bar.height, 1)
        bar.label_x, bar.label_y = round(centre, 1), baseline + 18
        bar.value_x, bar.value_y = round(centre, 1), round(bar.y - 6, 1)
        bar.show_label = (len(bars) - 1 - i) % every == 0
    return Chart(
        kind="columns",
        title=title,
        description=description,
        unit=unit,
        bars=bars,
        width=width,
        height=height,
        baseline=baseline,
        slug=slug,
        empty=empty,
    )


def row_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    unit: str = "meetings",
    slug: str = "chart",
    empty: str = "Nothing to chart yet.",
) -> Chart:
    """Horizontal bars (one per sector, say) with the label left and the value right of each bar."""
    bars = list(bars)
    width, row, label_w, value_w = 480, 30, 150, 36
    plot_w = width - label_w - value_w
    top_value = max((b.value for b in bars), default=0)
    for i, bar in enumerate(bars):
        bar.x, bar.y = label_w, i * row + 6
        bar.width, bar.height = max(_scale(bar.value, top_value, plot_w), 2 if bar.value else 0), row - 12
        bar.label_x, bar.label_y = label_w - 8, i * row + row / 2 + 4.5
        bar.value_x, bar.value_y = round(label_w + bar.width + 6, 1), bar.label_y
    return Chart(
        kind="rows",
        title=title,
        description=description,
        unit=unit,
        bars=bars,
        width=width,
        height=max(len(bars) * row, row),
        label_width=label_w,
        slug=slug,
        empty=empty,
    )


@register.inclusion_tag("relations/includes/bar_chart.html")
def bar_chart(chart: Chart) -> dict[str, Chart]:
    return {"chart": chart}


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Highlight:
    """A fact to mark in an article text: text[start:end], its kind (party, sector, ...) and label."""

    start: int
    end: int
    kind: str
    label: str
    anchor: str = ""


def locate(text: str, sentence: str) -> tuple[int, int] | None:
    """Offsets of `sentence` in `text` (for evidence kept as a sentence without offsets)."""
    sentence = sentence.strip()
    if not sentence:
        return None
    start = text.find(sentence)
    return None if start < 0 else (start, start + len(sentence))


def highlight(text: str, highlights: Iterable[Highlight]) -> SafeString:
    """`text` escaped, with every highlight's span wrapped in <mark>.

    Overlapping spans cannot nest as HTML elements, so the text is cut at every span
    boundary and each piece gets one <mark> naming all the facts that cover it. Spans
    outside the text are clipped; empty ones are dropped.
    """
    size = len(text)
    spans = []
    for h in highlights:
        start, end = max(0, min(h.start, size)), max(0, min(h.end, size))
        if start < end:
            spans.append((start, end, h))
    cuts = sorted({0, size, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    anchored: set[str] = set()
    out: list[str] = []
    for left, right in pairwise(cuts):
        piece = escape(text[left:right])
        covering = [h for s, e, h in spans if s <= left and e >= right]
        if not covering:
            out.append(piece)
            continue
        for h in covering:
            if h.anchor and h.anchor not in anchored and h.start == left:
                anchored.add(h.anchor)
                out.append(format_html('<span class="anchor" id="{}"></span>', h.anchor))
        # One class per kind covering the piece; the stylesheet layers them (a word in a sentence).
        css = " ".join(sorted({f"k-{h.kind}" for h in covering}))
        labels = "; ".join(dict.fromkeys(h.label for h in covering))
        # Screen readers hear each fact's label once, where its span ends.
        ending = "; ".join(dict.fromkeys(h.label for s, e, h in spans if e == right and s <= left))
        spoken = format_html('<span class="visually-hidden"> ({})</span>', ending) if ending else ""
        out.append(format_html('<mark class="evidence {}" title="{}">{}{}</mark>', css, labels, piece, spoken))
    return mark_safe("".join(out))  # every piece above was escaped or built by format_html
