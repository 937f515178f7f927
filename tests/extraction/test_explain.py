"""Every decision explained (issue 11): each fact carries the id of the rule that produced it, `python -m
relations.extraction FILE --explain` prints it with the sentence, and the stored extraction keeps it."""

from __future__ import annotations

import dataclasses

import pytest

from relations import models, services
from relations.extraction import extract, iter_articles, load_rules, read_article_file
from relations.extraction.__main__ import main
from relations.extraction.gazetteer import SEEDS_DIR

from .conftest import ARTICLES

SEED = SEEDS_DIR / "articles" / "azerbaijan-pakistan-strategic-partnership.txt"


def facts_of(result) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    out = [(f"fact {f.value}", f.rule) for f in (*result.parties, *result.countries_mentioned)]
    out += [(f"fact {f.value}", f.rule) for f in (*result.sectors, *result.forums)]
    out += [(f"participant {p.name}", p.rule) for p in result.participants]
    if result.relation_level:
        out.append(("level", result.relation_level.rule))
    if result.meeting:
        m = result.meeting
        out += [("format", m.format_rule)]
        out += [("location", m.location_rule)] if m.location_country else []
        out += [("date", m.date_rule)] if m.date else []
    return out


def test_every_fact_of_every_test_article_names_a_rule_that_exists(gazetteer) -> None:  # type: ignore[no-untyped-def]
    tables = load_rules("en").tables
    seen = set()
    for path in sorted(ARTICLES.rglob("*.txt")):
        article = read_article_file(path)
        result = extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)
        for what, rule in facts_of(result):
            assert rule, (path.name, what)
            table = rule.split(":", 1)[0]
            assert table in tables or table.startswith("gazetteer."), (path.name, what, rule)
            seen.add(table)
    assert len(seen) > 20  # the facts come from many rules, not one catch-all


def test_the_seed_articles_facts_say_which_rule_read_them(gazetteer) -> None:  # type: ignore[no-untyped-def]
    article = read_article_file(SEED)
    result = extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)
    rules = result.to_contract(rules=True)["rules"]
    assert rules["sectors"]["tourism"] == "sectors.list_cues:cooperation in"
    assert rules["forums"]["OIC"] == "gazetteer.forum"
    assert rules["relation_level"] == "meeting.level_strategic_partnership"
    assert rules["meeting"]["format"] == "meeting.visit"
    assert "rules" not in result.to_contract()  # the contract itself is unchanged


def test_explain_prints_each_facts_rule_and_sentence(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main([str(SEED), "--explain"]) == 0
    err = capsys.readouterr().err
    assert "level    strategic_partnership [meeting.level_strategic_partnership] 'strategic partnership'" in err
    assert "sector   tourism    [sectors.list_cues:cooperation in] 'tourism' @" in err
    assert "in: 'They highlighted the mutually beneficial cooperation in areas such as defence" in err


@pytest.mark.django_db
def test_the_stored_extraction_keeps_the_rule_ids(reference) -> None:  # type: ignore[no-untyped-def]
    report = services.articles_ingest(articles=iter_articles([SEED]))
    assert not report.failed, report.errors
    stored = models.Article.objects.get().extraction
    assert stored["rules"]["relation_level"] == "meeting.level_strategic_partnership"
    assert stored["rules"]["sectors"]["tourism"] == "sectors.list_cues:cooperation in"


def test_rule_ids_are_plain_data_on_the_result(gazetteer) -> None:  # type: ignore[no-untyped-def]
    article = read_article_file(SEED)
    result = extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)
    assert dataclasses.asdict(result)["sectors"][0]["rule"].startswith("sectors.")
