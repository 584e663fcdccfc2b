def test_list_shows_all_regions_with_kecamatan_counts(as_persona, django_assert_max_num_queries):
    client = as_persona("pimpinan")
    with django_assert_max_num_queries(6):
        response = client.get("/wilayah/")
    rows = list(response.context["kabkota_list"])
    assert len(rows) == 38
    assert sum(r.jumlah_kecamatan for r in rows) == 666
    assert "Kabupaten Jombang" in response.content.decode()


def test_detail_lists_the_kecamatan_of_that_region(as_persona):
    response = as_persona("petugas_a").get("/wilayah/35.17/")
    names = [k.nama for k in response.context["kecamatan_list"]]
    assert len(names) == 21 and "Diwek" in names
