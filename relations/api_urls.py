"""API URLs, included under /api/: the resources, tokens, the OpenAPI schema and its docs.

The browsable API's log-in (/api/auth/login/) is in config/urls.py, under DRF's own namespace.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from relations import api
from relations.auth import obtain_auth_token

app_name = "api"

router = DefaultRouter()
router.register("countries", api.CountryViewSet, basename="country")
router.register("officials", api.OfficialViewSet, basename="official")
router.register("meetings", api.MeetingViewSet, basename="meeting")
router.register("sectors", api.SectorViewSet, basename="sector")
router.register("forums", api.ForumViewSet, basename="forum")
router.register("relations", api.RelationViewSet, basename="relation")
router.register("articles", api.ArticleViewSet, basename="article")

# Redoc adds <style> elements (some before it could be given a nonce) and runs its search in a
# worker made from a blob: URL, so its page alone allows inline styles and blob: workers. Its
# "powered by" logo from Redocly's CDN stays refused: the docs make no third-party request.
redoc = csp_update({"style-src-elem": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
    SpectacularRedocView.as_view(url_name="api:schema")
)

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", redoc, name="redoc"),
    path("", include(router.urls)),
]
