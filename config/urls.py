"""URLs: the admin, the API under /api/ and the pages."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("relations.api_urls")),
    path("", include("relations.urls")),
]
