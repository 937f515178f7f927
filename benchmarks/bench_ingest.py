"""Benchmark: ingest a generated corpus into PostgreSQL; print articles per second and memory.

Uses a scratch database (BENCH_DATABASE_URL, default relations_bench on 127.0.0.1:5432),
dropped and re-created on every run. BENCH_ARTICLES sets the corpus size (default 10,000).
Resident memory is printed at checkpoints: it should stay flat as the count grows.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/relations_bench"


def _recreate_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    import psycopg

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    count = int(os.environ.get("BENCH_ARTICLES", "10000"))
    try:
        _recreate_database(url)
    except psycopg.OperationalError as exc:
        print(f"ingest: skipped, no PostgreSQL at {url} ({str(exc).strip().splitlines()[0]}); set BENCH_DATABASE_URL")
        return
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from relations import services
    from relations.extraction import iter_articles

    from .generate import generate

    call_command("migrate", verbosity=0)
    services.reference_data_load()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for article in generate(count):
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
        checkpoints: list[str] = []
        step = max(count // 5, 1)

        def progress(report: services.IngestReport) -> None:
            if report.read % step == 0:
                checkpoints.append(f"{report.read}: {_rss_mib():.0f} MiB")

        started = time.perf_counter()
        report = services.articles_ingest(articles=iter_articles([corpus]), on_progress=progress)
        elapsed = time.perf_counter() - started
    print(f"ingest: {report.summary()}")
    print(f"ingest: {count} articles in {elapsed:.1f} s = {count / elapsed:.0f} articles/s into PostgreSQL")
    print(f"ingest: peak resident memory at each fifth of the corpus: {', '.join(checkpoints)}")


if __name__ == "__main__":
    main()
