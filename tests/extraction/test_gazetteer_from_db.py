"""The gazetteer read from the database is the one the seed files describe, and the organisations
outside the registry that the extractor knows are reference data (seeds/forums.json, registered: false)."""

from __future__ import annotations

import pytest

from relations import models, selectors, services
from relations.extraction import Gazetteer, extract, read_article_file

from .conftest import ARTICLES

pytestmark = pytest.mark.django_db


def test_the_database_gazetteer_has_the_seed_files_forums_in_their_order() -> None:
    services.reference_data_load()
    from_db, from_files = selectors.gazetteer_from_db(), Gazetteer.from_seed_files()
    assert from_db.forums == from_files.forums
    ecowas = next(f for f in from_db.forums if f.acronym == "ECOWAS")
    assert (ecowas.name, ecowas.registered) == ("Economic Community of West African States", False)
    forum = models.Forum.objects.get(acronym="ECOWAS")
    assert (forum.registered, forum.known) == (False, True)


def test_an_unregistered_organisation_is_found_with_the_database_gazetteer() -> None:
    services.reference_data_load()
    article = read_article_file(ARTICLES / "unregistered-organisation.txt")
    from_db = extract(
        article.text, title=article.title, published=article.published, gazetteer=selectors.gazetteer_from_db()
    )
    from_files = extract(
        article.text, title=article.title, published=article.published, gazetteer=Gazetteer.from_seed_files()
    )
    assert from_db.to_contract() == from_files.to_contract()
    assert from_db.to_contract()["forums"]


def test_a_forum_ingest_made_from_an_article_is_not_fed_back_to_the_extractor() -> None:
    services.reference_data_load()
    models.Forum.objects.create(acronym="NEAEF", name="NEAEF", registered=False, kind=models.Forum.Kind.OTHER)
    assert "NEAEF" not in {f.acronym for f in selectors.gazetteer_from_db().forums}


def test_load_seeds_makes_an_ingest_made_forum_of_a_listed_organisation_known_under_its_name() -> None:
    models.Forum.objects.create(acronym="OECD", name="OECD", registered=False, kind=models.Forum.Kind.OTHER)
    services.reference_data_load()
    forum = models.Forum.objects.get(acronym="OECD")
    assert (forum.registered, forum.known, forum.name) == (
        False,
        True,
        "Organisation for Economic Co-operation and Development",
    )
