"""OpenAPI schema and its docs: valid, warning-free, served without a CDN."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from relations import models

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
    assert {
        "country",
        "date_after",
        "date_before",
        "year",
        "sector",
        "forum",
        "meeting_format",
        "format",
        "bom",
        "status",
        "official",
        "q",
    } <= meeting_params
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


# --------------------------------------------------------------------------- honest enough to fuzz (issue 9)


@pytest.fixture
def openapi(client_anon) -> dict:
    return client_anon.get("/api/schema/?format=json").json()


def operations(openapi: dict) -> list[tuple[str, str, dict]]:
    return [(method, path, op) for path, ops in openapi["paths"].items() for method, op in ops.items()]


def test_schema_says_reads_and_the_token_endpoint_need_no_credentials(openapi):
    """Issue 9: every operation claimed a token or a session, so a fuzzer's anonymous reads 'should' fail."""
    for method, path, op in operations(openapi):
        anonymous = {} in op["security"]
        assert anonymous == (method == "get" or path == "/api/auth/token/"), (method, path)


def test_schema_documents_the_error_answers_as_json(openapi):
    """Issue 9: only 200 was documented, so every 400 and 404 was an undocumented status."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for method, path, op in operations(openapi):
        assert op["responses"]["400"]["content"] == error, (method, path)
        assert op["responses"]["401"]["content"] == error, (method, path)
        if "{" in path or (method == "get" and path.count("/") == 3):
            assert op["responses"]["404"]["content"] == error, (method, path)
        if method != "get":
            assert "403" in op["responses"], (method, path)


def test_schema_types_every_query_parameter(openapi):
    """Issue 9: filters with a method were `{}`, which a fuzzer fills with anything."""
    for method, path, op in operations(openapi):
        for parameter in op.get("parameters", []):
            assert parameter["schema"], (method, path, parameter["name"])
    meetings = {p["name"]: p["schema"] for p in openapi["paths"]["/api/meetings/"]["get"]["parameters"]}
    empty = {"type": "string", "maxLength": 0}
    assert meetings["date_after"] == {"anyOf": [{"type": "string", "format": "date"}, empty]}
    assert meetings["official"] == {"anyOf": [{"type": "integer", "minimum": 1}, empty]}
    assert meetings["q"] == {"type": "string", "pattern": "^[^\\x00]*$"}  # a NUL is a 400 (RejectNulMiddleware)
    # Issue 13: `format` names the response format only; the meeting format is its own filter.
    assert meetings["format"] == {"type": "string", "enum": ["", "csv", "json"]}
    assert set(meetings["meeting_format"]["enum"]) == {*models.MeetingFormat.values, ""}
    assert meetings["status"] == {"type": "string", "enum": ["extracted", "rejected", "verified", ""]}
    assert meetings["ordering"] == {"type": "array", "items": {"type": "string", "enum": ["date", "-date", ""]}}
    assert meetings["page_size"] == {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 500}, empty]}
