from opop.dashboard.map import choropleth, region_paths
from opop.wilayah.models import KabupatenKota


def test_map_has_the_38_regions_of_the_reference_data(db):
    paths, height = region_paths()
    assert set(paths) == set(KabupatenKota.objects.values_list("kode", flat=True))
    assert len(paths) == 38 and 400 < height < 600  # Masalembu reaches far north
    path, x, y = paths["35.78"]
    assert path.startswith("M") and path.endswith("Z")
    _path, banyuwangi_x, banyuwangi_y = paths["35.10"]
    assert x < banyuwangi_x and y < banyuwangi_y  # Surabaya lies north-west of Banyuwangi


def test_colour_classes_follow_the_values():
    result = choropleth({"35.17": 100, "35.78": 20, "35.01": 0}, {"35.17": "Kabupaten Jombang"})
    by_code = {r["kode"]: r for r in result["regions"]}
    assert by_code["35.17"]["klass"] == 5 and by_code["35.78"]["klass"] == 1 and by_code["35.01"]["klass"] == 0
    assert by_code["35.17"]["nama"] == "Kabupaten Jombang"
    assert [b["to"] for b in result["legend"]] == [0, 20, 40, 60, 80, 100]


def test_legend_with_small_values_lists_each_range_once_and_matches_the_classes():
    result = choropleth({"35.17": 3, "35.78": 1, "35.01": 2, "35.02": 0}, {})
    assert [(b["klass"], b["from"], b["to"]) for b in result["legend"]] == [(0, 0, 0), (1, 1, 1), (3, 2, 2), (5, 3, 3)]
    by_code = {r["kode"]: r["klass"] for r in result["regions"]}
    assert (by_code["35.78"], by_code["35.01"], by_code["35.17"], by_code["35.02"]) == (1, 3, 5, 0)
    assert choropleth({}, {})["legend"] == [{"klass": 0, "from": 0, "to": 0}]
