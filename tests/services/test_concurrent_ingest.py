"""Issue 9: concurrency-safe ingest on PostgreSQL. Several processes (or API requests, each on its own
connection) ingesting overlapping or split corpora store exactly the rows of one serial run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from rest_framework.authtoken.models import Token

from benchmarks.generate import Country, Scene, agency_visit, ministry_readout, phone_call, reception
from relations import models, services

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="other processes cannot see pytest's in-memory SQLite database (on SQLite one writer at a time "
        "is the database's own rule)",
    ),
]

WORKERS = 8

# A small world where the same people meet again and again, so that workers race to create them.
CAST = [
    Country("KAZ", "Kazakhstan", "Kazakh", "Astana"),
    Country("UZB", "Uzbekistan", "Uzbek", "Tashkent"),
    Country("KGZ", "Kyrgyzstan", "Kyrgyz", "Bishkek"),
    Country("TJK", "Tajikistan", "Tajik", "Dushanbe"),
    Country("AZE", "Azerbaijan", "Azerbaijani", "Baku"),
    Country("GEO", "Georgia", "Georgian", "Tbilisi"),
]
PEOPLE = {
    ("KAZ", "fm"): "Daren Kolbay",
    ("UZB", "fm"): "Rustam Oyatov",
    ("KGZ", "fm"): "Temir Saparbek",
    ("TJK", "fm"): "Faridun Nazar",
    ("AZE", "fm"): "Elvin Gasimli",
    ("GEO", "fm"): "Levan Tsiklauri",
    ("KAZ", "president"): "Askar Bekmurat",
    ("UZB", "president"): "Jasur Aliyev",
    ("KGZ", "president"): "Nurlan Toktomat",
    ("TJK", "president"): "Sherali Davron",
    ("AZE", "president"): "Ramil Huseynli",
    ("GEO", "president"): "Giorgi Beridze",
}
TOPICS = [["trade", "energy"], ["transport", "logistics", "tourism"], ["education", "culture"], ["energy", "finance"]]
FORUMS = [("the Shanghai Cooperation Organisation", "SCO"), ("the Organization of Turkic States", "OTS")]


def corpus(folder: Path) -> list[Path]:
    """15 meetings, each reported twice in different styles (30 files): a report and its twin sit side by
    side, so that a round-robin split hands them to different workers."""
    paths = []
    pairs = [(a, b) for i, a in enumerate(CAST) for b in CAST[i + 1 :]]
    for n, (a, b) in enumerate(pairs):
        role = "fm" if n % 3 else "president"
        when = date(2024, 3, 1) + timedelta(days=7 * n)
        scene = Scene(
            a,
            b,
            PEOPLE[(a.iso3, role)],
            PEOPLE[(b.iso3, role)],
            role,
            when,
            TOPICS[n % 4],
            FORUMS[n % 2],
            "strategic partnership",
        )
        styles = [agency_visit, ministry_readout] if role == "fm" else [phone_call, reception]
        for k, style in enumerate(styles):
            title, text = style(scene)
            path = folder / f"{n:02d}-{k}.txt"
            published = when + timedelta(days=k)
            path.write_text(f"title: {title}\npublished: {published}\npublisher: Agency {k}\n---\n{text}\n", "utf-8")
            paths.append(path)
    return paths


TABLES = [
    models.Article,
    models.Meeting,
    models.MeetingCountry,
    models.MeetingParticipant,
    models.MeetingSector,
    models.MeetingForum,
    models.MeetingSource,
    models.Official,
    models.OfficialName,
    models.Position,
    models.BilateralRelation,
    models.RelationLevel,
    models.Forum,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def forget_ingest() -> None:
    """Back to the reference data alone."""
    models.Meeting.objects.all().delete()
    models.Article.objects.all().delete()
    models.Official.objects.filter(curated=False).delete()
    models.BilateralRelation.objects.all().delete()
    models.Forum.objects.filter(registered=False, known=False).delete()  # not the known organisations (seeds)


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_eight_processes_given_a_split_corpus_store_exactly_the_rows_of_a_serial_run(tmp_path):
    services.reference_data_load()
    paths = corpus(tmp_path)
    call_command("ingest_articles", *map(str, paths), "--no-progress", stdout=StringIO())
    serial = counts()
    assert (serial["Article"], serial["Meeting"], serial["MeetingSource"]) == (30, 15, 30)
    forget_ingest()

    env = {**os.environ, "DATABASE_URL": database_url(), "REQUIRE_POSTGRES": ""}
    command = [sys.executable, "manage.py", "ingest_articles", "--no-progress"]
    workers = [
        subprocess.Popen(
            [*command, *map(str, paths[i::WORKERS])],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(WORKERS)
    ]
    outputs = [worker.communicate(timeout=300) for worker in workers]

    assert [worker.returncode for worker in workers] == [0] * WORKERS, outputs
    assert counts() == serial


@pytest.mark.django_db(transaction=True)
def test_the_same_corpus_given_whole_to_eight_processes_is_stored_once(tmp_path):
    """Overlapping corpora: every worker gets every file; each text is stored once, each meeting once."""
    services.reference_data_load()
    paths = corpus(tmp_path)[:12]
    call_command("ingest_articles", *map(str, paths), "--no-progress", stdout=StringIO())
    serial = counts()
    forget_ingest()

    env = {**os.environ, "DATABASE_URL": database_url(), "REQUIRE_POSTGRES": ""}
    command = [sys.executable, "manage.py", "ingest_articles", "--no-progress", *map(str, paths)]
    workers = [
        subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(WORKERS)
    ]
    outputs = [worker.communicate(timeout=300) for worker in workers]

    assert [worker.returncode for worker in workers] == [0] * WORKERS, outputs
    assert counts() == serial
    # Each text was new to exactly one worker; the others found it known.
    known = sum(int(out.split(" new, ")[1].split(" already known")[0]) for out, _ in outputs)
    assert known == (WORKERS - 1) * len(paths)


# --------------------------------------------------------------------------- the API, over real HTTP

TEXT_A = (
    "Foreign Minister of Kazakhstan Daren Kolbay held talks with Foreign Minister of Uzbekistan Rustam Oyatov "
    "in Tashkent on April 2, 2024. The ministers discussed trade, energy and transport."
)
TEXT_B = (
    "Uzbek Foreign Minister Rustam Oyatov received his Kazakh counterpart Daren Kolbay in Tashkent on April 2, "
    "2024, the ministry said. Water resources and trade were on the agenda."
)


def post_at_once(url: str, token: str, bodies: list[dict]) -> list[tuple[int, dict]]:
    """POST every body at the same moment, each from its own thread (and so its own server thread and connection)."""
    barrier = threading.Barrier(len(bodies))
    answers: list[tuple[int, dict]] = [(0, {})] * len(bodies)

    def post(i: int) -> None:
        request = urllib.request.Request(url, data=json.dumps(bodies[i]).encode(), method="POST")
        request.add_header("Content-Type", "application/json")
        request.add_header("Authorization", f"Token {token}")
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                answers[i] = (response.status, json.loads(response.read()))
        except urllib.error.HTTPError as error:
            answers[i] = (error.code, json.loads(error.read()))

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.fixture
def token(transactional_db) -> str:  # type: ignore[no-untyped-def]
    services.reference_data_load()
    user = User.objects.create_superuser("curator", password="correct horse battery staple")
    return Token.objects.create(user=user).key


def test_twenty_simultaneous_posts_of_one_text_give_one_201_and_nineteen_200(live_server, token):
    body = {"title": "Kazakh and Uzbek ministers meet", "text": TEXT_A, "published": "2024-04-02"}

    answers = post_at_once(f"{live_server.url}/api/articles/", token, [body] * 20)

    assert sorted(status for status, _ in answers) == [200] * 19 + [201], answers
    assert {answer["article"]["id"] for _, answer in answers} == {models.Article.objects.get().pk}
    assert {answer["outcome"] for status, answer in answers if status == 200} == {"known"}
    assert models.Meeting.objects.count() == 1


def test_two_agencies_reports_posted_ten_times_each_at_once_make_one_meeting(live_server, token):
    bodies = [{"title": "Kazakh and Uzbek ministers meet", "text": TEXT_A, "published": "2024-04-02"}] * 10 + [
        {"title": "Oyatov receives Kolbay", "text": TEXT_B, "published": "2024-04-03"}
    ] * 10

    answers = post_at_once(f"{live_server.url}/api/articles/", token, bodies)

    assert sorted(status for status, _ in answers) == [200] * 18 + [201] * 2, answers
    meeting = models.Meeting.objects.get()
    assert meeting.sources.count() == 2
    assert models.Official.objects.filter(name__in=["Daren Kolbay", "Rustam Oyatov"]).count() == 2
    assert models.BilateralRelation.objects.count() == 1
