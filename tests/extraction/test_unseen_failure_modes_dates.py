"""Meeting dates on unseen article shapes, each with near-miss controls: a vague time fixes no day, a
visit's range is no day but a day inside it is, a dateline's day anchors 'today' and 'yesterday',
weekdays without 'on', a day in brackets or 'on the 15th', and a lede's day for an undated lead.
A date is never invented: when the text does not fix the day, there is none. The sentences are this
project's own."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction import extract
from relations.extraction.dates import find_dates

KEN = "Kenyan Foreign Minister Musalia Mudavadi"
ETH = "Ethiopian Foreign Minister Gedion Timothewos"


def meeting_date(text: str, gazetteer, published: date | None) -> str | None:
    result = extract(text, title="", published=published, gazetteer=gazetteer).to_contract()
    assert result["meeting"] is not None, "the text reports a meeting"
    return result["meeting"]["date"]


# published on Friday 14 March 2025
VAGUE_TIMES = [
    (f"{KEN} held talks with {ETH} in Addis Ababa last week, the ministry said on Thursday.", None),
    (f"{KEN} met {ETH} in Addis Ababa earlier this month, the ministry said on Thursday.", None),
    (f"{KEN} recently met {ETH} in Nairobi, the ministry said Tuesday.", None),
    (f"{KEN} met {ETH} in Addis Ababa a few days ago, the ministry said on Thursday.", None),
    (f"{KEN} told lawmakers on Thursday about the talks he held with {ETH} in Addis Ababa last week.", None),
    (f"{KEN} met {ETH} in Addis Ababa this week.", None),
    # controls: the meeting has a day of its own
    (f"{KEN}, who visited Cairo last week, met {ETH} on Monday.", "2025-03-10"),
    (f"{KEN} met {ETH} in Addis Ababa on Monday, days after a summit held earlier this month.", "2025-03-10"),
    (f"{KEN} met {ETH} in Addis Ababa on Monday to prepare this month's summit.", "2025-03-10"),
]


@pytest.mark.parametrize(("text", "day"), VAGUE_TIMES)
def test_a_vague_time_fixes_no_day(text, day, gazetteer):
    assert meeting_date(text, gazetteer, date(2025, 3, 14)) == day


VISIT_RANGES = [
    (f"{KEN} paid an official visit to Ethiopia on 2-4 June 2025.", None),
    (f"{KEN} paid an official visit to Ethiopia from June 2 to 4.", None),
    (
        f"{KEN} paid an official visit to Ethiopia on 2\u20134 June. {ETH} held talks with Mudavadi in "
        "Addis Ababa on 3 June.",
        "2025-06-03",
    ),
    (
        f"{KEN} paid an official visit to Ethiopia from June 2 to 4, 2025. {ETH} held talks with Mudavadi "
        "in Addis Ababa on June 3.",
        "2025-06-03",
    ),
    (f"{KEN}, on a visit to Ethiopia on 2-4 June, held talks with {ETH} on 3 June.", "2025-06-03"),
    (
        f"{KEN} paid an official visit to Ethiopia on 2-4 June. On the second day of the visit, {ETH} held "
        "talks with him in Addis Ababa.",
        "2025-06-03",
    ),
    (
        f"{KEN} paid an official visit to Ethiopia on 2-4 June. {ETH} held talks with him in Addis Ababa on "
        "the final day of his three-day visit.",
        "2025-06-04",
    ),
    # controls: a day outside the range, a day past its end
    (
        f"{KEN} paid an official visit to Ethiopia on 2-4 June. {ETH} held talks with him in Addis Ababa on 12 May.",
        None,
    ),
    (
        f"{KEN} paid an official visit to Ethiopia on 2-4 June. {ETH} held talks with him in Addis Ababa on "
        "the fifth day of his visit.",
        None,
    ),
]


@pytest.mark.parametrize(("text", "day"), VISIT_RANGES)
def test_a_range_is_no_day_but_a_day_inside_it_is(text, day, gazetteer):
    assert meeting_date(text, gazetteer, date(2025, 6, 5)) == day


DATELINES = [
    (
        "KUALA LUMPUR, July 6 (Bernama) -- Prime Minister Anwar Ibrahim held talks with Thai Prime Minister "
        "Paetongtarn Shinawatra in Putrajaya today.",
        date(2025, 7, 7),
        "2025-07-06",
    ),
    (
        f"Addis Ababa, March 4/2025(ENA) {ETH} held talks with {KEN} yesterday in Addis Ababa.",
        date(2025, 3, 5),
        "2025-03-03",
    ),
    (f"Addis Ababa, March 4/2025(ENA) {ETH} held talks with {KEN} yesterday in Addis Ababa.", None, "2025-03-03"),
]


@pytest.mark.parametrize(("text", "published", "day"), DATELINES)
def test_a_datelines_day_anchors_today_and_yesterday(text, published, day, gazetteer):
    assert meeting_date(text, gazetteer, published) == day


# published on Monday 9 June 2025
WEEKDAYS = [
    (f"{KEN} and {ETH} agreed Thursday to expand trade.", "2025-06-05"),
    (f"{KEN} met {ETH} Tuesday in Addis Ababa.", "2025-06-03"),
    (f"{KEN} met {ETH} Saturday evening in Addis Ababa.", "2025-06-07"),
    (f"{KEN} met {ETH} on Saturday evening in Addis Ababa.", "2025-06-07"),
    (f"{KEN} met {ETH} late Sunday in Addis Ababa.", "2025-06-08"),
    # controls: not the day of the meeting
    (f"{KEN} met {ETH} in Addis Ababa at the forum, which runs until Friday.", None),
    (f"{KEN} met {ETH} in Addis Ababa to prepare the summit next Friday.", None),
]


@pytest.mark.parametrize(("text", "day"), WEEKDAYS)
def test_weekdays_without_on_date_the_meeting(text, day, gazetteer):
    assert meeting_date(text, gazetteer, date(2025, 6, 9)) == day


BRACKETED_AND_ORDINAL_DAYS = [
    (f"{KEN} met {ETH} in Addis Ababa today (13 March).", "2025-03-13"),
    (f"{KEN} met {ETH} in Addis Ababa on Tuesday (11).", "2025-03-11"),
    (f"{KEN} met {ETH} in Addis Ababa on the 10th.", "2025-03-10"),
    (f"{KEN} met {ETH} on the 10th in Addis Ababa.", "2025-03-10"),
    # controls: a bracket that is not the weekday's day, an anniversary
    (f"{KEN} met {ETH} in Addis Ababa on Tuesday (10).", None),
    (f"{KEN} met {ETH} in Addis Ababa on the 15th anniversary of the treaty.", None),
]


@pytest.mark.parametrize(("text", "day"), BRACKETED_AND_ORDINAL_DAYS)
def test_a_day_in_brackets_or_on_the_nth(text, day, gazetteer):
    assert meeting_date(text, gazetteer, date(2025, 3, 14)) == day


LEDES = [
    (
        "Kenya on Thursday formally reopened its embassy in Addis Ababa. At a ceremony near the airport, the "
        f"flags were raised. {KEN} and {ETH} then held talks.",
        "2025-03-13",
    ),
    # controls: a lede about an older day, a lede about the future
    (
        "Kenya on 1 March formally reopened its embassy in Addis Ababa. At a ceremony near the airport, the "
        f"flags were raised. {KEN} and {ETH} then held talks.",
        None,
    ),
    (
        "Kenya will on Friday formally reopen its embassy in Addis Ababa. At a ceremony near the airport, the "
        f"flags were raised. {KEN} and {ETH} held talks.",
        None,
    ),
]


@pytest.mark.parametrize(("text", "day"), LEDES)
def test_an_undated_lead_takes_the_ledes_day_of_the_week(text, day, gazetteer):
    assert meeting_date(text, gazetteer, date(2025, 3, 14)) == day


@pytest.mark.parametrize(
    ("phrase", "ref", "days"),
    [
        ("on 2-4 June 2025", None, (date(2025, 6, 2), date(2025, 6, 4))),
        ("from 30 May to 2 June", date(2025, 6, 5), (date(2025, 5, 30), date(2025, 6, 2))),
        ("May 30-June 2", date(2025, 6, 5), (date(2025, 5, 30), date(2025, 6, 2))),
        ("Dec 30 - Jan 2", date(2025, 1, 5), (date(2024, 12, 30), date(2025, 1, 2))),
        ("on 3 and 4 June", date(2025, 6, 5), (date(2025, 6, 3), date(2025, 6, 4))),
        ("on 2-4 June", None, None),  # no year and nothing to fix it: a range all the same
    ],
)
def test_ranges_are_spans_without_a_day(phrase, ref, days):
    [hit] = find_dates(phrase, ref)
    assert hit.value is None
    assert hit.days == days
