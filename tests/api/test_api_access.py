"""Done-when 2 of issue 31: every endpoint × every persona (and the expired, revoked and read-only tokens) answers as
the matching page does: 200, 403 (visible, not allowed), 404 (not visible), 401 (no valid token); and every list
endpoint returns exactly the ids its page shows the same user, filters included."""

import datetime

import pytest
from django.utils import timezone

from opop.api.models import ApiToken
from opop.api.services import api_token_revoke
from programs.models import Realisasi
from tests.access import PERSONAS
from tests.api.conftest import make_token, token_client

SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


def endpoints(world):
    """(name, method, url, {persona: status}) for every route of the API (the write last)."""
    everyone = {p: 200 for p in SIGNED_IN}
    a = world.rencana_a
    not_b = {**everyone, "petugas_b": 404}
    not_a = {**everyone, "petugas_a": 404}
    rows = [
        ("pesantren list", "/api/v1/pesantren/", everyone),
        ("pesantren detail", f"/api/v1/pesantren/{world.pesantren.pk}/", everyone),
        ("pesantren missing", "/api/v1/pesantren/999999/", {p: 404 for p in SIGNED_IN}),
        ("santripreneur list", "/api/v1/santripreneur/", everyone),
        ("santripreneur detail", f"/api/v1/santripreneur/{world.santri.pk}/", everyone),
        ("sociopreneur list", "/api/v1/sociopreneur/", everyone),
        ("sociopreneur detail", f"/api/v1/sociopreneur/{world.socio.pk}/", everyone),
        ("produk list", "/api/v1/produk/", everyone),
        ("produk detail", f"/api/v1/produk/{world.product.pk}/", everyone),
        ("rencana list", "/api/v1/rencana/", everyone),
        ("rencana A", f"/api/v1/rencana/{a.pk}/", not_b),
        ("rencana B", f"/api/v1/rencana/{world.rencana_b.pk}/", not_a),
        ("realisasi A", f"/api/v1/kegiatan/{world.kegiatan_a.pk}/realisasi/1/", not_b),
        ("realisasi B", f"/api/v1/kegiatan/{world.kegiatan_b.pk}/realisasi/1/", not_a),
        (
            "realisasi A not yet written",
            f"/api/v1/kegiatan/{world.kegiatan_a.pk}/realisasi/2/",
            {p: 404 for p in SIGNED_IN},
        ),
        ("indikator list", "/api/v1/indikator/", everyone),
        ("progres", "/api/v1/progres/", everyone),
    ]
    return [(name, "get", url, expected) for name, url, expected in rows]


def writes(world):
    """The realisation PUT of OPD A's line: its own officer and the Admin write (as on the quarter grid), Staf and
    Pimpinan see the plan but may not write it (403), OPD B's officer does not see it (404)."""
    return {
        "admin": 200,
        "staf": 403,
        "pimpinan": 403,
        "petugas_a": 200,
        "petugas_b": 404,
    }


def _put_a(client, world):
    url = f"/api/v1/kegiatan/{world.kegiatan_a.pk}/realisasi/1/"
    current = Realisasi.objects.get(kegiatan=world.kegiatan_a, triwulan=1)
    etag = f'"{current.diubah_pada.astimezone(datetime.UTC).isoformat()}"'
    body = {"output": 12, "fisik_persen": "50.00", "anggaran_terserap": "60000000"}
    return client.put(url, body, format="json", HTTP_IF_MATCH=etag)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_endpoint_answers_each_persona_as_the_pages_do(persona, world, api_as):
    client = api_as(persona)
    answers = {name: client.get(url).status_code for name, _method, url, _expected in endpoints(world)}
    expected = {
        name: (401 if persona == "anonymous" else rules[persona]) for name, _method, _url, rules in endpoints(world)
    }
    put = _put_a(client, world).status_code
    assert (answers, put) == (expected, 401 if persona == "anonymous" else writes(world)[persona])


@pytest.mark.parametrize("kind", ["expired", "revoked", "unknown", "malformed"])
def test_an_invalid_token_gets_401_everywhere(kind, world, petugas_a, settings):
    settings.AXES_FAILURE_LIMIT = 1000  # every refusal here counts as a failed attempt (the lockout: test_api_tokens)
    token, secret = make_token(petugas_a)
    if kind == "expired":
        ApiToken.objects.filter(pk=token.pk).update(berlaku_sampai=timezone.now() - datetime.timedelta(seconds=1))
    elif kind == "revoked":
        api_token_revoke(actor=petugas_a, token=token)
    elif kind == "unknown":
        secret = secret[:-4] + "AAAA"
    else:
        secret = "not-a-token"
    client = token_client(secret)
    answers = {name: client.get(url).status_code for name, _method, url, _expected in endpoints(world)}
    assert set(answers.values()) == {401}
    assert _put_a(client, world).status_code == 401
    assert client.get("/api/v1/rencana/")["Content-Type"] == "application/problem+json"


def test_a_read_only_token_reads_but_cannot_write(world, api_as):
    client = api_as("petugas_a", akses=ApiToken.Akses.BACA)
    before = Realisasi.objects.get(kegiatan=world.kegiatan_a, triwulan=1).output
    assert client.get(f"/api/v1/kegiatan/{world.kegiatan_a.pk}/realisasi/1/").status_code == 200
    response = _put_a(client, world)
    assert response.status_code == 403
    assert "hanya untuk membaca" in response.json()["detail"]
    assert Realisasi.objects.get(kegiatan=world.kegiatan_a, triwulan=1).output == before


# ---------------------------------------------------------------- lists: the page's ids, for the same user

LISTS = [
    ("/api/v1/pesantren/", "/pesantren/", ""),
    ("/api/v1/pesantren/", "/pesantren/", "kabkota=35.17&status=aktif"),
    ("/api/v1/pesantren/", "/pesantren/", "kabkota=35.07"),
    ("/api/v1/santripreneur/", "/santripreneur/", ""),
    ("/api/v1/santripreneur/", "/santripreneur/", "q=siti&jenis_kelamin=P"),
    ("/api/v1/santripreneur/", "/santripreneur/", "jenis_kelamin=L"),
    ("/api/v1/sociopreneur/", "/sociopreneur/", ""),
    ("/api/v1/sociopreneur/", "/sociopreneur/", "q=jahit"),
    ("/api/v1/produk/", "/produk/", ""),
    ("/api/v1/produk/", "/produk/", "status=unggulan"),
    ("/api/v1/produk/", "/produk/", "status=terdaftar"),
    ("/api/v1/rencana/", "/program/", ""),
    ("/api/v1/rencana/", "/program/", "tahun=2024&status=diverifikasi"),
    ("/api/v1/rencana/", "/program/", "status=draf"),
]


def _page_ids(response):
    page = response.context["page"]
    items = page.items if hasattr(page, "items") and isinstance(page.items, list) else page.object_list
    return {obj.pk for obj in items}


def _api_ids(client, url):
    ids, response = set(), client.get(url)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        ids |= {row["id"] for row in body["hasil"]}
        if not body["berikutnya"]:
            return ids
        response = client.get(body["berikutnya"])


@pytest.mark.parametrize("persona", ["admin", "staf", "pimpinan", "petugas_a", "petugas_b"])
def test_every_list_returns_the_ids_its_page_shows_the_same_user(persona, world, api_as, client, request):
    api = api_as(persona)
    client.force_login(request.getfixturevalue(persona))
    compared = {}
    for api_url, page_url, query in LISTS:
        page = _page_ids(client.get(f"{page_url}?{query}"))
        compared[f"{api_url}?{query}"] = (_api_ids(api, f"{api_url}?{query}&ukuran=1"), page)
    assert {k: v[0] for k, v in compared.items()} == {k: v[1] for k, v in compared.items()}
    assert any(api_ids for api_ids, _page in compared.values())


def test_a_petugas_lists_only_their_own_opds_plans(world, api_as):
    assert _api_ids(api_as("petugas_a"), "/api/v1/rencana/") == {world.rencana_a.pk}
    assert _api_ids(api_as("petugas_b"), "/api/v1/rencana/") == {world.rencana_b.pk}
