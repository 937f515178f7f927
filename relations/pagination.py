"""Pagination of the API's lists: page numbers with a client-chosen size (1 to 500); a bad size is a
400 naming it. The meeting list also pages by keyset cursor and estimates very large counts (issue 10).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_OFFSET = 2**62  # no list is this long, and an OFFSET past 2**63 - 1 is an SQL error
EXACT_COUNT_LIMIT = 1_000  # counts the planner puts up to this are exact; above it, its estimate


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if not raw:  # not given, or given empty: as DRF reads an empty page
            return self.page_size  # type: ignore[return-value]
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"{raw!r} is not a whole number from 1 to {self.max_page_size}"]}
            )
        return size

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """DRF's, with the bounds the view enforces: pages from 1, sizes from 1 to max_page_size;
        either given empty is the default (the first page, the default size)."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            parameter["schema"] = {"anyOf": [parameter["schema"], {"type": "string", "maxLength": 0}]}
        return parameters


# --------------------------------------------------------------------------- counting


def planned_rows(queryset: QuerySet[Any]) -> int:
    """PostgreSQL's estimate of how many rows `queryset` returns: EXPLAIN, no execution."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str | bytes):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def count_rows(queryset: QuerySet[Any], *, exact_up_to: int = EXACT_COUNT_LIMIT) -> tuple[int, bool]:
    """How many rows `queryset` has, and whether that is an estimate.

    On PostgreSQL the planner estimates the count from the table statistics first (EXPLAIN, no
    execution). Up to `exact_up_to` rows, counting is cheap and the rows are counted; above it, the
    estimate is the answer: counting 100,000 meetings, or the 7,800 of one country through the
    parties, cost more than the page itself and grew with the table (issue 10). Other databases
    count exactly.
    """
    queryset = queryset.order_by()
    if connection.vendor == "postgresql":
        estimate = planned_rows(queryset)
        if estimate > exact_up_to:
            return estimate, True
    return queryset.count(), False


# --------------------------------------------------------------------------- the meeting list


@dataclass(frozen=True)
class Position:
    """Where a keyset page starts: after (or, going back, before) the meeting (`day`, `pk`)."""

    day: date | None
    pk: int
    back: bool = False
    ascending: bool = False

    def encode(self) -> str:
        data = {"d": self.day.isoformat() if self.day else None, "i": self.pk, "b": self.back, "a": self.ascending}
        return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Position:
        try:
            data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            day = date.fromisoformat(data["d"]) if data["d"] is not None else None
            pk, back, ascending = data["i"], data["b"], data["a"]
        except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError):
            raise ValidationError({"cursor": ["not a cursor of this list; start with cursor=first"]}) from None
        whole = isinstance(pk, int) and not isinstance(pk, bool) and 0 <= pk < 2**63  # a bigint
        if not (whole and isinstance(back, bool) and isinstance(ascending, bool)):
            raise ValidationError({"cursor": ["not a cursor of this list; start with cursor=first"]})
        return cls(day, pk, back, ascending)


def keyset_rows(
    queryset: QuerySet[Any, dict[str, Any]], after: Position | None, *, ascending: bool, back: bool, limit: int
) -> list[dict[str, Any]]:
    """Up to `limit` rows of `queryset` that follow `after` in the list's order (or, `back`, precede it, nearest first).

    The list's order is the dated meetings by (date, id), then the undated by id, both descending
    (ascending with ordering=date). Each part is read with a condition on the key that the index
    (date DESC NULLS LAST, id DESC), meeting_list_order_idx, answers from where the page starts,
    in either direction, so a page deep in the list costs what the first one costs.
    """
    down = ascending == back  # walking towards smaller (date, id)
    if down:
        order = [F("date").desc(nulls_last=True), F("id").desc()]
    else:
        order = [F("date").asc(nulls_first=True), F("id").asc()]  # the index read backwards
    dated = queryset.filter(date__isnull=False)
    undated = queryset.filter(date__isnull=True)
    if after is not None and after.day is not None:
        if down:
            dated = dated.filter(date__lte=after.day).filter(Q(date__lt=after.day) | Q(id__lt=after.pk))
        else:
            dated = dated.filter(date__gte=after.day).filter(Q(date__gt=after.day) | Q(id__gt=after.pk))
        parts = [dated] if back else [dated, undated]
    elif after is not None:
        undated = undated.filter(id__lt=after.pk) if down else undated.filter(id__gt=after.pk)
        parts = [undated, dated] if back else [undated]
    else:
        parts = [dated, undated]
    rows: list[dict[str, Any]] = []
    for part in parts:
        rows += part.order_by(*order)[: limit - len(rows)]
        if len(rows) >= limit:
            break
    return rows


class MeetingPagination(PageNumberPagination):
    """The meeting list by page number (`page`) or by keyset (`cursor`), with a count that may be estimated.

    `count` is exact where the planner expects at most EXACT_COUNT_LIMIT rows and its estimate
    above that, which `count_is_estimate` says (count_rows). Whether there is a next page is known from the rows themselves (one
    more than the page is read), never from the count. `cursor=first` starts a keyset walk; each
    page's `next` and `previous` links carry the cursor of the page after and before it.
    """

    cursor_query_param = "cursor"
    first_cursor = "first"
    exact_count_limit = EXACT_COUNT_LIMIT

    def paginate_queryset(self, queryset, request, view=None):  # type: ignore[no-untyped-def]
        self.request = request
        size = self.get_page_size(request)
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor and request.query_params.get(self.page_query_param):
            raise ValidationError({self.cursor_query_param: ["give a page or a cursor, not both"]})
        self.count, self.count_is_estimate = count_rows(queryset, exact_up_to=self.exact_count_limit)
        if cursor:
            return self.keyset_page(queryset, request, cursor, size)
        return self.numbered_page(queryset, request, size)

    def numbered_page(self, queryset: QuerySet[Any], request: Request, size: int) -> list[dict[str, Any]]:
        raw = request.query_params.get(self.page_query_param) or "1"
        if raw in self.last_page_strings:
            if self.count_is_estimate:
                self.count, self.count_is_estimate = queryset.order_by().count(), False
            number = max(1, math.ceil(self.count / size))
        else:
            try:
                number = int(raw)
            except ValueError:
                number = 0
        if number < 1:
            raise NotFound(self.invalid_page_message.format(page_number=raw, message="That page number is less than 1"))
        if number * size > MAX_OFFSET:  # past any table; SQL's OFFSET is a bigint (schemathesis sent page=3.7e17)
            raise NotFound(self.invalid_page_message.format(page_number=raw, message="That page contains no results"))
        rows = list(queryset[(number - 1) * size : number * size + 1])
        if not rows and number > 1:
            raise NotFound(self.invalid_page_message.format(page_number=raw, message="That page contains no results"))
        url = request.build_absolute_uri()
        self.next_link = replace_query_param(url, self.page_query_param, number + 1) if len(rows) > size else None
        if number == 1:
            self.previous_link = None
        elif number == 2:
            self.previous_link = remove_query_param(url, self.page_query_param)
        else:
            self.previous_link = replace_query_param(url, self.page_query_param, number - 1)
        return rows[:size]

    def keyset_page(self, queryset: QuerySet[Any], request: Request, cursor: str, size: int) -> list[dict[str, Any]]:
        ascending = self.ascending(request)
        after = None if cursor == self.first_cursor else Position.decode(cursor)
        if after is not None and after.ascending != ascending:
            raise ValidationError({self.cursor_query_param: ["this cursor belongs to the list in the other order"]})
        back = after is not None and after.back
        rows = keyset_rows(queryset, after, ascending=ascending, back=back, limit=size + 1)
        more = len(rows) > size
        rows = rows[:size]
        if back:
            rows.reverse()
        url = request.build_absolute_uri()

        def link(row: dict[str, Any], *, back: bool) -> str:
            position = Position(row["date"], row["id"], back=back, ascending=ascending)
            return replace_query_param(url, self.cursor_query_param, position.encode())

        has_next = more if not back else True
        has_previous = more if back else after is not None
        self.next_link = link(rows[-1], back=False) if rows and has_next else None
        self.previous_link = link(rows[0], back=True) if rows and has_previous else None
        return rows

    def ascending(self, request: Request) -> bool:
        """The keyset's order: the default (newest first), `ordering=-date` or `ordering=date`."""
        terms = [term for term in (request.query_params.get("ordering") or "").split(",") if term]
        if terms not in ([], ["date"], ["-date"]):
            raise ValidationError({self.cursor_query_param: ["cursor pages take ordering=date or -date only"]})
        return terms == ["date"]

    def get_next_link(self) -> str | None:
        return self.next_link

    def get_previous_link(self) -> str | None:
        return self.previous_link

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "count": self.count,
                "count_is_estimate": self.count_is_estimate,
                "next": self.next_link,
                "previous": self.previous_link,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["count", "count_is_estimate", "results"]
        paginated["properties"]["count"]["description"] = (
            f"How many meetings match. Exact where PostgreSQL's planner expects at most {EXACT_COUNT_LIMIT:,}, "
            "else the planner's estimate (`count_is_estimate`)."
        )
        paginated["properties"] = {
            "count": paginated["properties"]["count"],
            "count_is_estimate": {"type": "boolean", "description": "Whether `count` is an estimate."},
            **{k: v for k, v in paginated["properties"].items() if k != "count"},
        }
        return paginated

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Page by keyset instead of page number: `first` for the first page, then the "
                "cursor in a page's `next` or `previous` link. A page deep in the list costs what the first "
                "costs. Not with `page`; with `ordering` only `date` or `-date`.",
                "schema": {"type": "string"},
            },
        ]
