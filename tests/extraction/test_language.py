"""The language seam (issue 11): an article's language picks the rules; a language without rules is
refused by name, never read with English rules."""

from __future__ import annotations

import pytest

from relations.extraction import ArticleError, NoRules, extract
from relations.extraction.__main__ import main
from relations.extraction.articles import parse_article_text
from relations.extraction.batch import extract_article
from relations.extraction.rules import language_code

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
