"""Issue 27, observation 2: a CSV is read by RFC 4180 for the whole file. The delimiter may be detected, but quoting
is the standard one (a quote inside a quoted cell doubled), however far down the first such cell comes; a row whose
cell count differs from the header is refused by name, never read shifted."""

import csv
import io

import pytest

from opop.imports.engine import run_import
from opop.imports.reading import FileProblem, read_csv
from opop.imports.registry import get_spec
from pesantren.models import Pesantren
from tests.importer.data import nspp

HEADERS = ["NSPP", "Nama pesantren", "Kabupaten/kota", "Kecamatan", "Pengasuh", "Tahun kohort OPOP"]
QUOTED_NAME = 'PP "Nurul Huda", Putri'


def _written(rows, delimiter=","):
    """As Python's csv module (and Excel) write it: a cell holding the delimiter or a quote is quoted, its quotes
    doubled."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _plain_rows(count):
    return [[nspp(i), f"PP Uji {i}", "Jombang", "Diwek", f"KH. Pengasuh {i}", 2021] for i in range(count)]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_doubled_quote_far_below_the_first_4_kb_is_read_as_written(db, delimiter):
    rows = _plain_rows(150)  # about 8 KB before the first quoted cell
    rows.append([nspp(150), QUOTED_NAME, "Jombang", "Diwek", 'KH. "Gus" Ali', 2022])
    data = _written(rows, delimiter)
    assert data.index(b'""') > 4096
    assert b'"PP ""Nurul Huda"", Putri"' in data
    result = run_import(get_spec("pesantren"), data, "kemenag.csv", actor=None, commit=True)
    assert result.committed, result.error_list()
    quoted = Pesantren.objects.get(nspp=nspp(150))
    assert (quoted.nama, quoted.pengasuh, quoted.tahun_kohort) == (QUOTED_NAME, 'KH. "Gus" Ali', 2022)
    assert quoted.kecamatan.nama == "Diwek"


def test_a_row_with_more_cells_than_the_header_is_refused_by_name_not_shifted(db):
    data = _written(_plain_rows(3)).decode()
    # Typed by hand: the name's comma is not quoted, so every column after it would shift one place to the right.
    data += f"{nspp(3)},PP Nurul Huda, Putri,Jombang,Diwek,KH. Ali,2021\r\n"
    result = run_import(get_spec("pesantren"), data.encode(), "p.csv", actor=None, commit=True)
    assert not result.committed and Pesantren.objects.count() == 0
    [problem] = result.file_errors
    assert "baris 5 (7 sel)" in problem and "judul kolom (6 kolom)" in problem and "bergeser" in problem


def test_a_quote_left_open_is_refused_by_name(db):
    data = _written(_plain_rows(2)).decode()
    data += f'{nspp(2)},"PP Nurul Huda,Jombang,Diwek,KH. Ali,2021\r\n{nspp(3)},PP Lain,Jombang,Diwek,KH. B,2021\r\n'
    with pytest.raises(FileProblem, match=r"baris 4 \(2 sel\)"):
        read_csv(data.encode())


def test_trailing_empty_cells_and_one_cell_title_lines_are_no_shift(db):
    lines = ["DAFTAR PONDOK PESANTREN", ",".join(HEADERS) + ",,", f"{nspp(1)},PP Uji 1,Jombang,Diwek,KH. A,2021,,"]
    table = read_csv("\r\n".join(lines).encode())
    assert table.rows[-1] == (3, [nspp(1), "PP Uji 1", "Jombang", "Diwek", "KH. A", "2021", "", ""])  # not refused
