"""URLs: the admin, the API under /api/ and the pages.

The error handlers answer JSON under /api/ and HTML elsewhere (relations/errors.py).
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # The browsable API's log-in and log-out; DRF's templates reverse them as "rest_framework:login",
    # a top-level namespace, so they cannot sit inside the "api" namespace of relations.api_urls.
    path("api/auth/", include("rest_framework.urls", namespace="rest_framework")),
    path("api/", include("relations.api_urls")),
    path("", include("relations.urls")),
]

handler400 = "relations.errors.bad_request"
handler403 = "relations.errors.permission_denied"
handler404 = "relations.errors.page_not_found"
handler500 = "relations.errors.server_error"
