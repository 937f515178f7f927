"""The restructuring safety net (benchmarks/extraction_snapshot.py): snapshots are written per
article and compared ignoring only the rule ids."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import extraction_snapshot as snap


def _write(directory: Path, name: str, data: dict) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.json").write_text(json.dumps(data), "utf-8")


def test_snapshots_differing_only_in_rule_ids_compare_equal(tmp_path: Path) -> None:
    _write(tmp_path / "old", "a", {"full": {"parties": [{"value": "AZE", "span": [0, 10, "s"]}]}})
    _write(tmp_path / "new", "a", {"full": {"parties": [{"value": "AZE", "span": [0, 10, "s"], "rule": "en.x.1"}]}})
    assert snap.compare(tmp_path / "old", tmp_path / "new") == 0


def test_a_changed_value_or_span_or_a_missing_article_is_reported(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _write(tmp_path / "old", "a", {"full": {"parties": [{"value": "AZE", "span": [0, 10, "s"]}]}})
    _write(tmp_path / "new", "a", {"full": {"parties": [{"value": "AZE", "span": [0, 11, "s"]}]}})
    _write(tmp_path / "old", "b", {})
    assert snap.compare(tmp_path / "old", tmp_path / "new") == 1
    out = capsys.readouterr().out
    assert "differs: a.json" in out and "only in" in out and "b.json" in out


def test_write_snapshots_every_project_article(tmp_path: Path) -> None:
    assert snap.write(tmp_path, []) == 0
    written = {p.name for p in tmp_path.glob("*.json")}
    assert "project__seeds__articles__azerbaijan-pakistan-strategic-partnership.txt.json" in written
    assert len(written) == len(snap._articles([]))
    seed = json.loads(
        (tmp_path / "project__seeds__articles__azerbaijan-pakistan-strategic-partnership.txt.json").read_text()
    )
    assert seed["contract"]["parties"] == ["AZE", "PAK"]
