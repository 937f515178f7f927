"""Rules are data (issue 11): the word lists, cues and patterns live in rules/<language>/*.toml, the
modules load them, and every fast pre-filter is generated from what it filters."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from relations.extraction import prefilter, read_article_file, sectors
from relations.extraction.lexicon import get_lexicon
from relations.extraction.rules import RULES_DIR, NoRules, load_rules
from relations.extraction.sectors import SectorReader
from relations.extraction.text import Document, Gate

from .conftest import ARTICLES

PACKAGE = Path(__file__).resolve().parents[2] / "relations" / "extraction"


def all_gates() -> list[Gate]:
    rules = load_rules("en")
    return [
        rules.gate(table_id)
        for table_id, table in rules.tables.items()
        if "pattern" in table and not table.get("fragment")
    ]


def test_english_rules_load_every_table_of_every_file() -> None:
    rules = load_rules("en")
    files = {p.stem for p in (RULES_DIR / "en").glob("*.toml")}
    assert files == {table_id.split(".")[0] for table_id in rules.tables}
    assert ("in", "the", "fields", "of") in rules.phrases("sectors.list_cues")
    assert "Minister" in rules.words("people.title_heads")


def test_a_language_without_rules_is_refused_by_name() -> None:
    with pytest.raises(NoRules, match="no rules for language 'xx'"):
        load_rules("xx")
    with pytest.raises(NoRules):
        load_rules("../en")


def test_a_missing_table_is_named() -> None:
    with pytest.raises(KeyError, match=r"no table 'sectors\.nothing'"):
        load_rules("en").words("sectors.nothing")


def test_no_module_of_the_extractor_types_a_word_list_or_a_pre_filter() -> None:
    """Module-level word lists and regexes are loaded from the rule files, not written in Python."""
    typed = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.parse(path.read_text("utf-8")).body:
            if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
                continue
            for call in ast.walk(node.value):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in ("words", "Gate"):
                    typed.append(f"{path.name}:{node.lineno}")
    assert typed == []


@pytest.mark.parametrize(
    ("pattern", "flags", "needles"),
    [
        (r"\b(?:met|meets|meeting)\b", 0, ("meeting", "meets", "met")),
        (r"\b(?:received|receives|receiving)\b", 0, ("receiv",)),  # a shared start of 5+ letters serves
        (r"c(?:all(?:ed|s)? on|o-chair)", re.IGNORECASE, ("call", "co-chair")),  # a run reads into its group
        (r"\b(state|official)\s+visit\b", re.IGNORECASE, ("visit",)),  # the most selective required item
        (r"\b(?:tele)?phone\b|\bby video\b", 0, ("by video", "phone")),  # one needle per branch
        (r"\d+(?:st|nd)?", 0, ("",)),  # no literal is required: always run
        (r"Mr\.", 0, ("mr.",)),  # needles are tested on the lowercased text
    ],
)
def test_needles_are_read_from_the_pattern(pattern: str, flags: int, needles: tuple[str, ...]) -> None:
    assert prefilter.needles_of(pattern, flags) == needles


def test_starts_are_read_from_the_pattern() -> None:
    assert prefilter.starts_of(r"\b(?:met|talks|call)\b", re.IGNORECASE) == "cmt"
    assert prefilter.starts_of(r"(?:[0-3]?\d)(?:st|nd)?|today", re.IGNORECASE) == r"0123\dt"
    assert prefilter.starts_of(r"\w+ met") == ""  # any word character: no list


def test_every_gate_finds_what_its_regex_finds_in_every_test_article() -> None:
    """The generated pre-filter never hides a match: on every line of every test article each gate
    answers as its bare regex does."""
    lines = [
        line
        for path in sorted(ARTICLES.rglob("*.txt"))
        for article in [read_article_file(path)]
        for line in (article.title, *article.text.splitlines())
    ]
    gates = all_gates()
    assert len(gates) > 60
    for gate in gates:
        for line in lines:
            bare = gate.regex.search(line)
            gated = gate.search(line)
            assert (bare and bare.span()) == (gated and gated.span()), (gate.rule, line)


# --------------------------------------------------------------------------- the sector gate


@pytest.mark.parametrize(
    "text",
    [
        "The talks covered energy and tourism.",
        "They covered energy and tourism.",  # issue 11: "covered" was missing from the typed gate
        "Energy and tourism were debated.",
        "Energy and tourism were also highlighted.",
        "The sides want more investment in energy and tourism.",
    ],
)
def test_a_sector_cue_is_read_whatever_else_the_sentence_holds(text: str, gazetteer) -> None:  # type: ignore[no-untyped-def]
    hits = SectorReader(Document.parse(text), get_lexicon(gazetteer), set()).read()
    assert sorted({h.slug for h in hits}) == ["energy", "tourism"]


def test_the_sector_gates_are_generated_from_the_tables_the_reads_key_on() -> None:
    """Every cue has a word in the sentence gate, and every word a read keys on is in it."""
    tables = sectors.SectorTables.of(load_rules("en"))
    assert all(not tables.SENTENCE_GATE.isdisjoint(cue) for cue in tables.LIST_CUES)
    keyed = (
        tables.REACH_CUES,
        tables.GROWTH_VERBS,
        tables.ATTENTION_NOUNS,
        tables.HEAD_NOUNS,
        tables.COMPOUND_ENDS,
        tables.NOUN_HEADS,
        tables.RELATION_NOUNS,
        tables.FIGURE_VERBS,
        tables.PAIR_MARKS,
        tables.SUBJECT_VERBS,
        tables.SUBJECT_NOUNS,
    )
    for table in keyed:
        assert table <= tables.SENTENCE_GATE
    assert tables.SENTENCE_GATE | tables.HEADLINE_VERBS == tables.HEADLINE_GATE
    assert tables.SENTENCE_GATE <= tables.LIST_LINE_WORDS
