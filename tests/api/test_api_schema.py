"""Done-when 1 of issue 31, first half: the OpenAPI document every role receives is valid OpenAPI (openapi-spec-
validator), lists every endpoint, documents errors as problem details, and the viewers load only our own files."""

import json

import pytest
from openapi_spec_validator import validate

from tests.access import PERSONAS

PATHS = {
    "/api/v1/pesantren/",
    "/api/v1/pesantren/{id}/",
    "/api/v1/santripreneur/",
    "/api/v1/santripreneur/{id}/",
    "/api/v1/sociopreneur/",
    "/api/v1/sociopreneur/{id}/",
    "/api/v1/produk/",
    "/api/v1/produk/{id}/",
    "/api/v1/rencana/",
    "/api/v1/rencana/{id}/",
    "/api/v1/kegiatan/{id}/realisasi/{triwulan}/",
    "/api/v1/indikator/",
    "/api/v1/progres/",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_roles_document_is_valid_openapi_with_every_endpoint(persona, api_as):
    response = api_as(persona).get("/api/v1/schema/?format=json")
    assert response.status_code == 200, response.content
    document = json.loads(response.content)
    validate(document)
    assert set(document["paths"]) == PATHS
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            problems = {code: r for code, r in operation["responses"].items() if code[0] in "45"}
            assert {"401", "403"} <= set(problems), (path, method)
            assert all(list(r["content"]) == ["application/problem+json"] for r in problems.values()), (path, method)


@pytest.mark.parametrize("url", ["/api/v1/docs/"])
def test_the_viewers_load_nothing_from_another_site(client, url, petugas_a):
    client.force_login(petugas_a)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "http://" not in page and "https://" not in page
    assert "/static/drf_spectacular_sidecar/" in page


def test_the_swagger_script_is_a_file_not_inline(client, petugas_a):
    client.force_login(petugas_a)
    page = client.get("/api/v1/docs/").content.decode()
    assert "<script>" not in page
    assert client.get("/api/v1/docs/?script=").status_code == 200


def _operations(document):
    return {(path, method) for path, operations in document["paths"].items() for method in operations}


def test_each_document_lists_the_writes_its_reader_may_make(api_as):
    from opop.api.models import ApiToken

    staf = _operations(json.loads(api_as("staf").get("/api/v1/schema/?format=json").content))
    petugas = _operations(json.loads(api_as("petugas_a").get("/api/v1/schema/?format=json").content))
    read_only = api_as("staf", akses=ApiToken.Akses.BACA).get("/api/v1/schema/?format=json")
    read_only = _operations(json.loads(read_only.content))
    assert {("/api/v1/santripreneur/", "post"), ("/api/v1/sociopreneur/{id}/", "put")} <= staf
    assert ("/api/v1/santripreneur/", "post") not in petugas
    assert ("/api/v1/kegiatan/{id}/realisasi/{triwulan}/", "put") in petugas
    assert {method for _path, method in read_only} == {"get"}
