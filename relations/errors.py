"""Error answers: JSON under /api/, HTML pages elsewhere.

DRF answers the exceptions of its own views in JSON. Django answers the rest itself: a path
that no URL matches (404), an exception that nothing caught (500), a request refused before any
view (400). config/urls.py points Django's handlers here, so that every answer under /api/ is
JSON, errors included, while the pages keep Django's HTML.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def bad_input(request: HttpRequest, problem: str, *, parameter: str | None = None) -> HttpResponse:
    """A 400 naming the problem and where it is: a query parameter, or the path when `parameter` is None.

    Under /api/ the body has DRF's shape ({"country": ["..."]} or {"detail": "..."}); a page
    says it in words.
    """
    if is_api(request):
        body: dict[str, Any] = {parameter: [problem]} if parameter is not None else {"detail": problem}
        return JsonResponse(body, status=400)
    where = f"The parameter “{parameter}”" if parameter is not None else "The address"
    return render(request, "400.html", {"problem": f"{where}: {problem}"}, status=400)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Django's own 400s (a disallowed host, too many fields) say nothing more, as Django's page does.
    if is_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": f"Not found: nothing at {request.path}"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": "A server error occurred."}, status=500)
    return defaults.server_error(request)
