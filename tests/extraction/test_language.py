"""The language seam (issue 11): an article's language picks the rules; a language without rules is
refused by name, never read with English rules."""

from __future__ import annotations

import copy
import shutil

import pytest

from relations.extraction import ArticleError, NoRules, Rules, extract, load_rules, rules
from relations.extraction.__main__ import main
from relations.extraction.articles import parse_article_text
from relations.extraction.batch import extract_article
from relations.extraction.rules import language_code
from relations.extraction.sectors import SectorTables

FRENCH = "title: Rencontre\nlanguage: fr\n---\nLe ministre azerbaïdjanais a rencontré son homologue pakistanais.\n"
ENGLISH = (
    "title: Talks\nlanguage: en-GB\n---\nAzerbaijani Foreign Minister Jeyhun Bayramov met his Pakistani counterpart.\n"
)


def test_extract_refuses_a_language_without_rules(gazetteer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NoRules, match="no rules for language 'fr'"):
        extract("Le ministre a rencontré son homologue.", title="", published=None, gazetteer=gazetteer, language="fr")


def test_ingest_reports_an_article_without_rules_as_an_error_naming_its_language(gazetteer) -> None:  # type: ignore[no-untyped-def]
    result = extract_article(parse_article_text(FRENCH, "fr.txt"), gazetteer)
    assert isinstance(result, ArticleError)
    assert str(result) == "fr.txt: no rules for language 'fr'"


def test_a_regional_english_reads_with_the_english_rules(gazetteer) -> None:  # type: ignore[no-untyped-def]
    result = extract_article(parse_article_text(ENGLISH, "en.txt"), gazetteer)
    assert not isinstance(result, ArticleError)
    assert sorted(f.value for f in result.countries_mentioned) == ["AZE", "PAK"]


@pytest.mark.parametrize(("given", "code"), [("en", "en"), ("EN-gb", "en"), ("pt_BR", "pt"), ("", "en"), (None, "en")])
def test_language_codes(given: str | None, code: str) -> None:
    assert language_code(given) == code


def test_the_command_line_says_which_file_has_no_rules(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, "utf-8")
    assert main([str(path)]) == 2
    assert f"{path}: no rules for language 'fr'" in capsys.readouterr().err


# ------------------------------------------------------------------ the rules reach every stage

# Written for these tests: "in the realms of" is no list cue of the English rules.
REALMS = (
    "Azerbaijani Foreign Minister Jeyhun Bayramov met his Pakistani counterpart Ishaq Dar in Baku on Monday. "
    "The ministers agreed to work together in the realms of energy and tourism."
)
REALMS_CUE = "in the realms of"


def _sectors(gazetteer, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    found = extract(REALMS, title="Ministers meet in Baku", published=None, gazetteer=gazetteer, **kwargs)
    return sorted(f.value for f in found.sectors)


def test_extract_reads_with_the_rules_it_is_given_not_the_english_ones(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """A Rules object that differs from English in one table (one more list cue) is read by every stage,
    down to the sector gate generated from that table; the English rules stay as they were."""
    english = load_rules("en")
    before = copy.deepcopy(english.tables)
    tables = copy.deepcopy(english.tables)
    tables["sectors.list_cues"]["phrases"] = [*tables["sectors.list_cues"]["phrases"], REALMS_CUE]
    other = Rules("xx", tables)

    assert _sectors(gazetteer) == ["tourism"]  # English: "the realms of energy" is no list of sectors
    assert _sectors(gazetteer, rules=other) == ["energy", "tourism"]
    assert _sectors(gazetteer) == ["tourism"]  # English again: nothing of the other rules stayed behind
    assert english.tables == before
    assert "realms" not in SectorTables.of(english).SENTENCE_GATE
    assert "realms" in SectorTables.of(other).SENTENCE_GATE
    assert SectorTables.of(other) is SectorTables.of(other)  # built once per Rules object


def test_a_second_rules_folder_is_picked_by_the_articles_language(gazetteer, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """rules/<language>/: a folder of its own is what an article in that language is read with (here, in
    a temporary rules directory, a copy of the English files and a second folder that has one more cue)."""
    for code in ("en", "zz"):
        shutil.copytree(rules.RULES_DIR / "en", tmp_path / code)
    sectors_file = tmp_path / "zz" / "sectors.toml"
    text = sectors_file.read_text("utf-8")
    assert "  'in the fields of',\n" in text
    sectors_file.write_text(text.replace("  'in the fields of',\n", f"  'in the fields of',\n  '{REALMS_CUE}',\n", 1))
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)

    assert rules.languages() == ["en", "zz"]
    assert load_rules("zz").language == "zz"
    assert load_rules("zz") is not load_rules("en")
    assert _sectors(gazetteer, language="zz") == ["energy", "tourism"]
    assert _sectors(gazetteer, language="en") == ["tourism"]
    with pytest.raises(NoRules, match="no rules for language 'qq'"):
        extract(REALMS, title="", published=None, gazetteer=gazetteer, language="qq")
