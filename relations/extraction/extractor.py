"""The extractor's entry point: one article body in, an Extraction out.

Pipeline: tokens and sentences -> dateline -> places and forums -> people (titles, countries,
back-references) -> the lead sentence -> participants and parties -> format, place, date ->
sectors, forums, countries mentioned, relation level. Every fact keeps its evidence span.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache, partial
from itertools import pairwise

from .dates import DateHit
from .forums import ForumHit, find_forums, redefined_acronyms
from .gazetteer import Gazetteer
from .lexicon import Lexicon, Place, get_lexicon
from .meeting import (
    Cue,
    Location,
    Places,
    Surroundings,
    context_sentences,
    find_city,
    find_lead,
    find_location,
    is_announcement,
    is_background,
    is_opinion,
    is_past,
    lede_setting,
    main_clause,
    meeting_date,
    meeting_format,
    opens_on_document_history,
    opens_without_meeting,
    relation_level,
    summit_venue,
    venue_from_evidence,
)
from .meetings import MeetingsInput, other_meetings
from .participants import (
    TitleReader,
    add_back_references,
    build_people,
    place_as_surname,
    resolve_counterparts,
    share_plural_titles,
    unresolved_fallback,
)
from .people import Mention, PeopleReader, Person
from .places import Dateline, PlaceHit, country_mentions, dateline_date, find_dateline, find_places
from .rules import ModuleTables, Rules, language_code, load_rules
from .sectors import SectorReader
from .text import Document, Sentence, caption_ends, strip_furniture
from .types import Extraction, Fact, MeetingFacts, Participant, Span

EXTRACTOR_VERSION = "1.27.0"  # the commit that sets a version says what changed
VISIT_FORMATS = frozenset({"official_visit", "state_visit", "working_visit", "reception"})


@dataclass(slots=True)
class Reading:
    """One document read once: its places, forums, people, with the tokens each one covers."""

    doc: Document
    places: list[PlaceHit]
    forums: list[ForumHit]
    mentions: list[Mention] = field(default_factory=list)
    place_at: dict[int, tuple[int, int, Place]] = field(default_factory=dict)
    hit_at: dict[int, PlaceHit] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    reader: PeopleReader | None = None
    titles: TitleReader | None = None
    in_forums: list[PlaceHit] = field(default_factory=list)  # places inside forum names ("Doha Forum")
    _taken: set[int] | None = None

    def taken(self) -> set[int]:
        """The tokens of people's names and titles (computed once; callers do not change it)."""
        if self._taken is None:
            self._taken = {t for m in self.mentions for t in _mention_tokens(m)}
        return self._taken

    def roles(self, sent: Sentence, taken: set[int]) -> list[Mention]:
        """Offices named without a person in a sentence, with their country and title read."""
        assert self.reader is not None and self.titles is not None
        roles = self.reader.roles(sent.first, sent.last, sent.index, taken)
        for role in roles:
            self.titles.read(role)
        return [r for r in roles if r.country]


def read_document(
    doc: Document,
    lex: Lexicon,
    skip_before: int = 0,
    redefined: set[str] | None = None,
    known_names: frozenset[str] = frozenset(),
    headline: bool = False,
) -> Reading:
    all_places = find_places(doc, lex)
    # "Commonwealth of Australia" is a country's name, not the Commonwealth forum
    official = [(p.first, p.last) for p in all_places if p.kind in ("name", "official") and p.last - p.first > 1]
    forums = [f for f in find_forums(doc, lex, redefined) if not any(a <= f.first and f.last <= b for a, b in official)]
    forum_tokens = {t for f in forums for t in range(f.first, f.last)}
    head = set(range(bisect_left(doc.starts, skip_before))) if skip_before else set()
    places = [p for p in all_places if p.first not in forum_tokens and p.first not in head]
    r = Reading(doc, places, forums, blocked=forum_tokens | head)
    r.in_forums = [p for p in all_places if p.first in forum_tokens]
    place_at, hit_at = r.place_at, r.hit_at
    for p in places:
        entry = (p.first, p.last, _place(p.iso3, p.kind))
        for t in range(p.first, p.last):
            place_at[t] = entry
            hit_at[t] = p
    reader = PeopleReader(doc, lex, r.place_at, r.blocked, headline=headline, forum_tokens=forum_tokens)
    capitals = lex.classify(doc).capital
    mentions = add_back_references(doc, reader.mentions(), reader.is_name_token, r.place_at, known_names, capitals)
    titles = TitleReader(doc, r.place_at, lex)
    for m in mentions:
        titles.read(m)
    r.mentions, r.reader, r.titles = mentions, reader, titles
    return r


@lru_cache(maxsize=4096)
def _place(iso3: str | None, kind: str) -> Place:
    """One shared Place per country and kind (a frozen dataclass is slow to make, and places are many)."""
    return Place(iso3, kind)


@dataclass(frozen=True, slots=True)
class ArticleReading:
    """Stages 1-2, reading and mentions: the body and the headline read once, the people they name."""

    lex: Lexicon
    doc: Document  # the body, furniture set aside
    body: Reading
    head: Reading
    teasers: Reading | None  # "Also Read: ..." lines: read for the countries and forums they name
    dateline: Dateline | None
    skip: int  # the dateline's end: the story starts there
    people: list[Person]
    headline_people: list[Person]


@dataclass(frozen=True, slots=True)
class Lead:
    """Stage 3: the sentence that reports the meeting, and the people only the headline names."""

    sentence: Sentence | None
    from_headline: list[Person]
    history: bool  # the article opens on a document's history, not a meeting
    earlier: Sentence | None = None  # an earlier report of the meeting the headline's people outvoted


@dataclass(frozen=True, slots=True)
class Mentioned:
    """What the article names, meeting or not: countries, forums, sectors."""

    countries: list[Fact]
    forums: list[Fact]
    sectors: list[Fact]


def extract(
    text: str,
    *,
    title: str,
    published: date | None,
    gazetteer: Gazetteer,
    language: str = "en",
    rules: Rules | None = None,
) -> Extraction:
    """Read one article's body (normalised text) and return what it reports. The article's language
    picks the rules (rules/<language>/) unless the caller passes its own `Rules`; NoRules ("no rules for
    language 'xx'") when there are none, rather than another language's rules applied to it. Every stage
    reads its tables from these rules. The stages, in order, are the lines below; each returns new
    values and changes none of its inputs' facts."""
    rules = rules or load_rules(language_code(language))  # every stage reads its tables from these
    reading = read_article(text, title or "", get_lexicon(gazetteer, rules))  # 1-2: tokens, dateline, mentions
    mentioned = mentioned_facts(reading)  # countries, forums, sectors named anywhere
    lead = find_the_lead(reading, title or "", published)  # 3: the sentence reporting the meeting
    meeting = read_meeting(MeetingInput(reading, lead, published, title or "", mentioned.countries))  # 4-5
    level = level_fact(reading.doc, title or "", meeting, mentioned.countries)  # 6: the stated level
    known = meeting.article if meeting else reading  # the people as stages 4-5 learnt them
    more = other_meetings(MeetingsInput(known, lead.sentence, meeting, mentioned, published, title or ""))  # 7
    return Extraction(
        title=title,
        published=published,
        meeting=more.facts if more and more.facts else meeting.facts if meeting else None,
        parties=more.parties if more else meeting.parties if meeting else [],
        countries_mentioned=mentioned.countries
        + (meeting.countries if meeting else [])
        + (more.countries if more else []),
        participants=more.participants if more else meeting.participants if meeting else [],
        sectors=more.sectors if more else mentioned.sectors,
        forums=mentioned.forums,
        relation_level=level,
        other_meetings=more.others if more else [],
    )


def read_article(text: str, title: str, lex: Lexicon) -> ArticleReading:
    """Tokens, sentences, furniture, dateline; then places, forums and people in the body and headline,
    read with the rules the lexicon was compiled with (lex.rules)."""
    doc, tdoc = Document.parse(text, lex.rules), Document.parse(title, lex.rules)
    # bylines name no one in the story; "Also Read: ..." is another story's headline, read for mentions only
    text, teasers = strip_furniture(doc)
    if text is not doc.text:
        doc = Document.parse(text, lex.rules)
    dateline = find_dateline(doc, lex)
    skip = dateline.end if dateline else 0
    head = read_document(tdoc, lex, redefined=redefined_acronyms(doc, lex), headline=True)
    # a full name in the headline lets a bare surname in the body name the person
    body = read_document(
        doc, lex, skip, known_names=frozenset(k for m in head.mentions if len(m.keys) >= 2 for k in m.keys)
    )
    people = build_people(body.mentions, lex)
    headline_people = build_people(head.mentions, lex)
    _enrich_from_headline(people, headline_people)
    resolve_counterparts(doc, people)
    share_plural_titles(doc, people)
    teaser = read_document(Document.parse(teasers, lex.rules), lex) if teasers is not None else None
    return ArticleReading(lex, doc, body, head, teaser, dateline, skip, people, headline_people)


def mentioned_facts(r: ArticleReading) -> Mentioned:
    countries, forums = _countries(r.body, r.head, r.dateline), _forum_facts(r.body, r.head)
    if r.teasers is not None:
        extra_countries, extra_forums = _teaser_mentions(r.teasers)
        countries, forums = countries + extra_countries, forums + extra_forums
    return Mentioned(countries, forums, _sector_facts(r.body, r.head, r.lex))


def find_the_lead(r: ArticleReading, title: str, published: date | None) -> Lead:
    """The lead sentence, or none when the article reports no meeting (an announcement, an opinion)."""
    doc, people, skip = r.doc, r.people, r.skip
    history = opens_on_document_history(doc, skip)
    background = partial(is_background, ref=published, history=history)
    lead = find_lead(doc, {m.sentence for p in people for m in p.mentions}, skip, published, history)
    lead = _joint_lead(doc, people, skip, lead, background) or lead
    first = lead
    lead = _headline_lead(doc, people, r.headline_people, lead, background) or lead
    earlier = first if first is not None and lead is not None and first.index < lead.index else None
    lead = _past_the_caption(doc, people, lead, published, history) or lead
    if lead is None:
        lead = _lead_without_names(r.body, people, skip, background)
    from_headline: list[Person] = []
    if lead is None and not history:  # "Tokayev, Putin discuss energy by phone" / "The two presidents discussed ..."
        lead, from_headline = _lead_of_headline(r.body, r.head, r.headline_people, skip, background)
    if lead is not None and (is_announcement(lead) or is_opinion(title, doc) or opens_without_meeting(doc, skip)):
        lead = None
    return Lead(lead, from_headline, history, earlier if lead is not None else None)


def _past_the_caption(
    doc: Document, people: list[Person], lead: Sentence | None, published: date | None, history: bool
) -> Sentence | None:
    """A lead in a photo caption ('A meets B at the Palace. (Agency/ @office)'): the story's own first
    report of the meeting after it, when that names people of two countries (else the caption stays)."""
    if lead is None or not doc.text.count(")"):
        return None
    caption = next(((a, b) for a, b in caption_ends(doc.text, doc.rules) if a <= lead.start < b), None)
    if caption is None:
        return None
    later = find_lead(doc, {m.sentence for p in people for m in p.mentions}, caption[1], published, history)
    if later is None or len(_countries_in(people, later.index)) < 2:
        return None
    return later


def level_fact(doc: Document, title: str, meeting: MeetingReading | None, countries: list[Fact]) -> Fact | None:
    """The level the article states for two countries, with or without a meeting (an op-ed or a
    ministry statement can state it too)."""
    two = meeting is not None or len({f.value for f in countries}) >= 2
    level = relation_level(title, doc.text, doc.rules) if two else None
    if not level:
        return None
    return Fact(level.value, _cue_span(doc, level), f"meeting.level_{level.value}")


def _joint_lead(
    doc: Document, people: list[Person], skip: int, lead: Sentence | None, background=lambda sent: False
) -> Sentence | None:
    """'President A and General Secretary B agreed Monday to expand trade': a sentence before the lead
    where people of two countries agree on something reports the meeting by its outcome."""
    t = doc.tables.extractor
    stop = lead.index if lead else len(doc.sentences)
    for sent in doc.sentences[:stop]:
        if sent.end <= skip or is_past(sent) or not t.JOINT_RE.search(sent.text, sent.low):
            continue
        if len(_countries_in(people, sent.index)) >= 2 and not is_announcement(sent) and not background(sent):
            return sent
    return None


def _headline_lead(
    doc: Document,
    people: list[Person],
    headline_people: list[Person],
    lead: Sentence | None,
    background=lambda sent: False,
) -> Sentence | None:
    """'Lavrov, Wang Yi hold talks in Beijing': when a later sentence reporting a meeting names more of
    the people the headline names than the lead does, it reports the story's meeting."""
    meeting_t = doc.tables.meeting
    if lead is None or not headline_people:
        return None
    named = [p for p in people if any(hp.keys & p.keys for hp in headline_people)]
    if not named:
        return None
    count: dict[int, int] = {}
    for p in named:
        for index in {m.sentence for m in p.mentions}:
            count[index] = count.get(index, 0) + 1
    best = count.get(lead.index, 0)
    lead_pair = len(_countries_in(people, lead.index)) >= 2
    for index in sorted(i for i, n in count.items() if i > lead.index and n > best):
        sent = doc.sentences[index]
        if lead_pair and len(_countries_in(people, index)) < 2:
            continue  # the lead reports a meeting of two countries; this sentence reports none
        if (
            meeting_t.TRIGGER_RE.search(sent.text, sent.low)
            and not is_past(sent)
            and not is_announcement(sent)
            and not background(sent)
        ):
            return sent
    return None


def _countries_in(people: list[Person], index: int) -> set[str]:
    return {p.country for p in people if p.country and any(m.sentence == index for m in p.mentions)}


def _mention_tokens(m: Mention) -> range:
    lo = min(m.first, m.title_first if m.title_first is not None else m.first)
    hi = max(m.last, m.title_last if m.title_last is not None else m.last)
    return range(lo, hi)


def _enrich_from_headline(people: list[Person], headline_people: list[Person]) -> None:
    """The headline can tell a body person's country and title, and their longer name ('John Mahama'
    in the headline, 'Mahama' in the body)."""
    for hp in headline_people:
        for p in people:
            if hp.keys <= p.keys or p.keys <= hp.keys:
                p.country = p.country or hp.country
                p.title = p.title or hp.title
                longer = hp.name.split()
                if len(longer) > len(p.name.split()) and hp.name.endswith(" " + p.name) and longer[0].istitle():
                    p.name = hp.name


def _countries(body: Reading, head: Reading, dateline: Dateline | None) -> list[Fact]:
    facts = []
    if dateline and dateline.country and dateline.country.iso3:  # "New York [US]": the dateline names the US
        span = body.doc.span(dateline.country.start, dateline.country.end)
        facts.append(Fact(dateline.country.iso3, span, "places.dateline"))
    # "Montenegro meets Sanchez" over a story on Luis Montenegro: the surname of a person the body names in
    # full is that person in the headline too (where no preposition makes it the country)
    surnames = {m.name.rsplit(None, 1)[-1].lower() for m in body.mentions if len(m.keys) >= 2}
    for r, is_body in ((body, True), (head, False)):
        names = {t for m in r.mentions for t in range(m.first, m.last)}
        if not is_body and surnames:
            names |= {i for i in r.place_at if place_as_surname(r.doc, i, r.place_at, surnames)}
        for h in country_mentions(r.doc, r.places, names | r.blocked):
            facts.append(Fact(h.iso3 or "", r.doc.span(h.start, h.end) if is_body else None, f"gazetteer.{h.kind}"))
    return facts


def _teaser_mentions(teaser: Reading) -> tuple[list[Fact], list[Fact]]:
    """The countries and forums a teaser names are named in the article (and nothing else it says is)."""
    names = {t for m in teaser.mentions for t in range(m.first, m.last)}
    countries = [
        Fact(h.iso3 or "", teaser.doc.span(h.start, h.end), f"gazetteer.{h.kind}")
        for h in country_mentions(teaser.doc, teaser.places, names | teaser.blocked)
    ]
    return countries, [Fact(f.label, teaser.doc.span(f.start, f.end), f.rule) for f in teaser.forums]


def _forum_facts(body: Reading, head: Reading) -> list[Fact]:
    facts = [Fact(f.label, body.doc.span(f.start, f.end), f.rule) for f in body.forums]
    facts += [Fact(f.label, None, f.rule) for f in head.forums]
    return facts


def _sector_facts(body: Reading, head: Reading, lex: Lexicon) -> list[Fact]:
    """The sectors the body states, then those only the headline states ('Ministers talk rice trade,
    tourism'), which have no span in the body (as the headline's parties and forums)."""
    doc = body.doc
    reader = SectorReader(doc, lex, body.blocked | body.taken())
    facts = [Fact(h.slug, doc.span(h.start, h.end), h.rule) for h in reader.read()]
    if head.doc.words:
        stated = {f.value for f in facts}
        for h in SectorReader(head.doc, lex, head.blocked | head.taken(), headline=True).read():
            if h.slug not in stated:
                stated.add(h.slug)
                facts.append(Fact(h.slug, None, h.rule))
    return facts


def _cue_span(doc: Document, cue: Cue | Location) -> Span | None:
    if cue.start is None or cue.end is None:
        return None
    return doc.span(cue.start, cue.end)


def _select_participants(doc: Document, people: list[Person], lead: Sentence, context: list[Sentence]) -> list[Person]:
    participants_t = doc.tables.participants
    chosen: list[Person] = []
    for sent in [lead, *context[1:]]:
        for p in people:
            if p in chosen or not any(m.sentence == sent.index for m in p.mentions):
                continue
            if p.title and participants_t.NOT_PARTICIPANT_TITLES.search(p.title):
                continue
            if _after_according_to(doc, p, sent) or _mentioned_only(doc, p, sent) or _is_spouse(doc, people, p, sent):
                continue
            if _in_a_later_clause(doc, chosen, p, sent):
                continue
            chosen.append(p)
        if len(chosen) >= 2 and len({p.country for p in chosen}) >= 2:
            break
    return chosen


PRONOUN_SUBJECTS = frozenset({"He", "She"})


def _pronoun_subject(doc: Document, people: list[Person], chosen: list[Person], lead: Sentence) -> list[Person]:
    """'Speaker A stressed ... . He was talking to a delegation led by B': a lead that opens on 'He'/'She'
    names the subject of the sentence before, who takes part (for a side no participant stands for)."""
    if lead.index < 1 or doc.words[lead.first] not in PRONOUN_SUBJECTS:
        return []
    before = doc.sentences[lead.index - 1]
    subject = min(
        (p for p in people if any(m.sentence == before.index for m in p.mentions)),
        key=lambda p: next(m.first for m in p.mentions if m.sentence == before.index),
        default=None,
    )
    if subject is None or subject in chosen or subject.country in {p.country for p in chosen}:
        return []
    return [subject]


def _also_took_part(doc: Document, people: list[Person], chosen: list[Person], context: list[Sentence]) -> list[Person]:
    """The people a sentence after the lead says also took part in the meeting (see ALSO_TOOK_PART_RE)."""
    t = doc.tables.extractor
    participants_t = doc.tables.participants
    out: list[Person] = []
    for sent in context[1:]:
        if not t.ALSO_TOOK_PART_RE.search(sent.text, sent.low) or t.NEGATION_RE.search(sent.text):
            continue
        for p in people:
            if p in chosen or p in out or not any(m.sentence == sent.index for m in p.mentions):
                continue
            if (p.title and participants_t.NOT_PARTICIPANT_TITLES.search(p.title)) or _mentioned_only(doc, p, sent):
                continue
            out.append(p)
    return out


def _named_attendees(
    body: Reading, people: list[Person], chosen: list[Person], lead: Sentence, host: str
) -> list[Person]:
    """People a sentence after the lead names as attending the meeting ('A and B attended the meeting on
    the Ruritanian side', 'the meeting, attended by Crown Prince C'), for a side of the meeting: the side
    the sentence names, else their own country, else (no country given) the host's."""
    t = lead.tables.extractor
    meeting_t = lead.tables.meeting
    participants_t = lead.tables.participants
    doc, sides = body.doc, {p.country for p in chosen if p.country}
    if host not in sides:
        return []
    out: list[Person] = []
    for sent in doc.sentences[lead.index + 1 : lead.index + 9]:
        if "attended" not in sent.low and " side" not in sent.low:
            continue  # what both cues need
        found = [(m, before) for regex, before in t.CUES if (m := regex.search(sent.text, sent.low)) is not None]
        if not found or t.NEGATION_RE.search(sent.text) or meeting_t.FUTURE_RE.search(sent.text, sent.low):
            continue
        for m, before in found:
            side = _side_named(body, sent.start + m.start("side")) if m.group("side") else None
            if m.group("side") and side not in sides:
                continue
            at = sent.start + (m.start() if before else m.end())
            for p in people:
                if p in chosen or p in out or (p.title and participants_t.NOT_PARTICIPANT_TITLES.search(p.title)):
                    continue
                here = [pm for pm in p.mentions if pm.sentence == sent.index]
                if not here or not all((doc.starts[pm.first] < at) == before for pm in here):
                    continue
                country = side or (p.country if p.country in sides else host if p.country is None else None)
                if country:
                    p.country = country
                    out.append(p)
    return out


def _side_named(body: Reading, start: int) -> str | None:
    k = bisect_left(body.doc.starts, start)
    hit = body.hit_at.get(k)
    return hit.iso3 if hit is not None else None


def _delegation_members(body: Reading, people: list[Person], chosen: list[Person], lead: Sentence) -> list[Person]:
    """'The Ruritanian delegation also included A and B' (a side of the meeting named right before
    'delegation'): A and B take part for that side."""
    t = lead.tables.extractor
    doc, sides = body.doc, {p.country for p in chosen if p.country}
    out: list[Person] = []
    for sent in doc.sentences[lead.index + 1 : lead.index + 7]:
        m = t.DELEGATION_INCLUDED_RE.search(sent.text, sent.low)
        if m is None or t.NEGATION_RE.search(sent.text):
            continue
        k = bisect_left(doc.starts, sent.start + m.start()) - 1
        hit = body.hit_at.get(k)
        if hit is None or hit.iso3 not in sides:
            continue
        verb_end = sent.start + m.end()
        for p in people:
            after = any(pm.sentence == sent.index and doc.starts[pm.first] >= verb_end for pm in p.mentions)
            if after and p not in chosen and p not in out and p.country in (None, hit.iso3):
                p.country = hit.iso3
                out.append(p)
    return out


def _met_later_in_the_visit(doc: Document, people: list[Person], chosen: list[Person], host: str) -> list[Person]:
    """A visitor among the participants who, later in the visit, is received by or holds talks with
    another official of the host country: that official takes part too."""
    t = doc.tables.extractor
    meeting_t = doc.tables.meeting
    visitors = [p for p in chosen if p.country and p.country != host]
    out: list[Person] = []
    for sent in doc.sentences:
        m = t.LATER_MEETING_RE.search(sent.text, sent.low)
        if m is None or t.NEGATION_RE.search(sent.text) or meeting_t.FUTURE_RE.search(sent.text, sent.low):
            continue
        verb_start, verb_end = sent.start + m.start("verb"), sent.start + m.end("verb")
        if not any(
            doc.ends[pm.last - 1] <= verb_start for p in visitors for pm in p.mentions if pm.sentence == sent.index
        ):
            continue
        after = [
            (pm.first, p)
            for p in people
            for pm in p.mentions
            if pm.sentence == sent.index and doc.starts[pm.first] >= verb_end
        ]
        if not after:
            continue
        _, p = min(after, key=lambda a: a[0])
        if p.country in (host, None) and p not in chosen and p not in out and not _mentioned_only(doc, p, sent):
            p.country = host  # whoever receives the visitor in the host country is the host's
            out.append(p)
    return out


def _met_during_the_visit(
    body: Reading, people: list[Person], chosen: list[Person], lead: Sentence, host: str
) -> list[Person]:
    """The host's officials a visitor also held talks with during the visit, each reported in a sentence
    of its own after the lead: 'talks/a meeting/negotiations (were held) with <the host's official>', or
    '<the host's official> held a meeting with <the visiting side>'. One visit is one meeting."""
    t = lead.tables.extractor
    meeting_t = lead.tables.meeting
    doc = body.doc
    visitors = {p.country for p in chosen if p.country and p.country != host}
    if not visitors or host not in {p.country for p in chosen}:
        return []
    out: list[Person] = []
    for sent in doc.sentences[lead.index + 1 :]:
        if " with " not in sent.low and "received" not in sent.low:
            continue  # what both cues need
        withs = list(t.VISIT_MEETING_WITH_RE.finditer(sent.text, sent.low))
        subject = t.VISIT_HOST_SUBJECT_RE.search(sent.text, sent.low)
        if not withs and subject is None:
            continue
        if t.NEGATION_RE.search(sent.text) or meeting_t.FUTURE_RE.search(sent.text, sent.low) or is_past(sent):
            continue
        named = _named_in(people, sent.index)
        for m in withs:
            k = bisect_left(doc.starts, sent.start + m.end())
            p = next((p for at, p in named if k <= at <= k + 12), None)
            if p is not None and p.country in (host, None) and p not in chosen and p not in out:
                p.country = host
                out.append(p)
        if subject is not None:
            k = bisect_left(doc.starts, sent.start + subject.start())
            before = [p for at, p in named if at < k]
            after = {h.iso3 for i in range(k, sent.last) if (h := body.hit_at.get(i)) is not None}
            after |= {p.country for at, p in named if at >= k}
            p = before[-1] if before else None
            if p is not None and p.country == host and visitors & after and p not in chosen and p not in out:
                out.append(p)
    return out


def _named_in(people: list[Person], index: int) -> list[tuple[int, Person]]:
    """(first token of the title or name, person) of each mention in sentence `index`, in order."""
    return sorted(
        (
            (m.title_first if m.title_first is not None else m.first, p)
            for p in people
            for m in p.mentions
            if m.sentence == index
        ),
        key=lambda x: x[0],
    )


def _inviting_host(
    doc: Document, people: list[Person], chosen: list[Person], lead: Sentence, host: str
) -> list[Person]:
    """'At the invitation of President A, President B paid a state visit to [A's country]': A, named
    again beside a visitor further down ('President A congratulated President B'), hosted the talks."""
    guests = [p for p in chosen if p.country and p.country != host]
    together = {m.sentence for g in guests for m in g.mentions if m.sentence > lead.index}
    out: list[Person] = []
    for p in people:
        m = next((m for m in p.mentions if m.sentence == lead.index), None)
        if p in chosen or p.country != host or m is None or not together & {m.sentence for m in p.mentions}:
            continue
        start = m.title_first if m.title_first is not None else m.first
        if "invitation" in doc.lower[max(lead.first, start - 6) : start]:
            out.append(p)
    return out


def _plural_pairs_in_lead_order(doc: Document, participants: list[Person], lead: Sentence) -> None:
    """'Foreign Ministers A and B' after a lead that names the two sides: A is of the side the lead names
    first, B of the other (the order a report keeps), when neither has a country of their own."""
    participants_t = doc.tables.participants
    order: list[str] = []
    for p in sorted(
        participants, key=lambda p: next((m.first for m in p.mentions if m.sentence == lead.index), 1 << 30)
    ):
        if p.country and p.country not in order and any(m.sentence == lead.index for m in p.mentions):
            order.append(p.country)
    if len(order) != 2:
        return
    for a in participants:
        ma = a.first_mention
        if (
            a.country
            or ma.title_last is None
            or ma.title_last > ma.first
            or doc.words[ma.title_last - 1] not in participants_t.PLURAL_HEADS
        ):
            continue
        if doc.words[ma.last : ma.last + 1] != ["and"]:
            continue
        b = next(
            (
                q
                for q in participants
                if q.first_mention.first == ma.last + 1 and q.first_mention.sentence == ma.sentence
            ),
            None,
        )
        if b is not None and b.country is None and b.first_mention.title_first is None:
            a.country, b.country = order


def _several_envoys(
    body: Reading, people: list[Person], participants: list[Person], own: Sentence, context: list[Sentence]
) -> list[PlaceHit]:
    """A reception of several ambassadors: every envoy listed takes part (added to participants, with
    the country the list gives each); the countries of the ambassadors the lead lists."""
    t = body.doc.tables.extractor
    if t.CREDENTIALS_RE.search(own.text, own.low):
        participants += _envoys_listed(body.doc, people, participants, own)
    envoys = _ambassador_list(body, context)
    if envoys:  # "the Ambassadors of Japan, Kenya and Chile: A, B and C": in that order
        participants += _listed_envoys_named_later(body.doc, people, participants, envoys, own)
        _envoy_countries(body, envoys, participants, context)
    return envoys


def _listed_envoys_named_later(
    doc: Document, people: list[Person], chosen: list[Person], envoys: list[PlaceHit], lead: Sentence
) -> list[Person]:
    """'received the ambassadors of Chile, Slovakia and Nigeria ... Meeting Slovak Ambassador A, ...':
    an ambassador of a listed country, named further down the story, is the one received."""
    t = doc.tables.extractor
    listed = {h.iso3 for h in envoys}
    taken = {p.country for p in chosen}
    out: list[Person] = []
    for p in people:
        if p in chosen or p.country not in listed or p.country in taken or not t.ENVOY_TITLE_RE.search(p.title or ""):
            continue
        m = next((m for m in p.mentions if m.sentence >= lead.index), None)
        if m is None or _mentioned_only(doc, p, doc.sentences[m.sentence]):
            continue
        out.append(p)
        taken.add(p.country)
    return out


def _envoys_listed(doc: Document, people: list[Person], chosen: list[Person], lead: Sentence) -> list[Person]:
    """A credentials ceremony lists its ambassadors, one a line ('1) Ambassador of Argentina A; 2) ...'):
    every envoy named in the lead or the sentences that go on listing them takes part."""
    t = doc.tables.extractor
    out: list[Person] = []
    for sent in doc.sentences[lead.index : lead.index + 16]:
        named = [p for p in people if any(m.sentence == sent.index for m in p.mentions)]
        envoys = [p for p in named if p.title and t.ENVOY_TITLE_RE.search(p.title)]
        if sent.index > lead.index and not envoys:
            break
        out += [p for p in envoys if p not in out and p not in chosen]
    return out


def _mentioned_only(doc: Document, p: Person, sent: Sentence) -> bool:
    """'conveyed greetings to President Z', 'on behalf of President Z', 'at the invitation of President Z',
    'the late President Z': Z did not take part."""
    t = doc.tables.extractor
    m = next(m for m in p.mentions if m.sentence == sent.index)
    start = m.title_first if m.title_first is not None else m.first
    window = doc.lower[max(sent.first, start - 6) : start]
    if "," in window:  # "On the instructions of President Z, Foreign Minister Y met ...": Y took part
        window = window[len(window) - window[::-1].index(",") :]
    # "received the newly appointed Ambassador Z": an appointment that is not the story; "the Cocoa
    # Initiative and President Z": a project's name, not "at the initiative of President Z"
    return any(
        w in t.MENTION_ONLY_CUES
        and not (w == "appointed" and window[k - 1 : k] == ["newly"])
        and not (w == "initiative" and window[k + 1 : k + 2] != ["of"])
        and not (w == "letter" and window[k + 1 : k + 3] == ["of", "credence"])  # presented to Z: Z received
        for k, w in enumerate(window)
    )


def _in_a_later_clause(doc: Document, chosen: list[Person], p: Person, sent: Sentence) -> bool:
    """Once the lead has named two people who meet, a person named after them in a clause
    of its own (after 'since', 'as', 'amid' ...) is background, not a participant."""
    t = doc.tables.extractor
    if len(chosen) < 2:
        return False
    m = next(m for m in p.mentions if m.sentence == sent.index)
    start = m.title_first if m.title_first is not None else m.first
    ends = [qm.last for q in chosen for qm in q.mentions if qm.sentence == sent.index and qm.last <= start]
    if not ends:
        return False
    between = doc.lower[max(ends) : start]
    return any(
        w in t.CLAUSE_OPENERS
        and not (w == "as" and (between[k + 1 : k + 2] == ["well"] or between[k - 1 : k] == ["well"]))
        for k, w in enumerate(between)
    )


def _is_spouse(doc: Document, people: list[Person], p: Person, sent: Sentence) -> bool:
    """'First Lady X', 'accompanied by his wife X', 'X, the spouse of ...', 'King A and Queen B': a
    spouse or a consort accompanies the official and is no participant (a reigning monarch is)."""
    t = doc.tables.extractor
    m = next(m for m in p.mentions if m.sentence == sent.index)
    start = m.title_first if m.title_first is not None else m.first
    lower, words = doc.lower, doc.words
    before = lower[max(sent.first, start - 3) : start]
    if any(w in t.SPOUSE_WORDS for w in before) or before[-2:] == ["first", "lady"]:
        return True
    after = lower[m.last : min(sent.last, m.last + 4)]
    if after[:1] == [","] and any(w in t.SPOUSE_WORDS for w in after[1:]):
        return True
    if m.title_first is None or words[m.title_first] not in t.CONSORT_TITLES or start < 1 or words[start - 1] != "and":
        return False
    return any(  # "King Felipe VI and Queen Letizia"
        "King" in (q.title or "").split()
        and any(qm.sentence == sent.index and qm.last == start - 1 for qm in q.mentions)
        for q in people
        if q is not p
    )


def _after_according_to(doc: Document, p: Person, sent: Sentence) -> bool:
    m = next(m for m in p.mentions if m.sentence == sent.index)
    before = doc.text[max(sent.start, doc.starts[m.first] - 60) : doc.starts[m.first]].lower()
    at = before.rfind("according to")
    # "according to X" names a source; "According to the release, X and Y discussed ...": the clause ended
    return at >= 0 and "," not in before[at:]


@dataclass(frozen=True, slots=True)
class MeetingInput:
    """What stages 4-5 read: the article, its lead, its date and title, the countries it names."""

    article: ArticleReading
    lead: Lead
    published: date | None
    title: str
    countries: list[Fact]  # the countries named anywhere (the most named is a fallback party)

    def with_own_people(self) -> MeetingInput:
        """The same input with copies of the people: stages 4-5 learn a person's country or title from
        the meeting's sentences on their own copies, and hand them on in MeetingReading.article."""
        r = self.article
        copies = {id(p): p.copy() for p in (*r.people, *r.headline_people)}
        article = replace(
            r, people=[copies[id(p)] for p in r.people], headline_people=[copies[id(p)] for p in r.headline_people]
        )
        lead = replace(self.lead, from_headline=[copies.get(id(p), p) for p in self.lead.from_headline])
        return replace(self, article=article, lead=lead)


@dataclass(frozen=True, slots=True)
class Setting:
    """The meeting's own clause, the sentences about it, its format and (so far) its place."""

    own: Sentence
    context: list[Sentence]
    fmt: Cue
    location: Location | None

    @property
    def visit_place(self) -> Location | None:
        return self.location if self.fmt.value in VISIT_FORMATS else None


@dataclass(frozen=True, slots=True)
class Attendance:
    """Stage 4: who met (people and offices named without a person), and the place they imply."""

    participants: list[Person]
    from_headline: list[Person]
    roles: list[Mention]
    location: Location | None


@dataclass(frozen=True, slots=True)
class MeetingReading:
    """Stages 4-5 read together: the meeting's facts, its participants and parties."""

    facts: MeetingFacts
    participants: list[Participant]
    parties: list[Fact]
    countries: list[Fact]  # parties the article names nowhere else ("parties included")
    article: ArticleReading  # the reading with the people as the meeting's sentences told them


def read_meeting(given: MeetingInput) -> MeetingReading | None:
    """The meeting the lead reports, or None (no lead, or fewer than two parties)."""
    lead = given.lead.sentence
    if lead is None:
        return None
    given = given.with_own_people()
    setting = _setting(given, lead)
    who = _attendance(given, lead, setting)
    parties = _meeting_parties(given.article.body, given.article.head, lead, who.participants, who.roles)
    if who.location and setting.fmt.value in VISIT_FORMATS and who.location.iso3 not in parties:
        parties.append(who.location.iso3)
    if len(set(parties)) < 2:
        return None
    return _meeting_reading(given, lead, replace(setting, location=who.location), who, parties)


def _setting(given: MeetingInput, lead: Sentence) -> Setting:
    """'Recalling his state visit to Budapest in 2023, A received B at the Akorda': format, place and
    date are read from the lead's own clause."""
    r = given.article
    doc, body, head = r.doc, r.body, r.head
    own = main_clause(doc, lead)
    context = [own, *context_sentences(doc, lead)[1:]]
    lede = lede_setting(doc, lead)
    fmt = meeting_format(given.title, own, [*context, lede] if lede else context, body.forums + head.forums)
    location = None
    if fmt.value not in ("phone_call", "video_call"):
        location = find_location(
            doc, head.doc, own, context, Places(body.hit_at, head.hit_at, r.dateline, r.lex.capitals)
        )
    return Setting(own, context, fmt, location)


def _attendance(given: MeetingInput, lead: Sentence, setting: Setting) -> Attendance:
    r = given.article
    doc, body, people, fmt, location = r.doc, r.body, r.people, setting.fmt, setting.location
    participants = _select_participants(doc, people, lead, setting.context) or list(given.lead.from_headline)
    if participants:
        participants += _pronoun_subject(doc, people, participants, lead)
        participants += _also_took_part(doc, people, participants, setting.context)
        participants += _delegation_members(r.body, people, participants, lead)
        _plural_pairs_in_lead_order(doc, participants, lead)
    envoys = (
        _several_envoys(body, people, participants, setting.own, setting.context) if fmt.value == "reception" else []
    )
    _names_after_a_country_list(body, participants)
    unresolved_fallback(participants, _candidates(given, lead, setting, participants), doc)
    from_headline = list(given.lead.from_headline)
    if len({p.country for p in participants if p.country}) < 2:
        # "Tokayev receives Turkmen minister" / "The Head of State received ...": the headline names
        # the participant whom the body calls by office only
        extra = _named_in_headline_only(people, r.headline_people, {p.country for p in participants})
        participants, from_headline = participants + extra, from_headline + extra
    roles = _meeting_roles(doc, body, participants, lead, setting.context, setting.visit_place)
    roles += _envoy_roles(doc, envoys, participants, roles)
    roles += _plural_counterparts(r.body, participants, roles, lead)
    if location is None and fmt.value not in ("phone_call", "video_call"):
        location = _weaker_venue(given, lead, setting, participants, roles)
    if location and fmt.value in VISIT_FORMATS - {"reception"}:
        participants += _met_later_in_the_visit(doc, people, participants, location.iso3)
        participants += _inviting_host(doc, people, participants, lead, location.iso3)
        participants += _met_during_the_visit(r.body, people, participants, lead, location.iso3)
    if location:
        participants += _named_attendees(r.body, people, participants, lead, location.iso3)
    return Attendance(participants, from_headline, roles, location)


LIST_GLUE = frozenset({",", "and", "&"})
SIDE_KINDS = frozenset({"name", "official", "alternative", "demonym"})


def _names_after_a_country_list(body: Reading, participants: list[Person]) -> None:
    """'the foreign ministers of Ukraine, Lithuania and Poland - A, B and C': a list of names right after
    a list of as many countries pairs them in order; a participant with no country takes its own."""
    doc = body.doc
    for p in [p for p in participants if p.country is None]:
        for m in p.mentions:
            run = _name_run(doc, participants, m)
            start = run[0].title_first if run[0].title_first is not None else run[0].first
            countries = _country_list_before(body, start)
            if len(countries) != len(run) and "respectively" in doc.lower[run[-1].last : run[-1].last + 2]:
                countries = _sides_named_before(body, m.sentence, start)[: len(run)]
            if len(run) >= 2 and len(countries) == len(run) and len(set(countries)) == len(countries):
                p.country = countries[run.index(m)]
                break


def _name_run(doc: Document, participants: list[Person], m: Mention) -> list[Mention]:
    """The mentions listed with m ('A, B and C'), in order."""
    same = sorted((q for p in participants for q in p.mentions if q.sentence == m.sentence), key=lambda q: q.first)
    run: list[Mention] = []
    for q in same:
        start = q.title_first if q.title_first is not None else q.first
        if run and not (set(doc.words[run[-1].last : start]) <= LIST_GLUE and start > run[-1].last - 1):
            if m in run:
                break
            run = []
        run.append(q)
    return run if m in run else [m]


def _sides_named_before(body: Reading, sentence: int, k: int) -> list[str]:
    """'The Sri Lanka-Pakistan consultations ... co-chaired by A and B respectively': the countries
    the sentence names before token k, in order of first mention."""
    out: list[str] = []
    for i in range(body.doc.sentences[sentence].first, k):
        hit = body.hit_at.get(i)
        if hit is None or hit.first != i or not hit.iso3 or hit.kind not in SIDE_KINDS:
            continue
        if hit.iso3 not in out:
            out.append(hit.iso3)
    return out


def _country_list_before(body: Reading, k: int) -> list[str]:
    """The countries listed right before token k ('of Ukraine, Lithuania and Poland -'), in order."""
    doc, out = body.doc, []
    k -= 1
    while k >= 0 and doc.words[k] in ("\u2013", "\u2014", "-", ":", ","):
        k -= 1
    while k >= 0:
        hit = body.hit_at.get(k)
        if hit is None or hit.kind not in ("name", "official", "alternative") or not hit.iso3:
            break
        out.append(hit.iso3)
        k = hit.first - 1
        if k < 0 or doc.words[k] not in LIST_GLUE:
            break
        while k >= 0 and doc.words[k] in LIST_GLUE:
            k -= 1
    return out[::-1]


def _candidates(given: MeetingInput, lead: Sentence, setting: Setting, participants: list[Person]) -> list[str]:
    """The countries an unresolved participant may represent (the host of a summit last)."""
    r, fmt, location = given.article, setting.fmt, setting.location
    known = {p.country for p in participants if p.country}
    home = r.dateline.iso3 if r.dateline and fmt.value != "sidelines" else None  # a home outlet, not a summit's
    candidates = _party_candidates(given, lead, known, setting.visit_place, home)
    if location and fmt.value == "sidelines" and location.iso3 in candidates:
        candidates.remove(location.iso3)  # the host of a summit is not a party for being named most
        candidates.append(location.iso3)
    return candidates


def _weaker_venue(
    given: MeetingInput, lead: Sentence, setting: Setting, participants: list[Person], roles: list[Mention]
) -> Location | None:
    """Where the meeting was when its own clause names no place: who hosted whom or the event (in the
    lead, the first report of the meeting, a reception's next sentences), else the summit a sentence
    before it convenes."""
    r = given.article
    location = _venue(r, lead, setting, participants, roles)
    earlier = given.lead.earlier
    if location is None and earlier is not None:  # the first report of the meeting says where
        location = _venue(r, earlier, replace(setting, own=earlier), participants, roles)
    for sent in setting.context[1:] if location is None and setting.fmt.value == "reception" else ():
        location = _venue(r, sent, replace(setting, own=sent), participants, roles)  # "a courtesy call with B"
        if location is not None:
            break
    if location is None:  # "X is convening a summit in Y on Sunday. X held talks with A, B and C"
        location = summit_venue(r.doc, lead, r.body.hit_at, _sentences_naming(r, participants, lead), r.skip)
    return location


def _sentences_naming(r: ArticleReading, participants: list[Person], lead: Sentence) -> set[int]:
    """The sentences that name one of the meeting's people: its participants, and a person the lead
    names by a part of the name only ('Chinese President Xi Jinping ... . Xi held talks with A')."""
    doc = r.doc
    words = {doc.lower[k] for k in range(lead.first, lead.last) if doc.words[k][:1].isupper()}
    named = [*participants, *(p for p in r.people if p not in participants and not words.isdisjoint(p.keys))]
    return {m.sentence for p in named for m in p.mentions}


def _venue(
    r: ArticleReading, lead: Sentence, setting: Setting, participants: list[Person], roles: list[Mention]
) -> Location | None:
    """Where the meeting was when no place follows a venue cue: from who hosted whom, or the event."""
    people_in_lead = [_lead_mention(p, lead) for p in participants]
    people_in_lead += [
        (m.title_first, m.title_last, m.country)
        for m in roles
        if m.sentence == lead.index and m.title_first is not None and m.title_last is not None
    ]
    event_places = {**r.body.hit_at, **{h.first: h for h in r.body.in_forums}}
    around = Surroundings(r.dateline, r.body.forums, event_places)
    sides = frozenset(p.country for p in participants if p.country) | {m.country for m in roles if m.country}
    return venue_from_evidence(r.doc, people_in_lead, setting.own, setting.fmt, around, sides)  # type: ignore[arg-type]


def _meeting_reading(
    given: MeetingInput, lead: Sentence, setting: Setting, who: Attendance, parties: list[str]
) -> MeetingReading:
    """Stage 5 and the facts: date, format, place, participants and parties with their evidence."""
    r = given.article
    doc, dateline, location = r.doc, r.dateline, setting.location
    ref = dateline_date(dateline, given.published, doc.rules) or given.published
    date_hit, _ = meeting_date(doc, setting.own, ref, dateline.end if dateline else 0)
    if date_hit is None and given.lead.earlier is not None:  # "He received B on Tuesday. ... B and A discussed"
        date_hit, _ = meeting_date(doc, given.lead.earlier, ref, dateline.end if dateline else 0)
    facts = _meeting_facts(doc, setting.fmt, location, date_hit, r.body, r.head)
    headline = {id(p) for p in who.from_headline}
    participants = [
        Participant(p.name, p.country, p.title, None, "meeting.trigger")
        if id(p) in headline
        else _participant(doc, p, lead)
        for p in who.participants
        if p.country  # no country: no party
    ]
    participants += [Participant(None, m.country, m.title, _role_span(doc, m), "people.role_heads") for m in who.roles]
    in_body = [p for p in who.participants if id(p) not in headline]
    found = _party_facts(doc, in_body, setting.visit_place, lead)
    evidence = [(m.country, _role_span(doc, m)) for m in who.roles] + _pair_subject_facts(r.body, lead)
    found += _more_party_facts(found, evidence, parties)
    named = {f.value for f in given.countries}
    return MeetingReading(facts, participants, found, [f for f in found if f.value not in named], r)


def _more_party_facts(
    found: list[Fact], evidence: Sequence[tuple[str | None, Span | None]], parties: list[str]
) -> list[Fact]:
    """The parties no participant stands for: an office's country, a pair as subject, else the headline."""
    known = {f.value for f in found}
    more = []
    for iso3, span in [*evidence, *((c, None) for c in parties)]:  # None: read in the headline
        if iso3 and iso3 in parties and iso3 not in known:
            more.append(Fact(iso3, span, "people.role_heads" if span else "meeting.trigger"))
            known.add(iso3)
    return more


def _ambassador_list(body: Reading, context: list[Sentence]) -> list[PlaceHit]:
    """The countries of several ambassadors received at once: 'the credentials of the newly appointed
    ambassadors of Brazil, Sweden and Thailand', 'letters of credence from the Ambassadors of X, Y and
    Z', 'the Brazilian, Swedish and Thai ambassadors'."""
    t = body.doc.tables.extractor
    doc = body.doc
    lower, out = doc.lower, []
    for sent in context:
        for k in range(sent.first, sent.last):
            if lower[k] not in t.ENVOY_HEADS:
                continue
            if k + 1 < sent.last and lower[k + 1] in ("of", "from"):
                out += _country_run(body, k + 2, sent.last, 1)
            out += _country_run(body, k - 1, sent.first - 1, -1)
        if out:
            break
    seen: set[str] = set()
    return [h for h in out if h.iso3 and not (h.iso3 in seen or seen.add(h.iso3))]  # type: ignore[func-returns-value]


def _country_run(body: Reading, k: int, stop: int, step: int) -> list[PlaceHit]:
    """Country names (or demonyms, before the noun) joined by commas and 'and', read from k on."""
    t = body.doc.tables.extractor
    lower, hits = body.doc.lower, []
    kinds = ("name", "official", "alternative") if step > 0 else ("demonym",)
    while k != stop:
        hit = body.hit_at.get(k)
        if hit is not None and hit.kind in kinds:
            hits.append(hit)
            k = (hit.last if step > 0 else hit.first - 1) if step > 0 or hit.first > 0 else stop
        elif lower[k] in t.ENVOY_JOINERS:
            k += step
        else:
            break
    return hits if step > 0 else hits[::-1]


def _envoy_countries(
    body: Reading, envoys: list[PlaceHit], participants: list[Person], context: list[Sentence]
) -> None:
    """The ambassadors named after the list ('... Ambassadors of X, Y and Z: A, B and C', 'The
    ambassadors are A of X, B of Y ...') represent its countries: the one written after the name,
    else the list's in order."""
    indexes = {s.index for s in context}
    after = min(h.first for h in envoys)
    listed = [h.iso3 for h in envoys]
    named = [(p, m) for p in participants for m in p.mentions[:1] if m.sentence in indexes and m.first > after]
    for p, m in named:  # "Ambassador A of Brazil and Ambassador B of Indonesia": the country after the name
        hit = body.hit_at.get(m.last + 1) if body.doc.lower[m.last : m.last + 1] == ["of"] else None
        if hit and hit.iso3 in listed:
            p.country = hit.iso3
    left = [c for c in listed if c not in {p.country for p in participants}]
    for p, _ in named:
        if p.country is None and left:
            p.country = left.pop(0)


def _envoy_roles(
    doc: Document, envoys: list[PlaceHit], participants: list[Person], roles: list[Mention]
) -> list[Mention]:
    """Each listed ambassador takes part: a named one keeps the title Ambassador, an unnamed one is
    the office of their country."""
    countries = {p.country for p in participants} | {r.country for r in roles}
    for p in participants:
        if p.title is None and any(h.iso3 == p.country for h in envoys):
            p.title = "Ambassador"
    return [
        Mention(
            h.first,
            h.first,
            "",
            sentence=doc.sent_of[h.first],
            title="Ambassador",
            title_first=h.first,
            title_last=h.last,
            country=h.iso3,
        )
        for h in envoys
        if h.iso3 not in countries
    ]


def _named_in_headline_only(
    people: list[Person], headline_people: list[Person] | None, countries: set[str | None]
) -> list[Person]:
    """Headline people of another country whom the body never names (not even as mentioned only)."""
    out = []
    for hp in headline_people or ():
        if hp.country and hp.country not in countries and not any(hp.keys & p.keys for p in people):
            out.append(hp)
            countries.add(hp.country)
    return out


def _meeting_parties(
    body: Reading,
    head: Reading,
    lead: Sentence,
    participants: list[Person],
    roles: list[Mention],
) -> list[str]:
    """The parties the people (named or by office) represent; else the two countries the lead pairs
    ('Georgia and Armenia held ...'); else the countries the headline names."""
    parties = [p.country for p in participants if p.country] + [r.country for r in roles if r.country]
    if len(set(parties)) < 2:
        parties += _pair_subject(body, lead)
    if len(set(parties)) < 2:
        parties += _headline_countries(head)
    return parties  # type: ignore[return-value]


def _meeting_roles(
    doc: Document,
    body: Reading,
    participants: list[Person],
    lead: Sentence,
    context: list[Sentence],
    visit_place: Location | None,
) -> list[Mention]:
    """Offices that took part without being named ('The President of Uzbekistan received X'), for
    the countries no named participant represents. Only when the named people do not already make
    the meeting (so a third country's office elsewhere in the lead is not taken)."""
    countries = {p.country for p in participants if p.country}
    if len(countries) >= 2 and (visit_place is None or visit_place.iso3 in countries):
        return []
    taken = body.taken()
    subject_title = next((p.title for p in participants if p.title), None)
    out: list[Mention] = []
    for sent in [lead, *context[1:]]:
        for role in body.roles(sent, taken):
            if role.country in countries or _role_mentioned_only(doc, role, sent):
                continue
            if role.counterpart:
                role.title = subject_title or "counterpart"  # an unnamed participant keeps a title
            subject_title = subject_title or role.title
            out.append(role)
            countries.add(role.country)  # type: ignore[arg-type]
        if len(countries) >= 2 and (visit_place is None or visit_place.iso3 in countries):
            break
    return out


def _role_mentioned_only(doc: Document, role: Mention, sent: Sentence) -> bool:
    t = doc.tables.extractor
    start = role.title_first if role.title_first is not None else role.first
    window = doc.lower[max(sent.first, start - 6) : start]
    return any(w in t.MENTION_ONLY_CUES or w == "invitation" for w in window)


def _plural_counterparts(
    body: Reading, participants: list[Person], roles: list[Mention], lead: Sentence
) -> list[Mention]:
    """'Foreign Minister A and Defence Minister B met with their Bolivian counterparts': an unnamed
    counterpart of that side for each named official before the phrase, with the same title."""
    t = lead.tables.extractor
    m = t.PLURAL_COUNTERPARTS_RE.search(lead.text, lead.low)
    if m is None:
        return []
    doc = body.doc
    k = bisect_left(doc.starts, lead.start + m.start("side"))
    hit = body.hit_at.get(k)
    side = hit.iso3 if hit is not None else None
    if side is None or side in {p.country for p in participants} | {r.country for r in roles}:
        return []
    at = lead.start + m.start()
    out = []
    for p in participants:
        pm = next((pm for pm in p.mentions if pm.sentence == lead.index and doc.starts[pm.first] < at), None)
        if pm is None or not p.title or p.country == side or pm.title_first is None or pm.title_last is None:
            continue
        out.append(Mention(pm.first, pm.last, "", p.title, pm.title_first, pm.title_last, side, True, lead.index))
    return out


def _role_span(doc: Document, role: Mention) -> Span:
    return doc.token_span(role.title_first, role.title_last)  # type: ignore[arg-type]


def _lead_without_names(
    body: Reading, people: list[Person], skip: int, background=lambda sent: False
) -> Sentence | None:
    """A meeting reported with offices only ('Uzbekistan's Foreign Minister met the Ambassador of
    Japan') or by its two countries ('Georgia and Armenia held political consultations in ...')."""
    t = body.doc.tables.extractor
    meeting_t = body.doc.tables.meeting
    doc = body.doc
    taken: set[int] | None = None
    for sent in doc.sentences:
        if (
            sent.end <= skip
            or not meeting_t.TRIGGER_RE.search(sent.text, sent.low)
            or is_past(sent)
            or background(sent)
        ):
            continue
        if (
            len(_pair_subject(body, sent)) == 2
            and meeting_t.MEETING_NOUN_RE.search(sent.text, sent.low)
            and t.HELD_RE.search(sent.text)
        ):
            return sent  # "Georgia and Armenia held consultations", not "... continue negotiations"
        taken = body.taken() if taken is None else taken
        named = {p.country for p in people for m in p.mentions if m.sentence == sent.index and p.country}
        if len(named | {r.country for r in body.roles(sent, taken)}) >= 2:
            return sent
    return None


def _lead_of_headline(
    body: Reading, head: Reading, headline_people: list[Person], skip: int, background=lambda sent: False
) -> tuple[Sentence | None, list[Person]]:
    """A meeting the headline reports ('Tokayev, Putin discuss energy by phone') when the body names
    nobody ('The two presidents discussed ...'): the first body sentence that reports a meeting is the
    lead, the headline's people are the participants, its countries the parties."""
    t = body.doc.tables.extractor
    meeting_t = body.doc.tables.meeting
    title = head.doc.text
    if not t.HEADLINE_MEETING_RE.search(title) or t.HEADLINE_FUTURE_RE.search(title):
        return None, []
    countries = {p.country for p in headline_people if p.country} | set(_headline_countries(head))
    if len(countries) < 2:
        return None, []
    for sent in body.doc.sentences:
        if (
            sent.end > skip
            and meeting_t.TRIGGER_RE.search(sent.text, sent.low)
            and not is_past(sent)
            and not background(sent)
        ):
            return sent, [p for p in headline_people if p.country]
    return None, []


def _headline_countries(head: Reading) -> list[str]:
    out: list[str] = []
    for h in country_mentions(head.doc, head.places, {t for m in head.mentions for t in range(m.first, m.last)}):
        if h.iso3 and h.iso3 not in out:
            out.append(h.iso3)
    return out


def _pair_subject_facts(body: Reading, sent: Sentence) -> list[tuple[str, Span]]:
    """'Georgia and Armenia held ...', 'consultations between Georgia and Armenia': the two countries
    coordinated at the start of the sentence or after 'between'."""
    doc, words = body.doc, body.doc.words
    hits = [
        h for h in body.places if sent.first <= h.first < sent.last and h.kind in ("name", "official", "alternative")
    ]
    for a, b in pairwise(hits):
        if b.first - a.last != 1 or words[a.last] != "and" or a.iso3 == b.iso3:
            continue
        before = [w for w in doc.lower[sent.first : a.first] if w not in ("the", "of", "foreign", "ministries")]
        if not before or before[-1] in doc.tables.text.BETWEEN_WORDS or (a.first == sent.first):
            return [(a.iso3, doc.span(a.start, a.end)), (b.iso3, doc.span(b.start, b.end))]  # type: ignore[list-item]
    return []


def _pair_subject(body: Reading, sent: Sentence) -> list[str]:
    return [iso3 for iso3, _ in _pair_subject_facts(body, sent)]


def _lead_mention(p: Person, lead: Sentence) -> tuple[int, int, str | None] | None:
    """The token range and country of a participant's mention in the lead."""
    m = next((m for m in p.mentions if m.sentence == lead.index), None)
    return (m.first, m.last, p.country) if m else None


def _paired_with(body: Reading, known: set[str]) -> list[str]:
    """Countries named in a pair with a known party: 'between Palau and New Zealand', 'Kenya-Japan'."""
    words, out = body.doc.words, []
    hits = [h for h in body.places if h.iso3 and h.kind in ("name", "official", "alternative", "demonym")]
    for a, b in pairwise(hits):
        if b.first - a.last != 1 or words[a.last] not in ("and", "-", "\u2013", "&"):
            continue
        if a.iso3 in known and b.iso3 not in known:
            out.append(b.iso3)
        elif b.iso3 in known and a.iso3 not in known:
            out.append(a.iso3)
    return [c for c, _ in Counter(out).most_common() if c]


def _party_candidates(
    given: MeetingInput, lead: Sentence, known: set[str], location: Location | None, home: str | None
) -> list[str]:
    """Countries an unresolved participant may represent, best first: the visited country, the
    headline's, a demonym in the lead, one paired with a known party, the dateline's (the outlet
    reports from home), then the most named."""
    head, body = given.article.head, given.article.body
    out: list[str] = []
    if location:
        out.append(location.iso3)
    out += [h.iso3 for h in head.places if h.iso3 and h.kind in ("name", "official", "alternative", "demonym")]
    titles = [  # "former Italian President X": the demonym is X's, who is someone else
        (m.title_first, m.title_last) for m in body.mentions if m.sentence == lead.index and m.title_first is not None
    ]
    out += [
        h.iso3
        for h in body.places
        if h.iso3
        and h.first >= lead.first
        and h.last <= lead.last
        and h.kind == "demonym"
        and not any(a <= h.first < b for a, b in titles)  # type: ignore[operator]
    ]
    out += _paired_with(body, known)
    if home:
        out.append(home)
    counts = Counter(f.value for f in given.countries if f.span is not None)
    out += [c for c, _ in counts.most_common()]
    seen: list[str] = []
    for c in out:
        if c not in seen:
            seen.append(c)
    return seen


def _meeting_facts(
    doc: Document, fmt: Cue, location: Location | None, date_hit: DateHit | None, body: Reading, head: Reading
) -> MeetingFacts:
    facts = MeetingFacts(format=fmt.value, format_span=_cue_span(doc, fmt), format_rule=fmt.rule or None)
    if date_hit and date_hit.value:
        facts.date = date_hit.value
        facts.date_precision = "day"
        facts.date_span = doc.span(date_hit.start, date_hit.end)
        facts.date_rule = "dates.date"
    if location:
        facts.location_country = location.iso3
        facts.location_city = location.city
        facts.location_span = _cue_span(doc, location)
        facts.location_rule = location.rule
        if not location.city:
            facts.location_city = _city_of(doc, location.iso3, body, head)
    return facts


def _city_of(doc: Document, iso3: str, body: Reading, head: Reading) -> str | None:
    """The meeting's city when the place cue named only the country (or an institution)."""
    for h in head.places:
        if h.iso3 == iso3 and h.kind in ("capital", "city"):
            return head.doc.text[h.start : h.end]
    city = find_city(doc, iso3, body.hit_at, set())
    return doc.text[city.start : city.end] if city else None


def _participant(doc: Document, p: Person, lead: Sentence) -> Participant:
    m = next((m for m in p.mentions if m.sentence == lead.index), p.first_mention)
    return Participant(p.name, p.country, p.title, doc.token_span(m.first, m.last), "meeting.trigger")


def _party_facts(doc: Document, participants: list[Person], location: Location | None, lead: Sentence) -> list[Fact]:
    facts = []
    for p in participants:
        if p.country:
            m = next((m for m in p.mentions if m.sentence == lead.index), p.first_mention)
            facts.append(Fact(p.country, doc.token_span(m.first, m.last), "meeting.trigger"))
    if location and location.iso3 not in {f.value for f in facts}:
        facts.append(Fact(location.iso3, _cue_span(doc, location), location.rule))
    return facts


class ExtractorTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "ALSO_TOOK_PART_RE",
        "ATTENDED_AFTER_RE",
        "ATTENDED_BEFORE_RE",
        "CLAUSE_OPENERS",
        "CONSORT_TITLES",
        "CREDENTIALS_RE",
        "CUES",
        "DELEGATION_INCLUDED_RE",
        "ENVOY_HEADS",
        "ENVOY_JOINERS",
        "ENVOY_TITLE_RE",
        "HEADLINE_FUTURE_RE",
        "HEADLINE_MEETING_RE",
        "HELD_RE",
        "JOINT_RE",
        "LATER_MEETING_RE",
        "MENTION_ONLY_CUES",
        "NEGATION_RE",
        "PLURAL_COUNTERPARTS_RE",
        "SPOUSE_WORDS",
        "VISIT_HOST_SUBJECT_RE",
        "VISIT_MEETING_WITH_RE",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self.HELD_RE = R.regex("extractor.held")
        self.JOINT_RE = R.gate("extractor.joint")
        self.ALSO_TOOK_PART_RE = R.gate("extractor.also_took_part")
        self.NEGATION_RE = R.regex("extractor.negation")
        self.ATTENDED_BEFORE_RE = R.gate("extractor.attended_before")
        self.ATTENDED_AFTER_RE = R.gate("extractor.attended_after")
        self.CUES = ((self.ATTENDED_BEFORE_RE, True), (self.ATTENDED_AFTER_RE, False))
        self.DELEGATION_INCLUDED_RE = R.gate("extractor.delegation_included")
        self.LATER_MEETING_RE = R.gate("extractor.later_meeting")
        self.VISIT_MEETING_WITH_RE = R.gate("extractor.visit_meeting_with")
        self.VISIT_HOST_SUBJECT_RE = R.gate("extractor.visit_host_subject")
        self.CREDENTIALS_RE = R.gate("extractor.credentials")
        self.ENVOY_TITLE_RE = R.regex("extractor.envoy_title")
        self.MENTION_ONLY_CUES = R.words("extractor.mention_only_cues")
        self.CLAUSE_OPENERS = R.words("extractor.clause_openers")
        self.SPOUSE_WORDS = R.words("extractor.spouse_words")
        self.CONSORT_TITLES = R.words("extractor.consort_titles")
        self.ENVOY_HEADS = R.words("extractor.envoy_heads")
        self.ENVOY_JOINERS = R.words("extractor.envoy_joiners")
        self.PLURAL_COUNTERPARTS_RE = R.gate("extractor.plural_counterparts")
        self.HEADLINE_MEETING_RE = R.regex("extractor.headline_meeting")
        self.HEADLINE_FUTURE_RE = R.regex("extractor.headline_future")
