"""API URLs, included under /api/: the resources, tokens, the OpenAPI schema and its docs.

The browsable API's log-in (/api/auth/login/) is in config/urls.py, under DRF's own namespace.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from relations import api

app_name = "api"

router = DefaultRouter()
router.register("countries", api.CountryViewSet, basename="country")
router.register("officials", api.OfficialViewSet, basename="official")
router.register("meetings", api.MeetingViewSet, basename="meeting")
router.register("sectors", api.SectorViewSet, basename="sector")
router.register("forums", api.ForumViewSet, basename="forum")
router.register("relations", api.RelationViewSet, basename="relation")
router.register("articles", api.ArticleViewSet, basename="article")

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include(router.urls)),
]
