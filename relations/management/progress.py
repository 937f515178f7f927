"""A one-line progress display for the long-running commands (ingest, re-extract)."""

from __future__ import annotations

import time
from typing import Protocol


class Reported(Protocol):
    read: int

    def progress_line(self) -> str: ...


class Progress:
    """A one-line progress display on a terminal; silent otherwise."""

    def __init__(self, stream: object, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, report: Reported) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.1:
            return
        self.last = now
        rate = report.read / max(now - self.started, 1e-9)
        self.stream.write(f"\r{report.progress_line()} | {rate:.0f}/s")  # type: ignore[attr-defined]
        self.stream.flush()  # type: ignore[attr-defined]

    def done(self) -> None:
        if self.enabled and self.last:
            self.stream.write("\n")  # type: ignore[attr-defined]
