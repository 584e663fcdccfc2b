"""The plan pages follow the language switch like the rest of the portal (catalog: programs/locale/en)."""


def test_plan_pages_switch_to_english(as_persona, verified_a):
    client = as_persona("staf")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/program/{verified_a.pk}/").content.decode()
    assert "Quarterly realisation" in html and "Q1 (Jan–Mar)" in html and "Verified" in html
    assert ">OPD programmes</a>" in html
    recap = client.get("/program/rekap-fgd/?tahun=2024").content.decode()
    assert "Recap of the supporting agencies" in recap


def test_indonesian_stays_the_default(as_persona, verified_a):
    html = as_persona("staf").get(f"/program/{verified_a.pk}/").content.decode()
    assert "Realisasi triwulan" in html and "TW I (Jan–Mar)" in html
