"""The registry's part of 'Perlu tindakan Anda': suspected duplicate groups for those who may merge them."""

from opop.dashboard.worklist import worklist
from tests.pesantren.conftest import make_santri


def test_staf_sees_the_open_duplicate_groups(staf, pimpinan, pesantren):
    make_santri(pesantren, nama="Ahmad Fauzi")
    make_santri(pesantren, nama="AHMAD  FAUZI")  # same normalised name, birth date and pesantren
    items = {item.key: item for item in worklist(staf)}
    assert (items["duplikat"].count, items["duplikat"].url) == (1, "/santripreneur/duplikat/")
    assert "duplikat" not in {item.key for item in worklist(pimpinan)}  # read-only roles cannot merge
