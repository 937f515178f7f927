"""Issue 9: CSV cells that a spreadsheet would run as a formula are neutralised (the OWASP rule)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from relations import models
from relations.api import csv_cell
from tests import factories

from .conftest import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("https://evil.example","Click")', '\'=HYPERLINK("https://evil.example","Click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        (["=1+1", "plain"], "'=1+1;plain"),
        (["plain", "=1+1"], "plain;=1+1"),
        ("Talks in Baku", "Talks in Baku"),
        ("2024-05-01", "2024-05-01"),
        ("", ""),
        (None, ""),
        (True, "true"),
        (42, "42"),
        (-1, "-1"),
    ],
)
def test_csv_cell_quotes_what_a_spreadsheet_would_run(value, cell):
    assert csv_cell(value) == cell


def test_meeting_csv_neutralises_a_formula_in_a_title_summary_and_names(client_anon, world: World):
    """Issue 9: an article titled =HYPERLINK(...) became a live formula in the CSV export."""
    meeting = factories.MeetingFactory(
        title='=HYPERLINK("https://evil.example","Click")',
        date=date(2024, 6, 1),
        summary="@SUM(1+1)*cmd|' /C calc'!A0",
    )
    for country in (world.aze, world.tur):
        factories.MeetingCountryFactory(meeting=meeting, country=country)
    factories.MeetingParticipantFactory(meeting=meeting, official=None, raw_name="-Mallory", country=world.tur)
    factories.MeetingForumFactory(meeting=meeting, forum=factories.ForumFactory(acronym="+FORUM"))
    factories.MeetingSourceFactory(meeting=meeting)

    response = client_anon.get("/api/meetings/?format=csv&country=TUR")

    assert response.status_code == 200
    (row,) = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["title"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert row["summary"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["participants"] == "'-Mallory"
    assert row["forums"] == "'+FORUM"
    assert row["id"] == str(meeting.pk)
    assert row["date"] == "2024-06-01"
    assert models.Meeting.objects.get(pk=meeting.pk).title.startswith("=")  # the data itself is kept
