"""The seed reference files: every ISO country, names for every UN member, no accidental clashes."""

from __future__ import annotations

import json
from collections import defaultdict

from relations.extraction.gazetteer import SEEDS_DIR

UN_MEMBERS_TEXT = """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA
    BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK DJI DMA DOM ECU EGY SLV GNQ
    ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR
    ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX
    FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
    QAT KOR ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE
    CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
UN_MEMBERS = set(UN_MEMBERS_TEXT.split())
# Names deliberately shared by two countries. A text's "Congolese" or "Dominican" cannot be told
# apart from the word alone; the extractor resolves each to the country texts mean far more
# often (lexicon.SHARED_DEMONYMS: COD, DOM), and a curator fixes the rare other case.
DELIBERATELY_AMBIGUOUS: dict[str, set[str]] = {
    "Congolese": {"COD", "COG"},
    "Dominican": {"DMA", "DOM"},
}


def countries() -> list[dict]:
    return json.loads((SEEDS_DIR / "countries.json").read_text("utf-8"))


def all_names(row: dict) -> list[str]:
    names = [row["name"], row["official_name"], row["capital"]]
    return [n for n in names + [n for kind in row["names"].values() for n in kind] if n]


def test_all_249_iso_countries_are_present_once():
    rows = countries()
    assert len(rows) == 249
    assert len({r["iso3"] for r in rows}) == 249
    assert len(UN_MEMBERS) == 193


def test_every_un_member_has_a_capital_and_a_demonym():
    by_iso = {r["iso3"]: r for r in countries()}
    for iso3 in sorted(UN_MEMBERS):
        row = by_iso[iso3]
        assert row["capital"], iso3
        assert row["names"]["demonym"], iso3
        assert iso3 == row["iso3"] and row["name"], iso3


def test_no_name_maps_to_two_countries_unless_documented():
    owners: dict[str, set[str]] = defaultdict(set)
    for row in countries():
        for name in all_names(row):
            owners[name].add(row["iso3"])
    clashes = {name: isos for name, isos in owners.items() if len(isos) > 1}
    assert clashes == DELIBERATELY_AMBIGUOUS


def test_common_short_names_and_alternatives():
    by_iso = {r["iso3"]: r for r in countries()}
    assert by_iso["KOR"]["name"] == "South Korea"
    assert by_iso["TUR"]["name"] == "Türkiye" and "Turkey" in by_iso["TUR"]["names"]["alternative"]
    assert "Ivory Coast" in by_iso["CIV"]["names"]["alternative"]
    assert "Czech Republic" in by_iso["CZE"]["names"]["official"]
    assert "Kyrgyz Republic" in by_iso["KGZ"]["names"]["official"]
    assert "the Islamic Republic of Pakistan" in by_iso["PAK"]["names"]["official"]
    assert "Kiev" in by_iso["UKR"]["names"]["city"] and by_iso["UKR"]["capital"] == "Kyiv"
    assert "Milli Majlis" in by_iso["AZE"]["names"]["institution"]
    for iso3, demonym in (
        ("AZE", "Azerbaijani"),
        ("UZB", "Uzbek"),
        ("ARE", "Emirati"),
        ("KGZ", "Kyrgyz"),
        ("PHL", "Filipino"),
        ("PHL", "Philippine"),
        ("NLD", "Dutch"),
    ):
        assert demonym in by_iso[iso3]["names"]["demonym"], (iso3, demonym)


def test_forum_registry_keeps_its_order_and_sectors_cover_the_contract():
    forums = json.loads((SEEDS_DIR / "forums.json").read_text("utf-8"))
    assert [f["acronym"] for f in forums][:6] == ["UN", "UNGA", "UNSC", "UNHRC", "UNESCO", "UNFCCC"]
    assert "COP29" in next(f for f in forums if f["acronym"] == "UNFCCC")["other_names"]
    sectors = json.loads((SEEDS_DIR / "sectors.json").read_text("utf-8"))
    assert len(sectors) == 25
    assert all(s["slug"] in s["words"] or s["slug"] == "defence" or s["words"] for s in sectors)
