"""One idea of "the same name" (issue 11): names.name_key, used wherever the extractor compares names."""

from __future__ import annotations

import pytest

from relations.extraction import Gazetteer, OfficialRef, lexicon, people
from relations.extraction.names import fold, name_key, same_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Binali Y\u0131ld\u0131r\u0131m", "Binali Yildirim"),  # the dotless i
        ("Recep Tayyip Erdo\u011fan", "RECEP TAYYIP ERDOGAN"),  # accents and case
        ("H.E. Mr. Jeyhun Bayramov", "Jeyhun Bayramov"),  # honorifics
        ("Sheikh Mohammed bin Abdulrahman Al Thani", "Mohammed Abdulrahman Thani"),  # a title, particles
        ("Tan Sri Muhyiddin Yassin", "Muhyiddin Yassin"),  # a Malaysian style
        ("J. Bayramov", "Bayramov"),  # an initial
    ],
)
def test_written_forms_of_one_name_are_the_same_name(a: str, b: str) -> None:
    assert same_name(a, b)
    assert people.name_keys(a) == people.name_keys(b)  # the extractor's reading of a mention


@pytest.mark.parametrize(
    ("a", "b"),
    [("Jeyhun Bayramov", "Jeyhun Aliyev"), ("Tan Wei", "Wei"), ("Mr.", "Dr."), ("", "")],
)
def test_different_names_or_no_name_are_not_the_same(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_the_extractor_compares_names_with_the_one_function() -> None:
    assert lexicon.fold_name is fold is people.fold_name
    assert name_key("Ahmet Davuto\u011flu") == ("ahmet", "davutoglu")


def test_a_known_official_is_found_whatever_the_dotless_i() -> None:
    """The gazetteer's known officials are keyed as mentions are: 'Binali Yildirim' finds 'Binali Y\u0131ld\u0131r\u0131m'."""
    gazetteer = Gazetteer.build((), (), (), [OfficialRef("Binali Y\u0131ld\u0131r\u0131m", "TUR")])
    lex = lexicon.get_lexicon(gazetteer)
    assert lexicon.official_country(lex, people.name_keys("Binali Yildirim")) == "TUR"
