"""The API's JSON (relations/renderers.py): orjson's speed, DRF's bytes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer

from relations.models import MeetingStatus
from relations.renderers import FastJSONRenderer

DATA = {
    "text": "Bak\u0131 \u2013 \u0130slamabad \u2028 line",
    "when": datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
    "day": date(2024, 5, 1),
    "amount": Decimal("1.50"),
    "lazy": gettext_lazy("Not found."),
    "nested": [{"n": 1, "none": None, "yes": True}],
    "detail": ErrorDetail("No Article matches the given query.", code="not_found"),
    "status": MeetingStatus.VERIFIED,
    "errors": {1: ["a list index as a key"]},
    "huge": 2**70,
}


def test_fast_renderer_writes_the_bytes_drf_writes():
    assert FastJSONRenderer().render(DATA, "application/json", {}) == JSONRenderer().render(
        DATA, "application/json", {}
    )


def test_an_indent_asked_for_is_honoured():
    rendered = FastJSONRenderer().render({"a": [1]}, "application/json; indent=2", {})
    assert rendered == b'{\n  "a": [\n    1\n  ]\n}'
