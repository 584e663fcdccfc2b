"""FGD meetings and their follow-up (programs.fgd_*): every route's persona matrix, the services' refusals (nothing
saved on bad input, stale versions), the agenda's draft, the owners' worklist and notification, overdue items on
the Staf home and in the reminders, "Tindak lanjut FGD sebelumnya", the notulen XLSX and bounded query counts."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from opop.common.concurrency import version_of
from opop.notifications.models import Notifikasi
from programs import fgd_services, services
from programs.models import AgendaFgd, Fgd, TindakLanjut
from programs.reminders import reminders_send
from tests.access import LOGIN, PERSONAS, assert_access
from tests.files import image_bytes
from tests.programs.factories import first_kegiatan, realisasi_data

PNG = image_bytes("PNG")
DAY = datetime.timedelta(days=1)


def _fgd_data(opds, **overrides):
    return {
        "tanggal": datetime.date(2024, 2, 2),
        "tempat": "R. Aria Wiria Atmadja, Kantor Diskop Jatim",
        "tahun": 2024,
        "diundang": opds,
        "hadir": opds[:1],
        "peserta": "Andromeda Qomariah — Kepala Dinas",
        "status": "selesai",
        **overrides,
    }


@pytest.fixture
def meeting(staf, opd_a, opd_b):
    return fgd_services.fgd_create(actor=staf, data=_fgd_data([opd_a, opd_b]))


def _item(staf, fgd, opds, uraian="Sinkronkan data santripreneur", tenggat=datetime.date(2024, 6, 30)):
    return fgd_services.tindak_lanjut_create(
        actor=staf, fgd=fgd, data={"uraian": uraian, "opd": opds, "tenggat": tenggat}
    )


@pytest.fixture
def item_a(staf, meeting, opd_a, petugas_a, petugas_b):
    return _item(staf, meeting, [opd_a])


@pytest.fixture
def item_b(staf, meeting, opd_b, petugas_a, petugas_b):
    return _item(staf, meeting, [opd_b], uraian="Fasilitasi sertifikasi halal")


@pytest.fixture
def with_evidence(item_a, petugas_a):
    data = {"status": "berjalan", "catatan": "Rapat teknis", "bukti": SimpleUploadedFile("undangan rapat.png", PNG)}
    return fgd_services.tindak_lanjut_report(actor=petugas_a, item=item_a, data=data, versi=version_of(item_a))


# ---------------------------------------------------------------- access: every route × every persona

DISKOP_ONLY = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 403, "petugas_a": 403, "petugas_b": 403}
EVERYONE = {"anonymous": LOGIN, **{p: 200 for p in PERSONAS if p != "anonymous"}}
ROUTES = {
    # name: (method, url template, {persona: expected})
    "list": ("get", "/program/fgd/", EVERYONE),
    "create": ("get", "/program/fgd/baru/", DISKOP_ONLY),
    "detail": ("get", "/program/fgd/{fgd}/", EVERYONE),
    "update": ("get", "/program/fgd/{fgd}/ubah/", DISKOP_ONLY),
    "xlsx": ("get", "/program/fgd/{fgd}/notulen.xlsx", EVERYONE),
    "agenda": ("get", "/program/fgd/{fgd}/agenda/", DISKOP_ONLY),
    "agenda_draft": ("post", "/program/fgd/{fgd}/agenda/susun/", {**DISKOP_ONLY, "admin": 302, "staf": 302}),
    "tl_create": ("get", "/program/fgd/{fgd}/tindak-lanjut/baru/", DISKOP_ONLY),
    # Item of OPD A: another OPD's officer does not see it (404); its own officer sees it but may not redefine it.
    "tl_update": ("get", "/program/fgd/tindak-lanjut/{item}/ubah/", {**DISKOP_ONLY, "petugas_b": 404}),
    "tl_report": (
        "get",
        "/program/fgd/tindak-lanjut/{item}/status/",
        {**DISKOP_ONLY, "petugas_a": 200, "petugas_b": 404},
    ),
    "tl_bukti": ("get", "/program/fgd/tindak-lanjut/{item}/bukti/", {**EVERYONE, "petugas_b": 404}),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES)
def test_access_matrix(route, persona, as_persona, meeting, with_evidence):
    method, url, matrix = ROUTES[route]
    response = getattr(as_persona(persona), method)(url.format(fgd=meeting.pk, item=with_evidence.pk))
    assert_access(response, matrix[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_status_post_matrix(persona, as_persona, item_a):
    """Only Diskop and the owner OPD's officer change the status; nothing changes for the others."""
    expected = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 302, "petugas_b": 404}
    data = {"status": "selesai", "catatan": "Selesai", "versi": version_of(item_a)}
    response = as_persona(persona).post(f"/program/fgd/tindak-lanjut/{item_a.pk}/status/", data)
    assert_access(response, expected[persona])
    item_a.refresh_from_db()
    assert (item_a.status == "selesai") == (expected[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_post_matrix(persona, as_persona, opd_a):
    expected = {**DISKOP_ONLY, "admin": 302, "staf": 302}
    data = {
        "tanggal": "2024-02-02",
        "tempat": "Surabaya",
        "tahun": "2024",
        "diundang": [opd_a.pk],
        "hadir": [opd_a.pk],
        "status": "terjadwal",
        "token": "",
    }
    assert_access(as_persona(persona).post("/program/fgd/baru/", data), expected[persona])
    assert Fgd.objects.exists() == (expected[persona] == 302)


def test_other_opd_officer_cannot_download_or_report(as_persona, with_evidence):
    client = as_persona("petugas_b")
    assert client.get(f"/program/fgd/tindak-lanjut/{with_evidence.pk}/bukti/").status_code == 404
    assert (
        client.post(f"/program/fgd/tindak-lanjut/{with_evidence.pk}/status/", {"status": "selesai"}).status_code == 404
    )


def test_evidence_is_private_and_keeps_the_uploaders_name(as_persona, with_evidence):
    assert with_evidence.bukti.name.startswith("programs/tindak-lanjut/")
    assert "undangan" not in with_evidence.bukti.name
    response = as_persona("petugas_a").get(f"/program/fgd/tindak-lanjut/{with_evidence.pk}/bukti/")
    assert response["Content-Disposition"] == 'attachment; filename="undangan_rapat.png"'
    assert b"".join(response.streaming_content) == PNG


# ---------------------------------------------------------------- services: bad input saves nothing


def test_not_possible_without_a_reason_saves_nothing(item_a, petugas_a):
    history = item_a.history.count()
    with pytest.raises(ValidationError) as error:
        fgd_services.tindak_lanjut_report(
            actor=petugas_a, item=item_a, data={"status": "tidak_dapat", "alasan": " "}, versi=version_of(item_a)
        )
    assert "alasan" in error.value.message_dict
    item_a.refresh_from_db()
    assert item_a.status == "belum" and item_a.history.count() == history


def test_not_possible_without_a_reason_on_the_page_keeps_the_form(as_persona, item_a):
    response = as_persona("petugas_a").post(
        f"/program/fgd/tindak-lanjut/{item_a.pk}/status/",
        {"status": "tidak_dapat", "alasan": "", "catatan": "x", "versi": version_of(item_a)},
    )
    assert response.status_code == 200
    assert "Tuliskan alasan" in response.content.decode()
    item_a.refresh_from_db()
    assert item_a.status == "belum"


def test_due_date_before_the_meeting_saves_nothing(staf, meeting, opd_a):
    with pytest.raises(ValidationError) as error:
        _item(staf, meeting, [opd_a], tenggat=meeting.tanggal - DAY)
    assert "tenggat" in error.value.message_dict
    assert not TindakLanjut.objects.exists()


def test_an_item_without_owner_saves_nothing(staf, meeting):
    with pytest.raises(ValidationError):
        _item(staf, meeting, [])
    assert not TindakLanjut.objects.exists()


def test_a_stale_report_is_refused_naming_who_changed_it(item_a, petugas_a, staf):
    stale = version_of(item_a)
    fgd_services.tindak_lanjut_report(actor=staf, item=item_a, data={"status": "berjalan"}, versi=stale)
    with pytest.raises(ValidationError) as error:
        fgd_services.tindak_lanjut_report(actor=petugas_a, item=item_a, data={"status": "selesai"}, versi=stale)
    assert "sudah diubah oleh" in str(error.value)
    item_a.refresh_from_db()
    assert item_a.status == "berjalan"


def test_a_stale_meeting_edit_is_refused(meeting, staf, admin, opd_a):
    stale = version_of(meeting)
    fgd_services.fgd_update(actor=admin, fgd=meeting, data={"tempat": "Gedung Grahadi"}, versi=stale)
    with pytest.raises(ValidationError):
        fgd_services.fgd_update(actor=staf, fgd=meeting, data={"tempat": "Hotel"}, versi=stale)
    meeting.refresh_from_db()
    assert meeting.tempat == "Gedung Grahadi"


def test_services_refuse_the_wrong_actor(meeting, item_b, petugas_a, pimpinan, opd_a):
    with pytest.raises(PermissionDenied):
        fgd_services.fgd_create(actor=pimpinan, data=_fgd_data([opd_a]))
    with pytest.raises(PermissionDenied):
        fgd_services.tindak_lanjut_report(actor=petugas_a, item=item_b, data={"status": "selesai"}, versi="")
    with pytest.raises(PermissionDenied):
        _item(petugas_a, meeting, [opd_a])
    assert Fgd.objects.count() == 1 and TindakLanjut.objects.count() == 1


def test_every_change_is_audited(item_a, petugas_a):
    fgd_services.tindak_lanjut_report(
        actor=petugas_a, item=item_a, data={"status": "berjalan", "catatan": "mulai"}, versi=version_of(item_a)
    )
    last = item_a.history.first()
    assert last.history_user == petugas_a and last.status == "berjalan"
    assert last.history_change_reason == "Status tindak lanjut dilaporkan"


def test_the_history_names_the_owner_opds(as_persona, item_a):
    history = as_persona("staf").get(f"/program/fgd/tindak-lanjut/{item_a.pk}/ubah/").context["history"]
    changes = [c for entry in history for c in entry["changes"] if str(c["field"]) == "OPD penanggung jawab"]
    assert changes and changes[0]["new"] == "Dinas Kominfo"


def test_a_reason_is_dropped_when_the_status_moves_on(item_a, petugas_a):
    item = fgd_services.tindak_lanjut_report(
        actor=petugas_a,
        item=item_a,
        data={"status": "tidak_dapat", "alasan": "Anggaran dipotong"},
        versi=version_of(item_a),
    )
    item = fgd_services.tindak_lanjut_report(
        actor=petugas_a, item=item, data={"status": "berjalan", "alasan": "Anggaran dipotong"}, versi=version_of(item)
    )
    assert (item.status, item.alasan) == ("berjalan", "")


# ---------------------------------------------------------------- agenda


def test_agenda_draft_takes_marked_kendala_once(as_persona, staf, verified_a, petugas_a, meeting):
    realisasi = services.realisasi_save(
        actor=petugas_a,
        kegiatan=first_kegiatan(verified_a),
        triwulan=1,
        data=realisasi_data(permasalahan="Pencairan anggaran terlambat."),
    )
    services.kendala_mark(actor=staf, realisasi=realisasi, masuk_agenda=True)
    client = as_persona("staf")
    client.post(f"/program/fgd/{meeting.pk}/agenda/susun/")
    kendala = list(AgendaFgd.objects.filter(fgd=meeting, sumber="kendala"))
    assert len(kendala) == 1 and "Pencairan anggaran terlambat." in kendala[0].teks
    # The dashboard's traceability source: indicators whose commitments cannot reach the yearly need, numbers
    # grouped by narrow spaces (they read the same in both languages).
    short = [a.teks for a in AgendaFgd.objects.filter(fgd=meeting, sumber="ketertelusuran")]
    assert any(t.startswith("Santripreneur: komitmen OPD 2024 ") and "kurang" in t for t in short), short
    assert not any(re.search(r"\d\.\d{3}", t) for t in short), short
    total = AgendaFgd.objects.count()
    client.post(f"/program/fgd/{meeting.pk}/agenda/susun/")
    assert AgendaFgd.objects.count() == total  # nothing twice


def test_agenda_draft_takes_the_registered_sources(staf, meeting, monkeypatch):
    from opop.common.registry import registry

    monkeypatch.setitem(registry, "fgd_agenda_sources", {"x": "tests.programs.test_fgd.fake_source"})
    fgd_services.agenda_draft(actor=staf, fgd=meeting, suggestions=_suggestions(staf, meeting))
    assert [(a.sumber, a.teks) for a in meeting.agenda.all()] == [
        ("celah", "Celah di Kab. Sampang"),
        ("ketertelusuran", "Produk unggulan kurang 40"),
    ]


def _suggestions(user, fgd):
    from programs.fgd_selectors import agenda_suggestions

    return agenda_suggestions(user, fgd)


def fake_source(user, tahun):
    assert tahun == 2024
    return [("celah", "Celah di Kab. Sampang"), ("ketertelusuran", "Produk unggulan kurang 40")]


def test_dashboard_sources_are_registered():
    from opop.common.registry import registry

    assert set(registry["fgd_agenda_sources"]) == {"sinergi", "ketertelusuran"}


def test_agenda_edit_changes_orders_deletes_and_adds(as_persona, staf, meeting):
    fgd_services.agenda_draft(actor=staf, fgd=meeting, suggestions=[("manual", "Satu"), ("manual", "Dua")])
    one, two = meeting.agenda.all()
    meeting.refresh_from_db()
    data = {
        "agenda-TOTAL_FORMS": "4",
        "agenda-INITIAL_FORMS": "2",
        "agenda-0-id": one.pk, "agenda-0-urutan": "1", "agenda-0-teks": "Satu", "agenda-0-hapus": "on",
        "agenda-1-id": two.pk, "agenda-1-urutan": "2", "agenda-1-teks": "Dua, diubah",
        "agenda-2-id": "", "agenda-2-urutan": "1", "agenda-2-teks": "Pembukaan",
        "agenda-3-id": "", "agenda-3-urutan": "", "agenda-3-teks": "",
        "versi": version_of(meeting),
    }  # fmt: skip
    response = as_persona("staf").post(f"/program/fgd/{meeting.pk}/agenda/", data)
    assert response.status_code == 302
    assert [(a.urutan, a.teks) for a in meeting.agenda.all()] == [(1, "Pembukaan"), (2, "Dua, diubah")]


def test_agenda_edit_with_a_stale_version_saves_nothing(as_persona, staf, meeting):
    fgd_services.agenda_draft(actor=staf, fgd=meeting, suggestions=[("manual", "Satu")])
    (one,) = meeting.agenda.all()
    data = {
        "agenda-TOTAL_FORMS": "1", "agenda-INITIAL_FORMS": "1",
        "agenda-0-id": one.pk, "agenda-0-urutan": "1", "agenda-0-teks": "Diubah",
        "versi": "2020-01-01T00:00:00+00:00",
    }  # fmt: skip
    response = as_persona("staf").post(f"/program/fgd/{meeting.pk}/agenda/", data, follow=True)
    assert "sudah diubah oleh" in response.content.decode()
    assert meeting.agenda.get().teks == "Satu"


# ---------------------------------------------------------------- worklist, notification, overdue, reminders


def test_owners_are_notified_and_see_their_item_on_home(as_persona, item_a, item_b, petugas_a, petugas_b):
    assert Notifikasi.objects.filter(penerima=petugas_a, tautan=item_a.get_absolute_url()).exists()
    assert not Notifikasi.objects.filter(penerima=petugas_a, tautan=item_b.get_absolute_url()).exists()
    worklist = {i.key: i for i in as_persona("petugas_a").get("/").context["worklist"]}
    assert [row[0] for row in worklist["tindak_lanjut"].rows] == [item_a.uraian]


def test_overdue_item_shows_on_staf_home_and_in_reminders(as_persona, item_a, item_b, petugas_a, staf):
    today = datetime.date.today()
    TindakLanjut.objects.filter(pk=item_a.pk).update(tenggat=today - 3 * DAY)  # the date passed
    TindakLanjut.objects.filter(pk=item_b.pk).update(tenggat=today - 3 * DAY, status="selesai")
    worklist = {i.key: i for i in as_persona("staf").get("/").context["worklist"]}
    assert [row[0] for row in worklist["tindak_lanjut_terlambat"].rows] == [item_a.uraian]
    assert "lewat tenggat 3 hari" in worklist["tindak_lanjut_terlambat"].rows[0][1]
    before = Notifikasi.objects.count()
    reminders_send(today=today)
    late = Notifikasi.objects.filter(kunci=f"tindak-lanjut:{item_a.pk}:lewat")
    assert {n.penerima for n in late} == {petugas_a, staf}
    assert not Notifikasi.objects.filter(kunci=f"tindak-lanjut:{item_b.pk}:lewat").exists()
    reminders_send(today=today)
    assert Notifikasi.objects.count() == before + 2  # never twice


# ---------------------------------------------------------------- the next FGD, the notulen


def test_next_fgd_lists_earlier_items_with_their_status(as_persona, staf, item_a, item_b, petugas_a, opd_a):
    fgd_services.tindak_lanjut_report(
        actor=petugas_a, item=item_a, data={"status": "selesai"}, versi=version_of(item_a)
    )
    later = fgd_services.fgd_create(actor=staf, data=_fgd_data([opd_a], tanggal=datetime.date(2025, 2, 3)))
    response = as_persona("pimpinan").get(f"/program/fgd/{later.pk}/")
    assert [i.pk for i in response.context["sebelumnya"]] == [item_a.pk, item_b.pk]
    page = response.content.decode()
    assert "Tindak lanjut FGD sebelumnya" in page and "Selesai" in page and "Belum" in page
    first = as_persona("pimpinan").get(f"/program/fgd/{item_a.fgd_id}/")
    assert first.context["sebelumnya"] == []


def test_notulen_xlsx_holds_agenda_attendance_and_decisions(as_persona, staf, meeting, item_a, item_b):
    fgd_services.agenda_draft(actor=staf, fgd=meeting, suggestions=[("manual", "Evaluasi OPOP 2023")])
    response = as_persona("staf").get(f"/program/fgd/{meeting.pk}/notulen.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    flat = [str(c) for row in rows for c in row]
    assert "Evaluasi OPOP 2023" in flat and item_a.uraian in flat and item_b.uraian in flat
    assert ["OPD hadir", "Dinas Kominfo"] in rows
    assert ["OPD diundang", "Dinas Kominfo, Dinas Pendidikan"] in rows


# ---------------------------------------------------------------- bounded queries


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["staf", "petugas_a"])
def test_detail_and_list_query_counts_equal_at_two_sizes(persona, as_persona, staf, meeting, item_a, opd_a, opd_b):
    later = fgd_services.fgd_create(actor=staf, data=_fgd_data([opd_a, opd_b], tanggal=datetime.date(2025, 2, 3)))
    _item(staf, later, [opd_a], uraian="Keputusan pertama", tenggat=datetime.date(2025, 6, 30))
    fgd_services.agenda_draft(actor=staf, fgd=later, suggestions=[("manual", "Pembukaan")])
    client = as_persona(persona)
    detail, listing = f"/program/fgd/{later.pk}/", "/program/fgd/"
    small = (_queries(client, detail), _queries(client, listing))
    for n in range(6):
        _item(staf, meeting, [opd_a, opd_b], uraian=f"Keputusan {n}")
        _item(staf, later, [opd_b], uraian=f"Keputusan lanjutan {n}", tenggat=datetime.date(2025, 6, 30))
        fgd_services.fgd_create(actor=staf, data=_fgd_data([opd_a], tanggal=datetime.date(2023, 1, 1 + n)))
    fgd_services.agenda_draft(actor=staf, fgd=later, suggestions=[("manual", f"Butir {n}") for n in range(5)])
    assert len(client.get(detail).context["sebelumnya"]) == 7
    assert (_queries(client, detail), _queries(client, listing)) == small
    assert small[0] <= 25 and small[1] <= 12
