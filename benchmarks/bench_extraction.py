"""Extraction throughput: seed-length articles per second on one core (gazetteer compiled once)."""

from __future__ import annotations

import time

from relations.extraction import Gazetteer, extract, read_article_file
from relations.extraction.gazetteer import SEEDS_DIR

SEED = SEEDS_DIR / "articles" / "azerbaijan-pakistan-strategic-partnership.txt"


def main(seconds: float = 2.0) -> float:
    gazetteer = Gazetteer.from_seed_files()
    article = read_article_file(SEED)
    t0 = time.perf_counter()
    extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)
    compile_s = time.perf_counter() - t0
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)
        n += 1
    rate = n / (time.perf_counter() - t0)
    print(
        f"extraction: {rate:,.0f} articles/s (seed article, {len(article.text)} chars; first call incl. compile {compile_s * 1000:.0f} ms)"
    )
    return rate


if __name__ == "__main__":
    main()
