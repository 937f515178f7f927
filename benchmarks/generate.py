"""A generator of realistic synthetic articles in the genre's house styles, for benchmarks.

Every country gets a cast of officials (president, prime minister, foreign minister) with
invented names, so the same people recur across articles as they do in real news; a share
of meetings is reported twice by different "agencies" in different styles, so ingest has
merges to make. Deterministic for a given seed. Usage:

    python -m benchmarks.generate 10000 > corpus.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SYLLABLES = "ka ri mo san tel vo ar bek lan dur mi sha no zar ga lim to ren ba hel ut ker ja vin os da".split()  # noqa: SIM905
SECTORS = [
    "trade", "energy", "transport", "investment", "agriculture", "education", "tourism", "culture",
    "defence", "health", "digital technologies", "green energy", "logistics", "finance", "humanitarian affairs",
]  # fmt: skip
FORUMS = [
    ("the United Nations", "UN"), ("the Non-Aligned Movement", "NAM"), ("the Organization of Islamic Cooperation", "OIC"),
    ("the Shanghai Cooperation Organisation", "SCO"), ("the Organization of Turkic States", "OTS"),
    ("the Conference on Interaction and Confidence Building Measures in Asia", "CICA"),
]  # fmt: skip
LEVELS = ["strategic partnership", "friendly relations", "comprehensive strategic partnership", "allied relations"]
AGENCIES = ["Global News Agency", "Capital Press Service", "Ministry of Foreign Affairs", "Daily Diplomatic Wire"]
ROLES = {
    "fm": ("Minister of Foreign Affairs", "Foreign Minister"),
    "president": ("President", "President"),
    "pm": ("Prime Minister", "Prime Minister"),
}


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    demonym: str
    capital: str


@dataclass(frozen=True)
class Scene:
    """One meeting: who (a, b and their people pa, pb in a role), when, about what."""

    a: Country
    b: Country
    pa: str
    pb: str
    role: str
    when: date
    topics: list[str]
    forum: tuple[str, str]
    level: str


def load_countries() -> list[Country]:
    rows = json.loads((SEEDS / "countries.json").read_text("utf-8"))
    countries = []
    for row in rows:
        demonyms = (row.get("names") or {}).get("demonym") or []
        if demonyms and row.get("capital"):
            countries.append(Country(row["iso3"], row["name"], demonyms[0], row["capital"]))
    return countries


def invent_name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def cast(countries: list[Country], rng: random.Random) -> dict[tuple[str, str], str]:
    return {(c.iso3, role): invent_name(rng) for c in countries for role in ROLES}


def _join(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else items[0]


def agency_visit(s: Scene) -> tuple[str, str]:
    long, short = ROLES[s.role]
    title = f"{s.a.demonym} {short} meets {s.b.demonym} counterpart in {s.b.capital}"
    text = (
        f"{s.b.capital.upper()}, {s.when:%B} {s.when.day}. {s.pa}, {s.a.name}'s {long}, who is on an official visit "
        f"to {s.b.name}, met with {s.pb}, {long} of {s.b.name}, on {s.when:%B} {s.when.day}, {s.when.year}.\n\n"
        f"The sides discussed cooperation in {_join(s.topics)}, and hailed the {s.level} between {s.a.name} and "
        f"{s.b.name}.\n\nThey also praised mutual support within {s.forum[0]} ({s.forum[1]}).\n\n"
        f"{s.pa.split()[-1]} thanked his counterpart for the hospitality."
    )
    return title, text


def ministry_readout(s: Scene) -> tuple[str, str]:
    long, _ = ROLES[s.role]
    title = f"{s.a.name}-{s.b.name} {long}s' Meeting"
    text = (
        f"On {s.when.day} {s.when:%B} {s.when.year}, {long} {s.pa} held talks with {long} of {s.b.name} {s.pb}, "
        f"who is visiting {s.a.capital}.\n\n"
        f"1. {long} {s.pa.split()[-1]} stated that {s.a.name} attaches importance to the {s.level} with {s.b.name}.\n\n"
        f"2. The two ministers agreed to expand cooperation in the fields of {_join(s.topics)}.\n\n"
        f"3. They exchanged views on regional issues and on cooperation at {s.forum[0]}."
    )
    return title, text


def phone_call(s: Scene) -> tuple[str, str]:
    _, short = ROLES[s.role]
    title = f"{s.a.demonym} and {s.b.demonym} leaders hold phone conversation"
    text = (
        f"{short} of {s.a.name} {s.pa} had a telephone conversation with {short} of {s.b.name} {s.pb} "
        f"on {s.when:%B} {s.when.day}, {s.when.year}.\n\n"
        f"The two leaders discussed prospects for cooperation in {_join(s.topics)}.\n\n"
        f"{s.pb.split()[-1]} noted the {s.level} between the two countries."
    )
    return title, text


def reception(s: Scene) -> tuple[str, str]:
    ambassador = invent_name(random.Random(f"{s.a.iso3}{s.b.iso3}"))
    title = f"{s.a.demonym} President receives {s.b.demonym} ambassador"
    text = (
        f"President of {s.a.name} {s.pa} received the newly appointed Ambassador of {s.b.name} {ambassador} "
        f"in {s.a.capital} on {s.when:%B} {s.when.day}, {s.when.year}.\n\n"
        f"During the meeting, the sides discussed {_join(s.topics)} and the {s.level} between the two states."
    )
    return title, text


STYLES = [agency_visit, ministry_readout, phone_call, reception]


def generate(count: int, seed: int = 7, duplicate_share: float = 0.1) -> Iterator[dict]:
    """Yield `count` article dicts (title, text, url, publisher, published)."""
    rng = random.Random(seed)
    countries = load_countries()
    people = cast(countries, rng)
    start = date(2015, 1, 1)
    produced = 0
    while produced < count:
        a, b = rng.sample(countries, 2)
        role = rng.choice(list(ROLES))
        when = start + timedelta(days=rng.randrange(3650))
        topics = rng.sample(SECTORS, rng.randint(2, 5))
        forum = rng.choice(FORUMS)
        level = rng.choice(LEVELS)
        styles = rng.sample(STYLES, 2 if rng.random() < duplicate_share else 1)
        for style in styles:
            if produced >= count:
                break
            scene = Scene(a, b, people[(a.iso3, role)], people[(b.iso3, role)], role, when, topics, forum, level)
            title, text = style(scene)
            produced += 1
            yield {
                "title": title,
                "text": text,
                "url": f"https://news.example.org/{produced}",
                "publisher": rng.choice(AGENCIES),
                "published": (when + timedelta(days=rng.randint(0, 1))).isoformat(),
            }


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    count = int(argv[0]) if argv else 1000
    for article in generate(count):
        sys.stdout.write(json.dumps(article, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
