"""Stage 7, further meetings: every meeting an article reports besides its principal one (the
contract's `other_meetings`), and the principal meeting cut down to its own sides.

The story's main figure (the anchor: the side the headline puts first, else the one named most) meets
counterparts: "also met the leaders of X, Y and Z", "held separate meetings with A and B", "During his
meeting with C", "accepted credentials from the ambassadors of ...". Each counterpart country makes a
meeting of its own with the anchor (unless the sentence says they met together: a trilateral), and a
sentence that goes on about one of them ("The two leaders also discussed trade") belongs to it: its
sectors are that meeting's, not the principal one's. The same two sides meet again only on another
occasion the text tells apart (a call and then a meeting; an earlier, separately dated ceremony).
Planned, proposed or invited meetings are no meetings (`meetings.not_held`), nor background ones
(meeting.is_background).

The principal meeting is the one the headline names alone, else the first the body reports; its
parties and participants keep only its own sides (no person of another meeting leaks into it), and its
format, place and date come from its own sentences only (another meeting's call is no cue of it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from .meeting import (
    Places,
    context_sentences,
    find_city,
    find_location,
    is_background,
    lede_setting,
    main_clause,
    meeting_date,
    meeting_format,
)
from .people import Mention, Person
from .rules import ModuleTables, Rules
from .text import Document, Sentence
from .types import Fact, MeetingFacts, OtherMeeting, Participant, Span

if TYPE_CHECKING:
    from .extractor import ArticleReading, MeetingReading, Mentioned


NAME_KINDS = frozenset({"name", "official", "alternative"})
SIDE_KINDS = NAME_KINDS | {"demonym"}
PLACE_KINDS = NAME_KINDS | {"capital", "city"}
FIRST_SIDE_WITHIN = 16  # tokens from the encounter word to the first counterpart
SIDE_GAP = 14  # tokens between two counterparts of one list


@dataclass(slots=True)
class Side:
    """One counterpart of an encounter: a country, the people named for it, or the office's title."""

    country: str
    first: int  # token where it is named
    people: list[Person] = field(default_factory=list)
    title: str | None = None  # an unnamed participant's title
    span: Span | None = None
    last: int = -1  # token where its last person is named

    def __post_init__(self) -> None:
        self.last = self.first


@dataclass(slots=True)
class Encounter:
    """A sentence that reports the anchor meeting one or more counterparts."""

    sent: Sentence
    sides: list[Side]
    anchor_people: list[Person]
    joint: bool
    rule: str

    def keys(self, anchor: str) -> list[frozenset[str]]:
        if self.joint and len(self.sides) > 1:
            return [frozenset({anchor, *(s.country for s in self.sides)})]
        return [frozenset({anchor, s.country}) for s in self.sides]


@dataclass(slots=True)
class Found:
    """A meeting found: its parties, the encounters that report it, where it was first named."""

    key: frozenset[str]
    encounters: list[Encounter]
    rule: str
    sentence: int
    separate: bool = False  # the same sides as another meeting, on another occasion


@dataclass(frozen=True, slots=True)
class Meetings:
    """Stage 7's result: the principal meeting's own parties, participants and sectors, and the others."""

    parties: list[Fact]
    participants: list[Participant]
    sectors: list[Fact]
    others: list[OtherMeeting]
    countries: list[Fact]  # parties of further meetings the article names nowhere else ("parties included")
    facts: MeetingFacts | None = None  # the principal meeting's facts read again from its own sentences


@dataclass(frozen=True, slots=True)
class MeetingsInput:
    article: ArticleReading
    lead: Sentence | None
    principal: MeetingReading | None
    mentioned: Mentioned  # the countries, forums and sectors the article names
    published: date | None
    title: str


def other_meetings(given: MeetingsInput) -> Meetings | None:
    """The further meetings and the principal meeting's own facts; None when there is no other meeting
    (then nothing changes)."""
    principal, lead = given.principal, given.lead
    if principal is None or lead is None:
        return None
    r = given.article
    p0 = frozenset(f.value for f in principal.parties)
    by_sentence = _mentions_by_sentence(r.people)
    sentences = [s for s in r.doc.sentences if s.end > r.skip]
    if len(p0) <= 2 and not any(_is_encounter(s) for s in _may_report_another(r, sentences, p0, by_sentence)):
        return None  # the cheap test first: most articles report one meeting
    candidates = [s for s in sentences if _is_encounter(s)]
    anchor = _anchor(r, p0, _subjects(r, candidates, by_sentence))
    if anchor is None:
        return None
    taken = r.body.taken()
    encounters = []
    for sent in candidates:
        enc = _encounter(r, sent, anchor, by_sentence, taken, given.published)
        if enc is not None:
            encounters.append(enc)
    found = _meetings_found(encounters, anchor, p0, principal, lead)
    if not any(f.key != p0 or f.separate for f in found):
        return None
    chosen = _principal(r, found, anchor, p0, lead)
    others = [f for f in found if f is not chosen]
    if not others:
        return None  # one meeting: the principal one, as read
    return _result(given, anchor, chosen, others)


def _is_encounter(sent: Sentence) -> bool:
    t = sent.tables.meetings
    return bool(t.ENCOUNTER_RE.search(sent.text, sent.low) or t.JOINT_ACT_RE.search(sent.text, sent.low))


def _may_report_another(
    r: ArticleReading,
    sentences: list[Sentence],
    p0: frozenset[str],
    by_sentence: dict[int, list[tuple[Mention, Person]]],
) -> list[Sentence]:
    """The sentences that may report another meeting (before any regex runs): they name a person of
    another country (or of none yet), an office or a list next to another country, or a day of their own."""
    t = r.doc.tables.meetings
    elsewhere = {r.doc.sent_of[h.first] for h in r.body.places if h.iso3 not in p0 and h.kind in SIDE_KINDS}
    lower, out = r.doc.lower, []
    for sent in sentences:
        if (
            any(p.country not in p0 for _, p in by_sentence.get(sent.index, ()))
            or t.OWN_DAY_RE.match(sent.text)
            or (
                sent.index in elsewhere
                and any(lower[k] in t.OFFICE_HEADS or lower[k] in t.LIST_HEADS for k in range(sent.first, sent.last))
            )
        ):
            out.append(sent)
    return out


# ------------------------------------------------------------------ the anchor


def _subjects(
    r: ArticleReading, candidates: list[Sentence], by_sentence: dict[int, list[tuple[Mention, Person]]]
) -> dict[int, int]:
    """How many encounter sentences name each person before their encounter word (id -> count)."""
    t = r.doc.tables.meetings
    out: dict[int, int] = {}
    for sent in candidates:
        cue = t.ENCOUNTER_RE.search(sent.text, sent.low)
        if cue is None:
            continue
        at = sent.start + cue.start()
        for p in {id(p): p for m, p in by_sentence.get(sent.index, ()) if r.doc.ends[m.last - 1] <= at}.values():
            out[id(p)] = out.get(id(p), 0) + 1
    return out


def _anchor(r: ArticleReading, p0: frozenset[str], subjects: dict[int, int]) -> str | None:
    """The side the story follows: the country of the person named in the most sentences, counting the
    headline's first person (or, with none, its first country that is no destination: 'left for
    Indonesia') twice more, each encounter they are the subject of twice more and a principal party
    once more."""
    t = r.doc.tables.meetings
    head = sorted(((m.first, p) for p in r.headline_people for m in p.mentions[:1]), key=lambda a: a[0])
    first = head[0][1] if head else None
    headline_country = None
    if first is None:
        words = r.head.doc.lower
        for h in sorted(r.head.places, key=lambda h: h.first):
            if h.iso3 and h.kind in SIDE_KINDS and not (h.first and words[h.first - 1] in t.HEADLINE_PLACE_LINKS):
                headline_country = h.iso3
                break
    best: tuple[int, int, str] | None = None
    for order, (count, p) in enumerate(_named_counts(r)):
        bonus = 2 if (first is not None and first.keys & p.keys) or p.country == headline_country else 0
        score = (count + bonus + 2 * subjects.get(id(p), 0) + (p.country in p0), -order, p.country)  # type: ignore[operator]
        if best is None or score[:2] > best[:2]:
            best = score  # type: ignore[assignment]
    return best[2] if best else None


def _named_counts(r: ArticleReading) -> list[tuple[int, Person]]:
    """Each person with a country and the number of sentences that name them (by any word of the name)."""
    doc = r.doc
    at: dict[str, set[int]] = {}
    keys = {k for p in r.people if p.country for k in p.keys if len(k) > 1}
    words, sent_of = doc.words, doc.sent_of
    for i, w in enumerate(doc.lower):
        if w in keys and words[i][:1].isupper():
            at.setdefault(w, set()).add(sent_of[i])
    out = []
    for p in r.people:
        if p.country:
            sents = {m.sentence for m in p.mentions}.union(*(at.get(k, set()) for k in p.keys))
            out.append((len(sents), p))
    return out


def _most_named(r: ArticleReading, country: str) -> Person | None:
    """The person of a country named in the most sentences."""
    counts = [(n, -k, p) for k, (n, p) in enumerate(_named_counts(r)) if p.country == country]
    return max(counts, key=lambda c: (c[0], c[1]))[2] if counts else None


def _mentions_by_sentence(people: list[Person]) -> dict[int, list[tuple[Mention, Person]]]:
    out: dict[int, list[tuple[Mention, Person]]] = {}
    for p in people:
        for m in p.mentions:
            out.setdefault(m.sentence, []).append((m, p))
    for found in out.values():
        found.sort(key=lambda a: _start(a[0]))
    return out


def _start(m: Mention) -> int:
    return m.title_first if m.title_first is not None and m.title_first < m.first else m.first


# ------------------------------------------------------------------ encounters


def _encounter(
    r: ArticleReading,
    sent: Sentence,
    anchor: str,
    by_sentence: dict[int, list[tuple[Mention, Person]]],
    taken: set[int],
    published: date | None,
) -> Encounter | None:
    """The counterparts an encounter sentence names after its encounter word (people, offices, listed
    countries), when the one who meets them is the anchor (named, or not named at all: 'He also met')."""
    cue_token = _held_encounter(r.doc, sent, published)
    if cue_token is None:
        return None
    people = [(m, p) for m, p in by_sentence.get(sent.index, []) if not _mentioned_only(r.doc, m, sent)]
    roles = [m for m in r.body.roles(sent, taken) if m.country]
    early: dict[str, list[Person]] = {}  # the people named before the encounter word, by country
    sides, anchor_people, subject = _sides(r, sent, anchor, (people, roles), cue_token, early)
    rule = "meetings.encounter"
    listed = _listed(r, sent, cue_token) or _listed_below(r, sent, anchor, by_sentence)
    for country, title, first, span in listed:
        if country != anchor and country not in sides:
            sides[country] = Side(country, first, title=title, span=span)
            rule = "meetings.list_heads"
    if subject and not anchor_people and not _anchor_after(r, sent, anchor, cue_token):
        return None  # someone else met them
    for country in subject:  # "the Saudi envoy presented his credentials to the Emir"
        side = sides.setdefault(country, Side(country, cue_token))
        side.people += early.get(country, [])
    everyone = sorted(sides.values(), key=lambda s: s.first)
    ordered = _in_reach(r.doc, sent, everyone, cue_token)
    if not ordered:
        return None
    joint = _together(r, sent, anchor, ordered)
    later = _later_encounters(r.doc, sent, everyone, ordered)
    if later:  # "met A at the summit, where he also held talks with B": another meeting
        ordered, joint = ordered + later, False
    return Encounter(sent, ordered, anchor_people, joint, rule)


def _together(r: ArticleReading, sent: Sentence, anchor: str, ordered: list[Side]) -> bool:
    """The counterparts of one list met the anchor together: the sentence says so (a trilateral), lists
    the anchor's country among theirs ('the foreign ministers of A, B and C met'), or names two without
    saying the meetings were several."""
    t = sent.tables.meetings
    if t.JOINT_RE.search(sent.text, sent.low) or any(c == anchor for c, *_ in _listed(r, sent, sent.first)):
        return True
    return len(ordered) == 2 and not t.SEVERAL_RE.search(sent.text, sent.low)


def _later_encounters(doc: Document, sent: Sentence, everyone: list[Side], ordered: list[Side]) -> list[Side]:
    """The counterparts a later encounter word of the sentence names, beyond the first one's list."""
    t = doc.tables.meetings
    meeting_t = doc.tables.meeting
    out: list[Side] = []
    end = max(s.first for s in ordered)
    for cue in t.ENCOUNTER_RE.regex.finditer(sent.text):
        at = sent.start + cue.start()
        if at <= doc.starts[end]:
            continue
        between = doc.text[doc.starts[end] : sent.start + cue.end()]
        if t.NOT_HELD_RE.search(between) or meeting_t.FUTURE_RE.search(between, between.lower()):
            break
        cue_token = _token_at(doc, sent, at)
        rest = [s for s in everyone if s.first > cue_token and s not in ordered and s not in out]
        more = _in_reach(doc, sent, rest, cue_token)
        out += more
        if more:
            end = max(s.first for s in more)
    return out


def _held_encounter(doc: Document, sent: Sentence, published: date | None) -> int | None:
    """The token of the sentence's first encounter word, unless the encounter is planned, proposed or
    invited ('is expected to meet') or background."""
    t = doc.tables.meetings
    meeting_t = doc.tables.meeting
    cue = t.ENCOUNTER_RE.search(sent.text, sent.low)
    at = cue.start() if cue else -1
    if cue is None:
        joint = t.JOINT_ACT_RE.search(sent.text, sent.low)  # "A and B highlighted ...": the "and" joins them
        if joint is None:
            return None
        at = joint.start("cue")
    if is_background(sent, published) or t.RECALLED_RE.search(sent.text, sent.low):
        return None
    before = sent.text[: cue.end() if cue else at]
    if t.NOT_HELD_RE.search(before) or meeting_t.FUTURE_RE.search(before, before.lower()):
        return None
    return _token_at(doc, sent, sent.start + at)


def _sides(
    r: ArticleReading,
    sent: Sentence,
    anchor: str,
    named: tuple[list[tuple[Mention, Person]], list[Mention]],
    cue_token: int,
    early: dict[str, list[Person]],
) -> tuple[dict[str, Side], list[Person], list[str]]:
    """The counterparts named after the encounter word, the anchor's people, and the countries of the
    people and offices named before it (the subject)."""
    doc, (people, roles) = r.doc, named
    subject: list[str] = []
    anchor_people: list[Person] = []
    sides: dict[str, Side] = {}
    for m, p in people:
        country = _country_of(r, sent, m, p, anchor)
        if country == anchor:
            if p not in anchor_people:
                anchor_people.append(p)
        elif not country or not (p.title or m.title_first is not None or _country_beside(r, sent, m)):
            continue  # a name with neither title nor country of its own ("Labuan Bajo") is no counterpart
        elif _start(m) < cue_token:
            subject.append(country)
            early.setdefault(country, []).append(p)
        elif country not in sides:
            sides[country] = Side(country, _start(m), [p], span=doc.token_span(m.first, m.last))
        elif _start(m) - sides[country].last <= SIDE_GAP:  # the same side named on ("the Sultan and the Crown Prince")
            sides[country].people.append(p)
            sides[country].last = _start(m)
    _role_sides(doc, roles, anchor, cue_token, sides, subject)
    for country, first, title in _offices(r, sent, cue_token):
        if country != anchor and country not in sides:
            sides[country] = Side(country, first, title=title, span=doc.token_span(first, first + 1))
    return sides, anchor_people, [c for c in dict.fromkeys(subject) if c not in sides]


def _role_sides(
    doc: Document, roles: list[Mention], anchor: str, cue_token: int, sides: dict[str, Side], subject: list[str]
) -> None:
    """Offices named without a person ('the Foreign Minister of Tajikistan'): counterparts after the
    encounter word, the subject before it."""
    for m in roles:
        start = m.title_first if m.title_first is not None else m.first
        if m.country == anchor or m.country is None:
            continue
        if start < cue_token:
            subject.append(m.country)
        elif m.country not in sides:
            span = doc.token_span(start, m.title_last if m.title_last is not None else m.last)
            sides[m.country] = Side(m.country, start, title=m.title, span=span)


def _offices(r: ArticleReading, sent: Sentence, cue_token: int) -> list[tuple[str, int, str]]:
    """'the Ugandan ambassador', 'Ghana's envoy' after the encounter word: a country's office."""
    t = sent.tables.meetings
    lower, out = r.doc.lower, []
    for h in r.body.places:
        if not (cue_token < h.first < sent.last and h.iso3 and h.kind in SIDE_KINDS):
            continue
        k = h.last + 1 if h.kind != "demonym" and h.last < sent.last and lower[h.last] in t.POSSESSIVE else h.last
        if h.kind != "demonym" and k == h.last:
            continue
        for j in range(k, min(k + 3, sent.last)):
            if lower[j] in t.OFFICE_HEADS:
                out.append((h.iso3, h.first, r.doc.words[j].capitalize()))
                break
    return out


def _listed_below(
    r: ArticleReading, sent: Sentence, anchor: str, by_sentence: dict[int, list[tuple[Mention, Person]]]
) -> list[tuple[str, str | None, int, Span]]:
    """A credentials ceremony that lists its envoys one a line below ('1) Ambassador of Argentina A;'):
    every envoy of the lines that go on listing them."""
    t = sent.tables.meetings
    if not t.CREDENTIALS_RE.search(sent.text, sent.low):
        return []
    out: list[tuple[str, str | None, int, Span]] = []
    for nxt in r.doc.sentences[sent.index + 1 : sent.index + 16]:
        envoys = [(m, p) for m, p in by_sentence.get(nxt.index, []) if t.ENVOY_TITLE_RE.search(p.title or "")]
        if not envoys:
            break
        for m, p in envoys:
            country = _country_of(r, nxt, m, p, anchor)
            if country and country != anchor:
                out.append((country, p.title, sent.last - 1, r.doc.token_span(m.first, m.last)))
    return out


def _anchor_after(r: ArticleReading, sent: Sentence, anchor: str, cue_token: int) -> bool:
    return any(h.iso3 == anchor for h in r.body.places if cue_token <= h.first < sent.last)


def _in_reach(doc: Document, sent: Sentence, sides: list[Side], cue_token: int) -> list[Side]:
    """The counterparts of one list starting near the encounter word: not a person the sentence names
    further on for another reason ('... stressing support for the government of President X'), nor
    one of a meeting still to come ('During the meeting, they agreed the next meeting of A and B')."""
    t = doc.tables.meetings
    out: list[Side] = []
    last = cue_token
    for side in sides:
        if side.first - last > (FIRST_SIDE_WITHIN if not out else SIDE_GAP):
            break
        if side.first > cue_token and t.NOT_HELD_RE.search(doc.text[doc.starts[cue_token] : doc.starts[side.first]]):
            break
        if out and any(w in t.LIST_BREAKS for w in doc.lower[last + 1 : side.first]):
            break  # "met A at the summit hosted by the President of B": B is no counterpart
        out.append(side)
        last = side.first
    return out


def _token_at(doc: Document, sent: Sentence, offset: int) -> int:
    for k in range(sent.first, sent.last):
        if doc.ends[k] > offset:
            return k
    return sent.last


def _mentioned_only(doc: Document, m: Mention, sent: Sentence) -> bool:
    """'greetings to President Z', 'on behalf of President Z' (not 'the newly appointed Ambassador Z')."""
    t = doc.tables.meetings
    start = _start(m)
    lo = max(sent.first, start - 6)
    window = doc.lower[lo:start]
    return any(
        w in t.MENTION_ONLY_CUES and not (w == "appointed" and "newly" in doc.lower[max(0, lo + k - 2) : lo + k])
        for k, w in enumerate(window)
    )


def _country_of(r: ArticleReading, sent: Sentence, m: Mention, p: Person, anchor: str) -> str | None:
    """A person's country, as the sentence gives it next to the name: 'A (Djibouti)', 'A of Poland',
    'my counterpart from Timor Leste, A'; else what the reading found; else the one other country the
    sentence names."""
    words, hits = r.doc.lower, r.body.hit_at
    beside = _country_beside(r, sent, m)
    if beside or p.country:
        return beside or p.country
    k = m.last
    while k < min(sent.last, m.last + SIDE_GAP):  # "A, Minister of Foreign Affairs ... of Argentina"
        h = hits.get(k)
        if h is not None and h.iso3 and h.kind in NAME_KINDS and words[k - 1] == "of":
            return h.iso3
        k += 1
    named = {h.iso3 for h in r.body.places if sent.first <= h.first < sent.last and h.kind in SIDE_KINDS}
    named.discard(anchor)
    named.discard(None)
    return named.pop() if len(named) == 1 else None


def _country_beside(r: ArticleReading, sent: Sentence, m: Mention) -> str | None:
    """The country written next to a name: 'A (Djibouti)', 'A of Poland', 'from Timor Leste, A'."""
    t = sent.tables.meetings
    words, hits = r.doc.lower, r.body.hit_at
    k = m.last
    if k + 1 < sent.last and words[k] in t.AFTER_NAME | {"of"}:
        h = hits.get(k + 1)
        if h is not None and h.iso3 and h.kind in NAME_KINDS:
            return h.iso3
    j = _start(m) - 1
    while j > sent.first and words[j] == ",":
        j -= 1
    h = hits.get(j)
    if (
        h is not None
        and h.iso3
        and h.kind in NAME_KINDS
        and h.first > sent.first
        and words[h.first - 1] in t.BEFORE_NAME
    ):
        return h.iso3
    return None


def _listed(r: ArticleReading, sent: Sentence, cue_token: int) -> list[tuple[str, str | None, int, Span]]:
    """'the leaders of Canada, the Netherlands and Japan', 'his counterparts from India and China': the
    countries listed after a plural head, each with the title its unnamed participant takes (and its
    person's name, skipped: 'the Ambassadors of Norway A, Peru B and Vietnam C')."""
    t = sent.tables.meetings
    doc, hits = r.doc, r.body.hit_at
    lower = doc.lower
    out: list[tuple[str, str | None, int, Span]] = []
    names: dict[int, int] | None = None
    for k in range(cue_token, sent.last):
        if lower[k] not in t.LIST_HEADS:
            continue
        if names is None:
            names = {m.first: m.last for p in r.people for m in p.mentions if m.sentence == sent.index}
        if k + 2 >= sent.last or lower[k + 1] not in t.LIST_LINKS:
            out += _demonyms_before(r, sent, k, t.LIST_HEADS[lower[k]] or None)
            continue
        title = t.LIST_HEADS[lower[k]] or None
        out += _demonyms_before(r, sent, k, title)
        j = k + 2
        while j < sent.last:
            h = hits.get(j)
            if h is not None and h.iso3 and h.kind in NAME_KINDS:
                out.append((h.iso3, title, h.first, doc.span(h.start, h.end)))
                j = names.get(h.last, h.last)
            elif lower[j] in t.LIST_JOINERS:
                j += 1
            else:
                break
    return out


def _demonyms_before(
    r: ArticleReading, sent: Sentence, k: int, title: str | None
) -> list[tuple[str, str | None, int, Span]]:
    """'the Brazilian, Swedish and Thai ambassadors': the demonyms joined before a plural head."""
    t = sent.tables.meetings
    hits, lower = r.body.hit_at, r.doc.lower
    out: list[tuple[str, str | None, int, Span]] = []
    j = k - 1
    while j > sent.first:
        h = hits.get(j)
        if h is not None and h.iso3 and h.kind == "demonym":
            out.append((h.iso3, title, h.first, r.doc.span(h.start, h.end)))
            j = h.first - 1
        elif lower[j] in t.LIST_JOINERS:
            j -= 1
        else:
            break
    return out[::-1] if len(out) > 1 else []


# ------------------------------------------------------------------ meetings from encounters


def _meetings_found(
    encounters: list[Encounter], anchor: str, p0: frozenset[str], principal: MeetingReading, lead: Sentence
) -> list[Found]:
    """One meeting per set of sides, in the order of first mention; the same sides again make another
    meeting only on another occasion (a call, then a meeting; an earlier ceremony dated on its own).
    The lead's meeting is known from the start when no encounter word names it ('A and B discussed
    ... by phone')."""
    t = lead.tables.meetings
    found: dict[frozenset[str], Found] = {}
    read = Found(p0, [], "meeting.trigger", lead.index)  # the lead's meeting as read
    seeded = not any(e.sent.index == lead.index for e in encounters)
    if seeded:
        found[p0] = read
    out: list[Found] = []
    seen_names = {p.name for p in principal.participants if p.name}
    for enc in encounters:
        for key in enc.keys(anchor):
            known = found.get(key)
            if known is None:
                rule = enc.rule if len(enc.sides) == 1 or enc.joint else "meetings.several"
                found[key] = Found(key, [enc], rule, enc.sent.index)
                out.append(found[key])
            elif _another_occasion(enc, known, principal.facts.format, seen_names if key == p0 else set()):
                again = Found(key, [enc], "meetings.own_day", enc.sent.index, separate=True)
                found[key] = again
                out.append(again)
            elif enc not in known.encounters:
                known.encounters.append(enc)
    if seeded and (read.encounters or not t.UMBRELLA_RE.search(lead.text, lead.low)):  # not "a series of meetings"
        umbrella = t.UMBRELLA_RE.search(lead.text, lead.low) is not None  # reported first where an encounter names it
        read.sentence = min([*([] if umbrella else [lead.index]), *(e.sent.index for e in read.encounters)])
        out.insert(0, read)
    return out


def _another_occasion(enc: Encounter, known: Found, channel: str, seen_names: set[str]) -> bool:
    """The same sides met again: on a day of its own, someone new, by another channel than the call
    reported (or told in the pluperfect: 'On June 21, the envoy had presented ...')."""
    sent = enc.sent
    t, meeting_t = sent.tables.meetings, sent.tables.meeting
    if not t.OWN_DAY_RE.search(sent.text):
        return False
    seen = {id(p) for e in known.encounters for s in e.sides for p in s.people}
    seen |= {id(p) for e in known.encounters for p in e.anchor_people}
    new = [p for s in enc.sides for p in s.people if id(p) not in seen and p.name not in seen_names]
    new += [p for p in enc.anchor_people if id(p) not in seen and p.name not in seen_names]
    if not new:
        return False
    remote = channel in ("phone_call", "video_call")
    other_channel = (
        remote and bool(t.IN_PERSON_RE.search(sent.text)) and not meeting_t.PHONE_RE.search(sent.text, sent.low)
    )
    return other_channel or bool(t.PLUPERFECT_RE.search(sent.text))


def _principal(r: ArticleReading, found: list[Found], anchor: str, p0: frozenset[str], lead: Sentence) -> Found:
    """The meeting the headline names alone; else the first the body reports (the lead's own meeting
    when the lead reports one that no encounter names, and it is no umbrella over several)."""
    t = lead.tables.meetings
    named = _headline_sides(r, anchor)
    hits = [f for f in found if not f.separate and (f.key - {anchor}) & named]
    if len({f.key for f in hits}) == 1:
        return hits[0]
    exact = next((f for f in found if f.key == p0), None)
    first = min(found, key=lambda f: f.sentence)
    lone = exact is None and anchor in p0 and len(p0) == 2 and lead.index < first.sentence
    if lone and not t.UMBRELLA_RE.search(lead.text, lead.low):
        return Found(p0, [], "meeting.trigger", lead.index)
    return first


def _headline_sides(r: ArticleReading, anchor: str) -> set[str]:
    t = r.doc.tables.meetings
    words = r.head.doc.lower
    out = {p.country for p in r.headline_people if p.country}
    out |= {
        h.iso3
        for h in r.head.places
        if h.iso3 and h.kind in SIDE_KINDS and not (h.first and words[h.first - 1] in t.HEADLINE_PLACE_LINKS)
    }
    out.discard(anchor)
    return out  # type: ignore[return-value]


# ------------------------------------------------------------------ the result


def _result(given: MeetingsInput, anchor: str, chosen: Found, others: list[Found]) -> Meetings:
    """The principal meeting cut down to its own sides (the people-mixing guard: no person of another
    meeting leaks into it), and each further meeting with its facts, people and sectors."""
    r, principal = given.article, given.principal
    assert principal is not None
    doc = r.doc
    elsewhere = {p.name for f in others for e in f.encounters for s in e.sides for p in s.people} - {
        p.name for e in chosen.encounters for s in e.sides for p in s.people
    }
    anchor_person = _anchor_person(r, principal, anchor)
    key = chosen.key
    parties = [f for f in principal.parties if f.value in key]
    for country in sorted(key - {f.value for f in parties}, key=lambda c: c != anchor):
        parties.append(Fact(country, _side_span(chosen, country), chosen.rule))
    pool: dict[str, list[Participant]] = {}
    for p in principal.participants:
        if p.country and p.country != anchor and p.name:
            pool.setdefault(p.country, []).append(p)
    people = (anchor, anchor_person, pool)
    participants = [p for p in principal.participants if p.country in key and p.name not in elsewhere]
    participants = _with_sides(doc, participants, chosen, people)
    owner = _owners(r, chosen, others, anchor)
    sectors, moved = _split_sectors(doc, given.mentioned.sectors, owner, chosen)
    out = []
    for f in sorted(others, key=lambda f: f.sentence):
        sent = f.encounters[0].sent
        evidence = doc.span(sent.start, sent.end)
        own = [Fact(c, _side_span(f, c) or evidence, f.rule) for c in sorted(f.key)]
        facts = _facts(given, f, principal.facts)
        out.append(OtherMeeting(facts, own, _with_sides(doc, [], f, people), moved.get(id(f), []), evidence, f.rule))
    named = {f.value for f in given.mentioned.countries} | {f.value for f in principal.countries}
    unnamed: list[Fact] = []
    for fact in (f for o in out for f in o.parties):
        if fact.value not in named:
            named.add(fact.value)
            unnamed.append(fact)
    return Meetings(parties, participants, sectors, out, unnamed, _principal_facts(given, owner, chosen))


REMOTE = frozenset({"phone_call", "video_call"})


def _principal_facts(given: MeetingsInput, owner: dict[int, list[Found]], chosen: Found) -> MeetingFacts | None:
    """The principal meeting's format, place and date from its own sentences only: a cue the reading took
    from a sentence about another meeting only ('Later that day, A held a telephone conversation with C')
    is read again without that sentence. None when nothing was taken from another meeting."""
    r, lead, facts = given.article, given.lead, given.principal.facts if given.principal else None
    if lead is None or facts is None:
        return None
    doc = r.doc
    foreign = {i for i, own in owner.items() if own and not any(f is chosen for f in own)}
    if lead.index in foreign:
        return None  # the lead reports another meeting than the principal one: its facts are not these

    def elsewhere(span: Span | None) -> bool:
        return span is not None and doc.sent_of_offset(span.start) in foreign

    spans = (facts.format_span, facts.location_span, facts.date_span)
    if not any(elsewhere(s) for s in spans):
        return None
    out = replace(facts)
    own = main_clause(doc, lead)
    context = [own, *(s for s in context_sentences(doc, lead)[1:] if s.index not in foreign)]
    if elsewhere(facts.format_span):
        lede = lede_setting(doc, lead)
        fmt = meeting_format(given.title, own, [*context, lede] if lede else context, r.body.forums + r.head.forums)
        out.format, out.format_rule = fmt.value, fmt.rule or None
        out.format_span = doc.span(fmt.start, fmt.end) if fmt.start is not None and fmt.end is not None else None
    if out.format in REMOTE:
        out.location_country = out.location_city = out.location_span = out.location_rule = None
    elif elsewhere(facts.location_span) or (facts.format in REMOTE and out.location_country is None):
        _read_place(r, own, context, out)
    if elsewhere(facts.date_span) and not _same_day(doc, facts.date_span):  # that meeting's day, not this one's
        out.date, out.date_precision, out.date_span, out.date_rule = None, "unknown", None, None
    return out


def _same_day(doc: Document, span: Span | None) -> bool:
    """The sentence of the span says its meeting was the same day as the one before ('Later that day')."""
    t = doc.tables.meetings
    if span is None:
        return False
    sent = doc.sentences[doc.sent_of_offset(span.start)]
    return t.SAME_DAY_RE.search(sent.text, sent.low) is not None


def _read_place(r: ArticleReading, own: Sentence, context: list[Sentence], out: MeetingFacts) -> None:
    """The principal meeting's place read again from its own sentences (into `out`)."""
    doc = r.doc
    location = find_location(
        doc, r.head.doc, own, context, Places(r.body.hit_at, r.head.hit_at, r.dateline, r.lex.capitals)
    )
    out.location_country = out.location_city = out.location_span = out.location_rule = None
    if location is None:
        return
    out.location_country, out.location_city, out.location_rule = location.iso3, location.city, location.rule
    if location.start is not None and location.end is not None:
        out.location_span = doc.span(location.start, location.end)
    if not location.city:
        city = find_city(doc, location.iso3, r.body.hit_at, set())
        out.location_city = doc.text[city.start : city.end] if city else None


def _anchor_person(r: ArticleReading, principal: MeetingReading, anchor: str) -> Participant | None:
    own = [p for p in principal.participants if p.country == anchor and p.name]
    if own:
        return own[0]
    person = _most_named(r, anchor)
    if person is None:
        return None
    m = person.first_mention
    return Participant(person.name, person.country, person.title, r.doc.token_span(m.first, m.last), "meetings.anchor")


def _side_span(f: Found, country: str) -> Span | None:
    return next((s.span for e in f.encounters for s in e.sides if s.country == country and s.span), None)


People = tuple[str, Participant | None, dict[str, list[Participant]]]  # anchor, its person, others by country


def _with_sides(doc: Document, participants: list[Participant], f: Found, people: People) -> list[Participant]:
    """The meeting's participants: those given, the people its encounters name for its sides, the
    anchor's person, and for a side named by its office or in a list only, the person of that country
    named elsewhere in the story, else an unnamed participant."""
    anchor, anchor_person, pool = people
    out = list(participants)
    names = {p.name for p in out if p.name}
    for enc in f.encounters:
        named = [(p, anchor) for p in enc.anchor_people if anchor in f.key and _first_in(p, enc.sent)]
        named += [(p, s.country) for s in enc.sides if s.country in f.key for p in s.people]
        for p, country in named:
            if p.name not in names:
                names.add(p.name)
                out.append(_participant(doc, p, country, enc.sent, f.rule))
    countries = {p.country for p in out}
    if anchor in f.key and anchor not in countries and anchor_person is not None:
        out.append(anchor_person)
        countries.add(anchor)
    for side in (s for enc in f.encounters for s in enc.sides):
        if side.country not in f.key or side.country in countries:
            continue
        countries.add(side.country)
        later = [p for p in pool.get(side.country, []) if p.name not in names]  # "The envoys are A of X, ..."
        if later:
            out += later
        else:
            title = side.title or (anchor_person.title if anchor_person else None)
            out.append(Participant(None, side.country, title, side.span, f.rule))
    return out


def _first_in(p: Person, sent: Sentence) -> bool:
    return any(m.sentence == sent.index for m in p.mentions)


def _participant(doc: Document, p: Person, country: str, sent: Sentence, rule: str) -> Participant:
    m = next((m for m in p.mentions if m.sentence == sent.index), p.first_mention)
    return Participant(p.name, country, p.title, doc.token_span(m.first, m.last), rule)


def _owners(r: ArticleReading, chosen: Found, others: list[Found], anchor: str) -> dict[int, list[Found]]:
    """Which meetings each sentence is about: an encounter's sentence is its meetings'; a sentence that
    names one meeting's counterpart (a person or the country) is that meeting's; one that goes on
    ('The two leaders also ...') is the previous sentence's. Sentences about no meeting in particular
    stay the principal's."""
    t = r.doc.tables.meetings
    doc = r.doc
    meetings = [chosen, *others]
    by_sent: dict[int, list[Found]] = {}
    for f in meetings:
        for e in f.encounters:
            by_sent.setdefault(e.sent.index, []).append(f)
    countries = _countries_by_sentence(r, anchor)
    sides = {id(f): f.key - {anchor} for f in meetings}
    owner: dict[int, list[Found]] = {}
    previous: list[Found] = []
    section: list[Found] = []  # the meeting a heading opened ("Meeting with President A")
    for sent in doc.sentences[min(f.sentence for f in meetings) :]:
        own = by_sent.get(sent.index)
        if own is not None:
            section = own if len(own) == 1 and t.HEADING_RE.match(sent.text) else []
        else:
            named = countries.get(sent.index, set())
            own = [f for f in meetings if not f.separate and sides[id(f)] and sides[id(f)] <= named]
            own = own or _carried(previous, sent) or section
        owner[sent.index] = own
        previous = own
    return owner


def _countries_by_sentence(r: ArticleReading, anchor: str) -> dict[int, set[str]]:
    """The countries other than the anchor's each sentence names (by a person or by name)."""
    out: dict[int, set[str]] = {}
    for p in r.people:
        if p.country and p.country != anchor:
            for m in p.mentions:
                out.setdefault(m.sentence, set()).add(p.country)
    for h in r.body.places:
        if h.iso3 and h.iso3 != anchor and h.kind in SIDE_KINDS:
            out.setdefault(r.doc.sent_of[h.first], set()).add(h.iso3)
    return out


def _carried(previous: list[Found], sent: Sentence) -> list[Found]:
    """'The two leaders also discussed ...' goes on about the one meeting just reported; 'The main topics
    of the meetings were ...' about all of those just reported."""
    t = sent.tables.meetings
    if len(previous) == 1 and t.CARRY_ON_RE.search(sent.text):
        return previous
    if len(previous) > 1 and t.CARRY_ON_ALL_RE.search(sent.text):
        return previous
    return []


def _split_sectors(
    doc: Document, sectors: list[Fact], owner: dict[int, list[Found]], chosen: Found
) -> tuple[list[Fact], dict[int, list[Fact]]]:
    """The principal meeting keeps the sectors of sentences about it or about no meeting in particular;
    a sentence about other meetings only gives its sectors to them."""
    kept: list[Fact] = []
    moved: dict[int, list[Fact]] = {}
    for fact in sectors:
        own = owner.get(doc.sent_of_offset(fact.span.start), []) if fact.span else []
        if not own or any(f is chosen for f in own):
            kept.append(fact)
        for f in own:
            if f is not chosen:
                moved.setdefault(id(f), []).append(fact)
    return kept, moved


def _facts(given: MeetingsInput, f: Found, principal: MeetingFacts) -> MeetingFacts:
    """A further meeting's format, place and date: from its own sentence; what it does not say is the
    principal meeting's when both are at one event (sidelines, one list, one ceremony)."""
    r = given.article
    t, meeting_t = r.doc.tables.meetings, r.doc.tables.meeting
    sent = f.encounters[0].sent
    fmt = meeting_format("", sent, [sent], [])
    value = fmt.value
    ceremony = t.CREDENTIALS_RE.search(sent.text, sent.low) is not None
    same_event = principal.format == "sidelines" or ceremony
    ceremony = ceremony and principal.format == "reception"  # the principal's ceremony: one ceremony, one day
    if given.lead is not None and sent.index == given.lead.index:
        same_event = True  # named in the principal meeting's own sentence
    if value == "talks" and same_event and not f.separate:
        value = principal.format
    if meeting_t.VIDEO_RE.search(sent.text, sent.low):
        value = "video_call"
    elif meeting_t.PHONE_RE.search(sent.text, sent.low):
        value = "phone_call"
    facts = MeetingFacts(format=value, format_rule=fmt.rule or "meetings.encounter")
    if value not in ("phone_call", "video_call"):
        place = _own_place(r, sent)
        if place is not None:
            facts.location_country, facts.location_city = place
            facts.location_rule = "meetings.own_place"
        elif principal.format not in ("phone_call", "video_call"):
            facts.location_country, facts.location_city = principal.location_country, principal.location_city
            facts.location_rule = principal.location_rule
    _date(given, f, principal, facts, ceremony)
    return facts


def _date(given: MeetingsInput, f: Found, principal: MeetingFacts, facts: MeetingFacts, ceremony: bool) -> None:
    """A further meeting's day (into `facts`): its own sentence's; else the principal meeting's when the
    lead names it too, or it is one more envoy of the principal's credentials ceremony."""
    doc, sent = given.article.doc, f.encounters[0].sent
    t = doc.tables.meetings
    lead = given.lead.index if given.lead is not None else -1
    hit, _ = meeting_date(doc, sent, given.published, given.article.skip)
    if hit is not None and not (sent.start <= hit.start < sent.end or t.SAME_DAY_RE.search(sent.text, sent.low)):
        hit = None  # a day another sentence gives is its meeting's, unless "later that day"
    if hit is not None and hit.value:
        facts.date, facts.date_precision, facts.date_rule = hit.value, "day", "dates.date"
        facts.date_span = doc.span(hit.start, hit.end)
    elif not f.separate and (ceremony or any(e.sent.index == lead for e in f.encounters)):
        facts.date, facts.date_precision, facts.date_rule = (
            principal.date,
            principal.date_precision,
            principal.date_rule,
        )


def _own_place(r: ArticleReading, sent: Sentence) -> tuple[str, str | None] | None:
    """'a working visit to the Republic of Zambia', 'a trip to Brunei where', 'held in Moscow'."""
    words = r.doc.lower
    for h in r.body.places:
        if not (sent.first < h.first < sent.last and h.iso3 and h.kind in PLACE_KINDS):
            continue
        k = h.first - 1 if words[h.first - 1] != "the" or h.first - 1 == sent.first else h.first - 2
        if words[k] in ("in", "to"):
            city = r.doc.text[h.start : h.end] if h.kind in ("capital", "city") else None
            return h.iso3, city
    return None


class MeetingsTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "AFTER_NAME",
        "BEFORE_NAME",
        "CARRY_ON_ALL_RE",
        "CARRY_ON_RE",
        "CREDENTIALS_RE",
        "ENCOUNTER_RE",
        "ENVOY_TITLE_RE",
        "HEADING_RE",
        "HEADLINE_PLACE_LINKS",
        "IN_PERSON_RE",
        "JOINT_ACT_RE",
        "JOINT_RE",
        "LIST_BREAKS",
        "LIST_HEADS",
        "LIST_JOINERS",
        "LIST_LINKS",
        "MENTION_ONLY_CUES",
        "NOT_HELD_RE",
        "OFFICE_HEADS",
        "OWN_DAY_RE",
        "PLUPERFECT_RE",
        "POSSESSIVE",
        "RECALLED_RE",
        "SAME_DAY_RE",
        "SEVERAL_RE",
        "UMBRELLA_RE",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self.ENCOUNTER_RE = R.gate("meetings.encounter")
        self.JOINT_ACT_RE = R.gate("meetings.joint_act")
        self.RECALLED_RE = R.gate("meetings.recalled")
        self.HEADING_RE = R.regex("meetings.heading")
        self.SAME_DAY_RE = R.gate("meeting.same_day")
        self.NOT_HELD_RE = R.regex("meetings.not_held")
        self.JOINT_RE = R.gate("meetings.joint")
        self.SEVERAL_RE = R.gate("meetings.several")
        self.CREDENTIALS_RE = R.gate("extractor.credentials")
        self.ENVOY_TITLE_RE = R.regex("extractor.envoy_title")
        self.LIST_HEADS = R.mapping("meetings.list_heads")
        self.LIST_LINKS = R.words("meetings.list_links")
        self.LIST_JOINERS = R.words("meetings.list_joiners")
        self.CARRY_ON_RE = R.regex("meetings.carry_on")
        self.CARRY_ON_ALL_RE = R.regex("meetings.carry_on_all")
        self.UMBRELLA_RE = R.gate("meetings.umbrella")
        self.OWN_DAY_RE = R.regex("meetings.own_day")
        self.PLUPERFECT_RE = R.regex("meetings.pluperfect")
        self.IN_PERSON_RE = R.regex("meetings.in_person")
        self.AFTER_NAME = R.words("meetings.country_after_name")
        self.BEFORE_NAME = R.words("meetings.country_before_name")
        self.HEADLINE_PLACE_LINKS = R.words("meetings.headline_place_links")
        self.OFFICE_HEADS = R.words("meetings.office_heads")
        self.LIST_BREAKS = R.words("meetings.list_breaks")
        self.POSSESSIVE = R.words("meetings.possessive")
        self.MENTION_ONLY_CUES = R.words("extractor.mention_only_cues")
