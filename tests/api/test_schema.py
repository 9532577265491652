"""The OpenAPI schema and the browsable docs."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_lists_the_client_and_contact_paths(api, officer):
    response = api(officer).get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ["/api/v1/clients/", "/api/v1/clients/{id}/", "/api/v1/clients/{id}/contacts/",
                 "/api/v1/contacts/", "/api/v1/contacts/{id}/"]:
        assert path in paths
    assert set(paths["/api/v1/clients/{id}/"]) >= {"get", "put", "patch"}
    assert "post" in paths["/api/v1/clients/"]
    parameters = {p["name"] for p in paths["/api/v1/clients/"]["get"]["parameters"]}
    assert {"q", "date_of_birth", "council_reference", "nhs_number"} <= parameters
    schemas = response.json()["components"]["schemas"]
    assert "ClientCreateInput" in schemas and "ClientOutput" in schemas
    assert "reason" in schemas["ClientUpdateInput"]["required"]


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # --fail-on-warn makes any drf-spectacular warning an error; --validate checks it against the
    # OpenAPI specification.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/clients/" in (tmp_path / "schema.yaml").read_text()


def test_browsable_docs(api, officer):
    response = api(officer).get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    # The docs page loads Swagger UI from our own static files, never from a third-party CDN.
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower()


def test_schema_and_docs_need_a_signed_in_user(client):
    assert client.get("/api/schema/").status_code in (401, 403)
    assert client.get("/api/docs/").status_code in (401, 403)
