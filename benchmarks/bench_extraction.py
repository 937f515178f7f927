"""Extraction throughput: seed-length articles per second on one core (gazetteer compiled once).

Prints the best of several batches (shared machines are noisy) and, for scale, how long this
machine takes for a fixed pure-Python loop, so figures from different machines can be compared.
"""

from __future__ import annotations

import time

from relations.extraction import Gazetteer, extract, read_article_file
from relations.extraction.gazetteer import SEEDS_DIR

SEED = SEEDS_DIR / "articles" / "azerbaijan-pakistan-strategic-partnership.txt"


def _calibration() -> float:
    """Seconds for 10**6 iterations of a trivial loop (about 0.05 s on a current desktop core)."""
    best = float("inf")
    for _ in range(3):
        t0, x = time.perf_counter(), 0
        for i in range(10**6):
            x += i
        best = min(best, time.perf_counter() - t0)
    return best


def main(batches: int = 7, per_batch: int = 50) -> float:
    gazetteer = Gazetteer.from_seed_files()
    article = read_article_file(SEED)
    t0 = time.perf_counter()
    extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)
    compile_ms = (time.perf_counter() - t0) * 1000
    best = float("inf")
    for _ in range(batches):
        t0 = time.perf_counter()
        for _ in range(per_batch):
            extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)
        best = min(best, (time.perf_counter() - t0) / per_batch)
    rate = 1 / best
    print(
        f"extraction: {rate:,.0f} articles/s (seed article, {len(article.text)} chars, best of {batches} batches; "
        f"first call incl. compiling the gazetteer {compile_ms:.0f} ms; "
        f"machine: 10^6-step loop {_calibration() * 1000:.0f} ms)"
    )
    return rate


if __name__ == "__main__":
    main()
