"""Issue 30, Done-when 1: after 2025 is closed (angka tetap), every write to a 2025 plan, report or realisation —
service, page, plan-line import, admin — is refused with the freeze message and changes nothing; a santripreneur
recorded afterwards with year 2025 (or an earlier year) leaves 2025's dashboard figures as they were and shows in
"perubahan sejak angka tetap". With the access matrix of every Angka tetap route."""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.utils import timezone

from opop.common.formatting import tanggal
from programs import angka_services, selectors, services
from programs.models import (
    AngkaTetap,
    BatasPelaporan,
    Kegiatan,
    LaporanTriwulan,
    PembukaanTahun,
    Realisasi,
    Rencana,
    Status,
)
from tests.access import LOGIN, PERSONAS, assert_access
from tests.importer.data import to_xlsx
from tests.pesantren.conftest import make_pesantren, make_santri
from tests.programs.agency_plan import COMMAND_LINE_TITLES
from tests.programs.factories import first_kegiatan, line_data, line_post, make_plan, realisasi_data

FREEZE_MESSAGE = "Tahun 2025 sudah ditetapkan sebagai angka tetap"
MODELS = (Rencana, Kegiatan, Realisasi, LaporanTriwulan, BatasPelaporan)


@pytest.fixture
def tahun_2025(admin, staf, petugas_a, petugas_b, opd_a, opd_b):
    """OPD A's verified 2025 plan (one kegiatan, TW I reported), OPD B's draft 2025 plan; two santripreneur of one
    pesantren in Jombang, recorded in 2024 and 2025."""
    pesantren = make_pesantren()
    make_santri(pesantren, nama="Ahmad Fauzi", tahun_terdaftar=2024)
    make_santri(pesantren, nama="Siti Aminah", tahun_terdaftar=2025)
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2025, status=Status.DIVERIFIKASI, verifier=staf)
    kegiatan = first_kegiatan(rencana)
    services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=40))
    services.laporan_submit(actor=petugas_a, rencana=rencana, triwulan=1)
    draf = make_plan(actor=petugas_b, opd=opd_b, tahun=2025)
    return SimpleNamespace(rencana=rencana, kegiatan=kegiatan, draf=draf, pesantren=pesantren)


@pytest.fixture
def frozen(tahun_2025, admin):
    tahun_2025.angka = angka_services.angka_tetap_freeze(actor=admin, tahun=2025)
    return tahun_2025


def _state():
    """Every 2025 plan row and the history of every plan model: what a refused write must leave as it was."""
    return {
        "rencana": list(Rencana.objects.filter(tahun=2025).order_by("pk").values()),
        "kegiatan": list(Kegiatan.objects.filter(rencana__tahun=2025).order_by("pk").values()),
        "realisasi": list(Realisasi.objects.filter(kegiatan__rencana__tahun=2025).order_by("pk").values()),
        "laporan": list(LaporanTriwulan.objects.filter(rencana__tahun=2025).order_by("pk").values()),
        "batas": list(BatasPelaporan.objects.filter(tahun=2025).values()),
        "history": [model.history.count() for model in MODELS],
    }


# ---------------------------------------------------------------- closing the year


def test_freezing_keeps_version_1_with_who_and_the_years_figures(frozen, admin):
    angka = AngkaTetap.objects.get(tahun=2025)
    assert (angka.versi, angka.perbaikan, angka.ditetapkan_oleh) == (1, False, admin)
    row = next(r for r in angka.data["rencana"] if r["rencana__opd_id"] == frozen.rencana.opd_id)
    assert (row["target"], row["pagu"], row["realisasi"], row["terserap"]) == (100, 150_000_000, 40, 60_000_000)
    seri = angka.data["registri"]["dasbor"]["seri"]["santripreneur"]
    assert (seri["2024"], seri["2025"]) == (1, 1)
    assert angka.data["registri"]["dasbor"]["kabkota"]["35.17"]["santripreneur"] == [0, 2]


def test_a_year_is_closed_only_after_its_tw_iv_deadline_and_only_once(tahun_2025, admin):
    BatasPelaporan.objects.create(tahun=2025, triwulan=4, batas=datetime.date(2026, 3, 1), diatur_oleh=admin)
    with pytest.raises(ValidationError, match="setelah batas laporan TW IV"):
        angka_services.angka_tetap_freeze(actor=admin, tahun=2025, today=datetime.date(2026, 3, 1))
    angka_services.angka_tetap_freeze(actor=admin, tahun=2025, today=datetime.date(2026, 3, 2))
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        angka_services.angka_tetap_freeze(actor=admin, tahun=2025, today=datetime.date(2026, 3, 2))
    assert AngkaTetap.objects.filter(tahun=2025).count() == 1


def test_staf_without_the_permission_cannot_close_a_year(tahun_2025, staf):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        angka_services.angka_tetap_freeze(actor=staf, tahun=2025)
    assert not AngkaTetap.objects.exists()


def test_the_confirmation_names_what_it_locks_and_post_closes_the_year(tahun_2025, as_persona):
    client = as_persona("admin")
    page = client.get("/program/angka-tetap/2025/tetapkan/").content.decode()
    for words in ("2 rencana OPD", "diverifikasi 1", "draf 1", "2 kegiatan", "1 laporan triwulan", "1 isian realisasi"):
        assert words in page
    assert "Ya, tetapkan dan kunci tahun 2025" in page
    assert not AngkaTetap.objects.exists()  # GET only asks
    response = client.post("/program/angka-tetap/2025/tetapkan/", follow=True)
    assert AngkaTetap.objects.get(tahun=2025).versi == 1
    assert "ditetapkan sebagai angka tetap (versi 1)" in response.content.decode()


# ---------------------------------------------------------------- every write path refused, nothing changed

SERVICE_WRITES = {
    "rencana_create": lambda d, u: services.rencana_create(actor=u.admin, opd=u.opd_a, tahun=2025),
    "rencana_submit": lambda d, u: services.rencana_submit(actor=u.petugas_b, rencana=d.draf),
    "rencana_reopen": lambda d, u: services.rencana_reopen(actor=u.admin, rencana=d.rencana, alasan="Salah ketik"),
    "kegiatan_create": lambda d, u: services.kegiatan_create(actor=u.petugas_b, rencana=d.draf, data=line_data()),
    "kegiatan_update": lambda d, u: services.kegiatan_update(
        actor=u.petugas_b, kegiatan=first_kegiatan(d.draf), data=line_data(target=7), versi=None
    ),
    "kegiatan_delete": lambda d, u: services.kegiatan_delete(actor=u.petugas_b, kegiatan=first_kegiatan(d.draf)),
    "kegiatan_upload": lambda d, u: services.kegiatan_upload(
        actor=u.staf, rencana=d.draf, lines=[(None, line_data(uraian="Baru"), None)], reason="Unggah"
    ),
    "realisasi_save": lambda d, u: services.realisasi_save(
        actor=u.petugas_a, kegiatan=d.kegiatan, triwulan=2, data=realisasi_data(output=50)
    ),
    "realisasi_save_quarter": lambda d, u: services.realisasi_save_quarter(
        actor=u.petugas_a, rencana=d.rencana, triwulan=2, entries=[(d.kegiatan.pk, realisasi_data(output=50), "")]
    ),
    "realisasi_correct_tw1": lambda d, u: services.realisasi_save(
        actor=u.admin, kegiatan=d.kegiatan, triwulan=1, data=realisasi_data(output=99)
    ),
    "laporan_submit": lambda d, u: services.laporan_submit(actor=u.petugas_a, rencana=d.rencana, triwulan=2),
    "laporan_verify": lambda d, u: services.laporan_verify(actor=u.staf, rencana=d.rencana, triwulan=1),
    "laporan_return": lambda d, u: services.laporan_return(actor=u.staf, rencana=d.rencana, triwulan=1, catatan="x"),
    "batas_set": lambda d, u: services.batas_set(
        actor=u.staf, tahun=2025, triwulan=4, batas=datetime.date(2026, 2, 20)
    ),
}


@pytest.mark.parametrize("write", SERVICE_WRITES)
def test_every_service_write_to_the_closed_year_is_refused_and_changes_nothing(
    write, frozen, admin, staf, petugas_a, petugas_b, opd_a
):
    users = SimpleNamespace(admin=admin, staf=staf, petugas_a=petugas_a, petugas_b=petugas_b, opd_a=opd_a)
    before = _state()
    with pytest.raises(ValidationError, match=FREEZE_MESSAGE) as refused:
        SERVICE_WRITES[write](frozen, users)
    assert tanggal(timezone.localtime(frozen.angka.ditetapkan_pada).date()) in refused.value.messages[0]
    assert _state() == before


def test_the_same_writes_pass_in_an_open_year(tahun_2025, staf):
    """The guard is the freeze, not something else: before closing, TW I is verified and a deadline moved."""
    services.laporan_verify(actor=staf, rencana=tahun_2025.rencana, triwulan=1)
    services.batas_set(actor=staf, tahun=2025, triwulan=4, batas=datetime.date(2026, 2, 20))


def test_pages_refuse_with_the_freeze_message(frozen, as_persona):
    before = _state()
    client = as_persona("petugas_a")
    page = client.post(
        f"/program/kegiatan/{frozen.kegiatan.pk}/realisasi/2/",
        {
            "output": "50",
            "fisik_persen": "60",
            "anggaran_terserap": "70000000",
            "penjelasan_anggaran": "",
            "permasalahan": "",
            "faktor_pendorong": "",
            "faktor_penghambat": "",
            "versi": "",
        },
    )
    assert page.status_code == 200 and FREEZE_MESSAGE in page.content.decode()
    report = client.post(f"/program/{frozen.rencana.pk}/laporan/2/ajukan/", follow=True)
    assert FREEZE_MESSAGE in report.content.decode()
    officer_b = as_persona("petugas_b")
    line = officer_b.post(f"/program/{frozen.draf.pk}/kegiatan/baru/", line_post(uraian="Kegiatan baru"))
    assert line.status_code == 200 and FREEZE_MESSAGE in line.content.decode()
    assert _state() == before


def test_the_plan_line_import_is_refused_and_writes_nothing(frozen, tmp_path):
    before = _state()
    path = tmp_path / "rencana.xlsx"
    row = ["2.17.07.1.01.0002", "Pelatihan", "Santripreneur", "santripreneur", "Peserta", 10, "orang", 1000000,
           "APBD", "Jombang", "12", "Budi"]  # fmt: skip
    path.write_bytes(to_xlsx(COMMAND_LINE_TITLES, [row]))
    errors = io.StringIO()
    with pytest.raises(CommandError, match="tidak ada data yang ditulis"):
        call_command(
            "import_data", "plan_lines", str(path), "--opd", "dindik", "--tahun", "2025", "--user", "eko",
            stderr=errors, stdout=io.StringIO(),
        )  # fmt: skip
    assert FREEZE_MESSAGE in errors.getvalue()
    assert _state() == before


@pytest.mark.parametrize("model", [Rencana, Kegiatan, Realisasi, LaporanTriwulan])
def test_the_admin_refuses_changes_and_deletions_of_the_closed_year(model, frozen, admin, client):
    obj = model.objects.filter(pk__in=_year_rows(model)).order_by("pk").first()
    model_admin = site._registry[model]
    request = RequestFactory().post("/")
    request.user = admin
    form_class = model_admin.get_form(request, obj, change=True)
    data = {k: ("" if v is None else v) for k, v in model_to_dict(obj, fields=form_class.base_fields).items()}
    data = {k: [x.pk for x in v] if isinstance(v, list) else v for k, v in data.items()}
    form = form_class(data=data, instance=obj)
    before = _state()
    assert not form.is_valid()
    assert FREEZE_MESSAGE in " ".join(form.non_field_errors())
    assert not model_admin.has_delete_permission(request, obj)
    client.force_login(admin)
    url = f"/admin/programs/{model._meta.model_name}/{obj.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert _state() == before


def _year_rows(model):
    path = {Rencana: "tahun", Kegiatan: "rencana__tahun", LaporanTriwulan: "rencana__tahun"}
    return model.objects.filter(**{path.get(model, "kegiatan__rencana__tahun"): 2025}).values("pk")


# ---------------------------------------------------------------- the figures stay as they were


def _cards(response):
    return {card.indicator.kode: card.realised for card in response.context["cards"]}


def _kabkota(response):
    return {row["kode"]: row for row in response.context["rows"]}


def test_a_santripreneur_added_later_leaves_2025_figures_and_shows_as_a_change(tahun_2025, admin, as_persona):
    client = as_persona("staf")
    home_before = _cards(client.get("/?tahun=2025"))
    rows_before = _kabkota(client.get("/dasbor/kabkota/?tahun=2025&indikator=santripreneur"))
    assert home_before["santripreneur"] == 2 and rows_before["35.17"]["santripreneur"] == 2
    angka_services.angka_tetap_freeze(actor=admin, tahun=2025)

    make_santri(tahun_2025.pesantren, nama="Budi Santoso", tahun_terdaftar=2025)
    make_santri(tahun_2025.pesantren, nama="Dewi Lestari", tahun_terdaftar=2023)
    make_santri(make_pesantren(nspp="510035780001", nama="PP Surabaya", kabkota_id="35.78", kecamatan_id="35.78.01"),
                nama="Rina Wati", tahun_terdaftar=2025)  # fmt: skip

    home = client.get("/?tahun=2025")
    assert _cards(home) == home_before
    assert "Angka tetap per" in home.content.decode()
    rows = _kabkota(client.get("/dasbor/kabkota/?tahun=2025&indikator=santripreneur"))
    assert {k: rows[k]["santripreneur"] for k in ("35.17", "35.78")} == {"35.17": 2, "35.78": 0}
    assert _cards(client.get("/?tahun=2026"))["santripreneur"] == 5  # an open year counts today's registry
    assert "Angka sementara" in client.get("/?tahun=2026").content.decode()

    page = client.get("/program/angka-tetap/?tahun=2025")
    (change,) = [c for c in page.context["page"]["perubahan"] if c["indikator"].kode == "santripreneur"]
    assert (change["indikator"].tetap, change["indikator"].kini, change["indikator"].selisih) == (2, 5, 3)
    assert {(r.kode, r.tetap, r.kini) for r in change["kabkota"]} == {("35.17", 2, 4), ("35.78", 0, 1)}
    html = page.content.decode()
    assert "Perubahan sejak angka tetap" in html and 'data-perubahan-kabkota="35.78"' in html


def test_the_recap_and_the_export_say_which_figures_they_show(frozen, as_persona):
    client = as_persona("staf")
    recap = client.get("/program/rekap-fgd/?tahun=2026").content.decode()
    assert "Angka 2025:" in recap and "Angka tetap per" in recap
    assert "Angka sementara" in client.get("/program/rekap-fgd/?tahun=2025").content.decode()
    export = client.get("/dasbor/ekspor/ringkasan.xlsx?tahun=2025")
    assert export.status_code == 200


def test_plan_figures_of_a_closed_year_are_read_from_its_version(frozen, staf):
    """The OPD board and the recap sum the kept rows (no query on the lines); a Petugas sees only their OPD's."""
    rows = selectors.commitments_by_indicator_opd(staf, 2025)
    live = selectors.plan_figures_live(staf, 2025)
    assert sum(r["target"] for r in rows) == sum(r["target"] for r in live) == 200
    AngkaTetap.objects.filter(pk=frozen.angka.pk).update(
        data={**frozen.angka.data, "rencana": [{**r, "target": r["target"] + 1} for r in frozen.angka.data["rencana"]]}
    )
    assert sum(r["target"] for r in selectors.commitments_by_indicator_opd(staf, 2025)) == 202
    assert selectors.budget_by_opd(frozen.rencana.dibuat_oleh, 2025)[0]["rencana__opd_id"] == frozen.rencana.opd_id
    assert len(selectors.budget_by_opd(frozen.rencana.dibuat_oleh, 2025)) == 1


# ---------------------------------------------------------------- who may open each route

ROUTES = [
    ("get", "/program/angka-tetap/", {"admin": 200, "staf": 200, "pimpinan": 403, "petugas_a": 403, "petugas_b": 403}),
    (
        "get",
        "/program/angka-tetap/2025/tetapkan/",
        {"admin": 200, "staf": 403, "pimpinan": 403, "petugas_a": 403, "petugas_b": 403},
    ),
    (
        "post",
        "/program/angka-tetap/2025/buka/",
        {"admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 403},
    ),
    (
        "post",
        "/program/angka-tetap/pembukaan/{pembukaan}/setujui/",
        {"admin": 302, "staf": 403, "pimpinan": 404, "petugas_a": 404, "petugas_b": 404},
    ),
    (
        "get",
        "/program/angka-tetap/versi/{angka}.xlsx",
        {"admin": 200, "staf": 200, "pimpinan": 404, "petugas_a": 404, "petugas_b": 404},
    ),
]


@pytest.fixture
def requested(frozen, staf):
    return angka_services.pembukaan_request(actor=staf, tahun=2025, alasan="Realisasi TW IV salah ketik")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "url", "expected"), ROUTES, ids=[r[1] for r in ROUTES])
def test_access_matrix(method, url, expected, persona, requested, as_persona):
    url = url.format(pembukaan=requested.pk, angka=AngkaTetap.objects.get().pk)
    response = getattr(as_persona(persona), method)(url, {"alasan": "Perlu koreksi", "durasi_jam": "24"})
    assert_access(response, LOGIN if persona == "anonymous" else expected[persona])


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/program/angka-tetap/"),
        ("get", "/program/angka-tetap/2025/buka/"),
        ("get", "/program/angka-tetap/pembukaan/1/setujui/"),
        ("post", "/program/angka-tetap/versi/1.xlsx"),
    ],
)
def test_wrong_method_is_refused(method, url, as_persona):
    assert getattr(as_persona("admin"), method)(url).status_code == 405


def test_a_year_outside_the_closable_years_is_not_found(as_persona):
    assert as_persona("admin").get("/program/angka-tetap/2099/tetapkan/").status_code == 404
    assert not PembukaanTahun.objects.exists()


def test_version_is_readable_on_the_page(frozen, as_persona):
    html = as_persona("staf").get("/program/angka-tetap/?tahun=2025").content.decode()
    assert 'data-versi="1"' in html and "Unduh XLSX" in html


def test_the_plan_page_of_a_closed_year_says_so_and_offers_no_change(frozen, as_persona):
    html = as_persona("petugas_b").get(f"/program/{frozen.draf.pk}/").content.decode()
    assert "data-terkunci-angka-tetap" in html and FREEZE_MESSAGE in html
    assert f"/program/{frozen.draf.pk}/kegiatan/baru/" not in html and "Ajukan ke Diskop" not in html


def test_the_open_data_of_a_closed_year_is_its_version(tahun_2025, admin):
    """Open data (issue 30) reads a closed year as the dashboards do: the kept counts, status "tetap"."""
    from opop.opendata.figures import year_figures

    assert year_figures(2025).status_angka == "sementara"
    angka_services.angka_tetap_freeze(actor=admin, tahun=2025)
    before = year_figures(2025)
    make_santri(tahun_2025.pesantren, nama="Budi Santoso", tahun_terdaftar=2025)
    after = year_figures(2025)
    assert after.status_angka == "tetap" and after.kabkota == before.kabkota
    assert after.kabkota["35.17"]["santripreneur"] == 2
    assert year_figures(2026).status_angka == "sementara"
