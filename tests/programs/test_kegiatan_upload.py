"""Upload of plan lines in the browser (issues 15 and 27): the plan page's "Unggah kegiatan" opens the import pages'
upload with that plan chosen, and from there the file goes the way of every import kind (background check, preview
with the column mapping, failed-rows file, write job). The plan's own XLSX export uploads back as the same lines; a
bad row writes nothing and names its row and column; only draf/dikembalikan plans; the plan's own officer, Diskop
staff or an admin (another OPD's plan: 404; a read-only role: 403)."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from opop.common.reader_language import shown
from opop.imports.models import ImportBatch
from opop.indicators.models import Indicator
from opop.jobs.models import Job
from opop.jobs.runner import run_job
from opop.wilayah.models import KabupatenKota
from programs import services
from programs.importers import KegiatanImport
from programs.models import Kegiatan, Rencana, Status
from tests.access import LOGIN, assert_access
from tests.importer.forged import count_reads, forged_workbook
from tests.programs.factories import line_data, line_post, make_plan

ENTRY = "/program/{pk}/kegiatan/unggah/"  # the plan page's link
UPLOAD = "/impor/plan_lines/"
TEMPLATE = "/impor/plan_lines/templat.xlsx"
PREVIEW = "/impor/batch/{batch}/"
COMMIT = "/impor/batch/{batch}/tulis/"
MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 403, "petugas_a": 200, "petugas_b": 404}

FIELDS = [
    "level_sipd",
    "kode_sipd",
    "uraian",
    "pilar",
    "indikator_id",
    "indikator_kinerja",
    "target",
    "satuan",
    "pagu",
    "sumber_dana",
    "triwulan",
    "pptk",
]


def _lines(rencana):
    return sorted(
        (*(getattr(k, f) for f in FIELDS), tuple(sorted(k.lokasi.values_list("kode", flat=True))))
        for k in rencana.kegiatan.all()
    )


def _export(client, rencana):
    response = client.get(f"/program/{rencana.pk}/ekspor.xlsx")
    assert response.status_code == 200
    return response.content


def _edit(data, changes):
    """The workbook with cells changed: {(row, header): value} on the first sheet."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for (row, header), value in changes.items():
        sheet.cell(row=row, column=headers.index(header) + 1).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, rencana, data, name="rencana.xlsx"):
    return client.post(UPLOAD, {"rencana": rencana.pk, "file": SimpleUploadedFile(name, data)})


def _batch(rencana):
    return ImportBatch.objects.get(kind="plan_lines", options__rencana=rencana.pk)


def _commit(client, rencana, **extra):
    return client.post(COMMIT.format(batch=_batch(rencana).pk), **extra)


@pytest.fixture
def plan_2024(petugas_a, opd_a):
    """OPD A's 2024 plan, three different lines: SIPD and free text, several / no kab/kota, quarter subsets."""
    produk = Indicator.objects.get(kode="produk-unggulan")
    return make_plan(
        actor=petugas_a,
        opd=opd_a,
        tahun=2024,
        jumlah_kegiatan=3,
        line_overrides=[
            {"triwulan": "1234"},
            {
                "level_sipd": "",
                "kode_sipd": "",
                "uraian": "Bazar produk pesantren (CSR)",
                "pilar": "pesantrenpreneur",
                "indikator": produk,
                "indikator_kinerja": "Produk dipamerkan",
                "target": 40,
                "satuan": "produk",
                "pagu": Decimal("0"),
                "sumber_dana": "csr",
                "triwulan": "3",
                "pptk": "Siti Aminah, S.E.",
                "lokasi": [],
            },
            {
                "level_sipd": "kegiatan",
                "kode_sipd": "2.17.07.1.01",
                "uraian": "Kurasi produk unggulan",
                "pilar": "pesantrenpreneur",
                "indikator": produk,
                "target": 25,
                "satuan": "produk",
                "pagu": Decimal("1250000000"),
                "sumber_dana": "dak",
                "triwulan": "24",
                "lokasi": list(KabupatenKota.objects.filter(kode__in=["35.07", "35.73", "35.09", "35.25"])),
            },
        ],
    )


@pytest.fixture
def empty_2025(petugas_a, opd_a):
    return services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2025)


# ---------------------------------------------------------------- access


@pytest.mark.parametrize("persona", MATRIX)
def test_the_plan_pages_upload_link_opens_the_import_upload_with_the_plan_chosen(persona, as_persona, plan_a):
    response = as_persona(persona).get(ENTRY.format(pk=plan_a.pk))
    if MATRIX[persona] != 200:
        assert_access(response, MATRIX[persona])
        return
    assert response.status_code == 302 and response["Location"] == f"{UPLOAD}?rencana={plan_a.pk}"
    page = as_persona(persona).get(response["Location"])
    assert page.status_code == 200 and page.context["form"]["rencana"].value() == str(plan_a.pk)


def test_the_upload_link_is_get_only(as_persona, plan_a):
    assert as_persona("petugas_a").post(ENTRY.format(pk=plan_a.pk)).status_code == 405


# The import pages: a read-only role may not import plan lines at all; another OPD's officer may, into their own plans.
UPLOAD_MATRIX = {**MATRIX, "petugas_b": 200}


@pytest.mark.parametrize("persona", UPLOAD_MATRIX)
def test_upload_page_and_empty_template_access(persona, as_persona):
    assert_access(as_persona(persona).get(UPLOAD), UPLOAD_MATRIX[persona])
    assert_access(as_persona(persona).get(TEMPLATE), UPLOAD_MATRIX[persona])


def test_the_plan_choice_lists_only_the_editable_plans_the_user_may_upload_into(
    as_persona, plan_a, empty_2025, petugas_b, opd_b
):
    Rencana.objects.filter(pk=empty_2025.pk).update(status=Status.DIAJUKAN)
    plan_b = services.rencana_create(actor=petugas_b, opd=opd_b, tahun=2025)
    choices = lambda persona: set(as_persona(persona).get(UPLOAD).context["form"].fields["rencana"].queryset)  # noqa: E731
    assert choices("petugas_a") == {plan_a}
    assert choices("petugas_b") == {plan_b}
    assert choices("staf") == choices("admin") == {plan_a, plan_b}


@pytest.mark.parametrize("persona", MATRIX)
def test_upload_and_commit_access(persona, as_persona, request, plan_a, empty_2025, client, admin):
    client.force_login(admin)
    data = _export(client, plan_a)
    client.logout()
    client = as_persona(persona)
    response = _upload(client, empty_2025, data)
    if MATRIX[persona] != 200:
        if persona == "petugas_b":  # another OPD's plan is not among their choices
            assert response.status_code == 200 and "rencana" in response.context["form"].errors
        else:
            assert_access(response, MATRIX[persona])
        assert not ImportBatch.objects.exists() and not empty_2025.kegiatan.exists()
        return
    batch = _batch(empty_2025)
    assert response.status_code == 302 and response["Location"] == PREVIEW.format(batch=batch.pk)
    assert client.post(COMMIT.format(batch=batch.pk)).status_code == 302
    written = empty_2025.kegiatan.get()
    assert written.history.first().history_user == request.getfixturevalue(persona)


# The officer's own upload: admins see every batch; Diskop staff may upload too, but not open the officer's file.
BATCH_MATRIX = {**MATRIX, "staf": 404, "pimpinan": 404}


@pytest.mark.parametrize("persona", BATCH_MATRIX)
def test_preview_and_commit_access(persona, as_persona, client, petugas_a, plan_a, empty_2025):
    client.force_login(petugas_a)
    _upload(client, empty_2025, _export(client, plan_a))
    client.logout()
    batch = _batch(empty_2025)
    other = as_persona(persona)
    assert_access(other.get(PREVIEW.format(batch=batch.pk)), BATCH_MATRIX[persona])
    expected = 302 if BATCH_MATRIX[persona] == 200 else BATCH_MATRIX[persona]
    assert_access(other.post(COMMIT.format(batch=batch.pk)), expected)
    assert empty_2025.kegiatan.count() == (1 if expected == 302 else 0)


def test_another_users_upload_cannot_be_opened_or_written(as_persona, client, plan_a, empty_2025, staf):
    petugas = as_persona("petugas_a")
    _upload(petugas, empty_2025, _export(petugas, plan_a))
    batch = _batch(empty_2025)
    client.force_login(staf)  # staf may upload to this plan, but this is the officer's file
    assert client.get(PREVIEW.format(batch=batch.pk)).status_code == 404
    assert client.post(COMMIT.format(batch=batch.pk)).status_code == 404
    assert not empty_2025.kegiatan.exists()


def test_a_forged_choice_of_another_opds_plan_is_refused_and_nothing_is_stored(as_persona, plan_a, petugas_b, opd_b):
    plan_b = services.rencana_create(actor=petugas_b, opd=opd_b, tahun=2025)
    client = as_persona("petugas_a")
    response = _upload(client, plan_b, _export(client, plan_a))
    assert response.status_code == 200 and "rencana" in response.context["form"].errors
    assert not ImportBatch.objects.exists() and not plan_b.kegiatan.exists()


def test_commit_is_post_only(as_persona, plan_a, empty_2025):
    client = as_persona("petugas_a")
    _upload(client, empty_2025, _export(client, plan_a))
    assert client.get(COMMIT.format(batch=_batch(empty_2025).pk)).status_code == 405


@pytest.mark.parametrize("status", [Status.DIVERIFIKASI, Status.DIAJUKAN])
def test_upload_is_refused_for_a_plan_that_is_not_draf_or_dikembalikan(status, as_persona, plan_2024):
    client = as_persona("petugas_a")
    data = _edit(_export(client, plan_2024), {(2, "PPTK"): "Pejabat baru"})
    Rencana.objects.filter(pk=plan_2024.pk).update(status=status)
    page = client.get(ENTRY.format(pk=plan_2024.pk), follow=True)
    assert page.redirect_chain[-1][0] == f"/program/{plan_2024.pk}/"
    assert "hanya diunggah ke rencana draf atau dikembalikan" in page.content.decode()
    response = _upload(client, plan_2024, data)
    assert response.status_code == 200 and "rencana" in response.context["form"].errors
    assert not ImportBatch.objects.exists()
    assert not Kegiatan.objects.filter(pptk="Pejabat baru").exists()


def test_a_plan_verified_after_the_preview_is_not_written(as_persona, plan_a, empty_2025, staf, petugas_a):
    client = as_persona("petugas_a")
    _upload(client, empty_2025, _export(client, plan_a))
    services.kegiatan_create(actor=petugas_a, rencana=empty_2025, data=line_data(uraian="Baris lain"))
    services.rencana_submit(actor=petugas_a, rencana=empty_2025)
    services.rencana_verify(actor=staf, rencana=empty_2025)
    page = _commit(client, empty_2025, follow=True).content.decode()
    assert "tidak dapat diubah (status Diverifikasi)" in page
    assert empty_2025.kegiatan.count() == 1


def test_returned_plan_accepts_an_upload(as_persona, returned_a):
    client = as_persona("petugas_a")
    data = _edit(_export(client, returned_a), {(2, "Target"): 250})
    _upload(client, returned_a, data)
    _commit(client, returned_a)
    assert returned_a.kegiatan.get().target == 250


# ---------------------------------------------------------------- what is written


def test_the_plans_own_export_uploaded_into_an_empty_draft_recreates_the_plan_exactly(
    as_persona, plan_2024, empty_2025
):
    client = as_persona("petugas_a")
    response = _upload(client, empty_2025, _export(client, plan_2024))
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert preview.context["counts"][0][1:] == (3, "create") and preview.context["actions"].commit
    assert "Baris jumlah dilewati: baris 5" in html  # the export's total row is left out, and the page says so
    done = _commit(client, empty_2025)
    assert done["Location"] == response["Location"]  # the write is a job: its page shows its progress, then this
    assert _lines(empty_2025) == _lines(plan_2024)
    written = client.get(done["Location"]).content.decode()
    assert "Impor selesai: 3 data baru" in written and "Semua baris sudah ditulis" in written
    assert _batch(empty_2025).status == ImportBatch.Status.COMMITTED
    line = empty_2025.kegiatan.first()
    assert line.history.first().history_change_reason.startswith("Impor kegiatan rencana OPD dari berkas")


def test_a_plan_uploaded_onto_itself_is_unchanged_and_writes_nothing(as_persona, plan_2024):
    client = as_persona("petugas_a")
    before = {k.pk: k.diubah_pada for k in plan_2024.kegiatan.all()}
    response = _upload(client, plan_2024, _export(client, plan_2024))
    counts = dict((action, n) for _label, n, action in client.get(response["Location"]).context["counts"])
    assert counts == {"create": 0, "update": 0, "unchanged": 3, "invalid": 0}
    _commit(client, plan_2024)
    assert {k.pk: k.diubah_pada for k in plan_2024.kegiatan.all()} == before


def test_an_upload_updates_matching_lines_and_adds_new_ones(as_persona, plan_2024):
    client = as_persona("petugas_a")
    data = _edit(
        _export(client, plan_2024),
        {
            (3, "Target"): 55,  # rows follow the line numbers: row 3 is No. 2, the line without a code
            (3, "Pagu Indikatif (Rp)"): "Rp 175.000.000",
            (3, "Waktu Pelaksanaan"): "TW II, TW III",
            (3, "Lokasi"): "Kota Surabaya",
            (5, "Kode"): "",  # row 5 was the total line: now a new line
            (5, "Tingkat"): "Non-nomenklatur",
            (5, "Program / Kegiatan / Sub Kegiatan"): "Temu bisnis OPOP",
            (5, "Indikator Kinerja"): "Kemitraan terjalin",
            (5, "Target"): 12,
            (5, "Satuan"): "kegiatan",
            (5, "Lokasi"): "Kota Surabaya, Kab. Malang",
            (5, "Waktu Pelaksanaan"): "TW IV",
            (5, "Sumber Dana"): "APBD",
            (5, "Pagu Indikatif (Rp)"): 80000000,
            (5, "PPTK"): "Budi Santoso",
            (5, "Pilar OPOP"): "Pesantrenpreneur",
            (5, "Indikator OPOP"): "Produk unggulan",
        },
    )
    response = _upload(client, plan_2024, data)
    counts = dict((action, n) for _label, n, action in client.get(response["Location"]).context["counts"])
    assert counts == {"create": 1, "update": 1, "unchanged": 2, "invalid": 0}
    ((_row, name, fields, _url),) = shown(_batch(plan_2024).changes)  # the update, old → new as the officer reads them
    assert name == "Bazar produk pesantren (CSR)"
    assert fields == [
        ["Target", "40", "55"],
        ["Pagu anggaran (Rp)", "Rp 0", "Rp 175.000.000"],
        ["Rencana triwulan pelaksanaan", "TW III", "TW II, TW III"],
        # The line's target was split evenly: the new target over the new quarters, shown, not done silently.
        ["Target TW II", "0", "27"],
        ["Target TW III", "40", "28"],
        # So was its pagu (anggaran kas dibagi rata): the new pagu over the new quarters, shown too.
        ["Anggaran kas TW II (Rp)", "Rp 0", "Rp 87.500.000"],
        ["Anggaran kas TW III (Rp)", "Rp 0", "Rp 87.500.000"],
        ["Lokasi (kab/kota)", "Provinsi Jawa Timur", "Kota Surabaya"],
    ]
    _commit(client, plan_2024)
    changed = plan_2024.kegiatan.get(uraian="Bazar produk pesantren (CSR)")
    assert (changed.target, changed.pagu, changed.triwulan) == (55, 175_000_000, "23")
    assert (changed.target_split, changed.target_dibagi_rata) == ((0, 27, 28, 0), True)
    assert (changed.kas_split, changed.kas_dibagi_rata) == ((0, 87_500_000, 87_500_000, 0), True)
    added = plan_2024.kegiatan.get(uraian="Temu bisnis OPOP")
    assert sorted(added.lokasi.values_list("kode", flat=True)) == ["35.07", "35.78"] and added.triwulan == "4"
    assert plan_2024.kegiatan.count() == 4


# ---------------------------------------------------------------- bad input: nothing written


@pytest.mark.parametrize(
    ("header", "value", "message"),
    [
        ("Pagu Indikatif (Rp)", "125,5", "Tulis rupiah tanpa desimal"),
        ("Pagu Indikatif (Rp)", 125.5, "Tulis rupiah tanpa desimal"),
        ("Satuan", "ekor", "Nilai tidak dikenal"),
        ("Lokasi", "Kabupaten Atlantis", "tidak dikenal di Jawa Timur"),
        ("Waktu Pelaksanaan", "TW V", "Tulis triwulan"),
        ("Indikator OPOP", "Lainnya", "Indikator tidak dikenal"),  # "Tidak ada" is an empty cell (issue 27)
        ("Kode", "2.17.7", "harus berbentuk X.XX.XX.X.XX"),
        ("PPTK", "", "Wajib diisi"),
    ],
)
def test_one_bad_row_writes_nothing_and_the_preview_names_its_row_and_column(
    header, value, message, as_persona, plan_2024, empty_2025
):
    client = as_persona("petugas_a")
    data = _edit(_export(client, plan_2024), {(4, header): value})  # row 4: No. 3, a SIPD kegiatan
    response = _upload(client, empty_2025, data)
    preview = client.get(response["Location"])
    batch = _batch(empty_2025)
    assert [(row, column) for row, column, _m in batch.errors] == [(4, header)]
    assert message in shown(batch.errors)[0][2]
    assert not preview.context["actions"].commit
    html = preview.content.decode()
    assert message in html and header in html
    assert f"/impor/batch/{batch.pk}/baris-gagal.xlsx" in html  # the failed rows, as uploaded, to fix
    failed = load_workbook(io.BytesIO(client.get(f"/impor/batch/{batch.pk}/baris-gagal.xlsx").getvalue()))
    assert message in str(failed.worksheets[0].cell(row=2, column=1).value)
    refused = client.post(COMMIT.format(batch=batch.pk), follow=True)
    assert "masih punya baris tidak valid" in refused.content.decode()
    assert not empty_2025.kegiatan.exists()


def test_the_failed_rows_file_keeps_the_sipd_code_as_text(as_persona, plan_2024, empty_2025):
    client = as_persona("petugas_a")
    _upload(client, empty_2025, _edit(_export(client, plan_2024), {(4, "PPTK"): ""}))
    batch = _batch(empty_2025)
    failed = load_workbook(io.BytesIO(client.get(f"/impor/batch/{batch.pk}/baris-gagal.xlsx").getvalue())).active
    titles = [cell.value for cell in failed[1]]
    code = failed.cell(row=2, column=titles.index("Kode") + 1)
    assert (code.value, code.data_type, code.number_format) == ("2.17.07.1.01", "s", "@")  # row 4: a kegiatan


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rencana.pdf", b"%PDF-1.4", "Jenis berkas tidak didukung"),
        ("rencana.xlsx", b"bukan xlsx", ""),
    ],
)
def test_a_file_that_is_not_a_plan_sheet_is_refused_with_a_message(name, content, message, as_persona, empty_2025):
    client = as_persona("petugas_a")
    response = _upload(client, empty_2025, content, name=name)
    if response.status_code == 200:  # refused by the form
        assert message in response.content.decode()
        assert not ImportBatch.objects.exists()
    else:  # read and refused by the engine: shown as a file-level error
        batch = _batch(empty_2025)
        assert batch.errors and batch.errors[0][0] == 0
        assert not client.get(response["Location"]).context["actions"].commit
    assert not empty_2025.kegiatan.exists()


def test_an_upload_written_twice_writes_once(as_persona, plan_a, empty_2025):
    client = as_persona("petugas_a")
    _upload(client, empty_2025, _export(client, plan_a))
    url = COMMIT.format(batch=_batch(empty_2025).pk)
    client.post(url)
    second = client.post(url, follow=True)
    assert "sudah diproses sebelumnya" in second.content.decode()
    assert empty_2025.kegiatan.count() == 1


def test_a_plan_changed_since_the_preview_is_not_written(as_persona, plan_2024, empty_2025, petugas_a):
    client = as_persona("petugas_a")
    _upload(client, empty_2025, _export(client, plan_2024))
    # Meanwhile someone adds one of the file's lines by hand: the file would now update it, not create it.
    client.post(f"/program/{empty_2025.pk}/kegiatan/baru/", line_post(triwulan=["1", "2", "3", "4"]))
    refused = _commit(client, empty_2025, follow=True)
    assert "Data kegiatan rencana OPD berubah sejak pratinjau" in refused.content.decode()  # not "registri"
    assert empty_2025.kegiatan.count() == 1


def test_the_plan_page_and_the_line_form_link_to_the_upload(as_persona, plan_a):
    client = as_persona("petugas_a")
    assert ENTRY.format(pk=plan_a.pk) in client.get(f"/program/{plan_a.pk}/").content.decode()
    assert ENTRY.format(pk=plan_a.pk) in client.get(f"/program/{plan_a.pk}/kegiatan/baru/").content.decode()
    assert "/kegiatan/unggah/" not in as_persona("pimpinan").get(f"/program/{plan_a.pk}/").content.decode()


def test_the_empty_template_has_the_export_columns(as_persona):
    response = as_persona("petugas_a").get(TEMPLATE)
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [str(cell.value).rstrip("*") for cell in sheet[1]]
    # Every XLSX template starts with a "No" column (its example row is marked CONTOH there), as the export does.
    assert headers[:5] == ["No", "Kode", "Tingkat", "Program / Kegiatan / Sub Kegiatan", "Indikator Kinerja"]


def test_the_preview_names_the_plan_links_back_and_offers_the_next_upload_into_it(as_persona, plan_2024, empty_2025):
    client = as_persona("petugas_a")
    response = _upload(client, empty_2025, _export(client, plan_2024))
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.context["context_label"] == f"rencana {empty_2025.opd} 2025"
    assert f'<a href="/program/{empty_2025.pk}/">rencana {empty_2025.opd} 2025</a>' in html
    assert f"Tulis ke rencana {empty_2025.opd} 2025" in html
    assert f'href="{UPLOAD}?rencana={empty_2025.pk}"' in html  # "Unggah berkas lain": into the same plan
    assert 'id="pemetaan-kolom"' in html  # the column mapping of every kind
    written = client.get(_commit(client, empty_2025)["Location"]).content.decode()
    assert f'href="/program/{empty_2025.pk}/"' in written and "Semua baris sudah ditulis" in written


def test_my_imports_list_a_plan_upload_and_open_it_on_the_import_preview(as_persona, plan_2024, empty_2025):
    client = as_persona("petugas_a")
    _upload(client, empty_2025, _export(client, plan_2024))
    batch = _batch(empty_2025)
    assert PREVIEW.format(batch=batch.pk) in client.get("/impor/").content.decode()
    assert as_persona("petugas_b").get(PREVIEW.format(batch=batch.pk)).status_code == 404  # the uploader's only


# ---------------------------------------------------------------- issue 28: the file is read in a job, once


@pytest.fixture
def queued(settings, private_media):
    """Jobs wait on the queue (as in production) instead of running inside the request; run them with run_job."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _run(batch, kind):
    job = Job.objects.get(batch=batch, kind=kind, status=Job.Status.QUEUED)
    return run_job(job.pk)


def test_a_forged_70_000_row_upload_is_read_in_the_background_one_cell_a_row(
    queued, monkeypatch, as_persona, empty_2025
):
    """The attack of issue 28: the dimension forged to A1:M1, each of 70 000 rows ending in an empty XFD cell (the
    old reader padded them to 16 384 cells each, inside the web request, and read the file twice)."""
    reads = count_reads(monkeypatch)
    client = as_persona("petugas_a")
    headers = [column.header for column in KegiatanImport.columns]
    response = _upload(client, empty_2025, forged_workbook(headers, 70_000), name="serangan.xlsx")
    batch = _batch(empty_2025)
    assert response["Location"] == PREVIEW.format(batch=batch.pk)
    assert reads == [] and batch.status == ImportBatch.Status.CHECKING  # the request stored it, read nothing
    waiting = client.get(response["Location"])
    html = waiting.content.decode()
    assert "Sedang diperiksa" in html and "Menunggu pekerja latar" in html and not waiting.context["actions"].commit
    assert _run(batch, "impor_periksa") == Job.Status.DONE
    assert reads == [len(headers) + 70_000]  # read once, every cell the XML holds and no other
    batch.refresh_from_db()
    assert [message for _row, _column, message in shown(batch.errors)] == ["Berkas tidak berisi baris data."]
    assert "Berkas tidak berisi baris data." in client.get(response["Location"]).content.decode()
    assert not empty_2025.kegiatan.exists()


def test_an_upload_over_the_cell_budget_is_refused_with_the_budget_and_nothing_is_written(
    settings, as_persona, plan_2024, empty_2025
):
    client = as_persona("petugas_a")
    data = _export(client, plan_2024)
    settings.IMPORT_MAX_CELLS = 20
    response = _upload(client, empty_2025, data)
    batch = _batch(empty_2025)
    assert (
        "Berkas berisi terlalu banyak sel" in shown(batch.errors)[0][2]
        and "batasnya 20 sel" in shown(batch.errors)[0][2]
    )
    assert "terlalu banyak sel" in client.get(response["Location"]).content.decode()
    refused = client.post(COMMIT.format(batch=batch.pk), follow=True)
    assert "masih punya baris tidak valid" in refused.content.decode()
    assert not empty_2025.kegiatan.exists()


def test_an_upload_past_the_read_time_limit_is_refused_naming_the_limit(settings, as_persona, plan_2024, empty_2025):
    client = as_persona("petugas_a")
    data = _export(client, plan_2024)
    settings.IMPORT_READ_SECONDS = 0  # over as soon as the read starts: no sleeping, no timing
    _upload(client, empty_2025, data)
    assert "Berkas terlalu lama dibaca" in shown(_batch(empty_2025).errors)[0][2]
    assert not empty_2025.kegiatan.exists()


def test_the_check_and_the_write_each_run_in_a_job_and_read_the_file_once(
    queued, monkeypatch, as_persona, plan_2024, empty_2025
):
    client = as_persona("petugas_a")
    data = _export(client, plan_2024)
    reads = count_reads(monkeypatch)
    response = _upload(client, empty_2025, data)
    batch = _batch(empty_2025)
    assert client.post(COMMIT.format(batch=batch.pk), follow=True).status_code == 200
    assert not Job.objects.filter(kind="impor_tulis").exists()  # still being checked: nothing to write yet
    assert _run(batch, "impor_periksa") == Job.Status.DONE
    assert len(reads) == 1  # the check; with an error its failed-rows file would be cut from this same read
    page = client.post(COMMIT.format(batch=batch.pk), follow=True)
    assert "Penulisan dijalankan di latar" in page.content.decode() and not page.context["actions"].commit
    assert not empty_2025.kegiatan.exists() and len(reads) == 1  # the request queued the write, read nothing
    assert _run(batch, "impor_tulis") == Job.Status.DONE
    assert len(reads) == 2 and _lines(empty_2025) == _lines(plan_2024)
    assert "Impor selesai: 3 data baru" in client.get(response["Location"]).content.decode()
