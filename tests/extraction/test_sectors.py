"""Sectors stated in several house styles, and the look-alikes that are not areas of cooperation."""

from __future__ import annotations

import pytest

from relations.extraction import extract
from relations.extraction.lexicon import get_lexicon
from relations.extraction.sectors import SectorReader
from relations.extraction.text import Document

from .conftest import load


def run(name: str, gazetteer):
    article = load(name)
    return article, extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)


def sectors_of(text: str, gazetteer) -> list[str]:
    hits = SectorReader(Document.parse(text), get_lexicon(gazetteer), set()).read()
    return sorted({h.slug for h in hits})


def test_focused_on_agenda_included_emphasis_and_adjective_chains(gazetteer):
    article, result = run("sectors-focused-agenda", gazetteer)
    contract = result.to_contract()
    assert contract["sectors"] == [
        "agriculture",  # focused on ... and agriculture
        "culture",  # cultural-humanitarian cooperation
        "economy",  # trade-economic
        "humanitarian",
        "science",  # scientific-technical
        "tourism",  # the agenda also included tourism
        "trade",
        "transport",  # transport and logistics
        "water",  # water resources
    ]
    # "legal framework", "UN Security Council", "energetic work" and "an economic briefing" name no area
    assert contract["forums"] == ["UNSC"]
    water = next(f for f in result.sectors if f.value == "water")
    assert article.text[water.span.start : water.span.end] == "water resources"


def test_growth_verbs_partner_in_between_and_predicates(gazetteer):
    _, result = run("sectors-growth-verbs", gazetteer)
    assert result.to_contract()["sectors"] == [
        "economy",  # means to develop them in the economy, renewable energy and healthcare
        "energy",
        "health",
        "industry",  # mining is a promising area of cooperation
        "science",  # cooperation with Santiago in the peaceful use of space technologies
        "tourism",  # to boost tourism
        "trade",  # the headline's "pledge to boost trade"
        "water",  # cooperate on a new port project and on the development of water management
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministers discussed trade, energy and transport.", ["energy", "trade", "transport"]),
        ("They agreed to work in spheres such as tourism and sport.", ["sports", "tourism"]),
        ("Cooperation in various areas including health and science was reviewed.", ["health", "science"]),
        ("They backed cooperation with Ruritania in the peaceful use of atomic energy.", ["energy"]),
        ("The sides signed documents in the fields of culture and education.", ["culture", "education"]),
        ("The two leaders agreed to boost trade and investment.", ["investment", "trade"]),
        ("The ministers stressed the need to strengthen the legal framework.", []),
        ("They noted the energetic development of relations.", []),
        ("The Security Council discussed the resolution.", []),
        ("The ministers agreed to strengthen them in key areas.", []),
        ("They signed agreements on health, education and culture.", ["culture", "education", "health"]),
        ("They signed memoranda on cooperation in agriculture and veterinary medicine.", ["agriculture", "health"]),
        ("They discussed the Trans-Caspian International Transport Route.", ["transport"]),
        ("They discussed the progress of the Central Asia Gas Pipeline.", ["energy"]),
        ("They discussed the Southern Economic Corridor initiative.", []),  # the name of a plan, not an area
        ("They discussed a possible visit, the schedule of meetings and the exchange of delegations.", []),
        ("The sides discussed the situation in Afghanistan, Syria, and the Middle East.", []),
        ("The President noted that the country's economy grew by 6 percent last year.", []),
        ("They hope to expand it to other regions.", []),
    ],
)
def test_sector_phrasings(text, expected, gazetteer):
    assert sectors_of(text, gazetteer) == expected


def test_longer_topics_in_a_discussed_list(gazetteer):
    """'the development of the Middle Corridor' (no sector) does not end the list before 'cargo' and
    'digitalization'."""
    _, result = run("trend-background-first", gazetteer)
    contract = result.to_contract()
    assert contract["sectors"] == ["communications", "transport"]
    assert contract["meeting"]["date"] == "2024-06-09"
    assert contract["meeting"]["location_country"] == "AZE"


def test_particularly_in_and_talks_on(gazetteer):
    _, result = run("courtesy-call-particularly-in", gazetteer)
    assert result.to_contract()["sectors"] == ["communications", "energy"]
    _, result = run("photo-caption-lead", gazetteer)
    contract = result.to_contract()
    assert contract["sectors"] == ["culture", "health", "science", "trade"]
    assert [p["name"] for p in contract["participants"]] == [
        "Luiz Inácio Lula da Silva",
        "Gabriel Boric",
    ]  # no photo credit


def test_singular_communication_in_an_adjective_list(gazetteer):
    _, result = run("akipress-communication", gazetteer)
    assert result.to_contract()["sectors"] == ["communications", "culture", "economy", "trade", "transport"]


def test_bulleted_agreements_titles_and_an_opening_topic(gazetteer):
    """Each bullet under 'witnessed the signing of the following agreements:' is an item, a document's title
    names its sectors even where the people reader takes its last words for a name ('Agricultural
    Research'); the schedule's bullets ('Energy Museum', 'Trade Fair') and the students whom the visas
    serve are no area."""
    _, result = run("sectors-bulleted-agreements", gazetteer)
    assert result.to_contract()["sectors"] == [
        "agriculture",  # Memorandum of Understanding on Cooperation in Agricultural Research
        "culture",  # Programme of Cooperation in Arts and Culture
        "energy",  # the supply of electricity, plans for a power transmission line
        "finance",  # the avoidance of double taxation
        "infrastructure",  # the construction of a dry port
        "justice",  # Treaty on extradition
        "migration",  # the facilitation of visas
        "science",  # Agricultural Research
        "security",  # work closely together on counter-terrorism
        "tourism",  # On tourism, ...
        "transport",  # a dry port
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # headline verbs and verbs of backing
        ("Ruritania, Freedonia ministers talk wheat trade, tourism", ["agriculture", "tourism", "trade"]),
        ("Ruritanian and Freedonian envoys review investment, coffee exports", ["investment"]),
        ("The fund will support the region's reconstruction.", ["infrastructure"]),
        ("They will support the fight against the al-Qard terror group.", ["security"]),
        ("The two sides agreed to step up police patrols on the frontier.", ["security"]),
        ("At the talk, the two sides praised the relations.", []),
        ("He said Ruritania would support Freedonia's efforts to keep its sovereignty.", []),
        # cues
        (
            "They agreed on closer collaboration on maritime security, cocoa and energy.",
            ["agriculture", "energy", "security"],
        ),
        ("He urged faster work on the coastal highway and on the two nations' power grids.", ["energy", "transport"]),
        (
            "They would cooperate for the upgrading of the seaport and for the promotion of primary health care.",
            ["health", "transport"],
        ),
        ("They discussed new investors in the automotive and chemical industries.", ["industry"]),
        (
            "They discussed energy, transport and the establishment of a joint economic zone.",
            ["economy", "energy", "transport"],
        ),
        ("Investors are keen to invest in the island's infrastructure.", ["infrastructure", "investment"]),
        ("They will cooperate in artificial intelligence and in combating desertification.", ["climate", "science"]),
        ("Ruritania will draw on Dutch expertise in forestry.", ["agriculture", "climate"]),
        ("The minister of forestry attended the dinner.", []),
        # crimes and protocol are no areas
        ("They agreed to curb illegal mining and arms trafficking in the border region.", []),
        ("The ceremony included military honours and a military parade.", []),
    ],
)
def test_sector_phrasings_backing_headlines_and_crimes(text, expected, gazetteer):
    assert sectors_of(text, gazetteer) == expected


HEADLINE_BODY = "The two ministers met in the capital on Monday and praised the friendly relations."


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ruritania, Freedonia ministers talk rice trade, tourism", ["agriculture", "tourism", "trade"]),
        ("Ruritania dispatches relief aid to Freedonia", ["humanitarian"]),
        ("Ruritania, Freedonia discuss energy, transport links", ["energy", "transport"]),
        ("Ruritania, Freedonia eye closer cooperation in agriculture", ["agriculture"]),
        ("Ruritanian, Freedonian FMs explore tourism, education ties", ["education", "tourism"]),
        ("Ruritania, Freedonia sign health, education deals", ["education", "health"]),
        ("Ruritania, Freedonia Sign Water Management, Higher Education Agreements", ["education", "water"]),
        ("Ruritania and Freedonia Hold Talks on Trade and Energy", ["energy", "trade"]),
        # near misses: a title, a forum, a figure of one country, a headline with no area
        ("Energy Minister receives the Freedonian ambassador", []),
        ("Ruritanian president attends World Economic Forum in Davos", []),
        ("Freedonia's economy grows 5 percent as ministers meet", []),
        ("Ruritania, Freedonia eye closer ties", []),
        ("Ruritania, Freedonia sign joint statement after talks", []),
        ("Trade Minister Meets Freedonian Counterpart in Capital", []),
    ],
)
def test_headline_sectors(title, expected, gazetteer):
    result = extract(HEADLINE_BODY, title=title, published=None, gazetteer=gazetteer)
    assert sorted(f.value for f in result.sectors) == expected
    assert all(f.span is None for f in result.sectors)  # the headline is not in the article's text


def test_a_sector_the_body_states_keeps_the_bodys_evidence(gazetteer):
    """The headline adds only what the body does not state, with no span (as the headline's parties and
    forums); a sector both state keeps the body's sentence."""
    body = "The two ministers met in the capital on Monday and discussed trade."
    result = extract(body, title="Ministers talk trade, tourism", published=None, gazetteer=gazetteer)
    spans = {f.value: f.span for f in result.sectors}
    assert list(spans) == ["trade", "tourism"]
    assert spans["trade"] is not None and body[spans["trade"].start : spans["trade"].end] == "trade"
    assert spans["tourism"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the two sides' joint work or exchange in an area
        ("The sides held joint military exercises last year.", ["defence"]),
        ("He proposed the creation of a joint scientific panel on the river basin.", ["science"]),
        ("The next summit should move from declarations to a joint investment fund.", ["investment"]),
        ("They agreed to settle bilateral trade in local currencies.", ["trade"]),
        ("The ministers issued a joint communication on the matter.", []),
        ("The ministers held a joint press conference.", []),
        ("They stressed bilateral and regional issues.", []),
        # one noun of the area's own before the noun it qualifies
        ("He praised the rice production projects the specialists carry out.", ["agriculture"]),
        ("They discussed energy efficiency cooperation.", ["energy"]),
        ("He spoke in defence of the projects.", []),
        ("Oil prices hurt the projects.", []),
        # humanitarian work named by what it gives or needs
        ("Ruritania calls for funding for the humanitarian response.", ["humanitarian"]),
        ("The parties must allow unimpeded humanitarian access.", ["humanitarian"]),
        ("These acts violate international humanitarian law.", []),
        # what is fought is an area too
        ("They agreed to step up joint police patrols against irregular migration.", ["migration", "security"]),
        ("They agreed to step up joint patrols against the rebels.", []),
        # a transport or energy project named as such
        ("They reviewed projects including the Northern Connectivity Project and a new airport.", ["transport"]),
        ("They reviewed progress on the Coastal Hydropower Project.", ["energy"]),
        ("They reviewed the Ruritania Mining Project.", []),
    ],
)
def test_joint_bilateral_against_and_named_projects(text, expected, gazetteer):
    assert sectors_of(text, gazetteer) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what is fought, named through a general noun
        ("They agreed to counter the menace of terrorism in all its forms.", ["security"]),
        ("The ministers vowed to fight the scourge of terrorism together.", ["security"]),
        ("He warned of the threat of sanctions.", []),
        # markets opened for an area's products
        ("They discussed the opening of Chinese markets for Kenyan agricultural products.", ["agriculture"]),
        ("They discussed the opening of the new embassy.", []),
        # a sector at the heart of the talks
        ("Energy is at the heart of the agenda.", ["energy"]),
        ("Energy and water were at the forefront of the discussions.", ["energy", "water"]),
        ("Energy is at the heart of the problem.", []),
        ("Trade was at the core of the dispute.", []),
        # power connectivity is energy
        ("They discussed port services, logistics and power connectivity.", ["energy", "transport"]),
        # what a side calls for
        ("He called for the completion of rail links and the expansion of barter trade.", ["trade", "transport"]),
        ("She called for closer cooperation in energy.", ["energy"]),
        ("The ministers called for the release of the hostages.", []),
        ("He called for a ceasefire and the protection of civilians.", []),
        # an em dash joins the names in a project's name as a hyphen does
        (
            "Special attention was paid to the construction of the Kenya \u2014 Uganda \u2014 Rwanda railway.",
            ["infrastructure", "transport"],
        ),
        ("The minister \u2014 a former energy executive \u2014 discussed trade.", ["trade"]),
        # a sector word before "minister" names a person
        ("The opposition called for the resignation of the finance minister.", []),
        ("They discussed the resignation of the finance minister.", []),
        # a complex after "a" is a building, not an area
        ("The attack on a judiciary complex killed five.", []),
        ("A sports complex was opened in the capital.", []),
        ("They discussed the fuel and energy complex.", ["energy"]),
        ("They discussed the agro-industrial complex.", ["agriculture"]),
    ],
)
def test_struggles_markets_heart_of_the_agenda_and_buildings(text, expected, gazetteer):
    assert sectors_of(text, gazetteer) == expected
