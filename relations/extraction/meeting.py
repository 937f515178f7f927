"""Meeting-level facts: which sentence reports the meeting, its format, place, date, and the
level of relations the article states.

The *lead* is the first sentence with a meeting verb or noun and a named person; the format,
place and date are read from the headline, the lead and the few sentences after it (never
from sentences about an earlier visit), so a dateline or a past visit does not leak in.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import DateHit, find_dates, may_name_a_date
from .forums import ForumHit
from .places import Dateline, PlaceHit
from .rules import ModuleTables, Rules
from .text import Document, Gate, Sentence, default_rules

# The levels of relations an article can state, strongest first (the first that matches wins).
LEVELS = ("allied", "comprehensive_strategic_partnership", "strategic_partnership", "friendly")
LOCATION_KINDS = frozenset({"name", "official", "alternative", "capital", "city", "institution"})


@dataclass(slots=True)
class Cue:
    """A fact with where it was read: value plus character offsets (None offsets: the headline)."""

    value: str
    start: int | None = None
    end: int | None = None
    rule: str = ""  # the id of the rule that read it


def is_recollection(sent: Sentence, ref: date | None) -> bool:
    """'When King X visited Abuja in December 2016, ...', 'Back in 2019, ...' (years before the
    published date), 'Last week, A received B': a sentence that opens on an earlier meeting."""
    t = sent.tables.meeting
    if t.PAST_OPENER_RE.search(sent.text):
        return True
    m = t.RECOLLECTION_RE.search(sent.text) if ref and ("19" in sent.text or "20" in sent.text) else None
    return bool(m) and int(m.group(1)) < ref.year - 1  # type: ignore[union-attr]


def meeting_triggers(sent: Sentence) -> tuple[re.Match, ...]:
    """The meeting words of a sentence, without 'welcomed the agreement' (a thing, not a guest) and
    'welcomes the outcome of the talks between A and B' (a stance on someone else's meeting)."""
    if sent.triggers is None:
        sent.triggers = _triggers(sent.text, sent.tables.meeting)
    return sent.triggers  # type: ignore[return-value]


def _triggers(text: str, t: MeetingTables) -> tuple[re.Match, ...]:
    low = text.lower()
    out = []
    stance = t.STANCE_RE.search(text, low)
    for m in t.TRIGGER_RE.finditer(text, low):
        if t.WELCOMED_THING_RE.regex.match(text, m.start()):
            continue
        if stance and stance.start() <= m.start() < stance.end():
            continue
        out.append(m)
    return tuple(out)


def opens_on_document_history(doc: Document, skip_before: int) -> bool:
    """The article's first sentence reports a document's ratification or entry into force, not a meeting."""
    t = doc.tables.meeting
    first = next((s for s in doc.sentences if s.end > skip_before), None)
    return first is not None and bool(t.DOC_HISTORY_RE.search(first.text, first.low)) and not meeting_triggers(first)


def is_background(sent: Sentence, ref: date | None, history: bool = False) -> bool:
    """The sentence names a meeting only as background: inside a clause about a document ('the treaty
    signed by A and B in May', 'the joint statement issued by A and B'), after a link to an earlier
    event ('since A and B signed', 'This comes after A held talks', 'recalling their meeting'), a year
    and more before the published date ('during their talks in Ankara in 2022'), or as the signing of
    a document whose ratification the article reports."""
    t = sent.tables.meeting
    first = first_trigger(sent)
    if first is None:  # only "welcomed the agreement"; or no meeting word ("A and B agreed Monday to ..."),
        if t.TRIGGER_RE.search(sent.text, sent.low):  # and then only an opening link is background
            return True
        link = t.BACKGROUND_LINK_RE.search(sent.text, sent.low)
        return link is not None and len(t.DATELINE_END_RE.split(sent.text[: link.start()])[-1].split()) <= 1
    text, at = sent.text, first.start()
    if t.HABITUAL_RE.search(text, sent.low):
        return True
    link = t.BACKGROUND_LINK_RE.search(text[:at], sent.low[:at])
    main = 0  # where the clause of the sentence's own meeting word starts
    if link:
        triggers = meeting_triggers(sent)
        main = _main_clause_after(text, link, triggers, t)
        if not main:
            return True
        first = next(m for m in triggers if m.start() >= main)
        at = first.start()
    clause = t.DOC_CLAUSE_RE.regex.search(text, main) if t.DOC_CLAUSE_RE.search(text, sent.low) else None
    if clause and clause.start() <= at:
        comma = text.find(",", clause.end())
        if not t.CURRENT_RE.search(text[clause.start() : comma if comma > 0 else len(text)]):
            return True  # not "the agreement signed by the two ministers today"
    if history and all(m.group().lower() in t.SIGNING_WORDS for m in meeting_triggers(sent)):
        return True
    return ref is not None and _long_ago(text[first.end() : first.end() + 60], ref, t)


def first_trigger(sent: Sentence) -> re.Match | None:
    """The sentence's first meeting word (all of them are read only where a welcome or a stance may
    hide one)."""
    t = sent.tables.meeting
    low = sent.low
    if sent.triggers is None and not any(n in low for n in (*t.WELCOMED_THING_RE.needles, *t.STANCE_RE.needles)):
        return t.TRIGGER_RE.search_all(sent.text, sent.low)
    triggers = meeting_triggers(sent)
    return triggers[0] if triggers else None


def main_clause(doc: Document, sent: Sentence) -> Sentence:
    """The sentence without an opening clause about an earlier event ('Recalling the agreements of his
    state visit in 2023, A received B ...' -> 'A received B ...'); the sentence itself otherwise."""
    t = doc.tables.meeting
    first = first_trigger(sent)
    if first is None:
        return sent
    at = first.start()
    link = t.BACKGROUND_LINK_RE.search(sent.text[:at], sent.low[:at])
    main = _main_clause_after(sent.text, link, meeting_triggers(sent), t) if link else 0
    if not main:
        return sent
    while main < len(sent.text) and sent.text[main].isspace():
        main += 1
    start = sent.start + main
    first_token = bisect_left(doc.starts, start)
    return Sentence(sent.index, start, sent.end, sent.text[main:], sent.tables, first_token, sent.last, sent.low[main:])


def _main_clause_after(text: str, link: re.Match, triggers: Sequence[re.Match], t: MeetingTables) -> int:
    """'Two months after their meeting in Astana, A and B held a phone call': a link that opens the
    sentence ends at the comma, and a meeting word after it is the sentence's own ('..., where they
    held talks' is not). The offset where that main clause starts, or 0."""
    if len(t.DATELINE_END_RE.split(text[: link.start()])[-1].split()) > 3:
        return 0  # "The growth followed the visit ...": the rest of the sentence is background
    comma = text.find(",", link.end())
    if comma < 0 or text[comma + 1 :].lstrip().lower().startswith(("where", "when", "which", "who", "during")):
        return 0
    return comma + 1 if any(m.start() > comma for m in triggers) else 0


def _long_ago(tail: str, ref: date, t: MeetingTables) -> bool:
    """'during their talks in Ankara in 2022': the meeting word's own clause dates it a year and more
    before the published date (not 'talks on the agreements reached in 2022')."""
    for m in t.LONG_AGO_RE.finditer(tail):
        before = tail[: m.start()]
        if any(c in before for c in ",;") or t.DOC_WORD_RE.search(before):
            return False
        if m.group(2) is None:
            return True  # "last year", "years ago"
        year = int(m.group(2))
        if m.group(1) is None:
            return year < ref.year - 1
        # "during X's state visit to Astana in July 2024", read in February 2025: months before
        return (ref.year - year) * 12 + ref.month - (t.MONTHS.index(m.group(1)) + 1) >= 3
    return False


def find_lead(
    doc: Document, mention_sentences: set[int], skip_before: int, ref: date | None = None, history: bool = False
) -> Sentence | None:
    """The first sentence reporting a meeting, with a named person in it, or one that names the
    meeting itself with the people in the next two sentences ("Political consultations ... were held
    in Bishkek. The delegation was led by ..."; not "The leaders also discussed ..."). A sentence that
    recalls a meeting of years ago, or names one only as background, is not the lead."""
    t = doc.tables.meeting
    for sent in doc.sentences:
        if sent.end <= skip_before or not t.TRIGGER_RE.search(sent.text, sent.low):
            continue
        if sent.index in mention_sentences:
            if is_recollection(sent, ref) or is_background(sent, ref, history):
                continue
            return sent
        if (
            mention_sentences & {sent.index + 1, sent.index + 2}
            and not is_past(sent)
            and t.MEETING_NOUN_RE.search(sent.text, sent.low)
            and not is_background(sent, ref, history)
        ):
            return sent
    return None


def is_opinion(title: str, doc: Document) -> bool:
    """An op-ed, a column, an analysis or an interview ('OP-ED: ...', '... The writer is the
    Ambassador of X', 'Disclaimer: the views expressed ...'): it argues or recalls, it does not
    report a meeting."""
    t = doc.tables.meeting
    if title.lstrip(" \"'([").lower().startswith(t.OPINION_PREFIXES) and t.OPINION_TITLE_RE.search(title):
        return True
    return any(s.low.lstrip(" (*_\u2013\u2014-").startswith(t.AUTHOR_NOTES) for s in doc.sentences[-3:])


def opens_without_meeting(doc: Document, skip_before: int) -> bool:
    """The article opens as a statement ('The Ministry ... welcomes/condemns/calls on ...') or an
    interview ('In an interview with our newspaper, X spoke about ...'): it reports no meeting."""
    t = doc.tables.meeting
    first = next((s for s in doc.sentences if s.end > skip_before and len(s.text.split()) >= 6), None)
    if first is None:
        return False
    text = t.DATELINE_END_RE.split(first.text, maxsplit=1)[-1] if first.start < skip_before else first.text
    return t.STATEMENT_RE.match(text) is not None or t.INTERVIEW_RE.search(first.text, first.low) is not None


def speaks_of_future(sent: Sentence) -> bool:
    """Any 'will', or another cue of what is to come: the sentence reports no event of the day."""
    t = sent.tables.meeting
    return any(map(sent.low.__contains__, t.FUTURE_WORDS)) or t.FUTURE_RE.search(sent.text, sent.low) is not None


def is_announcement(sent: Sentence) -> bool:
    """'X will pay an official visit next week': a meeting announced, not reported."""
    t = sent.tables.meeting
    return bool(t.FUTURE_RE.search(sent.text, sent.low)) and not t.DONE_RE.search(sent.text, sent.low)


def is_past(sent: Sentence) -> bool:
    t = sent.tables.meeting
    return bool(t.PAST_RE.search(sent.text, sent.low))


def context_sentences(doc: Document, lead: Sentence, after: int = 3) -> list[Sentence]:
    """The lead and up to `after` following sentences that are not about another (earlier, future or
    invited) visit: "invited him to pay an official visit to Peru" says nothing of this one."""
    t = doc.tables.meeting
    out = [lead]
    for sent in doc.sentences[lead.index + 1 : lead.index + 1 + after]:
        invited = t.INVITED_RE.search(sent.low, sent.low)
        if not _past_beside_since(sent) and not t.FUTURE_RE.search(sent.text, sent.low) and not invited:
            out.append(sent)
    return out


def _past_beside_since(sent: Sentence) -> bool:
    """The sentence tells of the past, outside a 'since' clause: in 'B arrived on Monday for an official
    visit, the first since the two countries upgraded ties in 2023' the year dates the upgrade, not the
    visit."""
    t = sent.tables.meeting
    m = t.PAST_RE.search(sent.text, sent.low)
    if m is None:
        return False
    since = sent.low.find(" since ")
    return since < 0 or since > m.start()  # the first marker stands before 'since'


def _search(regex: Gate, title: str, sentences: list[Sentence]) -> Cue | None:
    """The first match in the sentences (evidence in the body), else in the headline."""
    for sent in sentences:
        m = regex.search(sent.text, sent.low)
        if m:
            return Cue(m.group(), sent.start + m.start(), sent.start + m.end())
    m = regex.search(title)
    return Cue(m.group(), None, None) if m else None


def _spoke_by_call(lead: Sentence) -> re.Match | None:
    """'X spoke with the Prime Minister of Y': the lead's only meeting word is 'spoke with/to' a person
    and nothing in it says they were together (met, a visit, received, the sidelines, here)."""
    t = lead.tables.meeting
    spoke = t.SPOKE_TO_RE.search(lead.text)
    if spoke is None:
        return None
    rest = (
        t.AHEAD_OF_VISIT_RE.regex.sub(" ", lead.text) if t.AHEAD_OF_VISIT_RE.search(lead.text, lead.low) else lead.text
    )
    return None if t.IN_PERSON_RE.search(rest) else spoke


def _names_another_visit(sent: Sentence) -> bool:
    t = sent.tables.meeting
    return t.OTHER_VISIT_RE.search(sent.text, sent.low) is not None


def meeting_format(title: str, lead: Sentence, context: list[Sentence], forums: list[ForumHit]) -> Cue:
    """The meeting's format, strongest cue first; 'talks' when nothing more is said."""
    t = lead.tables.meeting
    for regex, value in ((t.VIDEO_RE, "video_call"), (t.PHONE_RE, "phone_call")):
        cue = _search(regex, title, context)
        if cue:
            return Cue(value, cue.start, cue.end, regex.rule or "")
    call = _call_by_readout(title, lead)
    if call:
        return call
    cue = _search(t.SIDELINES_RE, title, context)
    if cue:
        return Cue("sidelines", cue.start, cue.end, "meeting.sidelines")
    cue = _search(t.VISIT_RE, title, [lead, *(s for s in context if s is not lead and not _names_another_visit(s))])
    if cue:
        return Cue(cue.value.split()[0].lower() + "_visit", cue.start, cue.end, "meeting.visit")
    cue = _search(t.CEREMONY_RE, title, context)
    if cue:  # two leaders who talk at a funeral or an inauguration: neither a visit nor a summit
        return Cue("other", cue.start, cue.end, "meeting.ceremony")
    attend = _attend_event(context, forums, t)
    if attend:
        attend.rule = "meeting.attend"
        return attend
    return _reception(title, lead, context) or Cue("talks", lead.start, lead.end, "meeting.trigger")


def _call_by_readout(title: str, lead: Sentence) -> Cue | None:
    """'Secretary X's Call with Y' over 'X spoke with Y'; or a lead whose only meeting word is 'spoke with'."""
    t = lead.tables.meeting
    spoke = t.SPOKE_WITH_RE.search(lead.text, lead.low)
    if spoke and t.TITLE_CALL_RE.search(title):
        return Cue("phone_call", lead.start + spoke.start(), lead.start + spoke.end(), "meeting.title_call")
    by_call = _spoke_by_call(lead)
    if by_call:
        return Cue("phone_call", lead.start + by_call.start(), lead.start + by_call.end(), "meeting.spoke_to")
    return None


def _reception(title: str, lead: Sentence, context: list[Sentence]) -> Cue | None:
    """A reception: the lead's cue, a headline's courtesy call, or a later sentence's with its guest."""
    t = lead.tables.meeting
    m = t.RECEPTION_RE.search(lead.text, lead.low)
    if m:
        return Cue("reception", lead.start + m.start(), lead.start + m.end(), "meeting.reception")
    if t.TITLE_RECEPTION_RE.search(title):  # "Ambassador calls on Prime Minister" over "X met Y at the office"
        return Cue("reception", None, None, "meeting.title_reception")
    for sent in context[1:]:  # "... during a courtesy call with B" after a lead that only says "met"
        m = t.CONTEXT_RECEPTION_RE.search(sent.text)
        if m:
            return Cue("reception", sent.start + m.start(), sent.start + m.end(), "meeting.context_reception")
    return None


def _attend_event(context: list[Sentence], forums: list[ForumHit], t: MeetingTables) -> Cue | None:
    """'to attend the G20 Finance Ministers Meeting', 'within the framework of the Astana International
    Forum': a multilateral event, with a forum named in it or a name of its own."""
    for sent in context:
        for m in t.ATTEND_RE.finditer(sent.text, sent.low):
            before = sent.low[max(0, m.start() - 40) : m.start()].split()
            if before and before[-1].strip(",") in t.JOINT_WORK_WORDS:
                continue  # "interaction within the framework of the SCO": how they cooperate, not where they met
            rest = sent.text[m.end() : m.end() + 120]
            event = t.MULTILATERAL_RE.search(rest)
            if not event:
                continue
            if m.group().startswith("at") and not _event_named_at(rest[: event.start()], t):
                continue  # "met at the Kremlin to discuss the SCO summit": a venue, then another topic
            lo, hi = sent.start + m.end(), sent.start + m.end() + event.end()
            if any(lo <= f.start < hi for f in forums) or _names_an_event(rest[: event.end()], t):
                return Cue("sidelines", sent.start + m.start(), hi)
    return None


def _event_named_at(words_before: str, t: MeetingTables) -> bool:
    """'met X at the 17th BRICS Summit', 'at the COP29 climate conference': up to three words of a name
    between 'at the' and the event word (not 'at the upcoming SCO summit', 'at the Kremlin to discuss ...')."""
    tokens = words_before.split()
    return len(tokens) <= 3 and all(w[:1].isupper() or w[:1].isdigit() or w in t.EVENT_DESCRIPTORS for w in tokens)


def _names_an_event(name: str, t: MeetingTables) -> bool:
    """'the Astana International Forum', 'the 3rd Global Water Summit': a multilateral event named with
    capitals (not a bilateral 'Joint Commission' or 'Business Forum')."""
    words = re.findall(r"[\w']+|-", name)
    return (
        len(words) >= 2
        and all(w[:1].isupper() or w[:1].isdigit() or w in t.EVENT_NAME_JOINERS for w in words)
        and t.BILATERAL_WORDS.isdisjoint(words)
    )


def _aimed_at(text: str, low: str, m: re.Match, t: MeetingTables) -> bool:
    lo = max(0, m.start() - 60)
    return t.GOAL_BEFORE_RE.search(text[lo : m.start()], low[lo : m.start()]) is not None


def relation_level(title: str, text: str, rules: Rules | None = None) -> Cue | None:
    """The highest level of relations the article states (allied > comprehensive > strategic > friendly);
    a level that is only an aim is passed over. (English rules by default.)"""
    t = MeetingTables.of(default_rules(rules))
    low = text.lower()
    aims: list[tuple[int, int]] = []
    for value, regex in t.LEVEL_PATTERNS:
        m = regex.search(text, low)
        while m is not None:
            if any(a <= m.start() < b for a, b in aims):
                pass  # "strategic partnership" inside an aimed-at "comprehensive strategic partnership"
            elif _aimed_at(text, low, m, t):
                aims.append((m.start(), m.end()))
            else:
                return Cue(value, m.start(), m.end())
            m = regex.regex.search(text, m.end())
        if regex.search(title):
            return Cue(value)
    return None


# ------------------------------------------------------------------ location


@dataclass(slots=True)
class Location:
    iso3: str
    city: str | None
    start: int | None
    end: int | None
    rule: str = "meeting.location_before"  # the id of the rule that read it


CITY_KINDS = frozenset({"capital", "city"})


def _place_after_cue(doc: Document, sent: Sentence, places: dict[int, PlaceHit], lead: bool) -> PlaceHit | None:
    """The first place named after a venue cue. In the lead any cue counts; in a later sentence
    'in'/'at' count only for a city or an institution and in a sentence about the meeting
    ('the talks were held at the X Palace in Y')."""
    t = doc.tables.meeting
    lower = doc.lower
    event = lead or bool(t.EVENT_RE.search(sent.text, sent.low))
    for i in range(sent.first, sent.last if lead else _before_background(doc, sent)):
        hit = places.get(i)
        if hit is None or hit.first != i or hit.kind not in LOCATION_KINDS:
            continue
        if hit.last < len(doc.words) and doc.words[hit.last] == "'":
            continue  # "in Peru's foreign policy"
        if i >= 2 and lower[i - 1] == "in" and lower[i - 2] in t.TOPIC_NOUNS and doc.words[i - 2].islower():
            continue  # "the situation in Ukraine" is a topic, not the venue ("Commission on Cooperation in X" is)
        if event and hit.kind in ("name", "official", "alternative") and _after_unknown_place(doc, i, sent, places):
            return hit  # "in Apulia, Italy": a town the gazetteer does not know, then its country
        rel = i - sent.first
        for cue in t.LOCATION_BEFORE:
            n = len(cue)
            if rel >= n and tuple(lower[i - n : i]) == cue:
                if cue in t.WEAK_CUES:
                    if not event or not (lead or hit.kind in CITY_KINDS or hit.kind == "institution"):
                        break
                    if cue != ("in",) and hit.kind != "institution" and not _building_named_after(doc, hit):
                        break  # "at the" / "at" place a meeting only in a building
                return hit
    return None


def _building_named_after(doc: Document, hit: PlaceHit) -> bool:
    """The city begins a building's name ('the Lima Convention Center'): a venue in that city."""
    t = doc.tables.meeting
    for w in doc.words[hit.last : hit.last + 3]:
        if w in t.BUILDING_HEADS:
            return True
        if not w[:1].isupper():
            return False
    return False


def _before_background(doc: Document, sent: Sentence) -> int:
    """Where a link to another meeting starts ('The meeting came after a planned meeting at the summit
    in X fell through': X is the other meeting's), or the sentence's end."""
    t = doc.tables.meeting
    link = t.BACKGROUND_LINK_RE.search(sent.text, sent.low)
    return bisect_left(doc.starts, sent.start + link.start()) if link else sent.last


def _after_unknown_place(doc: Document, i: int, sent: Sentence, places: dict[int, PlaceHit]) -> bool:
    """'in Apulia, Italy', 'at Borgo Egnazia, Italy': 'in'/'at', one to three capitalised words, a comma."""
    words = doc.words
    k = i - 1
    if k <= sent.first or words[k] != ",":
        return False
    k -= 1
    n = 0
    while k > sent.first and n < 3 and words[k][:1].isupper() and k not in places:
        k, n = k - 1, n + 1
    return n > 0 and doc.lower[k] in ("in", "at")


def _city_text(doc: Document, hit: PlaceHit) -> str | None:
    return doc.text[hit.start : hit.end] if hit.kind in ("capital", "city") else None


@dataclass(frozen=True, slots=True)
class Places:
    """The places a meeting's venue is looked for among."""

    body: dict[int, PlaceHit]  # token -> the place there, in the body
    title: dict[int, PlaceHit]  # in the headline
    dateline: Dateline | None
    capitals: dict[str, str]  # iso3 -> capital


def find_location(
    doc: Document, title_doc: Document, lead: Sentence, context: list[Sentence], where: Places
) -> Location | None:
    """Where the meeting took place, from the lead, the headline, visit phrases or 'here'."""
    places, title_places, dateline, capitals = where.body, where.title, where.dateline, where.capitals
    capital = _capital_phrase(doc, lead, places, capitals) or _place_hosted(doc, lead, places)
    if capital:
        return capital
    lede = lede_setting(doc, lead)
    if lede is not None:  # "X had meetings with A, B and C ... in Tashkent. X and A discussed ..."
        hit = _place_after_cue(doc, lede, places, lead=True)
        if hit:
            return Location(hit.iso3 or "", _city_text(doc, hit), hit.start, hit.end, "meeting.lede_setting")
    hit = _place_after_cue(doc, lead, places, lead=True)
    if hit:
        return Location(hit.iso3 or "", _city_text(doc, hit), hit.start, hit.end)  # type: ignore[arg-type]
    for sent in title_doc.sentences:
        t_hit = _place_after_cue(title_doc, sent, title_places, lead=True)
        if t_hit:
            return Location(t_hit.iso3 or "", _city_text(title_doc, t_hit), None, None)
    m = re.search(r"\bhere\b", lead.text)  # the lead's own "here" beats a place in a later sentence
    if m and dateline and dateline.iso3:
        return Location(dateline.iso3, dateline.city, lead.start + m.start(), lead.start + m.end(), "places.dateline")
    for sent in context[1:]:
        capital = _capital_phrase(doc, sent, places, capitals)
        if capital:
            return capital
        hit = _place_after_cue(doc, sent, places, lead=False)
        if hit:
            return Location(hit.iso3 or "", _city_text(doc, hit), hit.start, hit.end)
    return _lede_place(doc, lead, places)


def lede_setting(doc: Document, lead: Sentence) -> Sentence | None:
    """The sentence right before the lead when it reports the meetings the lead is one of ('X had
    separate meetings with his counterparts from A, B and C on the sidelines of ... in Tashkent')."""
    t = doc.tables.meeting
    if lead.index < 1:
        return None
    sent = doc.sentences[lead.index - 1]
    if not t.LEDE_SETTING_RE.search(sent.text, sent.low) or speaks_of_future(sent) or is_past(sent):
        return None
    return sent


def _lede_place(doc: Document, lead: Sentence, places: dict[int, PlaceHit]) -> Location | None:
    """A city or an institution after a venue cue in the sentence before the lead, when it reports a
    session or a meeting and no future one."""
    t = doc.tables.meeting
    if lead.index < 1:
        return None
    sent = doc.sentences[lead.index - 1]
    if not t.LEDE_EVENT_RE.search(sent.text, sent.low) or speaks_of_future(sent):
        return None
    hit = _place_after_cue(doc, sent, places, lead=True)
    if hit is None or hit.kind not in CITY_KINDS:
        return None
    return Location(hit.iso3 or "", _city_text(doc, hit), hit.start, hit.end, "meeting.lede_event")


def _place_hosted(doc: Document, sent: Sentence, places: dict[int, PlaceHit]) -> Location | None:
    """'On August 27, Tehran hosted consultations', 'the Ministry of Foreign Affairs of Mongolia hosted
    ...': the place named right before 'hosted' is the venue."""
    t = doc.tables.meeting
    m = t.HOSTED_RE.search(sent.text, sent.low)
    if not m:
        return None
    k = bisect_left(doc.starts, sent.start + m.start()) - 1
    hit = places.get(k) if k >= sent.first else None
    if hit is None or hit.kind not in LOCATION_KINDS or not hit.iso3:
        return None
    return Location(hit.iso3, _city_text(doc, hit), hit.start, hit.end, "meeting.hosted")


def convenes_an_event(sent: Sentence) -> re.Match | None:
    """'X is convening a summit of leaders in Y on Sunday', 'The summit opened in Y': the sentence
    reports a multilateral event being convened, hosted or opened, and no meeting of its own (no
    meeting word outside the event's words): its day is the event's, not a meeting's."""
    t = sent.tables.meeting
    m = t.CONVENED_EVENT_RE.search(sent.text, sent.low)
    if m is None:
        return None
    if any(w.end() <= m.start() or w.start() >= m.end() for w in meeting_triggers(sent)):
        return None
    return m


def summit_venue(
    doc: Document, lead: Sentence, places: dict[int, PlaceHit], named_in: set[int], not_before: int
) -> Location | None:
    """The place of the event a sentence before the lead convenes ('X is convening a summit in Y on
    Sunday'), for a meeting held there: the lead says so ('on the sidelines', 'during the summit'), or
    it follows right after and one of the meeting's people is named in it (its host). A recalled or a
    future event places nothing."""
    t = doc.tables.meeting
    at_event = t.SIDELINES_RE.search(lead.text, lead.low) or t.AT_THE_EVENT_RE.search(lead.text, lead.low)
    for sent in reversed(doc.sentences[max(0, lead.index - 3) : lead.index]):
        if sent.end <= not_before:
            break
        if convenes_an_event(sent) is None:
            continue
        if is_past(sent) or speaks_of_future(sent):
            return None
        if not (at_event or (sent.index == lead.index - 1 and sent.index in named_in)):
            return None
        hit = _place_after_cue(doc, sent, places, lead=True)
        if hit is None or not hit.iso3:
            return None
        return Location(hit.iso3, _city_text(doc, hit), hit.start, hit.end, "meeting.convened_event")
    return None


def _capital_phrase(
    doc: Document, sent: Sentence, places: dict[int, PlaceHit], capitals: dict[str, str]
) -> Location | None:
    """'in the Uzbek capital', 'a visit to the Turkish capital', 'in the capital of Kazakhstan': the
    country, city = its capital."""
    t = doc.tables.meeting
    m = t.CAPITAL_RE.search(sent.text, sent.low)
    if not m:
        return None
    at = sent.start + (m.start(1) if m.group(1) else m.end() + 1)
    hit = next((h for h in places.values() if h.start == at and h.kind in ("demonym", "name", "official")), None)
    if hit is None or hit.iso3 is None:
        return None
    end = hit.end if m.group(1) is None else sent.start + m.end()
    return Location(hit.iso3, capitals.get(hit.iso3), sent.start + m.start(), end, "meeting.capital")


def find_city(doc: Document, iso3: str, places: dict[int, PlaceHit], skip: set[int]) -> PlaceHit | None:
    """A city of the meeting's country named with 'in' in a sentence about the meeting."""
    t = doc.tables.meeting
    hits = sorted(
        {h.first: h for h in places.values() if h.iso3 == iso3 and h.kind in CITY_KINDS}.values(),
        key=lambda h: h.first,
    )
    for hit in hits:
        i = hit.first
        if i == 0 or doc.words[i - 1].lower() != "in":
            continue
        sent = doc.sentences[doc.sent_of[i]]
        if (
            sent.index in skip
            or is_past(sent)
            or not (t.GROUP_RE.search(sent.text, sent.low) or t.TRIGGER_RE.search(sent.text, sent.low))
        ):
            continue
        return hit
    return None


# ------------------------------------------------------------------ date


def meeting_date(
    doc: Document, lead: Sentence, ref: date | None, not_before: int, title: str = ""
) -> tuple[DateHit | None, bool]:
    """The meeting's date from the lead (or the next sentence); (hit, text gave a date at all).
    A range ('a visit on 2-4 June') is no day: a later sentence's meeting on a day inside it is."""
    t = doc.tables.meeting
    candidates = [lead]
    if lead.index + 1 < len(doc.sentences):
        nxt = doc.sentences[lead.index + 1]
        if t.TRIGGER_RE.search(nxt.text, nxt.low) and not is_past(nxt) and not _arrival_home(lead, nxt):
            candidates.append(nxt)
    for sent in candidates:
        best = _date_in(doc, sent, ref, not_before)
        if best and best.days:
            return _day_in_range(doc, sent, best.days, ref, not_before), True
        if best:
            return (best if best.value else None), True
    if t.SAME_DAY_RE.search(lead.text, lead.low):  # "later that day": the day an earlier sentence gives
        for sent in reversed(doc.sentences[: lead.index]):
            best = _date_in(doc, sent, ref, not_before)
            if best:
                return (best if best.value else None), True
    return _date_before(doc, lead, ref, not_before)


def _date_before(doc: Document, lead: Sentence, ref: date | None, not_before: int) -> tuple[DateHit | None, bool]:
    """A lead without a date after a news lede that has one ('France on Thursday handed over the base.
    ... The ministers then held talks'): the lede's day, when it is the news of the day (relative to
    the reference, or within a week before it) and not about a future event. ('The latest step in a
    drawdown' makes no lede history: a day more than a week back is what does.) A lede convening a
    summit dates the summit, not the meetings reported after it without a day: no date then."""
    for sent in reversed(doc.sentences[max(0, lead.index - 3) : lead.index]):
        if sent.end <= not_before:
            continue
        best = _date_in(doc, sent, ref, not_before)
        if best is None:
            continue
        if speaks_of_future(sent) or best.value is None or best.days or _in_arrival_clause(doc, sent, best):
            return None, True
        if convenes_an_event(sent):  # "X is convening a summit in Y on Sunday": the summit's day
            return None, True
        recent = ref is not None and timedelta(0) <= ref - best.value <= timedelta(days=7)
        return (best if recent else None), True
    return None, False


def _day_in_range(
    doc: Document, sent: Sentence, days: tuple[date, date], ref: date | None, not_before: int
) -> DateHit | None:
    """The day, inside a visit's range, of the talks a following sentence reports ('held talks on
    3 June', 'on the second day of the visit')."""
    t = doc.tables.meeting
    for nxt in doc.sentences[sent.index : sent.index + 5]:
        nth = t.NTH_DAY_RE.search(nxt.text, nxt.low)
        if nth and t.TRIGGER_RE.search(nxt.text, nxt.low):
            word = nth.group(1).lower()
            day = days[0] + timedelta(t.NTH_DAYS[word]) if word in t.NTH_DAYS else days[1]
            if day <= days[1]:
                return DateHit(day, nxt.start + nth.start(), nxt.start + nth.end(), False)
        if nxt is sent or not t.TRIGGER_RE.search(nxt.text, nxt.low):
            continue
        best = _date_in(doc, nxt, ref, not_before)
        if best and best.value and days[0] <= best.value <= days[1] and not _in_arrival_clause(doc, nxt, best):
            return best
    return None


def _in_arrival_clause(doc: Document, sent: Sentence, hit: DateHit) -> bool:
    """The date is in the clause (since the last comma) of an arrival or departure."""
    t = doc.tables.meeting
    before = doc.text[sent.start : hit.start]
    return bool(t.ARRIVAL_RE.search(before[before.rfind(",") + 1 :]))


def _arrival_home(lead: Sentence, nxt: Sentence) -> bool:
    """'X has returned to Manila following his meeting with Y. X arrived in Manila on Sunday.'"""
    t = lead.tables.meeting
    if not t.RETURN_HOME_RE.search(lead.text, lead.low):
        return False
    return all(t.ARRIVAL_RE.search(m.group()) for m in t.TRIGGER_RE.finditer(nxt.text, nxt.low))


def _arrival_aside(doc: Document, sent: Sentence, hit: DateHit) -> bool:
    """'X is holding meetings in Mexico, where he arrived on Tuesday': the day of an arrival told in a
    clause after the meeting word, not the day of the meetings."""
    t = doc.tables.meeting
    if not _in_arrival_clause(doc, sent, hit):
        return False
    before = doc.text[sent.start : hit.start]
    clause = before.rfind(",") + 1
    if clause <= 0:
        return False
    head = before[:clause]
    m = t.TRIGGER_RE.search(head, head.lower()) or t.MEETING_NOUN_RE.search(head, head.lower())
    return m is not None and not t.ARRIVAL_RE.search(m.group())


def _date_in(doc: Document, sent: Sentence, ref: date | None, not_before: int) -> DateHit | None:
    if not may_name_a_date(doc.lower[sent.first : sent.last], sent.text, doc.rules):
        return None
    hits = [h for h in find_dates(sent.text, ref, sent.start, doc.rules) if h.start >= not_before]
    hits = [h for h in hits if not _report_day(sent, h) and not _arrival_aside(doc, sent, h)]
    if len(hits) > 1:  # "X, who arrived on Sunday, held talks on Monday": the arrival is not the meeting
        hits = [h for h in hits if not _in_arrival_clause(doc, sent, h)] or hits
    if not hits:
        return None
    days = [h for h in hits if not h.days]
    if days and len(days) < len(hits):  # "on a visit on 2-4 June, held talks on 3 June": the day
        hits = [h for h in days if not h.value or any(r.days[0] <= h.value <= r.days[1] for r in hits if r.days)]
        hits = hits or days
    if _vaguely_dated(sent, hits):
        return DateHit(None, sent.start, sent.start, False)
    explicit = [h for h in hits if h.explicit_year and h.value]
    return explicit[0] if explicit else hits[0]


def _report_day(sent: Sentence, hit: DateHit) -> bool:
    """'the ministry said in a statement on Friday': the day dates the report, not the meeting."""
    t = sent.tables.meeting
    before = sent.text[max(0, hit.start - sent.start - 60) : hit.start - sent.start]
    return t.REPORT_DAY_BEFORE_RE.search(before) is not None


def _vaguely_dated(sent: Sentence, hits: list[DateHit]) -> bool:
    """The meeting word's clause has a vague time and none of the days: 'talks he held in Nairobi
    last week' or 'Last week, A met B' beside 'the minister said on Thursday'. A day in a clause of
    its own with a meeting word ('A, who visited Baku last week, met B on Monday') still dates it."""
    t = sent.tables.meeting
    vague = t.VAGUE_RE.search(sent.text, sent.low)
    if vague is None:
        return False
    lo, hi = _clause(sent.text, vague.start(), vague.end(), t)
    if not sent.text[lo : vague.start()].strip(" \t\n\"'"):  # an opening "Last week, ...": the next clause too
        hi = _clause(sent.text, hi + 1, hi + 1, t)[1] if hi < len(sent.text) else hi
    trigger = t.TRIGGER_RE.search(sent.text[lo:hi], sent.low[lo:hi])
    if not trigger:
        return False
    for h in hits:
        at = h.start - sent.start
        if lo <= at < hi:
            if not at < lo + trigger.start() < vague.start():
                return False  # the day is the meeting's own, not the report's ('told MPs on Thursday of talks ...')
            continue
        h_lo, h_hi = _clause(sent.text, at, h.end - sent.start, t)
        if t.TRIGGER_RE.search(sent.text[h_lo:h_hi], sent.low[h_lo:h_hi]):
            return False
    return True


def _clause(text: str, start: int, end: int, t: MeetingTables) -> tuple[int, int]:
    """The comma-, bracket- or dash-delimited stretch of text around [start, end)."""
    lo = max((m.end() for m in t.CLAUSE_EDGE_RE.finditer(text, 0, start)), default=0)
    nxt = t.CLAUSE_EDGE_RE.search(text, end)
    return lo, nxt.start() if nxt else len(text)


# ------------------------------------------------------------------ venue from weaker evidence


LeadMention = tuple[int, int, str | None]  # first token, end token, country


@dataclass(frozen=True, slots=True)
class Surroundings:
    """What else the article says of where it was: its dateline, forums and places (events' too)."""

    dateline: Dateline | None
    forums: list[ForumHit]
    places: dict[int, PlaceHit]


def venue_from_evidence(
    doc: Document,
    mentions: list[LeadMention | None],
    lead: Sentence,
    fmt: Cue,
    around: Surroundings,
    sides: frozenset[str] = frozenset(),
) -> Location | None:
    """Where the meeting was when no place follows a venue cue:
    - 'B, who is visiting the country' / 'in our country': the host's (the other participant's) country;
    - 'A received/hosted/welcomed B' (not on the sidelines): A's country;
    - on the sidelines of an event named after a city ('the Doha Forum'): that city;
    - on the sidelines, a dateline in a third country: the reporter is at the event;
    - on the sidelines of a UN organ with a fixed seat: its seat.
    - 'with visiting President X': the side that is not X's;
    - a dateline in a party's country, for a meeting in person that names no place.
    The city is the dateline's when the dateline is in that country. `sides`: the countries of all
    the participants (a host named only by a pronoun is the side that is not the guest's)."""
    people = sorted(m for m in mentions if m and m[2])
    dateline = around.dateline
    host, rule = _host_of_country_phrase(doc, lead, people), "meeting.host_country"
    if host is None and fmt.value != "sidelines":
        host, rule = _host_of_verb(doc, lead, people, sides), "meeting.host_verb"
    if host is None and fmt.value != "sidelines":
        host, rule = _host_of_visiting_guest(doc, lead, people, sides, around.places), "meeting.visiting_guest"
    if host is None and fmt.value not in ("sidelines", "other"):
        return _home_dateline(dateline, sides)
    if host is not None:
        iso3, start, end = host
        city = dateline.city if dateline and dateline.iso3 == iso3 and dateline.is_city else None
        return Location(iso3, city, start, end, rule)
    if fmt.value == "sidelines":
        return _sidelines_venue(doc, fmt, around, {m[2] for m in people})
    return None


def _home_dateline(dateline: Dateline | None, sides: frozenset[str]) -> Location | None:
    """A release's plain dateline ('ALGIERS- ...') in a party's country: the meeting's place."""
    if dateline is None or not dateline.plain or dateline.iso3 not in sides:
        return None
    city = dateline.city if dateline.is_city else None
    return Location(dateline.iso3, city, dateline.city_start, dateline.city_end, "places.dateline")


def _sidelines_venue(doc: Document, fmt: Cue, around: Surroundings, parties: set) -> Location | None:
    """On the sidelines: the city the event is named after, a dateline in a third country, a UN organ's seat."""
    t = doc.tables.meeting
    dateline = around.dateline
    named = _event_city(doc, fmt, around.places)
    if named:  # "on the sidelines of the Antalya Diplomacy Forum"
        return Location(named.iso3 or "", doc.text[named.start : named.end], named.start, named.end, "meeting.event")
    if dateline and dateline.iso3 and dateline.iso3 not in parties:
        return Location(
            dateline.iso3,
            dateline.city if dateline.is_city else None,
            dateline.city_start,
            dateline.city_end,
            "places.dateline",
        )
    if fmt.end is not None:
        seat = next((f for f in around.forums if fmt.end <= f.start < fmt.end + 80 and f.label in t.FIXED_SEATS), None)
        if seat:
            iso3, city = t.FIXED_SEATS[seat.label]
            return Location(iso3, city, seat.start, seat.end, "meeting.fixed_seats")
    return None


def _event_city(doc: Document, fmt: Cue, places: dict[int, PlaceHit]) -> PlaceHit | None:
    """A capital or city in the name of the event a sidelines cue introduces."""
    t = doc.tables.meeting
    if fmt.start is None or fmt.end is None:
        return None
    event = t.MULTILATERAL_RE.search(doc.text[fmt.end : fmt.end + 100])
    hi = fmt.end + event.end() if event else fmt.end
    sentence_end = doc.sentence_at(fmt.start).end  # type: ignore[union-attr]
    return next(
        (
            h
            for h in sorted(places.values(), key=lambda h: h.start)
            if fmt.start <= h.start < min(hi, sentence_end) and h.kind in CITY_KINDS
        ),
        None,
    )


def _host_of_country_phrase(doc: Document, lead: Sentence, people: list[LeadMention]) -> tuple[str, int, int] | None:
    """'A held talks with B, who is visiting the country': B is the guest, A's country the venue."""
    t = doc.tables.meeting
    m = t.HOST_COUNTRY_RE.search(lead.text, lead.low)
    if not m:
        return None
    at = lead.start + m.start()
    before = [p for p in people if doc.starts[p[0]] < at]
    if not before:
        return None
    guest = max(before, key=lambda p: p[0])
    host = next((p for p in people if p[2] != guest[2]), None)
    return (host[2], at, lead.start + m.end()) if host and host[2] else None  # type: ignore[return-value]


def _host_of_verb(
    doc: Document, lead: Sentence, people: list[LeadMention], sides: frozenset[str] = frozenset()
) -> tuple[str, int, int] | None:
    """'A received B' (A before the verb, B after) or 'B was received by A': A's country. 'He received
    B' (the host a pronoun): the one other side of the meeting."""
    t = doc.tables.meeting
    m = t.HOST_VERB_RE.search(lead.text, lead.low)
    if not m:
        return None
    group = next(g for g in ("verb", "calledby", "call") if m.group(g))
    at, end = lead.start + m.start(), lead.start + m.end(group)
    before = [p for p in people if doc.ends[p[1] - 1] <= at]
    after = [p for p in people if doc.starts[p[0]] >= end]
    if m.group("by") or m.group("call"):  # "B was received by A", "B called on A": A hosts
        host, guest = (after[0] if after else None), (before[-1] if before else None)
    else:
        host, guest = (before[-1] if before else None), (after[0] if after else None)
    if guest is None and host is not None and ("credential" in lead.low or "credence" in lead.low):
        return host[2], at, end  # type: ignore[return-value]  # "received credentials from: 1) ..."
    if host is None and guest is not None and guest[2] and len(sides) == 2 and guest[2] in sides:
        return next(iter(sides - {guest[2]})), at, end  # "he received B", "B paid him a courtesy call"
    if host is None or guest is None or host[2] == guest[2]:
        return None
    if m.group("verb") and not m.group("by") and _possessive(doc, guest):
        return None  # "A welcomed B's proposal": B is not A's guest
    return host[2], at, end  # type: ignore[return-value]


def _host_of_visiting_guest(
    doc: Document, lead: Sentence, people: list[LeadMention], sides: frozenset[str], places: dict[int, PlaceHit]
) -> tuple[str, int, int] | None:
    """'A held talks with visiting President B': B is the guest, the other side the host."""
    t = doc.tables.meeting
    if "visiting" not in lead.low or len(sides) != 2:
        return None
    for k in range(lead.first, lead.last - 1):
        nxt = places.get(k + 1)
        if not t.VISITING_GUEST_RE.search(doc.words[k]) or not doc.words[k + 1][:1].isupper():
            continue
        if nxt is not None and nxt.kind != "demonym":
            continue  # "while visiting Baku, A met B": a place, not a guest ("visiting Chilean President B" is)
        guest = next((p for p in people if k < p[0] <= k + 15), None)  # over the title ("visiting President of X, B")
        if guest is not None and guest[2] in sides:
            return next(iter(sides - {guest[2]})), doc.starts[k], doc.ends[k]
    return None


def _possessive(doc: Document, mention: LeadMention) -> bool:
    last = mention[1]
    return doc.words[last : last + 1] == ["'"]


class MeetingTables(ModuleTables):
    """The rule tables this module reads (rules/<language>/*.toml), and the sets made from them: built
    once per Rules object (Rules.compiled), then read from the Rules an article is extracted with."""

    __slots__ = (
        "AHEAD_OF_VISIT_RE",
        "ARRIVAL_RE",
        "ATTEND_RE",
        "AT_THE_EVENT_RE",
        "AUTHOR_NOTES",
        "BACKGROUND_LINK_RE",
        "BILATERAL_WORDS",
        "BUILDING_HEADS",
        "CAPITAL_RE",
        "CEREMONY_RE",
        "CLAUSE_EDGE_RE",
        "CONTEXT_RECEPTION_RE",
        "CONVENED_EVENT_RE",
        "CURRENT_RE",
        "DATELINE_END_RE",
        "DOC_CLAUSE_RE",
        "DOC_HISTORY_RE",
        "DOC_WORD_RE",
        "DONE_RE",
        "EVENT_DESCRIPTORS",
        "EVENT_NAME_JOINERS",
        "EVENT_RE",
        "FIXED_SEATS",
        "FUTURE_RE",
        "FUTURE_WORDS",
        "GOAL_BEFORE_RE",
        "GROUP_RE",
        "HABITUAL_RE",
        "HOSTED_RE",
        "HOST_COUNTRY_RE",
        "HOST_VERB_RE",
        "INTERVIEW_RE",
        "INVITED_RE",
        "IN_PERSON_RE",
        "JOINT_WORK_WORDS",
        "LEDE_EVENT_RE",
        "LEDE_SETTING_RE",
        "LEVEL_PATTERNS",
        "LOCATION_BEFORE",
        "LONG_AGO_RE",
        "MEETING_NOUN_RE",
        "MONTHS",
        "MULTILATERAL_RE",
        "NTH_DAYS",
        "NTH_DAY_RE",
        "OPINION_PREFIXES",
        "OPINION_TITLE_RE",
        "OTHER_VISIT_RE",
        "PAST_OPENER_RE",
        "PAST_RE",
        "PHONE_RE",
        "RECEPTION_RE",
        "RECOLLECTION_RE",
        "REPORT_DAY_BEFORE_RE",
        "RETURN_HOME_RE",
        "SAME_DAY_RE",
        "SIDELINES_RE",
        "SIGNING_WORDS",
        "SPOKE_TO_RE",
        "SPOKE_WITH_RE",
        "STANCE_RE",
        "STATEMENT_RE",
        "TITLE_CALL_RE",
        "TITLE_RECEPTION_RE",
        "TOPIC_NOUNS",
        "TRIGGER_RE",
        "VAGUE_RE",
        "VIDEO_RE",
        "VISITING_GUEST_RE",
        "VISIT_RE",
        "WEAK_CUES",
        "WELCOMED_THING_RE",
    )  # one attribute per table: read fast in the loops

    def __init__(self, R: Rules) -> None:
        self._load_1(R)
        self._load_2(R)
        self._load_3(R)

    def _load_1(self, R: Rules) -> None:
        self.TRIGGER_RE = R.gate("meeting.trigger")
        self.PAST_RE = R.gate("meeting.past")
        self.PHONE_RE = R.gate("meeting.phone")
        self.VIDEO_RE = R.gate("meeting.video")
        self.VISIT_RE = R.gate("meeting.visit")
        self.SIDELINES_RE = R.gate("meeting.sidelines")
        self.ATTEND_RE = R.gate("meeting.attend")
        self.MULTILATERAL_RE = R.gate("meeting.multilateral")
        self.CEREMONY_RE = R.gate("meeting.ceremony")
        self.RECEPTION_RE = R.gate("meeting.reception")
        self.TITLE_RECEPTION_RE = R.regex("meeting.title_reception")
        self.CONTEXT_RECEPTION_RE = R.regex("meeting.context_reception")
        self.LEVEL_PATTERNS = tuple((level, R.gate(f"meeting.level_{level}")) for level in LEVELS)
        self.TOPIC_NOUNS = R.words("meeting.topic_nouns")
        self.GROUP_RE = R.gate("meeting.group")
        self.MEETING_NOUN_RE = R.gate("meeting.meeting_noun")
        self.RECOLLECTION_RE = R.regex("meeting.recollection")
        self.PAST_OPENER_RE = R.regex("meeting.past_opener")
        self.DOC_CLAUSE_RE = R.gate("meeting.doc_clause")
        self.BACKGROUND_LINK_RE = R.gate("meeting.background_link")
        self.HABITUAL_RE = R.gate("meeting.habitual")
        self.WELCOMED_THING_RE = R.gate("meeting.welcomed_thing")
        self.DOC_HISTORY_RE = R.gate("meeting.doc_history")
        self.SIGNING_WORDS = R.words("meeting.signing_words")
        self.MONTHS = R.strings("meeting.months")
        self.FUTURE_WORDS = tuple(sorted(f" {w} " for w in R.words("meeting.future_words")))  # whole words
        self.LONG_AGO_RE = R.regex("meeting.long_ago")
        self.STANCE_RE = R.gate("meeting.stance")
        self.DATELINE_END_RE = R.regex("meeting.dateline_end")
        self.DOC_WORD_RE = R.regex("meeting.doc_word")
        self.CURRENT_RE = R.regex("meeting.current")
        self.FUTURE_RE = R.gate("meeting.future")
        self.DONE_RE = R.gate("meeting.done")
        self.OPINION_TITLE_RE = R.regex("meeting.opinion_title")
        self.AUTHOR_NOTES = R.strings("meeting.author_notes")

    def _load_2(self, R: Rules) -> None:
        self.OPINION_PREFIXES = R.strings("meeting.opinion_prefixes")
        self.STATEMENT_RE = R.regex("meeting.statement")
        self.INTERVIEW_RE = R.gate("meeting.interview")
        self.INVITED_RE = R.gate("meeting.invited")
        self.OTHER_VISIT_RE = R.gate("meeting.other_visit")
        self.SPOKE_WITH_RE = R.gate("meeting.spoke_with")
        self.TITLE_CALL_RE = R.regex("meeting.title_call")
        self.SPOKE_TO_RE = R.regex("meeting.spoke_to")
        self.IN_PERSON_RE = R.gate("meeting.in_person")
        self.AHEAD_OF_VISIT_RE = R.gate("meeting.ahead_of_visit")
        self.EVENT_DESCRIPTORS = R.words("meeting.event_descriptors")
        self.JOINT_WORK_WORDS = R.words("meeting.joint_work_words")
        self.EVENT_NAME_JOINERS = R.words("meeting.event_name_joiners")
        self.BILATERAL_WORDS = R.words("meeting.bilateral_words")
        self.GOAL_BEFORE_RE = R.gate("meeting.goal_before")
        self.LOCATION_BEFORE = R.phrases("meeting.location_before")
        self.WEAK_CUES = R.phrase_set("meeting.weak_cues")
        self.EVENT_RE = R.gate("meeting.event")
        self.BUILDING_HEADS = R.words("meeting.building_heads")
        self.LEDE_EVENT_RE = R.gate("meeting.lede_event")
        self.LEDE_SETTING_RE = R.gate("meeting.lede_setting")
        self.HOSTED_RE = R.gate("meeting.hosted")
        self.CONVENED_EVENT_RE = R.gate("meeting.convened_event")
        self.AT_THE_EVENT_RE = R.gate("meeting.at_the_event")
        self.CAPITAL_RE = R.gate("meeting.capital")
        self.NTH_DAYS = R.mapping("meeting.nth_days")
        self.NTH_DAY_RE = R.gate("meeting.nth_day")
        self.ARRIVAL_RE = R.regex("meeting.arrival")
        self.RETURN_HOME_RE = R.gate("meeting.return_home")
        self.SAME_DAY_RE = R.gate("meeting.same_day")
        self.REPORT_DAY_BEFORE_RE = R.regex("meeting.report_day_before")
        self.VAGUE_RE = R.gate("meeting.vague")
        self.CLAUSE_EDGE_RE = R.regex("meeting.clause_edge")
        self.HOST_COUNTRY_RE = R.gate("meeting.host_country")

    def _load_3(self, R: Rules) -> None:
        self.HOST_VERB_RE = R.gate("meeting.host_verb")
        self.FIXED_SEATS = R.mapping("meeting.fixed_seats")
        self.VISITING_GUEST_RE = R.regex("meeting.visiting_guest")
