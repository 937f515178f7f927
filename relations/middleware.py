"""Request guards that run before any view."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from relations.errors import bad_input

NUL_PROBLEM = "contains a NUL character (%00), which no code, name or search can hold"


class RejectNulMiddleware:
    """A NUL character in the path or a query parameter is a 400 naming where it is.

    PostgreSQL text cannot hold NUL, so any lookup with one failed with a DataError (a 500),
    in every filter, search box and path converter alike. One guard here, before the views,
    rather than one in each of them. Request bodies are left to the forms and serializers,
    whose CharFields refuse NUL already.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            return bad_input(request, f"the path {NUL_PROBLEM}")
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return bad_input(request, NUL_PROBLEM, parameter=name.replace("\x00", "\\x00"))
        return self.get_response(request)
