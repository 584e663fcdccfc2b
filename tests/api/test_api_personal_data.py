"""Done-when 3 of issue 31: personal data (NIK, birth date, phone) through the API follows the pages' rule. A walk of
every response schema of the OpenAPI document each role receives, and of every body of every endpoint: for a
Petugas OPD the fields are absent (not null: not in the schema, not in the body); for Pimpinan they are masked only;
Staf sees them whole (the walk's control: it finds them where they are)."""

import json

import pytest

from tests.api.conftest import PERSONAL_VALUES, SOCIO_NIK
from tests.pesantren.conftest import NIK_MASKED

PERSONAL_FIELDS = {"nik", "tanggal_lahir", "telepon"}
# A pesantren's `telepon` is the institution's contact, shown to every role on its page (and logged), not a person's.
INSTITUTION_SCHEMAS = {"Pesantren", "PesantrenDetail"}


def _schema(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def _properties(node, path="$"):
    """(schema path, property name, property schema) of every property anywhere in the document."""
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield path, name, sub
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{path}/{index}")


def _person_properties(document):
    return [
        (path, name, sub)
        for path, name, sub in _properties(document)
        if name in PERSONAL_FIELDS and path.split("/")[-1] not in INSTITUTION_SCHEMAS
    ]


def _bodies(client, world):
    """The text of every GET endpoint's answer (lists and details), for one client."""
    urls = [
        "/api/v1/pesantren/",
        f"/api/v1/pesantren/{world.pesantren.pk}/",
        "/api/v1/santripreneur/",
        f"/api/v1/santripreneur/{world.santri.pk}/",
        "/api/v1/sociopreneur/",
        f"/api/v1/sociopreneur/{world.socio.pk}/",
        "/api/v1/produk/",
        f"/api/v1/produk/{world.product.pk}/",
        "/api/v1/rencana/",
        f"/api/v1/rencana/{world.rencana_a.pk}/",
        f"/api/v1/kegiatan/{world.kegiatan_a.pk}/realisasi/1/",
        "/api/v1/indikator/",
        "/api/v1/progres/",
    ]
    bodies = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        bodies[url] = response.content.decode()
    return bodies


def test_petugas_opd_gets_no_personal_field_in_any_schema_or_body(world, api_as):
    client = api_as("petugas_a")
    assert _person_properties(_schema(client)) == []
    leaks = {url: [v for v in PERSONAL_VALUES if v in body] for url, body in _bodies(client, world).items()}
    assert {url: found for url, found in leaks.items() if found} == {}
    person = client.get(f"/api/v1/santripreneur/{world.santri.pk}/").json()
    assert PERSONAL_FIELDS.isdisjoint(person)  # absent, not null
    assert person["nama"] == "Siti Aminah"


def test_pimpinan_gets_personal_data_masked_only(world, api_as):
    client = api_as("pimpinan")
    properties = _person_properties(_schema(client))
    assert {name for _path, name, _sub in properties} == PERSONAL_FIELDS
    assert all(sub.get("type") == "string" and "format" not in sub for _path, _name, sub in properties)
    bodies = _bodies(client, world)
    leaks = {url: [v for v in PERSONAL_VALUES if v in body] for url, body in bodies.items()}
    assert {url: found for url, found in leaks.items() if found} == {}
    person = client.get(f"/api/v1/santripreneur/{world.santri.pk}/").json()
    assert (person["nik"], person["tanggal_lahir"], person["telepon"]) == (NIK_MASKED, "**-**-1990", "0812******90")


@pytest.mark.parametrize("persona", ["staf", "admin"])
def test_staf_and_admin_get_personal_data_whole(persona, world, api_as):
    """The control of the walks above: the same walk finds the values where the role may see them."""
    client = api_as(persona)
    assert {name for _path, name, _sub in _person_properties(_schema(client))} == PERSONAL_FIELDS
    bodies = "".join(_bodies(client, world).values())
    assert all(value in bodies for value in (SOCIO_NIK, PERSONAL_VALUES[0], PERSONAL_VALUES[2], "1990-01-01"))
