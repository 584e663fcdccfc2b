"""Browser journey of an FGD and its follow-up (issue 33, Done-when 4): Staf records an FGD, drafts the agenda from
the kendala digest, records two decisions for two OPDs; each OPD's officer sees theirs on the home page and in the
inbox and reports its status with a note; a decision passes its due date and shows overdue on the Staf home; the
next FGD opens with "Tindak lanjut FGD sebelumnya" and both statuses; the notulen prints on A4 without cut tables."""

import datetime
import re

import pytest
from django.utils import timezone

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from opop.accounts.models import PerangkatDaerah, User
from programs import services
from programs.models import Fgd, Realisasi, Status, TindakLanjut
from tests.e2e.conftest import ARTIFACTS, login, open_nav
from tests.programs.factories import first_kegiatan, make_plan, realisasi_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

A4_PORTRAIT_PX = round((210 - 20) / 25.4 * 96)  # the printable width of the notulen's sheet (10 mm margins)
PROBLEM = "Pencairan anggaran terlambat karena revisi DPA."
ITEM_A = "Kominfo menayangkan profil produk unggulan pesantren setiap bulan."
ITEM_B = "Dindik memasukkan kewirausahaan santri ke kurikulum SMK pesantren."


def _sign_in(page, base, username):
    page.context.clear_cookies()
    login(page, base, username, DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")


def _kendala_on_the_agenda():
    """A verified 2024 Kominfo plan whose TW I reports a problem that Diskop marked for the FGD agenda."""
    officer, staf = User.objects.get(username="petugas.kominfo"), User.objects.get(username="staf")
    plan = make_plan(
        actor=officer, opd=PerangkatDaerah.objects.get(kode="kominfo"), status=Status.DIVERIFIKASI, verifier=staf
    )
    realisasi = services.realisasi_save(
        actor=officer, kegiatan=first_kegiatan(plan), triwulan=1, data=realisasi_data(permasalahan=PROBLEM)
    )
    services.kendala_mark(actor=staf, realisasi=realisasi, masuk_agenda=True)
    return Realisasi.objects.get(pk=realisasi.pk)


def _record_fgd(page, tanggal, tempat):
    page.get_by_role("link", name="Catat FGD").click()
    page.locator("#id_tanggal").fill(tanggal.isoformat())
    page.locator("#id_tempat").fill(tempat)
    page.locator("#id_tahun").select_option("2024")
    for opd in ("kominfo", "dindik"):
        pk = str(PerangkatDaerah.objects.get(kode=opd).pk)
        page.locator(f"input[name=diundang][value='{pk}']").check()
        page.locator(f"input[name=hadir][value='{pk}']").check()
    page.get_by_role("button", name="Simpan FGD").click()
    page.get_by_text("FGD dicatat.").wait_for()


def _add_decision(page, uraian, opd, tenggat, button):
    page.locator("#id_uraian").fill(uraian)
    page.locator(f"input[name=opd][value='{PerangkatDaerah.objects.get(kode=opd).pk}']").check()
    page.locator("#id_tenggat").fill(tenggat.isoformat())
    page.get_by_role("button", name=button, exact=True).click()
    page.get_by_text("Tindak lanjut dicatat").wait_for()


def _officer_reports(page, base, username, uraian, status, note, screenshot, shot):
    _sign_in(page, base, username)
    worklist = page.locator("[data-item=tindak_lanjut]")
    assert uraian in worklist.inner_text()
    assert (ITEM_A if uraian == ITEM_B else ITEM_B) not in worklist.inner_text()  # only their own OPD's
    screenshot(page, f"fgd-{shot}-officer-home")
    page.goto(f"{base}/notifikasi/")
    assert "untuk OPD Anda" in page.locator("main").inner_text()
    page.goto(f"{base}/")
    worklist.get_by_role("link", name=uraian).click()
    page.get_by_label(status, exact=True).check()
    page.locator("#id_catatan").fill(note)
    screenshot(page, f"fgd-{shot}-officer-report")
    page.get_by_role("button", name="Simpan status").click()
    page.get_by_text("Status tindak lanjut disimpan.").wait_for()


def test_fgd_agenda_decisions_follow_up_and_notulen(page, live_server, screenshot, browser):
    seed_demo_users()
    _kendala_on_the_agenda()
    base = live_server.url
    today = timezone.localdate()

    # 1. Staf records the FGD held three weeks ago, with invitations and attendance.
    _sign_in(page, base, "staf")
    open_nav(page, "FGD")
    _record_fgd(page, today - datetime.timedelta(days=21), "R. Aria Wiria Atmadja, Diskop UKM Jatim")
    fgd = Fgd.objects.get()

    # 2. The agenda is drafted from the digest (the marked kendala) and edited: an opening item goes first.
    page.get_by_role("link", name="Ubah agenda").click()
    page.get_by_role("button", name="Susun dari rekap kendala, peta sinergi dan ketertelusuran").click()
    page.get_by_text("butir agenda ditambahkan").wait_for()
    drafted = page.locator("textarea[name$='-teks']").first
    assert PROBLEM in drafted.input_value()
    blank = page.locator("textarea[name$='-teks']").filter(has_text="").last
    blank.fill("Pembukaan oleh Kepala Dinas.")
    page.locator("input[name$='-urutan']").last.fill("1")
    screenshot(page, "fgd-01-agenda-edit")
    page.get_by_role("button", name="Simpan agenda").click()
    page.get_by_text("Agenda disimpan.").wait_for()
    agenda = page.locator("#agenda li").all_inner_texts()
    assert agenda[0].startswith("Pembukaan oleh Kepala Dinas.") and any(PROBLEM in item for item in agenda)

    # 3. Two decisions for two OPDs.
    page.get_by_role("link", name="Catat tindak lanjut").click()
    _add_decision(page, ITEM_A, "kominfo", today + datetime.timedelta(days=14), "Simpan & tambah lagi")
    _add_decision(page, ITEM_B, "dindik", today + datetime.timedelta(days=30), "Simpan tindak lanjut")
    screenshot(page, "fgd-02-notulen-1366")

    # 4. Each officer sees theirs on the home page and in the inbox, and reports its status with a note.
    _officer_reports(page, base, "petugas.kominfo", ITEM_A, "Berjalan", "Tiga profil sudah tayang.", screenshot, "03")
    _officer_reports(page, base, "petugas.dindik", ITEM_B, "Selesai", "Masuk kurikulum 2025.", screenshot, "04")
    statuses = dict(TindakLanjut.objects.values_list("uraian", "status"))
    assert statuses == {ITEM_A: "berjalan", ITEM_B: "selesai"}

    # 5. Kominfo's decision passes its due date: the Staf home shows it overdue.
    TindakLanjut.objects.filter(uraian=ITEM_A).update(tenggat=today - datetime.timedelta(days=2))
    _sign_in(page, base, "staf")
    overdue = page.locator("[data-item=tindak_lanjut_terlambat]")
    assert ITEM_A in overdue.inner_text() and "lewat tenggat 2 hari" in overdue.inner_text()
    assert ITEM_B not in overdue.inner_text()
    screenshot(page, "fgd-05-staf-home-overdue")

    # 6. The next FGD opens with the earlier decisions and their statuses.
    open_nav(page, "FGD")
    _record_fgd(page, today + datetime.timedelta(days=10), "Gedung Negara Grahadi")
    section = page.locator("#sebelumnya")
    assert section.get_by_role("heading", name="Tindak lanjut FGD sebelumnya").is_visible()
    rows = {row.get_attribute("data-tindak-lanjut"): row.inner_text() for row in section.locator("tbody tr").all()}
    texts = list(rows.values())
    assert any(ITEM_A in t and "Berjalan" in t and "lewat tenggat" in t for t in texts), texts
    assert any(ITEM_B in t and "Selesai" in t for t in texts), texts
    screenshot(page, "fgd-06-next-fgd-1366")

    # 7. The first FGD's notulen prints on A4 portrait, its tables inside the sheet.
    page.goto(f"{base}{fgd.get_absolute_url()}")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PORTRAIT_PX, "height": 1000})
    edges = page.evaluate(
        "() => [...document.querySelectorAll('table')].filter(t => t.offsetParent !== null)"
        ".map(t => [Math.ceil(t.getBoundingClientRect().right), t.scrollWidth, t.clientWidth])"
    )
    assert edges and all(right <= A4_PORTRAIT_PX and scroll <= client for right, scroll, client in edges), edges
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (ARTIFACTS / "fgd-notulen.pdf").write_bytes(pdf)
    width, height = (float(n) for n in re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf).groups())
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 portrait in points
    screenshot(page, "fgd-07-notulen-print")

    # 8. At 390 px: the officer's home and the notulen read without sideways scrolling of the page.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    mobile = phone.new_page()
    login(mobile, base, "petugas.kominfo", DEMO_PASSWORD)
    mobile.wait_for_url(f"{base}/")
    screenshot(mobile, "fgd-08-officer-home-390")
    for url, name in ((fgd.get_absolute_url(), "fgd-09-notulen-390"), ("/program/fgd/", "fgd-10-list-390")):
        mobile.goto(f"{base}{url}")
        assert mobile.evaluate("() => document.documentElement.scrollWidth") <= 390
        screenshot(mobile, name)
    phone.close()
