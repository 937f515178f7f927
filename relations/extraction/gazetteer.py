"""The reference data the extractor matches against, passed in by the caller.

Built from the database in production (relations.selectors.gazetteer_from_db) and from the
seed files in unit tests (Gazetteer.from_seed_files); the extractor never looks anything up
itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .types import CountryRef, ForumRef, OfficialRef, SectorRef

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "seeds"


@dataclass(eq=False)
class Gazetteer:
    """Countries, forums, sectors and known officials. Compiled matchers are cached on it."""

    countries: tuple[CountryRef, ...]
    forums: tuple[ForumRef, ...]
    sectors: tuple[SectorRef, ...]
    officials: tuple[OfficialRef, ...] = ()
    _compiled: dict = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        countries: Iterable[CountryRef],
        forums: Iterable[ForumRef],
        sectors: Iterable[SectorRef],
        officials: Iterable[OfficialRef] = (),
    ) -> Gazetteer:
        return cls(tuple(countries), tuple(forums), tuple(sectors), tuple(officials))

    @classmethod
    def from_seed_files(cls, seeds_dir: Path = SEEDS_DIR) -> Gazetteer:
        """The gazetteer the seed files describe (what load_seeds puts in the database)."""
        countries = [
            country_ref_from_seed(row) for row in json.loads((seeds_dir / "countries.json").read_text("utf-8"))
        ]
        forums = [
            ForumRef(
                acronym=row["acronym"],
                name=row["name"],
                other_names=tuple(row.get("other_names") or ()),
                parent=row.get("parent"),
                registered=row.get("registered", True),
            )
            for row in json.loads((seeds_dir / "forums.json").read_text("utf-8"))
        ]
        sectors = [
            SectorRef(slug=row["slug"], words=tuple(row.get("words") or ()))
            for row in json.loads((seeds_dir / "sectors.json").read_text("utf-8"))
        ]
        officials_file = seeds_dir / "officials.json"
        officials = [
            OfficialRef(name=row["name"], country=row.get("country"), other_names=tuple(row.get("other_names") or ()))
            for row in (json.loads(officials_file.read_text("utf-8")) if officials_file.exists() else ())
        ]
        return cls.build(countries, forums, sectors, officials)


def country_ref_from_seed(row: dict) -> CountryRef:
    names = row.get("names") or {}
    return CountryRef(
        iso3=row["iso3"],
        name=row["name"],
        official_name=row.get("official_name") or "",
        capital=row.get("capital") or "",
        official=tuple(names.get("official") or ()),
        alternative=tuple(names.get("alternative") or ()),
        demonym=tuple(names.get("demonym") or ()),
        city=tuple(names.get("city") or ()),
        institution=tuple(names.get("institution") or ()),
    )
