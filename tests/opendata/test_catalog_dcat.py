"""Issue 30, Done-when 3: the DCAT-AP catalog (JSON-LD) validates with pyshacl against the official DCAT-AP 3.0.0
SHACL shapes, vendored in opop/opendata/shacl/ (core constraints, class ranges, recommended properties)."""

import json
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

import opop.opendata
from opop.opendata.datasets import DATASETS

pytestmark = pytest.mark.django_db
SHAPES = Path(opop.opendata.__file__).parent / "shacl"
SHAPE_FILES = ("shapes.ttl", "range.ttl", "shapes_recommended.ttl")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
URL = "/data-terbuka/katalog.jsonld"


@pytest.fixture(scope="module")
def shapes():
    graph = Graph()
    for name in SHAPE_FILES:
        graph.parse(SHAPES / name, format="turtle")
    return graph


def _graph(document):
    return Graph().parse(data=json.dumps(document), format="json-ld")


def _report(data, shapes, *, allow_warnings=False):
    """pyshacl's verdict: without `allow_warnings`, a recommended property missing fails it too."""
    conforms, _results, text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=allow_warnings)
    return conforms, text


def test_the_shapes_are_vendored_with_their_licence_and_source():
    names = {path.name for path in SHAPES.iterdir()}
    assert {*SHAPE_FILES, "LICENSE", "SOURCE.md"} <= names
    assert "CC BY 4.0" in (SHAPES / "LICENSE").read_text() or "CC-BY 4.0" in (SHAPES / "LICENSE").read_text()


def test_the_catalog_of_every_dataset_conforms_to_dcat_ap_3(published, client, shapes):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = _graph(json.loads(response.content))
    conforms, text = _report(data, shapes)
    assert conforms, text
    datasets = set(data.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(DATASETS)
    for dataset in datasets:
        downloads = {str(data.value(d, DCAT.downloadURL)) for d in data.objects(dataset, DCAT.distribution)}
        assert len(downloads) == 3
        for url in downloads:  # each distribution is a stable URL of version 1 that answers
            path = url.split("testserver", 1)[1]
            assert path.startswith("/data-terbuka/unduh/v1/") and client.get(path).status_code == 200


def test_the_catalog_before_the_first_version_conforms_too(db, client, shapes):
    """Every dataset listed, without files; only the catalog's recommended dates wait for a first version."""
    data = _graph(json.loads(client.get(URL).content))
    conforms, text = _report(data, shapes, allow_warnings=True)
    assert conforms, text
    assert len(set(data.subjects(RDF.type, DCAT.Dataset))) == len(DATASETS)
    assert not set(data.subjects(RDF.type, DCAT.Distribution))


def test_a_dataset_without_its_title_is_caught(published, client, shapes):
    """Test of the test: the shapes do bite on this catalog."""
    data = _graph(json.loads(client.get(URL).content))
    dataset = next(data.subjects(RDF.type, DCAT.Dataset))
    data.remove((dataset, DCTERMS.title, None))
    data.add((dataset, DCTERMS.publisher, URIRef("http://example.org/not-an-agent")))
    conforms, _text = _report(data, shapes)
    assert not conforms
