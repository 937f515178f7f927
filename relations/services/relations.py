"""Bilateral relations: one row per unordered pair, created for every pair that meets."""

from __future__ import annotations

from itertools import combinations

from django.db import transaction

from relations.models import BilateralRelation, Meeting


def relation_get_or_create(*, first: str, second: str) -> tuple[BilateralRelation, bool]:
    """The relation of a pair in either order (stored as country_a < country_b)."""
    a, b = sorted([first.upper(), second.upper()])
    if a == b:
        raise ValueError(f"a bilateral relation needs two different countries, got {a} twice")
    return BilateralRelation.objects.get_or_create(country_a_id=a, country_b_id=b)


@transaction.atomic
def relations_ensure_for_meeting(*, meeting: Meeting) -> list[BilateralRelation]:
    """After the parties of a meeting changed: every pair has its BilateralRelation row, and the
    meeting's party_key (which ingest uses to find it) matches its parties."""
    meeting.refresh_party_key()
    codes = sorted(meeting.parties.values_list("country_id", flat=True))
    return [relation_get_or_create(first=a, second=b)[0] for a, b in combinations(codes, 2)]
