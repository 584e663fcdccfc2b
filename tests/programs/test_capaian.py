"""In-year capaian judged fairly (issue 15): quarterly targets split over the planned quarters, capaian to date,
"belum dijadwalkan", the yearly figure at TW IV, none for a draft; and the same numbers on the plan page, the OPD
dashboard, the Petugas home and the FGD recap."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from opop.accounts.demo import seed_demo_users
from opop.common.achievement import persen
from opop.common.concurrency import version_of
from opop.indicators.models import Indicator
from programs import services
from programs.capaian import Keadaan, even_split, judge, quarters_over, to_date
from programs.demo import seed_demo_plans
from programs.models import Kegiatan, Rencana, Status
from tests.conftest import module_data
from tests.programs.factories import first_kegiatan, line_data, line_post, make_plan, realisasi_data


@pytest.mark.parametrize(
    ("target", "quarters", "split"),
    [
        (100, "1234", (25, 25, 25, 25)),
        (10, "1234", (2, 2, 3, 3)),  # the remainder goes to the later quarters
        (100, "23", (0, 50, 50, 0)),
        (7, "4", (0, 0, 0, 7)),
        (1, "12", (0, 1, 0, 0)),
    ],
)
def test_even_split_over_the_planned_quarters(target, quarters, split):
    assert even_split(target, quarters) == split
    assert sum(split) == target


def test_target_to_date_is_the_cumulative_split():
    assert [to_date((10, 20, 30, 40), q) for q in range(5)] == [0, 10, 30, 60, 100]


def test_on_schedule_in_tw_i_is_not_red():
    # 24 % of the year after TW I, when 25 % was planned: 96 % of the target to date
    c = judge(realisasi=24, target_sd=25, target_tahun=100, triwulan=1)
    assert (c.keadaan, c.persen, c.band) == (Keadaan.DINILAI, Decimal("96.00"), "sangat_tinggi")
    assert c.persen_tahun == Decimal("24.00") and c.band_tahun is None  # the yearly figure is not banded yet


def test_a_quarter_with_nothing_due_is_belum_dijadwalkan():
    c = judge(realisasi=0, target_sd=0, target_tahun=100, triwulan=1)
    assert c.keadaan == Keadaan.BELUM_DIJADWALKAN and c.persen is None and c.band is None
    assert str(c.label) == "Belum dijadwalkan"


def test_tw_iv_judges_the_yearly_figure():
    c = judge(realisasi=60, target_sd=100, target_tahun=100, triwulan=4)
    assert (c.persen, c.band, c.persen_tahun, c.band_tahun) == (Decimal("60.00"), "rendah", Decimal("60.00"), "rendah")


def test_a_draft_has_no_capaian():
    c = judge(realisasi=0, target_sd=25, target_tahun=100, triwulan=2, assessed=False)
    assert c.keadaan == Keadaan.DRAF and c.persen is None and c.band is None and c.persen_tahun is None


def test_no_quarter_over_yet_has_no_capaian():
    c = judge(realisasi=0, target_sd=0, target_tahun=100, triwulan=0)
    assert c.keadaan == Keadaan.BELUM_BERJALAN and c.band is None


# ---------------------------------------------------------------- the line's split


def test_a_new_line_is_split_evenly_and_follows_its_target(plan_a, petugas_a):
    line = first_kegiatan(plan_a)  # target 100 over TW I–IV
    assert line.target_dibagi_rata and line.target_split == (25, 25, 25, 25)
    services.kegiatan_update(
        actor=petugas_a, kegiatan=line, data={"target": 90, "triwulan": "234"}, versi=version_of(line)
    )
    line.refresh_from_db()
    assert line.target_split == (0, 30, 30, 30)


def test_a_custom_split_must_add_up_to_the_yearly_target(plan_a, petugas_a):
    data = line_data(target_tw1=10, target_tw2=20, target_tw3=30, target_tw4=30, target_dibagi_rata=False)
    with pytest.raises(ValidationError, match="Jumlah target per triwulan 90 tidak sama dengan target tahunan 100"):
        services.kegiatan_create(actor=petugas_a, rencana=plan_a, data=data)
    assert Kegiatan.objects.filter(rencana=plan_a).count() == 1  # nothing saved


def test_a_custom_split_cannot_put_a_target_in_an_unplanned_quarter(plan_a, petugas_a):
    data = line_data(triwulan="23", target_tw1=10, target_tw2=40, target_tw3=50, target_dibagi_rata=False)
    with pytest.raises(ValidationError, match="TW I tidak termasuk triwulan pelaksanaan"):
        services.kegiatan_create(actor=petugas_a, rencana=plan_a, data=data)
    assert Kegiatan.objects.filter(rencana=plan_a).count() == 1


def test_the_form_keeps_blank_quarters_even_and_filled_quarters_custom(as_persona, plan_a):
    client = as_persona("petugas_a")
    url = f"/program/{plan_a.pk}/kegiatan/baru/"
    token = client.get(url).context["form"]["token"].value()
    response = client.post(url, line_post(token=token, triwulan=["1", "2", "3", "4"], uraian="Rata"))
    assert response.status_code == 302
    even = Kegiatan.objects.get(rencana=plan_a, uraian="Rata")
    assert even.target_dibagi_rata and even.target_split == (25, 25, 25, 25)

    token = client.get(url).context["form"]["token"].value()
    post = line_post(token=token, triwulan=["1", "2", "3", "4"], uraian="Sendiri")
    post |= {"target_tw1": "10", "target_tw2": "20", "target_tw3": "30", "target_tw4": "40"}
    assert client.post(url, post).status_code == 302
    custom = Kegiatan.objects.get(rencana=plan_a, uraian="Sendiri")
    assert not custom.target_dibagi_rata and custom.target_split == (10, 20, 30, 40)

    # Editing shows the custom split, and a blank even split with its values as placeholders
    form = client.get(f"/program/kegiatan/{custom.pk}/ubah/").context["form"]
    assert [form[f"target_tw{q}"].value() for q in range(1, 5)] == [10, 20, 30, 40]
    html = client.get(f"/program/kegiatan/{even.pk}/ubah/").content.decode()
    assert 'name="target_tw1"' in html and 'placeholder="25"' in html


def test_a_split_that_does_not_add_up_is_refused_on_the_form_and_nothing_saved(as_persona, plan_a):
    client = as_persona("petugas_a")
    url = f"/program/{plan_a.pk}/kegiatan/baru/"
    token = client.get(url).context["form"]["token"].value()
    post = line_post(token=token, uraian="Tidak pas", target_tw1="30", target_tw2="30")  # TW I–II, target 100
    response = client.post(url, post)
    assert response.status_code == 200
    assert "Jumlah target per triwulan 60 tidak sama dengan target tahunan 100" in response.content.decode()
    assert response.context["form"]["target_tw1"].value() == "30"  # what was typed stays on the page
    assert not Kegiatan.objects.filter(uraian="Tidak pas").exists()


def test_copy_from_last_year_keeps_a_custom_split(petugas_a, opd_a, staf):
    last = make_plan(
        actor=petugas_a,
        opd=opd_a,
        tahun=2025,
        line_overrides=[
            {
                "triwulan": "234",
                "target_tw1": 0,
                "target_tw2": 50,
                "target_tw3": 30,
                "target_tw4": 20,
                "target_dibagi_rata": False,
            }
        ],
    )
    assert first_kegiatan(last).target_split == (0, 50, 30, 20)
    rencana = services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2026, salin_sebelumnya=True)
    assert first_kegiatan(rencana).target_split == (0, 50, 30, 20)


# ---------------------------------------------------------------- on the pages


def test_plan_page_judges_each_quarter_against_its_target_to_date(as_persona, petugas_a, opd_a, staf):
    rencana = make_plan(
        actor=petugas_a,
        opd=opd_a,
        jumlah_kegiatan=2,
        status=Status.DIVERIFIKASI,
        verifier=staf,
        line_overrides=[{"uraian": "Berjalan"}, {"uraian": "Mulai TW III", "triwulan": "34"}],
    )
    on_time, later = rencana.kegiatan.order_by("nomor")
    services.realisasi_save(actor=petugas_a, kegiatan=on_time, triwulan=1, data=realisasi_data(output=24))
    services.realisasi_save(actor=petugas_a, kegiatan=later, triwulan=1, data=realisasi_data(output=0))
    response = as_persona("pimpinan").get(f"/program/{rencana.pk}/")
    tw1 = response.context["quarters"][0]["rows"]
    first, second = (row["realisasi"].capaian for row in tw1)
    assert (first.target_sd, first.persen, first.band) == (25, Decimal("96.00"), "sangat_tinggi")
    assert second.keadaan == Keadaan.BELUM_DIJADWALKAN
    html = response.content.decode()
    assert "24 / 25" in html and "96,0\u00a0%" in html and "Sangat tinggi" in html
    assert 'capaian-belum">belum dijadwalkan' in html


def test_a_fresh_draft_does_not_paint_the_petugas_home_red(as_persona, petugas_a, opd_a, monkeypatch):
    make_plan(actor=petugas_a, opd=opd_a, tahun=2026, jumlah_kegiatan=2)
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2026, 8, 1))
    response = as_persona("petugas_a").get("/?tahun=2026")
    [row] = response.context["commitments"]
    assert row["target"] == 200 and row["capaian"].keadaan == Keadaan.DRAF
    html = response.content.decode()
    assert "Rencana belum diverifikasi" in html and "band-sangat-rendah" not in html


SEEDED = datetime.date(2024, 8, 1)  # the demo as seeded then: TW I–II 2024 reported (deadline of TW II: 15 July)


def demo_data():
    seed_demo_users()
    seed_demo_plans(today=SEEDED)


demo_once = module_data(demo_data)  # built once for this module; each test runs in a savepoint on top


@pytest.fixture
def demo(demo_data_once, db):
    pass


def _plan_page_sums(client, tahun):
    """Per (OPD, indicator, satuan), from each plan page: yearly target, target due by the last quarter over, and
    the latest cumulative output the page shows up to that quarter."""
    sums = defaultdict(lambda: {"target_sd": 0, "realisasi": 0, "target": 0})
    quarter = quarters_over(tahun, timezone.localdate())
    for rencana in Rencana.objects.filter(tahun=tahun).select_related("opd"):
        quarters = client.get(f"/program/{rencana.pk}/").context["quarters"][:quarter]
        for rows in zip(*(q["rows"] for q in quarters), strict=True):
            kegiatan = rows[0]["kegiatan"]
            key = (rencana.opd.singkatan, kegiatan.indikator.kode, kegiatan.satuan)
            reported = [row["realisasi"] for row in rows if row["realisasi"] is not None]
            sums[key]["target"] += kegiatan.target
            sums[key]["target_sd"] += kegiatan.target_sampai(quarter)
            sums[key]["realisasi"] += reported[-1].output if reported else 0
    return sums


@pytest.mark.parametrize("today", [datetime.date(2024, 8, 1), datetime.date(2025, 3, 1)])
def test_opd_dashboard_shows_the_plan_pages_numbers_for_the_seeded_data(demo, as_persona, staf, monkeypatch, today):
    monkeypatch.setattr(timezone, "localdate", lambda *a: today)
    client = as_persona("staf")
    sums = _plan_page_sums(client, 2024)
    rows = client.get("/dasbor/opd/?tahun=2024").context["commitments"]
    assert len(rows) == len(sums) > 3
    statuses = dict(Rencana.objects.filter(tahun=2024).values_list("opd__singkatan", "status"))
    judged = 0
    for row in rows:
        page = sums[(row["rencana__opd__singkatan"], row["indikator__kode"], row["satuan"])]
        capaian = row["capaian"]
        assert (row["target"], capaian.target_sd, row["realisasi"]) == (
            page["target"],
            page["target_sd"],
            page["realisasi"],
        )
        if statuses[row["rencana__opd__singkatan"]] == Status.DIVERIFIKASI and capaian.target_sd:
            assert capaian.persen == persen(page["realisasi"], page["target_sd"])
            judged += 1
        elif statuses[row["rencana__opd__singkatan"]] != Status.DIVERIFIKASI:
            assert capaian.keadaan == Keadaan.DRAF and capaian.persen is None
    assert judged >= 2


def test_recap_shows_last_years_capaian_by_the_same_rule(demo, as_persona, staf, monkeypatch):
    # 1 Aug 2024: TW II 2024 is the last quarter due (15 July); Kominfo and Distan reported it, and Diskop returns
    # Distan's report: Distan has not reported TW II until it submits again.
    monkeypatch.setattr(timezone, "localdate", lambda *a: SEEDED)
    distan = Rencana.objects.get(opd__kode="distan", tahun=2024)
    services.laporan_return(actor=staf, rencana=distan, triwulan=2, catatan="Lampirkan bukti kegiatan.")
    client = as_persona("staf")
    sums = _plan_page_sums(client, 2024)
    kodes = dict(Indicator.objects.values_list("pk", "kode"))
    recap = client.get("/program/rekap-fgd/?tahun=2025").context["recap"]
    assert recap.triwulan_lalu == 2
    unverified = {"Dinas Pendidikan", "Disperindag", "Disnakertrans"}  # 2024: returned, submitted, draft
    judged = late = 0
    for group in recap.pilar:
        for indicator in group.indikator:
            for row in indicator.rows:
                page = sums[(row.opd, kodes[indicator.indikator_id], row.satuan)]
                assert (row.target_lalu, row.target_sd_lalu) == (page["target"], page["target_sd"])
                if row.opd in unverified:
                    assert row.keadaan_lalu == Keadaan.DRAF and row.capaian_lalu is None
                elif row.opd == "Dinas Pertanian":  # Distan
                    assert row.keadaan_lalu == Keadaan.BELUM_MELAPOR and row.realisasi_lalu is None
                    late += 1
                else:
                    assert row.realisasi_lalu == page["realisasi"]
                    assert row.capaian_lalu == persen(page["realisasi"], page["target_sd"])
                    assert row.capaian_tahun_lalu == persen(page["realisasi"], page["target"])
                    judged += 1
    assert judged >= 2 and late >= 1


# ---------------------------------------------------------------- consistency: pillar and indicator


def test_a_line_whose_pillar_does_not_fit_its_indicator_is_warned_not_refused(as_persona, plan_a):
    from opop.indicators.models import Indicator as Ind

    client = as_persona("petugas_a")
    url = f"/program/{plan_a.pk}/kegiatan/baru/"
    token = client.get(url).context["form"]["token"].value()
    post = line_post(
        token=token, uraian="Salah pilar", pilar="sociopreneur", indikator=Ind.objects.get(kode="produk-unggulan").pk
    )
    response = client.post(url, post, follow=True)
    line = Kegiatan.objects.get(uraian="Salah pilar")  # saved: a warning, not an error
    html = response.content.decode()
    assert "Pilar Sociopreneur biasanya tidak mengisi indikator" in html
    assert "pilar-warning" in client.get(f"/program/kegiatan/{line.pk}/ubah/").content.decode()
    page = client.get(f"/program/{plan_a.pk}/").content.decode()
    assert page.count("pilar ≠ indikator") == 1  # the fitting line of the fixture has none
