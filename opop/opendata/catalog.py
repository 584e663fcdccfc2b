"""The DCAT-AP 3 catalog (JSON-LD) of every dataset and its distributions (the latest version's CSV, JSON and XLSX),
for harvesters: CKAN's ckanext-dcat, the Satu Data portals. tests/opendata/test_catalog_dcat.py validates it with
pyshacl against the official DCAT-AP 3.0.0 SHACL shapes vendored in opop/opendata/shacl/."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from opop.opendata.datasets import DATASETS, PRODUSEN_DATA
from opop.opendata.files import FORMATS, file_name

LICENSE = "http://creativecommons.org/licenses/by/4.0/"
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPES = {"csv": "CSV", "json": "JSON", "xlsx": "XLSX"}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "locn": "http://www.w3.org/ns/locn#",
    "adms": "http://www.w3.org/ns/adms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcatap": "http://data.europa.eu/r5r/",
}
DISTRIBUTION = _("Berkas %(fmt)s versi %(nomor)s: semua tahun, kolom rapi SDI.")
GEOSPARQL_WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"
# Jawa Timur with its islands (Madura, Bawean, Kangean, Masalembu), approximately: the extent and a central point.
JATIM_BBOX = "POLYGON((110.89 -8.78, 116.27 -8.78, 116.27 -5.04, 110.89 -5.04, 110.89 -8.78))"
JATIM_CENTROID = "POINT(112.50 -7.60)"
THEMES = {
    "ECON": ("Ekonomi dan keuangan", "Economy and finance"),
    "SOCI": ("Kependudukan dan masyarakat", "Population and society"),
}


def _both(text, **values):
    """A translatable text in Indonesian and English (`values` filled in after translation)."""
    out = []
    for language in ("id", "en"):
        with translation.override(language):
            out.append({"@value": str(text) % values if values else str(text), "@language": language})
    return out


def _date(moment):
    return {"@value": moment.date().isoformat(), "@type": "xsd:date"}


def _typed(iri, kind, **more):
    return {"@id": iri, "@type": kind, **more}


def _concept(iri, label_id, label_en):
    return _typed(
        iri,
        "skos:Concept",
        **{"skos:prefLabel": [{"@value": label_id, "@language": "id"}, {"@value": label_en, "@language": "en"}]},
    )


def _jatim():
    return {
        "@type": "dct:Location",
        "locn:geographicName": {"@value": "Jawa Timur", "@language": "id"},
        "dcat:bbox": {"@value": JATIM_BBOX, "@type": GEOSPARQL_WKT},
        "dcat:centroid": {"@value": JATIM_CENTROID, "@type": GEOSPARQL_WKT},
    }


def _license():
    return _typed(
        LICENSE,
        "dct:LicenseDocument",
        **{"dct:type": _concept("http://purl.org/adms/licencetype/Attribution", "Atribusi", "Attribution")},
    )


THEME_SCHEME = f"{EU}data-theme"


def catalog(publikasi, first, absolute, title, description):
    """The catalog as a JSON-LD document. `publikasi`: the latest version (None before the first: the datasets are
    listed without files), `first`: the first version; `absolute(path)` makes a URL absolute; `title`/`description`:
    translatable texts."""
    index = absolute(reverse("opendata:index"))
    publisher = _typed(
        f"{index}#produsen-data",
        "foaf:Agent",
        **{
            "foaf:name": PRODUSEN_DATA,
            "dct:type": _concept(
                "http://purl.org/adms/publishertype/RegionalAuthority", "Pemerintah daerah", "Regional authority"
            ),
        },
    )
    contact = _typed(
        f"{index}#kontak",
        ["vcard:Kind", "vcard:Organization"],  # typed as the range itself: harvesters and SHACL infer no subclass
        **{"vcard:fn": PRODUSEN_DATA, "vcard:hasURL": {"@id": index}},
    )
    node = {
        "@id": absolute(reverse("opendata:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": _both(title),
        "dct:description": _both(description),
        "dct:publisher": publisher,
        "foaf:homepage": _typed(index, "foaf:Document"),
        "dct:language": [_typed(f"{EU}language/{code}", "dct:LinguisticSystem") for code in ("IND", "ENG")],
        "dct:license": _license(),
        "dct:spatial": _jatim(),
        "dcat:themeTaxonomy": _typed(
            THEME_SCHEME, "skos:ConceptScheme", **{"dct:title": {"@value": "Data theme", "@language": "en"}}
        ),
        "dcat:dataset": [_dataset(d, publikasi, first, absolute, publisher, contact) for d in DATASETS],
    }
    if publikasi is not None:
        node["dct:issued"] = _date(first.diterbitkan_pada)
        node["dct:modified"] = _date(publikasi.diterbitkan_pada)
    return {"@context": CONTEXT, "@graph": [node]}


def _dataset(dataset, publikasi, first, absolute, publisher, contact):
    page = absolute(reverse("opendata:dataset", args=[dataset.kode]))
    quarterly = dataset.build == "commitment"
    theme = "SOCI" if dataset.orang and not quarterly else "ECON"
    node = {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.kode,
        "dct:title": _both(dataset.judul),
        "dct:description": _both(dataset.deskripsi),
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "dcat:keyword": dataset.kata_kunci,
        "dcat:theme": _concept(f"{THEME_SCHEME}/{theme}", *THEMES[theme]),
        "dct:spatial": _jatim(),
        "dct:accrualPeriodicity": _typed(f"{EU}frequency/{'QUARTERLY' if quarterly else 'ANNUAL'}", "dct:Frequency"),
        "dcat:landingPage": _typed(page, "foaf:Document"),
    }
    if publikasi is None:
        return node
    years = sorted({row[0] for row in publikasi.isi.get(dataset.kode, [])})
    node.update(
        {
            "dct:issued": _date(first.diterbitkan_pada),
            "dct:modified": _date(publikasi.diterbitkan_pada),
            "dcat:version": str(publikasi.nomor),
            "dcat:distribution": [_distribution(dataset, publikasi, fmt, absolute) for fmt in FORMATS],
        }
    )
    if years:
        node["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": f"{years[0]}-01-01", "@type": "xsd:date"},
            "dcat:endDate": {"@value": f"{years[-1]}-12-31", "@type": "xsd:date"},
        }
    return node


def _distribution(dataset, publikasi, fmt, absolute):
    url = absolute(reverse("opendata:file", args=[publikasi.nomor, dataset.kode, fmt]))
    media = FORMATS[fmt].split(";")[0]
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": {"@value": file_name(dataset, publikasi.nomor, fmt), "@language": "id"},
        "dct:description": _both(DISTRIBUTION, fmt=fmt.upper(), nomor=publikasi.nomor),
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": _typed(f"{EU}file-type/{FILE_TYPES[fmt]}", "dct:MediaTypeOrExtent"),
        "dcat:mediaType": _typed(f"https://www.iana.org/assignments/media-types/{media}", "dct:MediaType"),
        "dct:license": _license(),
        "dcatap:availability": _concept("http://data.europa.eu/r5r/availability/stable", "Stabil", "Stable"),
        "dct:issued": _date(publikasi.diterbitkan_pada),
    }
