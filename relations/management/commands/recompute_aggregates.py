"""Recompute from scratch what the pages show per pair of countries (issue 10).

The writes keep these figures in step (services.aggregates), so a run normally corrects nothing;
it is there after a bulk import that bypassed the services, or to check that nothing drifted.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from relations import services


class Command(BaseCommand):
    help = "Rebuild every meeting's pairs and every relation's stored figures from the rows."

    def handle(self, *args: object, **options: object) -> None:
        report = services.aggregates_recompute_all()
        self.stdout.write(self.style.SUCCESS(f"Aggregates recomputed: {report.summary()}"))
