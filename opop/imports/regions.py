"""Lenient kab/kota matching: 'KAB. JOMBANG', 'Kabupaten Jombang', 'Jombang', '35.17' and '3517' all mean 35.17.

A bare name shared by a kabupaten and a kota (Malang, Kediri, Blitar…) is ambiguous: Kemenag writes "Kediri" for the
kabupaten and "Kota Kediri" for the city. Where the row has an NSPP, its digits 5–8 are the kab/kota code
(5100 35 06 … is 35.06) and decide; otherwise, or when they name neither, the cell is refused."""

import re
from collections import Counter

from opop.common.reader_language import deferred as _
from opop.common.reader_language import listed
from opop.imports.columns import CellError

PREFIXES = {"kabupaten": "kabupaten", "kab": "kabupaten", "kab.": "kabupaten", "kota": "kota", "kodya": "kota"}


def _normal(text):
    text = re.sub(r"[^\w\s.]", " ", str(text).lower())
    return " ".join(text.replace(".", ". ").split()).replace(" .", ".")


class RegionMatcher:
    def __init__(self, kabkota_rows):
        """kabkota_rows: iterable of (kode, nama, nama_pendek, jenis)."""
        self.by_key = {}
        bare = {}
        self.names = {}
        self.by_nspp = Counter()  # (name as written, code) of the bare names an NSPP decided
        for kode, nama, nama_pendek, jenis in kabkota_rows:
            self.names[kode] = nama
            short = _normal(nama_pendek)
            self.by_key[kode] = kode
            self.by_key[kode.replace(".", "")] = kode
            self.by_key[_normal(nama)] = kode
            self.by_key[f"{jenis} {short}"] = kode
            bare.setdefault(short, []).append(kode)
        self.bare = bare

    def match(self, raw, nspp=None):
        """The kab/kota code `raw` names; `nspp`, the row's own NSPP, decides a name a kabupaten and a kota share."""
        text = str(raw).strip()
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            text = str(int(raw))
        if text in self.by_key:  # a code: 35.17 or 3517
            return self.by_key[text]
        normal = _normal(text)
        if normal in self.by_key:
            return self.by_key[normal]
        words = normal.split(" ", 1)
        if len(words) == 2 and words[0].rstrip(".") in {p.rstrip(".") for p in PREFIXES}:
            key = f"{PREFIXES[words[0].rstrip('.')]} {words[1]}"
            if key in self.by_key:
                return self.by_key[key]
            normal = words[1]
        codes = self.bare.get(normal, [])
        if len(codes) == 1:
            return codes[0]
        if len(codes) > 1:
            coded = self.by_key.get(nspp[4:8]) if nspp else None
            if coded in codes:
                self.by_nspp[(text, coded)] += 1
                return coded
            if nspp:
                raise CellError(
                    _(
                        "'%(v)s' ambigu, bisa %(both)s. Digit 5–8 NSPP baris ini (%(digits)s) tidak menunjuk salah "
                        "satunya; tulis 'Kabupaten %(n)s' atau 'Kota %(n)s', atau periksa NSPP-nya."
                    )
                    % {"v": text, "n": text.title(), "both": self._both(codes), "digits": nspp[4:8]}
                )
            raise CellError(
                _("'%(v)s' ambigu: tulis 'Kabupaten %(n)s' atau 'Kota %(n)s'.") % {"v": text, "n": text.title()}
            )
        raise CellError(_("Kabupaten/kota '%(v)s' tidak dikenal di Jawa Timur.") % {"v": text})

    def _both(self, codes):
        """ "Kabupaten Kediri (35.06), Kota Kediri (35.71)": every kab/kota the bare name may be."""
        return ", ".join(f"{self.names[code]} ({code})" for code in sorted(codes))

    def decided_notice(self):
        """What the NSPPs decided, for the preview: 'Kediri' read as Kabupaten Kediri in 612 rows."""
        if not self.by_nspp:
            return []
        read = listed(
            (
                _("“%(v)s” → %(nama)s (%(n)d baris)") % {"v": text, "nama": self.names[code], "n": n}
                for (text, code), n in sorted(self.by_nspp.items())
            ),
            "; ",
        )
        return [
            _(
                "Kab/kota yang ditulis tanpa “Kabupaten” atau “Kota” dan dipakai oleh keduanya dibaca menurut digit "
                "5–8 NSPP barisnya: %(read)s."
            )
            % {"read": read}
        ]
