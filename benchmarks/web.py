"""Web benchmark (issue 10): every page and API endpoint at 10,000 and 100,000 meetings, under gunicorn.

For each size in BENCH_WEB_SIZES (default 10000,100000):

1. `benchmarks.fill` fills PostgreSQL database relations_bench_<size> (kept and reused while it is
   current; `--refill` rebuilds it);
2. the app is served as in production: gunicorn, 2 sync workers, DEBUG=0, on a free loopback port;
3. each endpoint gets one warm-up request, then BENCH_WEB_RUNS (7) timed ones, one at a time:
   median and p90 latency, status and size (the admin's pages with a logged-in superuser);
4. under load (wrk, 8 connections, BENCH_WEB_LOAD_SECONDS=10 each) the meeting list of the app,
   the same page from benchmarks/raw_app.py (PostgreSQL builds it with json_agg) and from
   benchmarks/naive_api.py (a naive DRF ModelViewSet), each served the same way.

It prints one table with both sizes side by side and the ratio, then the load figures. Nothing
here asserts a time. Only 127.0.0.1 is ever contacted. Usage:

    python -m benchmarks.web [--sizes 10000,100000] [--refill] [--json results.json]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from benchmarks.fill import database_name, database_url

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
LIST = "/api/meetings/?page_size=100"
PROBE = "/api/sectors/"  # a cheap page: the server is up when it answers, whatever the status
ENDPOINTS = [
    "/",
    "/countries/AZE/",
    "/relations/AZE-PAK/",
    "/meetings/",
    "/meetings/{meeting}/",
    "/search/?q=energy",
    "/forums/OIC/",
    LIST,
    "/api/meetings/?page_size=100&q=energy",
    "/api/meetings/?page_size=100&country=AZE",
    "/api/meetings/{meeting}/",
    "/api/relations/",
    "/api/relations/?country=AZE",
    "/api/relations/AZE-PAK/",
    "/api/countries/AZE/",
    "/admin/relations/meeting/",
    "/admin/relations/meeting/?q=energy",
]
WORKERS = 2
CONNECTIONS = 8
SLOW_BUDGET = 60.0  # seconds of timed requests per endpoint at most: a slow one gets fewer runs


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


@dataclass
class Timing:
    """One endpoint at one size: latencies in seconds, the last status and body size."""

    path: str
    status: int | str = ""
    size: int = 0
    times: list[float] = field(default_factory=list)
    queries: int | None = None
    endpoint: str = ""  # the path with <id>, the row's label

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def p90(self) -> float | None:
        if not self.times:
            return None
        ordered = sorted(self.times)
        return ordered[math.ceil(0.9 * len(ordered)) - 1]


@dataclass
class Load:
    """wrk's figures for one URL."""

    label: str
    requests_per_second: float | None = None
    requests: int = 0
    latency_p50_ms: float | None = None
    non_2xx: int = 0
    errors: int = 0
    note: str = ""
    queries: int | None = None


@dataclass
class SizeResult:
    meetings: int
    fill: dict[str, Any]
    timings: list[Timing] = field(default_factory=list)
    loads: list[Load] = field(default_factory=list)
    same_page: dict[str, str] = field(default_factory=dict)
    load_average: tuple[float, float] = (0.0, 0.0)


# --------------------------------------------------------------------------- HTTP on loopback


def fetch(port: int, path: str, *, cookie: str = "", timeout: float = 120, method: str = "GET", body: bytes = b"", headers: dict[str, str] | None = None) -> tuple[int, bytes, float, http.client.HTTPResponse]:  # fmt: skip
    """One request on a new connection (gunicorn's sync workers close each): status, body, seconds."""
    sent = {"Host": f"{HOST}:{port}", "Accept": "*/*", **(headers or {})}
    if cookie:
        sent["Cookie"] = cookie
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body or None, headers=sent)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    return response.status, data, time.perf_counter() - started, response


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env(url: str, settings: str | None = None) -> dict[str, str]:
    """Production-like settings for plain HTTP on loopback, with throttles out of the load test's way."""
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="0",
        CACHE_BACKEND="locmem",
        API_THROTTLE_ANON="1000000/minute",
        API_THROTTLE_USER="1000000/minute",
        DATABASE_URL=url,
        LOG_LEVEL="WARNING",
    )
    if settings:
        env["DJANGO_SETTINGS_MODULE"] = settings
    return env


@contextlib.contextmanager
def gunicorn(target: str, env: dict[str, str], probe: str, timeout: float) -> Iterator[int]:
    """Serve `target` with 2 sync workers on a free loopback port until the block ends; yields the port."""
    port = free_port()
    log = tempfile.NamedTemporaryFile("w+", prefix="bench-web-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    command = [
        sys.executable, "-m", "gunicorn", target, "--workers", str(WORKERS), "--worker-class", "sync",
        "--bind", f"{HOST}:{port}", "--timeout", str(int(timeout) + 10), "--graceful-timeout", "5",
        "--log-level", "warning", "--error-logfile", log.name,
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn {target} exited ({process.returncode}):\n{_tail(log.name)}")
            try:
                fetch(port, probe, timeout=timeout)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn {target} does not answer after 60 s:\n{_tail(log.name)}") from None
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        errors = _tail(log.name)
        if errors.strip():
            print(f"  gunicorn {target} logged:\n{errors}", file=sys.stderr)
        log.close()
        os.unlink(log.name)


def _tail(path: str, lines: int = 15) -> str:
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    jar: dict[str, str] = {}
    for header in response.msg.get_all("Set-Cookie") or []:
        parsed = SimpleCookie()
        parsed.load(header)
        jar.update({name: morsel.value for name, morsel in parsed.items()})
    return jar


def admin_login(port: int, username: str, password: str) -> str:
    """Log in through the admin's form once (django-axes counts failures); the Cookie header to send."""
    status, body, _, response = fetch(port, "/admin/login/")
    jar = _cookies(response)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or token is None or "csrftoken" not in jar:
        raise RuntimeError(f"admin login page answered {status} without a CSRF token")
    form = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token.group(1).decode()})
    status, _, _, response = fetch(
        port,
        "/admin/login/?next=/admin/",
        method="POST",
        body=form.encode(),
        cookie=f"csrftoken={jar['csrftoken']}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    jar.update(_cookies(response))
    if status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"admin login failed: {status}")
    return f"sessionid={jar['sessionid']}"


# --------------------------------------------------------------------------- measuring


def time_endpoint(port: int, endpoint: str, ids: dict[str, Any], *, runs: int, cookie: str, timeout: float) -> Timing:
    """`endpoint` with the `ids` filled in: one warm-up request, then `runs` timed ones (fewer when one takes long: SLOW_BUDGET s at most)."""
    path = endpoint.format(**ids)
    timing = Timing(path, endpoint=endpoint.replace("{meeting}", "<id>"))
    try:
        status, body, warm, _ = fetch(port, path, cookie=cookie, timeout=timeout)
    except TimeoutError:
        timing.status = f"timeout>{timeout:.0f}s"
        return timing
    except OSError as exc:
        timing.status = f"error: {exc}"
        return timing
    timing.status, timing.size = status, len(body)
    for _ in range(max(1, min(runs, int(SLOW_BUDGET / max(warm, 1e-3))))):
        try:
            status, body, seconds, _ = fetch(port, path, cookie=cookie, timeout=timeout)
        except OSError as exc:
            timing.status = f"error: {exc}"
            break
        timing.times.append(seconds)
        timing.status, timing.size = status, len(body)
    return timing


def run_wrk(port: int, path: str, label: str, seconds: int) -> Load:
    """Requests per second under CONNECTIONS concurrent connections for `seconds`, measured by wrk."""
    load = Load(label)
    wrk = shutil.which("wrk")
    if wrk is None:
        load.note = "skipped: wrk is not installed (apt-get install wrk)"
        return load
    command = [
        wrk, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "60s", "--latency",
        "-H", "Accept: */*", f"http://{HOST}:{port}{path}",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    out = done.stdout
    if match := re.search(r"Requests/sec:\s+([\d.]+)", out):
        load.requests_per_second = float(match.group(1))
    if match := re.search(r"(\d+) requests in", out):
        load.requests = int(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        load.non_2xx = int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        load.errors = sum(int(n) for n in match.groups())
    if match := re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\b", out, re.MULTILINE):
        value, unit = float(match.group(1)), match.group(2)
        load.latency_p50_ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    if load.requests_per_second is None:
        load.note = f"wrk failed: {(done.stderr or out).strip()[:200]}"
    return load


def compare_pages(reference: bytes, other: bytes) -> str:
    """Whether two list pages hold the same count and results (their links differ by port only)."""
    try:
        mine, theirs = json.loads(reference), json.loads(other)
    except ValueError:
        return "not JSON"
    estimated = bool(mine.get("count_is_estimate"))  # the app's count is then the planner's estimate
    if mine.get("count") != theirs.get("count") and not estimated:
        return f"count {theirs.get('count')} != {mine.get('count')}"
    for i, (a, b) in enumerate(zip(mine.get("results", []), theirs.get("results", []), strict=False)):
        if a != b:
            keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            return f"differs at results[{i}]: {', '.join(keys)}"
    if len(mine.get("results", [])) != len(theirs.get("results", [])):
        return "differs in length"
    return (
        f"the same (count {theirs.get('count')}, the app's estimate {mine.get('count')})" if estimated else "the same"
    )


def fill(size: int, url: str, password: str, refill: bool) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.fill", str(size), "--database-url", url]
    if refill:
        command.append("--refill")
    env = {**os.environ, "BENCH_ADMIN_PASSWORD": password}
    done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench-web: filling {url} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_size(size: int, *, refill: bool, runs: int, load_seconds: int, timeout: float) -> SizeResult:
    url = database_url(database_name(size))
    password = secrets.token_urlsafe(24)
    print(f"bench-web: {size:,} meetings in {url}", file=sys.stderr)
    info = fill(size, url, password, refill)
    result = SizeResult(size, info)
    before = os.getloadavg()[0]
    ids = {"meeting": info.get("meeting_id") or 1}
    reference = b""
    with gunicorn("config.wsgi", server_env(url), PROBE, timeout) as port:
        try:
            cookie = admin_login(port, info["admin_username"], password)
        except (RuntimeError, OSError, KeyError) as exc:
            print(f"bench-web: {exc}; the admin's pages are requested without a login", file=sys.stderr)
            cookie = ""
        for endpoint in ENDPOINTS:
            session = cookie if endpoint.startswith("/admin/") else ""
            timing = time_endpoint(port, endpoint, ids, runs=runs, cookie=session, timeout=timeout)
            result.timings.append(timing)
            print(f"  {timing.path}: {_ms(timing.median)} ms, {timing.status}", file=sys.stderr)
        with contextlib.suppress(OSError):
            reference = fetch(port, LIST, timeout=timeout)[1]
        result.loads.append(run_wrk(port, LIST, "app", load_seconds))
    baselines = [
        ("raw", "benchmarks.raw_app:application", None),
        ("naive", "config.wsgi", "benchmarks.naive_settings"),
    ]
    for label, target, settings in baselines:
        with gunicorn(target, server_env(url, settings), LIST, timeout) as port:
            status, body, _, response = fetch(port, LIST, timeout=timeout)
            result.same_page[label] = compare_pages(reference, body) if status == 200 else f"status {status}"
            load = run_wrk(port, LIST, label, load_seconds)
            header = response.getheader("X-Query-Count")
            load.queries = int(header) if header else None
            result.loads.append(load)
    result.load_average = (before, os.getloadavg()[0])
    return result


# --------------------------------------------------------------------------- the report


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    ms = seconds * 1000
    return f"{ms:,.0f}" if ms >= 10 else f"{ms:.1f}"


def _size(n: int) -> str:
    return f"{n / 1024:,.0f} kB" if n >= 1024 else f"{n} B"


def _count(n: int) -> str:
    return f"{n // 1000:,}k" if n % 1000 == 0 else f"{n:,}"


def _ratio(numerator: float | None, denominator: float | None) -> str:
    return f"{numerator / denominator:.2f}x" if numerator and denominator else "-"


def _cell(timing: Timing, runs: int) -> str:
    if not timing.times:
        return "-"
    if len(timing.times) < runs:  # a slow endpoint: too few runs for a p90
        return f"{_ms(timing.median)} (n={len(timing.times)})"
    return f"{_ms(timing.median)} ({_ms(timing.p90)})"


def report_header(results: list[SizeResult], runs: int) -> list[str]:
    lines = [
        f"Web benchmark: gunicorn {WORKERS} sync workers, DEBUG=0, PostgreSQL on loopback, {os.cpu_count()} cores. "
        f"Latency: median (p90) in ms of {runs} requests one at a time after 1 warm-up "
        "(n=runs when a slow endpoint got fewer)."
    ]
    for r in results:
        rows = r.fill.get("rows") or {}
        how = "reused" if r.fill.get("reused") else "filled"
        lines.append(
            f"  {r.meetings:,} meetings: {how} ({r.fill.get('fill_seconds')} s to fill, {r.fill.get('filled_at')}); "
            f"meeting <id> {r.fill.get('meeting_id')}; load average {r.load_average[0]:.2f} before, "
            f"{r.load_average[1]:.2f} after; rows: " + ", ".join(f"{k} {v:,}" for k, v in rows.items())
        )
    return lines


def report_latency(results: list[SizeResult], runs: int) -> list[str]:
    first, last = results[0], results[-1]
    width = max(len(t.endpoint or t.path) for r in results for t in r.timings) + 2
    head = f"{'endpoint':<{width}}" + "".join(f"{_count(r.meetings):>20}" for r in results)
    if len(results) > 1:
        head += f"{_count(last.meetings) + '/' + _count(first.meetings):>12}"
    head += f"  {'status':<10}{'size ' + _count(last.meetings):>12}"
    lines = [head, "-" * len(head)]
    for i, timing in enumerate(first.timings):
        cells = [r.timings[i] for r in results]
        row = f"{timing.endpoint or timing.path:<{width}}" + "".join(f"{_cell(cell, runs):>20}" for cell in cells)
        if len(results) > 1:
            row += f"{_ratio(cells[-1].median, cells[0].median):>12}"
        statuses = "/".join(str(c.status) for c in cells)
        flag = "" if all(c.status == 200 for c in cells) else "  <-- not 200"
        lines.append(row + f"  {statuses:<10}{_size(cells[-1].size):>12}{flag}")
    return lines


def _load_cell(load: Load | None) -> str:
    if load is None or load.requests_per_second is None:
        return (load.note if load else "-")[:21]
    text = f"{load.requests_per_second:.1f} ({load.latency_p50_ms or 0:,.0f})"
    failed = load.non_2xx + load.errors
    return f"{text} !{failed} failed" if failed else text


def report_load(results: list[SizeResult], load_seconds: int) -> list[str]:
    labels = {
        "app": "app (relations/api.py)",
        "raw": "raw json_agg (benchmarks/raw_app.py)",
        "naive": "naive DRF (benchmarks/naive_api.py)",
    }
    width = max(len(v) for v in labels.values()) + 2
    by_label = [{load.label: load for load in r.loads} for r in results]
    lines = [
        f"Load: wrk, {CONNECTIONS} connections, {load_seconds} s each, GET {LIST}: requests/s (median latency ms)",
        f"{'':<{width}}" + "".join(f"{_count(r.meetings):>22}" for r in results),
    ]
    for label, title in labels.items():
        lines.append(f"{title:<{width}}" + "".join(f"{_load_cell(loads.get(label)):>22}" for loads in by_label))
    for label in ("raw", "naive"):
        row = f"{'app / ' + label:<{width}}"
        for loads in by_label:
            app, other = loads.get("app"), loads.get(label)
            row += f"{_ratio(app and app.requests_per_second, other and other.requests_per_second):>22}"
        lines.append(row)
    for r, loads in zip(results, by_label, strict=True):
        naive = loads.get("naive")
        queries = naive.queries if naive and naive.queries is not None else "?"
        lines.append(
            f"  {_count(r.meetings)}: compared with the app's page, the raw one is {r.same_page.get('raw', '-')}, "
            f"the naive one {r.same_page.get('naive', '-')}; the naive page ran {queries} queries"
        )
    return lines


def report(results: list[SizeResult], runs: int, load_seconds: int) -> str:
    sections = [report_header(results, runs), report_latency(results, runs), report_load(results, load_seconds)]
    return "\n\n".join("\n".join(section) for section in sections)


def load_results(path: Path) -> dict[str, Any]:
    """Figures saved with --json, as the report takes them."""
    saved = json.loads(path.read_text())
    results = []
    for data in saved["results"]:
        result = SizeResult(**{k: v for k, v in data.items() if k not in ("timings", "loads", "load_average")})
        result.timings = [Timing(**t) for t in data["timings"]]
        result.loads = [Load(**load) for load in data["loads"]]
        result.load_average = tuple(data["load_average"])  # type: ignore[assignment]
        results.append(result)
    return {**saved, "results": results}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_WEB_SIZES", "10000,100000"))
    parser.add_argument("--refill", action="store_true", help="fill the databases again")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--print", metavar="JSON", help="only print the table of figures saved with --json")
    args = parser.parse_args(argv)
    if args.print:
        saved = load_results(Path(args.print))
        print(report(saved["results"], saved["runs"], saved["load_seconds"]))
        return
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    runs = env_int("BENCH_WEB_RUNS", 7)
    load_seconds = env_int("BENCH_WEB_LOAD_SECONDS", 10)
    timeout = float(env_int("BENCH_WEB_TIMEOUT", 120))
    results = [
        measure_size(size, refill=args.refill, runs=runs, load_seconds=load_seconds, timeout=timeout) for size in sizes
    ]
    print(report(results, runs, load_seconds))
    if args.json:
        saved = {"runs": runs, "load_seconds": load_seconds, "results": [asdict(r) for r in results]}
        Path(args.json).write_text(json.dumps(saved, indent=2, default=str))


if __name__ == "__main__":
    main()
