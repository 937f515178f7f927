"""Sector constructions written many ways (each family in several house styles), and the traps that
name no area of cooperation. The sentences are this project's own development set for the sector reader."""

from __future__ import annotations

import pytest

from relations.extraction.lexicon import get_lexicon
from relations.extraction.sectors import SectorReader
from relations.extraction.text import Document

# What signed documents, deals and memoranda cover: 'covering', 'on', 'concerning', 'related to', 'in the areas of'.
DOCUMENTS = [
    (
        "The two governments signed four agreements covering farming, health care, schooling and air transport.",
        ["agriculture", "education", "health", "transport"],
    ),
    (
        "A package of memoranda covering energy, tourism and investment was signed after the talks.",
        ["energy", "investment", "tourism"],
    ),
    (
        "Following the negotiations, the sides exchanged documents in the fields of science, education and culture.",
        ["culture", "education", "science"],
    ),
    ("The ministers signed an agreement related to trade and customs procedures.", ["trade"]),
    (
        "Several intergovernmental documents related to water management and agriculture were signed in the presence of the two leaders.",
        ["agriculture", "water"],
    ),
    ("The parties inked memorandums of understanding on health and labour migration.", ["health", "migration"]),
    ("In addition, the delegations signed a protocol on defence and security matters.", ["defence", "security"]),
    (
        "A total of 12 documents were signed, covering trade, energy and agriculture.",
        ["agriculture", "energy", "trade"],
    ),
    (
        "The leaders witnessed the exchange of MoUs in the areas of banking and digital technologies.",
        ["communications", "finance"],
    ),
    (
        "The agreements signed today concern education, tourism, and youth and sports.",
        ["education", "sports", "tourism"],
    ),
    ("The documents cover cooperation in energy and industry.", ["energy", "industry"]),
    (
        "Following the talks, the two presidents witnessed the signing of documents covering trade, agriculture and public health.",
        ["agriculture", "health", "trade"],
    ),
    (
        "Kazinform reports that the package includes agreements covering energy and transit of goods.",
        ["energy", "transport"],
    ),
    (
        "1. The two Ministers signed a Memorandum of Cooperation covering education and culture.",
        ["culture", "education"],
    ),
    ("The sides also signed memorandums of understanding in education and science.", ["education", "science"]),
    (
        "In total, five documents concerning investment protection and banking supervision were signed.",
        ["finance", "investment"],
    ),
    ("The agreements concern the defence industry and machine-building.", ["defence", "industry"]),
    ("The ministers inked documents related to consular matters and legal assistance.", ["justice", "migration"]),
    ("Documents relating to water resources and hydropower were also signed.", ["energy", "water"]),
    ("An agreement on tourism and a memorandum on agriculture were also concluded.", ["agriculture", "tourism"]),
    (
        "The parties signed a number of bilateral documents on cooperation in medicine and science.",
        ["health", "science"],
    ),
    ("Agreements were also reached regarding civil aviation and telecommunications.", ["communications", "transport"]),
    ("Deals worth $2 billion covering oil supplies and trade were announced.", ["energy", "trade"]),
    (
        "The sides signed a number of documents, inter alia on trade, energy and agriculture.",
        ["agriculture", "energy", "trade"],
    ),
    ("Memoranda of understanding covering ICT and education were exchanged.", ["communications", "education"]),
    ("Agreements on avoidance of double taxation and on trade were signed.", ["finance", "trade"]),
    ("The MoUs cover health research and science.", ["health", "science"]),
    ("The parties agreed on a roadmap covering energy and transport co-operation.", ["energy", "transport"]),
    ("The ministers inked a deal on defence co-operation.", ["defence"]),
    (
        "The leaders oversaw the signing of agreements relating to agriculture and trade facilitation.",
        ["agriculture", "trade"],
    ),
]

# Adjective chains before cooperation, ties, relations, partnership, interaction, exchanges, links.
CHAINS = [
    (
        "Economic, trade and investment cooperation remains below its potential, the president said.",
        ["economy", "investment", "trade"],
    ),
    (
        "The leaders praised the trade-economic and cultural-humanitarian ties between the two countries.",
        ["culture", "economy", "humanitarian", "trade"],
    ),
    ("They reaffirmed their commitment to the defence and security partnership.", ["defence", "security"]),
    (
        "The sides noted the positive dynamics of political, economic and energy relations.",
        ["economy", "energy", "political"],
    ),
    ("Scientific, educational and cultural exchanges were also discussed.", ["culture", "education", "science"]),
    (
        "The minister praised the growing industrial and agricultural interaction between the regions.",
        ["agriculture", "industry"],
    ),
    ("Military and military-technical cooperation was also on the table.", ["defence"]),
    (
        '"Our economic, trade and investment partnership has great potential," the Prime Minister stated.',
        ["economy", "investment", "trade"],
    ),
    (
        "The head of state stressed the importance of further deepening economic and transport-logistics interaction.",
        ["economy", "transport"],
    ),
    ("Cultural, humanitarian and scientific ties are developing dynamically.", ["culture", "humanitarian", "science"]),
    ("The defence and security partnership was reviewed in detail.", ["defence", "security"]),
    (
        "The parties noted that trade, industrial and agricultural cooperation is expanding.",
        ["agriculture", "industry", "trade"],
    ),
    ("Political dialogue and trade and energy cooperation were on the agenda.", ["energy", "political", "trade"]),
    ("The sides confirmed their intention to expand trade-economic links.", ["economy", "trade"]),
    ("Educational and cultural exchanges are an important part of our relations.", ["culture", "education"]),
    ("Cultural and tourism co-operation was also discussed.", ["culture", "tourism"]),
    ("Trade, financial and energy co-operation are developing steadily.", ["energy", "finance", "trade"]),
    ("They discussed investment and industrial co-operation.", ["industry", "investment"]),
    ("Trade and economic ties are growing.", ["economy", "trade"]),
]

# 'in the X and Y sectors/spheres/fields/domains/industries', 'the X sector', 'projects / opportunities / potential / joint ventures / interaction in X'.
AREA_NOUNS = [
    ("They agreed to expand joint work in the energy and transport sectors.", ["energy", "transport"]),
    (
        "The delegation expressed interest in the agricultural and health sectors of Ruritania.",
        ["agriculture", "health"],
    ),
    ("Cooperation is developing in the scientific and educational spheres.", ["education", "science"]),
    ("The Minister highlighted opportunities in agriculture and water management.", ["agriculture", "water"]),
    ("The two sides discussed projects in renewable energy.", ["energy"]),
    ("Joint ventures in tourism and manufacturing were presented to the guests.", ["industry", "tourism"]),
    ("They noted the potential in the energy sector.", ["energy"]),
    ("The parties explored interaction in education and the digital domain.", ["communications", "education"]),
    ("The visiting minister proposed to open new opportunities in the agriculture industry.", ["agriculture"]),
    ("Opportunities for investment and banking were presented.", ["finance", "investment"]),
    ("The minister called for joint projects in the energy and mining industries.", ["energy", "industry"]),
    ("Both sides expressed readiness to cooperate in the agrarian and water sectors.", ["agriculture", "water"]),
    ("The delegations discussed partnership in the digital and financial domains.", ["communications", "finance"]),
    ("He noted good results in the health and education fields.", ["education", "health"]),
    ("Interaction in the cultural and humanitarian spheres is also developing.", ["culture", "humanitarian"]),
    (
        "Ruritanian companies are interested in the tourism, energy and agricultural sectors of Freedonia.",
        ["agriculture", "energy", "tourism"],
    ),
    ("Cooperation in the defence sphere was discussed.", ["defence"]),
    (
        "The president invited the delegation to explore the transport and investment areas.",
        ["investment", "transport"],
    ),
    ("The sides noted the great potential of cooperation in the energy sector.", ["energy"]),
    ("The minister spoke of opportunities in tourism.", ["tourism"]),
    ("Joint ventures in agriculture and light industry were discussed.", ["agriculture", "industry"]),
    ("The two countries are implementing projects in healthcare.", ["health"]),
    ("They focused on interaction in transport.", ["transport"]),
    ("Ruritania sees significant potential in agriculture, the ambassador said.", ["agriculture"]),
    ("The sides discussed opportunities for mutual investment.", ["investment"]),
    ("Prospects for joint ventures in energy and industry were also considered.", ["energy", "industry"]),
    ("The parties praised the progress of projects in higher education.", ["education"]),
    (
        "The transport, industrial and agricultural sectors offer great opportunities for joint work.",
        ["agriculture", "industry", "transport"],
    ),
    ("The water and energy sectors were discussed in detail.", ["energy", "water"]),
    ("Projects in mining and oil refining were presented.", ["energy", "industry"]),
    # investing in an area is investment cooperation in it
    ("The PM invited Ruritanian business to invest in Freedonia's mining sector.", ["industry", "investment"]),
    ("Ruritania's mining sector attracted interest from the delegation.", ["industry"]),
]

# Noun compounds of agency English: trade turnover, energy projects, transport corridors, investment climate, humanitarian aid, military-technical, digital transformation, green energy.
COMPOUNDS = [
    ("The leaders noted that trade turnover grew by 20 percent last year.", ["trade"]),
    ("The presidents discussed energy projects, including a new hydropower plant.", ["energy"]),
    ("Special attention was paid to the development of transport corridors.", ["transport"]),
    ("The prime minister invited companies to benefit from the favourable investment climate.", ["investment"]),
    ("Ruritania thanked its partner for the humanitarian aid delivered last winter.", ["humanitarian"]),
    ("The parties noted the importance of military-technical cooperation.", ["defence"]),
    ("The two ministers exchanged views on digital transformation.", ["communications"]),
    ("The sides agreed to join efforts in green energy.", ["energy"]),
    ("The Head of State noted that bilateral trade turnover increased by 15 per cent.", ["trade"]),
    ("Mutual trade turnover amounted to $1.2 billion, the president said.", ["trade"]),
    ("The sides discussed the implementation of joint energy projects.", ["energy"]),
    ("The development of transport corridors linking the two countries was discussed.", ["transport"]),
    ("The Prime Minister spoke about improving the investment climate for foreign companies.", ["investment"]),
    ("The parties discussed the delivery of humanitarian aid to the affected areas.", ["humanitarian"]),
    ("Military-technical cooperation was an important topic of the talks.", ["defence"]),
    ("Both sides agreed to cooperate on digital transformation.", ["communications"]),
    ("The countries agreed to develop green energy.", ["energy"]),
    ("The ministers discussed renewable energy projects.", ["energy"]),
    ("The sides agreed to double trade volume by 2030.", ["trade"]),
    ("He also proposed to expand technology transfer.", ["science"]),
    ("The two leaders set a target of $5 billion in bilateral trade turnover.", ["trade"]),
    ("The implementation of energy projects was discussed.", ["energy"]),
    ("The sides discussed the development of the Middle Corridor and other transport corridors.", ["transport"]),
    ("The ministers discussed military-technical cooperation and joint exercises.", ["defence"]),
    ("Cooperation in digital transformation and e-government was discussed.", ["communications"]),
    ("Ruritania will continue to provide humanitarian assistance, the minister said.", ["humanitarian"]),
    # both terms of a list item count: medical tourism is health and tourism
    ("The president raised medical tourism and health care.", ["health", "tourism"]),
]

# Sectors as the subject of a verb of discussion, often in the sentence after the list: 'Energy and transport were also on the agenda.'
SUBJECTS = [
    ("Energy and transport were also on the agenda.", ["energy", "transport"]),
    ("Water management and agriculture were also discussed.", ["agriculture", "water"]),
    ("Healthcare was among the topics of the meeting.", ["health"]),
    ("Issues of education and science were also considered.", ["education", "science"]),
    ("Trade and energy dominated the discussion.", ["energy", "trade"]),
    ("Tourism was also touched upon.", ["tourism"]),
    ("Also discussed were culture and sport.", ["culture", "sports"]),
    ("Industrial cooperation was also raised.", ["industry"]),
    ("Energy also featured prominently in the talks.", ["energy"]),
    ("They discussed trade.", ["trade"]),
    ("In addition, agriculture and energy were discussed.", ["agriculture", "energy"]),
    ("Healthcare and science also featured in the talks.", ["health", "science"]),
    ("Separately, tourism was raised.", ["tourism"]),
    ("They discussed trade. Energy and transport were also on the agenda.", ["energy", "trade", "transport"]),
    ("The issue of food security was also considered.", ["agriculture"]),
    ("Regional security issues were also addressed.", ["security"]),
]

# The same constructions in ministry, presidential, agency-wire, non-native and numbered-readout wording.
HOUSE_STYLES = [
    (
        "During the meeting, the parties exchanged views on the current state and prospects of bilateral cooperation in trade-economic, investment, transport-logistics and cultural-humanitarian spheres.",
        ["culture", "economy", "humanitarian", "investment", "trade", "transport"],
    ),
    (
        "The sides discussed the state and prospects of further expansion of trade, industrial cooperation and energy.",
        ["energy", "industry", "trade"],
    ),
    (
        "It was noted that there is significant potential for cooperation in agriculture and healthcare.",
        ["agriculture", "health"],
    ),
    ("Special emphasis was placed on the development of ties in science and education.", ["education", "science"]),
    (
        "The interlocutors considered issues of attracting investments into the industrial and agricultural sectors.",
        ["agriculture", "industry", "investment"],
    ),
    (
        "The Minister also touched upon the implementation of joint projects in the transport and energy spheres.",
        ["energy", "transport"],
    ),
    ("The Head of State noted the positive dynamics of trade and economic cooperation.", ["economy", "trade"]),
    (
        "The President emphasised the importance of implementing large-scale projects in energy and transport.",
        ["energy", "transport"],
    ),
    (
        "Kazakhstan is interested in expanding joint ventures in the agro-industrial complex and mechanical engineering.",
        ["agriculture", "industry"],
    ),
    ("Over the past year, bilateral trade turnover increased by 1.5 times.", ["trade"]),
    ("The leaders paid special attention to the rational use of water resources in the region.", ["water"]),
    ("The leaders agreed to deepen ties in defence and energy, officials said.", ["defence", "energy"]),
    ("The two sides agreed to boost trade, which stood at $3 billion last year.", ["trade"]),
    ("They also discussed energy and transport links, according to a statement.", ["energy", "transport"]),
    (
        "The two leaders signed pacts covering trade, health and agriculture, the ministry said.",
        ["agriculture", "health", "trade"],
    ),
    ("Energy was high on the agenda.", ["energy"]),
    (
        "Sides discussed issues of further development of cooperation in spheres of energy, agriculture and transport.",
        ["agriculture", "energy", "transport"],
    ),
    ("It was noted that parties are interested in expanding of interaction in the field of healthcare.", ["health"]),
    (
        "At the meeting were considered the questions of cooperation in tourism and education sphere.",
        ["education", "tourism"],
    ),
    ("The parties stressed necessity to increase the volume of mutual trade.", ["trade"]),
    (
        "Were discussed the issues of development of cooperation in science, education and culture.",
        ["culture", "education", "science"],
    ),
    (
        "2. The two Ministers confirmed to strengthen cooperation in areas such as energy and critical minerals.",
        ["energy", "industry"],  # critical minerals: mining
    ),
    (
        "3. Minister Iwaya stated that Japan will further promote security and defence cooperation with Ruritania.",
        ["defence", "security"],
    ),
    ("4. The two Ministers welcomed the deepening of bilateral economic relations.", ["economy"]),
]

# Wider cues: priority/attention given to, what a partner is active or expert in, investing, helping with,
# studying at, deliveries of, a figure in an area, verbs that speed up or counter.
WIDER_CUES = [
    (
        "Priority was given to the expansion of mining, tourism and the digital economy.",
        ["communications", "industry", "tourism"],
    ),
    ("Particular attention is paid to healthcare and vocational training.", ["education", "health"]),
    ("Attention was also given to fisheries.", ["agriculture"]),
    (
        "Ruritanian firms are active in banking, construction and telecommunications.",
        ["communications", "finance", "infrastructure"],
    ),
    ("The minister pointed to Korean expertise in irrigation and renewable energy.", ["energy", "water"]),
    ("The envoy noted the potential for Ruritanian investment in solar energy.", ["energy", "investment"]),
    ("Freedonia is ready to help with the construction of a hydropower plant.", ["energy", "infrastructure"]),
    ("About 400 Ruritanian students study at Freedonian universities every year.", ["education"]),
    ("The minister thanked Freedonia for supplies of grain, fertilizers and fuel.", ["agriculture", "energy"]),
    ("The ministers set a target of $2 billion in bilateral trade by 2027.", ["trade"]),
    ("Ruritanian companies want to invest in Freedonia's tourism sector.", ["investment", "tourism"]),
    ("The sides agreed to accelerate the construction of the cross-border railway.", ["infrastructure", "transport"]),
    ("They called for efforts to speed up the electricity interconnection project.", ["energy"]),
    ("The ministers pledged joint steps to counter terrorism and extremism.", ["security"]),
    ("The leaders agreed to facilitate trade and tourism.", ["tourism", "trade"]),
    ("Bilateral trade rose 12 percent to $4 billion last year.", ["trade"]),
    ("Trade between Ruritania and Freedonia reached a record $9 billion in 2024.", ["trade"]),
    ("Two-way investment stood at $1.5 billion at the end of June.", ["investment"]),
]

# A sector term behind a possessor, a hyphenated adjective or one unknown modifier, and every term of an item.
MODIFIED_ITEMS = [
    ("They agreed to strengthen Freedonia's food security.", ["agriculture"]),
    ("The sides discussed the Bahamas' energy transition.", ["energy"]),
    ("They agreed to expand high-quality infrastructure investment.", ["infrastructure", "investment"]),
    ("The ministers backed cooperation in semiconductor research.", ["science"]),
    ("They discussed the decades-old question of river water allocation.", ["water"]),
    (
        "They agreed to work together in logistics infrastructure and health.",
        ["health", "infrastructure", "transport"],
    ),
    ("Cooperation in digital government infrastructure was also discussed.", ["communications", "infrastructure"]),
    (
        "The sides discussed the security aspects of the use of information technology.",
        ["communications", "security"],
    ),
    ("Ruritania is interested in cooperation in the tourism industry.", ["tourism"]),  # the kind of tourism
    ("The sides discussed military-political cooperation.", ["defence"]),
    ("Water security was also on the agenda.", ["water"]),
    ("They discussed cooperation in education and the palm oil industry.", ["agriculture", "education"]),
]

# Bulleted and numbered lists under a line that says what they are: each bullet is an item.
BULLETED = [
    (
        "The agreements signed during the visit cover the following areas:\n- youth and sports;\n"
        "- tourism promotion;\n- renewable energy;\n- mutual recognition of higher education degrees.",
        ["education", "energy", "sports", "tourism"],
    ),
    (
        "Following the talks, the two Presidents witnessed the signing of the following agreements:\n"
        "\u2022 Agreement on the avoidance of double taxation;\n"
        "\u2022 Treaty on extradition and transfer of sentenced persons;\n"
        "\u2022 Memorandum of Understanding on the facilitation of visas for business people and students.",
        ["finance", "justice", "migration"],  # the students are whom the visas serve
    ),
    (
        "Documents signed:\n1. Memorandum of Understanding on Cooperation in Agricultural Research\n"
        "2. Programme of Cooperation in Arts and Culture for 2025-2028\n"
        "3. Agreement on Cooperation in the Defence Industry",
        ["agriculture", "culture", "defence", "science"],
    ),
    (
        "The following documents were signed:\n(a) MoU in the field of health;\n(b) MoU on cooperation in "
        "tourism;\n(c) Agreement on air services.",
        ["health", "tourism", "transport"],
    ),
    (
        "The agreements signed include:\n\n- Agreement on Air Services;\n\n- Memorandum of Understanding on Tourism.",
        ["tourism", "transport"],
    ),
    (
        "The two sides agreed to cooperate in:\n1) agriculture;\n2) information technology;\n3) healthcare.",
        ["agriculture", "communications", "health"],
    ),
    (
        "Documents signed during the visit:\n* MoU on cooperation in the field of Youth and Sports\n"
        "* Cultural Exchange Programme for 2024-2027",
        ["culture", "sports"],
    ),
]

# Documents named for their sectors.
TITLES = [
    (
        "The two sides signed a Memorandum of Understanding on Cooperation in Agricultural Research.",
        ["agriculture", "science"],
    ),
    ("A Memorandum of Understanding on Cooperation in the Field of Health was also signed.", ["health"]),
    ("The ministers signed a Programme of Cooperation in Arts and Culture for 2025-2028.", ["culture"]),
    ("The Defense and Economic Cooperation Framework Agreement was signed in Strelsau.", ["defence", "economy"]),
    ("The Defense Cooperation Agreement was extended for ten years.", ["defence"]),
    ("An Agreement on Trade, Investment and Tourism was concluded.", ["investment", "tourism", "trade"]),
    ("Agreements on tourism and higher education were signed.", ["education", "tourism"]),
]

# Working together, partnering, collaborating, support: cues that take the partner before the area.
PARTNERING = [
    (
        "Ruritania is ready to work together with Freedonia in agriculture, energy and mining.",
        ["agriculture", "energy", "industry"],
    ),
    ("Freedonia is keen to partner with Ruritania on renewable energy and healthcare.", ["energy", "health"]),
    ("The two countries will work closely together on counter-terrorism and maritime security.", ["security"]),
    ("The sides agreed to partner on clean energy and critical minerals.", ["energy", "industry"]),
    ("The universities will collaborate in research and innovation.", ["science"]),
    ("The sides agreed to work closely on energy security and the green transition.", ["climate", "energy"]),
    ("The ministers agreed to collaborate on vaccine production and pharmaceuticals.", ["health"]),
    (
        "The Ruritanian side is keen to partner with Freedonian firms on solar power and wind energy.",
        ["energy"],
    ),
    (
        "The minister thanked Ruritania for its support for Freedonia's healthcare system and education sector.",
        ["education", "health"],
    ),
    ("Freedonia welcomed Ruritania's support for its power plant and irrigation projects.", ["energy", "water"]),
    ("The companies are exploring joint projects in agriculture and fisheries.", ["agriculture"]),
    ("Freedonian investors are interested in mining and infrastructure.", ["industry", "infrastructure"]),
]

# Nouns that name an area: power lines, ports, troops, vaccines, credit lines, aid.
AREA_WORDS = [
    (
        "The talks focused on electricity trade, the power interconnection project and irrigation.",
        ["energy", "trade", "water"],
    ),
    (
        "The ministers further discussed the supply of electricity, plans for a power transmission line and "
        "the construction of a dry port.",
        ["energy", "infrastructure", "transport"],
    ),
    ("The sides discussed road links, the port of Gwadar and the railway corridor.", ["transport"]),
    ("The ministers discussed the deployment of troops, naval exercises and military training.", ["defence"]),
    (
        "They discussed joint efforts against terror groups and demining in the border areas.",
        ["humanitarian", "security"],
    ),
    ("The leaders discussed vaccines, medicines and the training of doctors.", ["health"]),
    ("They discussed the avoidance of double taxation and a new credit line.", ["finance"]),
    ("They discussed humanitarian aid and food aid to the region.", ["humanitarian"]),
    ("They discussed geothermal energy and green hydrogen.", ["energy"]),
    ("The two navies will cooperate in maritime security and disaster relief.", ["humanitarian", "security"]),
    ("The ministers also discussed the transfer of sentenced persons and extradition.", ["justice"]),
    ("The ministers discussed the visa regime for students and tourists.", ["migration"]),
    ("The two sides discussed student exchanges, scholarships and tourism.", ["education", "tourism"]),
]

# A sentence's opening topic, coordination, easing, diplomacy, figures that cross a mark.
TOPICS = [
    ("On tourism, the ambassador noted that more visitors were coming.", ["tourism"]),
    ("On trade and investment, the two sides agreed to set up a working group.", ["investment", "trade"]),
    ("As regards energy, the minister said supplies were stable.", ["energy"]),
    ("He asked for support to ease visa requirements for Freedonian business travellers.", ["migration"]),
    ("He said parliamentary diplomacy could play an important role.", ["parliamentary"]),
    ("He said that bilateral trade had crossed $400 million last year.", ["trade"]),
    ("They agreed to step up coordination on migration and on security.", ["migration", "security"]),
    (
        "They had a productive discussion on our development partnership, economic cooperation and maritime security.",
        ["economy", "security"],
    ),
    ("The sides discussed grain supplies and fertilizers.", ["agriculture"]),
    ("The two presidents agreed to speed up the long-delayed ZX-500 electricity transmission project.", ["energy"]),
]

# Institutions, offices, briefings on one side's situation, look-alike words: no sector.
TRAPS = [
    "The sides discussed the ratification of the agreement on social security.",
    "The Minister of Economy and the Trade Representative attended the meeting.",
    "The Chamber of Commerce of Ruritania organised the forum.",
    "The ambassador briefed his counterpart on the economic situation in the region.",
    "The minister informed the guest about the humanitarian situation in Gaza.",
    "They stressed the need to improve the legal framework.",
    "The ambassador noted the energetic work of the embassy.",
    "The communications of the president's office were reviewed.",
    "The Security Council adopted the resolution unanimously.",
    "The president said the country's economy grew by 6 percent.",
    "The sides discussed the economic situation in the region.",
    "The ambassador informed the minister regarding the security situation in the Sahel.",
    "The minister spoke about the humanitarian crisis in the region.",
    "The meeting was attended by the Minister of Energy and the Minister of Agriculture.",
    "Ruritania's economy is expected to grow by 4 percent this year, the minister told reporters.",
    "The president congratulated him on the economic achievements of his country.",
    "The ambassador briefed the minister on the situation in the energy market.",
    "The Minister of Energy and Mining of Ruritania, Juan Perez, also took part.",
    "The meeting took place at the Ministry of Economy and Trade.",
    "The two leaders discussed the humanitarian situation in Gaza and the Red Sea crisis.",
    "The president expressed concern over the humanitarian crisis in Sudan.",
    "Ruritania's economy grew 5 percent in the first quarter, the central bank said.",
    "The sides noted the importance of a solid legal framework.",
    "Security forces were deployed around the palace during the visit.",
    "The President thanked the Trade Representative for his work.",
    "The Chamber of Commerce and Industry hosted a business forum.",
    "He spoke at the Economic Forum in St. Petersburg.",
    "The parliament ratified the treaty on Wednesday.",
    "The talks took place at the Palace of Culture.",
    "The minister visited an oil refinery and a textile factory.",
    "The foreign ministry said it was monitoring the security situation closely.",
    "The sides discussed the situation in the Middle East.",
    "The Minister of Trade, Industry and Tourism attended the talks.",
    "She is a former Minister of Agriculture.",
    # near misses of the wider cues: no area after the cue, a figure of one country, a career
    "Exports of oil rose 10 percent last year, the statistics office said.",
    "The country's trade deficit reached $3 billion.",
    "The president said economic growth reached 5 percent.",
    "The minister has long experience in diplomacy.",
    "The former banker, active in politics for decades, was elected in 2020.",
    "He studied at Oxford before joining the foreign service.",
    "The delegation will help with the preparations for the summit.",
    "Priority was given to the victims of the flood.",
    "A target of $2 billion in loans was set.",
    "The tourism industry suffered during the pandemic.",
    "The ministers agreed to counter disinformation.",
    "Today our cooperation is a model, and the free trade agreement has doubled exports.",
    # near misses of bullets, titles, partnering cues and area nouns
    "The President arrived in Zenda on Monday.\n- The visit is his first since taking office.\n- He will also meet the Speaker.",
    "Key facts:\n* Ruritania has a population of 5 million.\n* Its capital is Strelsau.",
    "The schedule:\n- 10:00 Arrival at the airport\n- 13:00 Visit to the Energy Museum",
    "Participants in the talks:\n- Trade Minister John Smith;\n- Minister of Health Jane Doe.",
    "Highlights of the visit:\n- The two leaders held talks in a warm atmosphere.\n- They agreed to meet again next year.",
    "Under the Agreement, the Minister for Energy will visit Zenda.",
    "The agreement was signed by the Minister of Energy and the Minister for Trade.",
    "The Treaty on Friendship and Cooperation was signed in 1995.",
    "A Memorandum of Understanding between the Ministry of Health of Ruritania and the Ministry of Health of "
    "Freedonia was signed.",
    "He is ready to work together with Freedonia in the spirit of friendship.",
    "Ruritania will partner with Freedonia on the preparations for the summit.",
    "He reiterated his support for Ukraine's sovereignty and territorial integrity.",
    "The minister thanked Freedonia for its support for Ruritania's candidacy to the UN Security Council.",
    "They agreed to work together on the preparations for the summit.",
    "He expressed interest in visiting Ruritania again next year.",
    "The two leaders discussed the road map for the peace talks.",
    "The minister said 1.5 degrees of warming would be disastrous.",
    "The president said the country's electricity grid was damaged by the storm.",
    "The minister arrived at the port of Bandar Abbas on Tuesday.",
    "Troops were deployed along the border last week, the statement said.",
    "The minister, a former doctor, met students at the university.",
    "Visas for the delegation were issued in advance.",
    "On Tuesday, the ministers met in Zenda.",
    "On the other hand, he said the talks were useful.",
    "On the sidelines of the energy forum, the two ministers met.",
    "On behalf of the Ministry of Energy, he thanked the guests.",
    "The ministers agreed to ease tensions along the border.",
    "Ruritania's exports crossed $4 billion.",
    "They agreed to link its work with the Central Asia Regional Economic Cooperation program.",
]


def sectors_of(text: str, gazetteer) -> list[str]:
    hits = SectorReader(Document.parse(text), get_lexicon(gazetteer), set()).read()
    return sorted({h.slug for h in hits})


@pytest.mark.parametrize(
    ("text", "expected"),
    DOCUMENTS
    + CHAINS
    + AREA_NOUNS
    + COMPOUNDS
    + SUBJECTS
    + HOUSE_STYLES
    + WIDER_CUES
    + MODIFIED_ITEMS
    + BULLETED
    + TITLES
    + PARTNERING
    + AREA_WORDS
    + TOPICS,
)
def test_sector_constructions(text, expected, gazetteer):
    assert sectors_of(text, gazetteer) == expected


@pytest.mark.parametrize("text", TRAPS)
def test_sector_traps(text, gazetteer):
    assert sectors_of(text, gazetteer) == []
