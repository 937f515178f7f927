"""Where an endpoint's time goes: its SQL statements counted and timed, the slowest one shown.

Requests each endpoint of the web benchmark (or the paths given) through Django's test client in
this process, against a database filled by `benchmarks.fill`, and prints for each: the number of
queries, the time in SQL and in all, and the slowest statement. `--explain` adds that statement's
plan (EXPLAIN ANALYZE). A tool for reading `make bench-web`'s figures; it asserts nothing.

    python -m benchmarks.queries 100000 [--explain] [PATH ...]
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from benchmarks.fill import ADMIN_USERNAME, database_name, database_url


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("meetings", type=int, help="the size of a database filled by benchmarks.fill")
    parser.add_argument("paths", nargs="*", help="default: every endpoint of benchmarks.web")
    parser.add_argument("--explain", action="store_true", help="print the plan of each endpoint's slowest query")
    parser.add_argument("--database-url", help="default: the one benchmarks.fill fills for that size")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url or database_url(database_name(args.meetings))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from benchmarks.fill import sample_ids
    from benchmarks.web import ENDPOINTS

    meeting = sample_ids()["meeting_id"]
    paths = args.paths or [p.format(meeting=meeting) for p in ENDPOINTS]
    client = Client(HTTP_HOST="localhost")
    staff = Client(HTTP_HOST="localhost")  # the admin's pages; the others are read anonymously, as in web.py
    admin, created = get_user_model().objects.get_or_create(
        username=ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_unusable_password()  # the web benchmark sets one for its run
        admin.save()
    staff.force_login(admin)
    for path in paths:
        browser = staff if path.startswith("/admin/") else client
        browser.get(path)  # warm-up: caches, connection
        statements: list[tuple[float, str, Any]] = []

        def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                statements.append((time.perf_counter() - started, sql, params))  # noqa: B023  # this request's list

        started = time.perf_counter()
        with connection.execute_wrapper(timed):
            status = browser.get(path).status_code
        total = time.perf_counter() - started
        in_sql = sum(s[0] for s in statements)
        print(f"{path}: {status}, {len(statements)} queries, {in_sql * 1000:,.0f} ms in SQL of {total * 1000:,.0f} ms")
        if not statements:
            continue
        seconds, sql, params = max(statements, key=lambda s: s[0])
        print(f"  slowest, {seconds * 1000:,.0f} ms: {' '.join(sql.split())[:400]}")
        if args.explain:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                for (line,) in cursor.fetchall():
                    print(f"    {line}")


if __name__ == "__main__":
    main()
