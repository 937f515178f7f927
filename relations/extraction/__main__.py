"""Run the extractor on article files without the database.

    python -m relations.extraction PATH [PATH ...] [--json] [--explain]

Reads each file with articles.read_article_file and the seed-file gazetteer; prints the
contract JSON (one object for one path, JSON Lines for several). --explain adds, per fact,
the id of the rule that produced it and the evidence (quoted text and sentence) on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .articles import ArticleError, read_article_file
from .extractor import extract
from .gazetteer import Gazetteer
from .rules import NoRules
from .types import Extraction, OtherMeeting, Span


def _quote(text: str, span: Span | None, rule: str | None) -> str:
    because = f"[{rule or 'no rule'}]"
    if span is None:
        return f"{because} (headline)"
    return f"{because} {text[span.start : span.end]!r} @{span.start} in: {span.sentence[:140]!r}"


def explain(result: Extraction, text: str) -> str:
    """Every fact, the id of the rule that produced it (rules/<language>/*.toml; gazetteer.* for the
    reference data) and the evidence: the words and the sentence they were read in."""
    lines = []
    for label, facts in (
        ("party", result.parties),
        ("country", result.countries_mentioned),
        ("sector", result.sectors),
        ("forum", result.forums),
    ):
        lines += [f"  {label:8s} {f.value:10s} {_quote(text, f.span, f.rule)}" for f in facts]
    for p in result.participants:
        lines.append(f"  person   {p.name} | {p.country} | {p.title} {_quote(text, p.span, p.rule)}")
    m = result.meeting
    if m:
        lines.append(f"  format   {m.format} {_quote(text, m.format_span, m.format_rule)}")
        where = f"{m.location_country} {m.location_city}"
        lines.append(f"  location {where} {_quote(text, m.location_span, m.location_rule)}")
        lines.append(f"  date     {m.date} {_quote(text, m.date_span, m.date_rule)}")
    level = result.relation_level
    if level:
        lines.append(f"  level    {level.value} {_quote(text, level.span, level.rule)}")
    for n, other in enumerate(result.other_meetings, 1):
        lines += _explain_other(n, other, text)
    return "\n".join(lines)


def _explain_other(n: int, other: OtherMeeting, text: str) -> list[str]:
    """A further meeting: the rule and the sentence that made it a separate one, then its own facts."""
    parties = ", ".join(sorted({f.value for f in other.parties}))
    sentence = other.span.sentence[:140] if other.span else ""
    lines = [f"  other #{n} {parties} [{other.rule or 'no rule'}] separate because of: {sentence!r}"]
    lines += [f"    party    {f.value:10s} {_quote(text, f.span, f.rule)}" for f in other.parties]
    for p in other.participants:
        lines.append(f"    person   {p.name} | {p.country} | {p.title} {_quote(text, p.span, p.rule)}")
    m = other.meeting
    lines.append(f"    format   {m.format} [{m.format_rule or 'no rule'}]")
    lines.append(f"    location {m.location_country} {m.location_city} [{m.location_rule or 'no rule'}]")
    lines.append(f"    date     {m.date} {_quote(text, m.date_span, m.date_rule)}")
    lines += [f"    sector   {f.value:10s} {_quote(text, f.span, f.rule)}" for f in other.sectors]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m relations.extraction", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true", help="compact JSON (one line per article)")
    parser.add_argument(
        "--explain", action="store_true", help="print every fact's rule id and evidence sentence on stderr"
    )
    args = parser.parse_args(argv)
    gazetteer = Gazetteer.from_seed_files()
    several = len(args.paths) > 1
    for path in args.paths:
        try:
            article = read_article_file(path)
        except ArticleError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        try:
            result = extract(
                article.text,
                title=article.title,
                published=article.published,
                gazetteer=gazetteer,
                language=article.language,
            )
        except NoRules as err:
            print(f"error: {path}: {err}", file=sys.stderr)
            return 2
        contract = result.to_contract()
        indent = None if (args.json or several) else 2
        print(json.dumps(contract, ensure_ascii=False, indent=indent))
        if args.explain:
            print(f"--- {path}\n{explain(result, article.text)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
