"""One idea of "the same name" in the services too (issue 11): the resolver, the seed loader and a
curator's recorded deletions compare names by the extractor's relations.extraction.names.name_key."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from relations import models, services
from relations.extraction.names import name_key
from relations.extraction.types import Participant
from relations.services import decisions as decisions_module
from relations.services import officials, reference
from relations.services.decisions import Decisions
from relations.services.officials import OfficialResolver
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_services_compare_names_by_the_extractors_key() -> None:
    assert officials.name_key is name_key
    assert reference.name_key is name_key
    assert decisions_module.name_key is name_key


def test_a_name_written_without_its_dotless_i_is_the_same_official() -> None:
    tur = factories.CountryFactory(iso3="TUR", iso2="TR")
    official = factories.OfficialFactory(name="Binali Y\u0131ld\u0131r\u0131m", country=tur)
    resolver = OfficialResolver()
    person = resolver.resolve(Participant(name="Binali Yildirim", country="TUR", title="Prime Minister"))
    resolver.flush()
    assert person is not None and person.official_id == official.pk
    assert models.Official.objects.count() == 1  # before: a second official, "Binali Yildirim"


def test_a_curators_deletion_holds_against_another_spelling_of_the_name() -> None:
    tur = factories.CountryFactory(iso3="TUR", iso2="TR")
    official = factories.OfficialFactory(name="Binali Y\u0131ld\u0131r\u0131m", country=tur)
    services.reference_delete(instances=[official])  # what the admin's delete calls
    resolver = OfficialResolver(decisions=Decisions.load())
    assert resolver.resolve(Participant(name="Binali Yildirim", country="TUR", title="Prime Minister")) is None
    resolver.flush()
    assert not models.Official.objects.exists()


def test_recorded_deletions_are_keyed_again_by_the_shared_key() -> None:
    migration = importlib.import_module("relations.migrations.0017_official_removals_by_the_shared_name_key")
    old_keys = {  # as the services' own key wrote them: particles, styles and the dotless i kept
        "binali y\u0131ld\u0131r\u0131m": "binali yildirim",
        "tan sri muhyiddin yassin": "muhyiddin yassin",
        "mohammed bin salman": "mohammed salman",
        "mohammed salman": "mohammed salman",  # the same name now: one decision holds for both
        "jeyhun bayramov": "jeyhun bayramov",
    }
    for item in old_keys:
        models.CuratorDecision.objects.create(kind="removed", scope="official", owner="XXX", item=item)
    models.CuratorDecision.objects.create(kind="removed", scope="countryname", owner="TUR", item="t\u00fcrkiye")

    migration.rekey(apps, None)

    items = models.CuratorDecision.objects.filter(scope="official").values_list("item", flat=True)
    assert sorted(items) == sorted(set(old_keys.values()))
    assert models.CuratorDecision.objects.filter(scope="countryname", item="t\u00fcrkiye").exists()  # untouched


def test_a_curators_deletion_holds_against_a_shorter_or_longer_form_of_the_name() -> None:
    """The resolver takes "Jeyhun Bayramov" for "Jeyhun Aziz oglu Bayramov" (two name words in common):
    a curator's deletion of one holds against the other, as it does against the same name."""
    aze = factories.CountryFactory(iso3="AZE", iso2="AZ")
    services.reference_delete(instances=[factories.OfficialFactory(name="Jeyhun Aziz oglu Bayramov", country=aze)])
    services.reference_delete(instances=[factories.OfficialFactory(name="Ali Asadov", country=aze)])
    resolver = OfficialResolver(decisions=Decisions.load())
    for written in ("Jeyhun Bayramov", "Jeyhun Aziz Bayramov", "Ali Ahmad Asadov"):
        assert resolver.resolve(Participant(name=written, country="AZE", title="Minister")) is None, written
    other = resolver.resolve(Participant(name="Mukhtar Babayev", country="AZE", title="Minister"))
    resolver.flush()
    assert other is not None  # another person is created as before
    assert list(models.Official.objects.values_list("name", flat=True)) == ["Mukhtar Babayev"]
