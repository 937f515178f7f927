"""Run every benchmarks/bench_*.py module's main()."""

from __future__ import annotations

import importlib
import pkgutil

import benchmarks


def main() -> None:
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda i: i.name):
        if info.name.startswith("bench_"):
            importlib.import_module(f"benchmarks.{info.name}").main()


if __name__ == "__main__":
    main()
