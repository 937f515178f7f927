"""The extractor's safety net for restructuring: snapshot every output, compare two snapshots.

    python -m benchmarks.extraction_snapshot write OUT_DIR [CORPUS_DIR ...]
    python -m benchmarks.extraction_snapshot compare OLD_DIR NEW_DIR

`write` runs the extractor (seed-file gazetteer, as `extract_article` does on an empty
database) on every test article of the project (tests/articles/, seeds/articles/) and on every
raw/*.txt of the given corpus directories, and writes per article the contract JSON and every
fact with its span. `compare` reports each article whose output differs, ignoring the "rule"
keys (the rule ids added by issue 11). Snapshots of outside corpora hold their text (in the
evidence sentences): write them under /tmp, never into the project.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from relations.extraction import Gazetteer, extract, read_article_file

PROJECT = Path(__file__).resolve().parent.parent
PROJECT_ARTICLES = (PROJECT / "tests" / "articles", PROJECT / "seeds" / "articles")
IGNORED_KEYS = frozenset({"rule", "rules", "format_rule", "location_rule", "date_rule"})


def _articles(corpora: list[Path]) -> list[tuple[str, Path]]:
    found = [(f"project/{p.relative_to(PROJECT)}", p) for d in PROJECT_ARTICLES for p in sorted(d.rglob("*.txt"))]
    for corpus in corpora:
        found += [(f"{corpus.name}/{p.name}", p) for p in sorted((corpus / "raw").glob("*.txt"))]
    return found


def snapshot_of(path: Path, gazetteer: Gazetteer) -> dict:
    """The contract JSON and the full typed result (spans included) of one article."""
    article = read_article_file(path)
    result = extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)
    return {"contract": result.to_contract(rules=True), "full": dataclasses.asdict(result)}


def write(out: Path, corpora: list[Path]) -> int:
    gazetteer = Gazetteer.from_seed_files()
    count = 0
    for key, path in _articles(corpora):
        target = out / (key.replace("/", "__") + ".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = snapshot_of(path, gazetteer)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n", "utf-8")
        count += 1
    print(f"wrote {count} snapshots to {out}")
    return 0


def _strip(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in IGNORED_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def compare(old: Path, new: Path) -> int:
    old_names = {p.name for p in old.glob("*.json")}
    new_names = {p.name for p in new.glob("*.json")}
    differ = sorted(
        name
        for name in old_names & new_names
        if _strip(json.loads((old / name).read_text("utf-8"))) != _strip(json.loads((new / name).read_text("utf-8")))
    )
    for name in sorted(old_names - new_names):
        print(f"only in {old}: {name}")
    for name in sorted(new_names - old_names):
        print(f"only in {new}: {name}")
    for name in differ:
        print(f"differs: {name}")
    same = len(old_names & new_names) - len(differ)
    print(f"{same} identical (rule ids ignored), {len(differ)} differ, {len(old_names ^ new_names)} unmatched")
    return 1 if differ or old_names ^ new_names else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="snapshot every article")
    w.add_argument("out", type=Path)
    w.add_argument("corpora", nargs="*", type=Path, help="directories holding raw/*.txt")
    c = sub.add_parser("compare", help="compare two snapshot directories")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        return write(args.out, args.corpora)
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
