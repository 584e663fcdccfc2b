"""Browser journey of the coordination cycle (issue 14): the officer submits → Staf sees it on the home page,
comments on line 2 and returns it → the officer sees the notification, answers the comment, edits line 2 (target,
quarters TW I–IV → TW II–III, Kota Surabaya removed) and resubmits → Staf sees what changed, named as people read it
(issue 29), and verifies through the confirmation → the officer is notified. Every step's page is saved as a
screenshot."""

import pytest

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from opop.accounts.models import User
from opop.notifications.models import Notifikasi
from programs.models import Komentar, Rencana, Status
from tests.e2e.conftest import login
from tests.programs.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base, username):
    page.context.clear_cookies()
    login(page, base, username, DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")


def test_submit_comment_return_answer_fix_diff_verify(page, live_server, screenshot):
    seed_demo_users()
    officer = User.objects.get(username="petugas.kominfo")
    plan = make_plan(
        actor=officer,
        opd=officer.opd,
        tahun=2025,
        jumlah_kegiatan=2,
        line_overrides=[
            {},
            {"uraian": "Inkubasi santripreneur digital", "kode_sipd": "2.17.07.1.01.0003", "target": 1575},
        ],
    )
    base = live_server.url
    url = f"{base}{plan.get_absolute_url()}"

    # 1. The officer submits through the confirmation.
    _sign_in(page, base, "petugas.kominfo")
    page.goto(url)
    page.get_by_role("button", name="Ajukan ke Diskop").click()
    page.get_by_role("button", name="Ya, ajukan ke Diskop").click()
    page.get_by_text("Rencana diajukan ke Diskop").wait_for()

    # 2. Staf sees it waiting on the home page, comments on line 2 and returns the plan.
    _sign_in(page, base, "staf")
    worklist = page.locator("[data-item=rencana_diajukan]")
    assert "Dinas Kominfo 2025" in worklist.inner_text() and "hari ini" in worklist.inner_text()
    screenshot(page, "cycle-01-staf-home")
    worklist.get_by_role("link", name="Dinas Kominfo 2025").click()
    page.locator("#komentar-tentang").select_option(label="No. 2 · Inkubasi santripreneur digital")
    page.locator("#komentar-isi").fill("No. 2: targetnya naikkan ke 1.600 sesuai kesepakatan FGD.")
    page.get_by_role("button", name="Kirim komentar").click()
    page.get_by_text("Komentar dikirim.").wait_for()
    page.get_by_text("Kembalikan ke OPD dengan catatan").click()
    page.locator("#catatan-rencana").fill("Lihat komentar pada kegiatan No. 2.")
    page.get_by_role("button", name="Kembalikan", exact=True).click()
    page.get_by_text("Rencana dikembalikan ke OPD").wait_for()
    screenshot(page, "cycle-02-staf-returned")

    # 3. The officer sees the bell and the inbox, answers the comment, edits line 2 and resubmits.
    _sign_in(page, base, "petugas.kominfo")
    bell = page.locator(".nav-bell")
    assert int(bell.get_attribute("data-unread")) >= 2  # the comment and the return
    assert "Rencana dikembalikan Diskop" in page.locator("#perlu-tindakan").inner_text()
    bell.click()
    screenshot(page, "cycle-03-officer-inbox")
    page.locator(".notifikasi-list li", has_text="dikembalikan untuk diperbaiki").get_by_role(
        "button", name="Buka"
    ).click()
    page.wait_for_url(f"{url}")
    thread = page.locator(".komentar-thread").first
    thread.locator("textarea").fill("Siap, target No. 2 kami naikkan menjadi 1.600.")
    thread.get_by_role("button", name="Balas").click()
    page.get_by_text("Komentar dikirim.").wait_for()
    page.get_by_role("link", name="Ubah Inkubasi santripreneur digital").click()
    page.locator("#id_target").fill("1600")
    for quarter in ("1", "4"):
        page.locator(f"input[name=triwulan][value='{quarter}']").uncheck()
    page.locator("input[name=lokasi][value='35.78']").uncheck()  # Kota Surabaya
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Kegiatan disimpan.").wait_for()
    page.get_by_role("button", name="Ajukan ulang ke Diskop").click()
    page.get_by_role("button", name="Ya, ajukan ke Diskop").click()
    page.get_by_text("Rencana diajukan ke Diskop").wait_for()
    screenshot(page, "cycle-04-officer-resubmitted")

    # 4. Staf sees what changed since the return and verifies through the confirmation.
    _sign_in(page, base, "staf")
    page.goto(url)
    changes = page.locator(".changes-since-return").inner_text()
    assert "No. 2" in changes and "1.575" in changes and "1.600" in changes
    assert "TW I–IV → TW II–III" in changes
    assert "dihapus: Kota Surabaya" in changes and "Kabupaten Jombang" not in changes
    assert "Siap, target No. 2 kami naikkan" in page.locator("#komentar").inner_text()
    screenshot(page, "cycle-05-staf-diff")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "cycle-05-staf-diff-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("button", name="Verifikasi rencana").click()
    page.get_by_text("Rencana dikunci; hanya Admin yang dapat membukanya kembali.").wait_for()
    screenshot(page, "cycle-06-confirm-verify")
    page.get_by_role("button", name="Ya, verifikasi dan kunci").click()
    page.get_by_text("Rencana diverifikasi dan dikunci.").wait_for()

    # 5. The officer is notified.
    _sign_in(page, base, "petugas.kominfo")
    page.locator(".nav-bell").click()
    assert "Rencana Dinas Kominfo 2025 diverifikasi" in page.locator(".notifikasi-list").inner_text()
    screenshot(page, "cycle-07-officer-verified")
    for width, name in [(390, "cycle-08-officer-inbox-phone")]:
        page.set_viewport_size({"width": width, "height": 844})
        screenshot(page, name)

    assert Rencana.objects.get(pk=plan.pk).status == Status.DIVERIFIKASI
    line = plan.kegiatan.get(uraian="Inkubasi santripreneur digital")
    assert (line.target, line.triwulan) == (1600, "23")
    assert list(line.lokasi.values_list("kode", flat=True)) == ["35.17"]
    assert Komentar.objects.filter(rencana=plan).count() == 2
    assert Notifikasi.objects.filter(penerima=officer, jenis="diverifikasi").count() == 1
