"""Lenient kab/kota matching: 'KAB. JOMBANG', 'Kabupaten Jombang', 'Jombang', '35.17' and '3517' all mean 35.17.

A bare name shared by a kabupaten and a kota (Malang, Kediri, Blitar…) is ambiguous and is refused."""

import re

from django.utils.translation import gettext as _

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
        for kode, nama, nama_pendek, jenis in kabkota_rows:
            short = _normal(nama_pendek)
            self.by_key[kode] = kode
            self.by_key[kode.replace(".", "")] = kode
            self.by_key[_normal(nama)] = kode
            self.by_key[f"{jenis} {short}"] = kode
            bare.setdefault(short, []).append(kode)
        self.bare = bare

    def match(self, raw):
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
            raise CellError(
                _("'%(v)s' ambigu: tulis 'Kabupaten %(n)s' atau 'Kota %(n)s'.") % {"v": text, "n": text.title()}
            )
        raise CellError(_("Kabupaten/kota '%(v)s' tidak dikenal di Jawa Timur.") % {"v": text})
