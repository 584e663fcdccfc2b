import pytest

ADMIN_PAGES = [
    "/admin/pesantren/pesantren/",
    "/admin/pesantren/santripreneur/?pesantren__kabkota__kode__exact=35.17",
    "/admin/pesantren/sociopreneur/",
    "/admin/pesantren/participation/",
    "/admin/pesantren/kopontren/",
    "/admin/pesantren/santripreneurtally/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_open_for_the_admin_role_only(url, as_persona, pesantren_nspps):
    assert as_persona("admin").get(url).status_code == 200
    assert as_persona("staf").get(url).status_code == 302


def test_rebuild_tallies_command(pesantren_nspps, capsys):
    from django.core.management import call_command

    call_command("rebuild_tallies")
    assert "Rekap dihitung ulang" in capsys.readouterr().out
