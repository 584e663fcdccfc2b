from pesantren.models import Santripreneur
from pesantren.pagination import capped_count, decode_cursor, encode_cursor, keyset_page
from tests.pesantren.conftest import make_santri


def test_cursor_round_trip_and_tampering():
    token = encode_cursor("n", "siti aminah", 42)
    assert decode_cursor(token) == ("n", "siti aminah", 42)
    for bad in ("", "xyz", encode_cursor("x", "a", 1), "W10"):  # "W10" is base64 of "[]"
        assert decode_cursor(bad) is None


def test_descending_pages_cover_every_row_once_with_ties(pesantren):
    for i in range(23):
        make_santri(pesantren, nama=f"Nama {i % 4}", tahun_terdaftar=2019 + i % 6)
    queryset = Santripreneur.objects.all()
    for field in ("nama", "tahun_terdaftar", "pk"):
        seen, cursor = [], None
        while True:
            page = keyset_page(queryset, field=field, descending=True, cursor=cursor, per_page=5)
            seen += [p.pk for p in page.items]
            if not page.has_next:
                break
            cursor = page.next_cursor
        expected = list(queryset.order_by(f"-{field}", "-pk").values_list("pk", flat=True))
        assert seen == expected, field


def test_previous_cursor_returns_the_page_before(pesantren):
    for i in range(12):
        make_santri(pesantren, nama=f"Nama {i:02d}")
    queryset = Santripreneur.objects.all()
    first = keyset_page(queryset, field="nama", per_page=5)
    second = keyset_page(queryset, field="nama", cursor=first.next_cursor, per_page=5)
    back = keyset_page(queryset, field="nama", cursor=second.previous_cursor, per_page=5)
    assert [p.pk for p in back.items] == [p.pk for p in first.items]
    assert back.has_next and not back.has_previous and first.is_first


def test_capped_count(pesantren):
    for i in range(5):
        make_santri(pesantren, nama=f"Nama {i}")
    assert capped_count(Santripreneur.objects.all(), cap=3) == (3, True)
    assert capped_count(Santripreneur.objects.all(), cap=10) == (5, False)
