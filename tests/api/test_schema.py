"""OpenAPI schema and its docs: valid, warning-free, served without a CDN."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_validates_without_warnings(tmp_path: Path):
    out = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out), stderr=StringIO())

    schema = yaml.safe_load(out.read_text())
    assert schema["info"]["title"] == "Bilateral relations API"
    assert {
        "/api/countries/",
        "/api/countries/{iso3}/",
        "/api/officials/",
        "/api/officials/{id}/",
        "/api/meetings/",
        "/api/meetings/{id}/",
        "/api/meetings/{id}/status/",
        "/api/sectors/",
        "/api/forums/",
        "/api/forums/{acronym}/",
        "/api/relations/",
        "/api/relations/{pair}/",
        "/api/articles/",
        "/api/articles/{id}/",
        "/api/auth/token/",
    } <= set(schema["paths"])
    meeting_params = {p["name"] for p in schema["paths"]["/api/meetings/"]["get"]["parameters"]}
    assert {"country", "date_after", "date_before", "sector", "forum", "format", "status", "official", "q"} <= (
        meeting_params
    )
    assert set(schema["paths"]["/api/meetings/{id}/"]) == {"get", "patch"}


def test_schema_endpoint_serves_openapi(client_anon):
    response = client_anon.get("/api/schema/")

    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")


def test_swagger_ui_is_served_from_local_static_files(client_anon):
    response = client_anon.get("/api/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "unpkg" not in html.lower()


def test_swagger_ui_assets_are_served(client_anon):
    response = client_anon.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    body = b"".join(response.streaming_content)
    response.close()

    assert response.status_code == 200
    assert b"SwaggerUIBundle" in body


def test_browsable_api_root_lists_the_resources(client_anon):
    response = client_anon.get("/api/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert client_anon.get("/api/").json() == {
        name: f"http://testserver/api/{name}/"
        for name in ["countries", "officials", "meetings", "sectors", "forums", "relations", "articles"]
    }


@pytest.mark.parametrize(
    "url",
    [
        "/api/countries/",
        "/api/officials/",
        "/api/meetings/?country=AZE",
        "/api/sectors/",
        "/api/forums/",
        "/api/relations/",
        "/api/articles/",
    ],
)
def test_browsable_api_renders_each_list_with_its_filter_form(client_anon, url):
    from tests import factories

    factories.CountryFactory(iso3="AZE", iso2="AZ")

    response = client_anon.get(url, HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert b"Filters" in response.content or url in ("/api/sectors/",)
