"""The dashboard's part of a closed year's figures (issue 30). Closing a year (programs.angka_services) keeps what
`registry_figures` gives, registered as the "angka_tetap_sources" entry "dasbor" (opop/dashboard/apps.py): the
registry series of the four indicators up to that year and the counts per kab/kota, from the same selectors the
boards read. The boards then read a closed year from it (`series_as_kept`, `kabkota_as_kept`), so a santripreneur
recorded later with that year does not move the year's figures; programs.angka_selectors compares it with today's
`registry_figures` for "perubahan sejak angka tetap"."""

from opop.dashboard import selectors


def registry_figures(user, tahun):
    """{"seri": {indicator kode: {"year": added that year}} up to `tahun`, "kabkota": {kab/kota kode: {"pesantren":
    n, indicator kode: [at the end of BASELINE_YEAR, at the end of tahun]}}}, JSON as a version keeps it."""
    series = selectors.registry_series(user)
    counts = selectors.kabkota_counts(user, tahun)
    return {
        "seri": {
            kode: {str(year): n for year, n in sorted(per_year.items()) if year is not None and year <= tahun}
            for kode, per_year in series.items()
        },
        "kabkota": {
            kab: {key: list(value) if isinstance(value, tuple) else value for key, value in figures.items()}
            for kab, figures in counts.items()
        },
    }


def _kept(angka):
    return (angka.data.get("registri") or {}).get("dasbor") if angka is not None else None


def series_as_kept(series, angka, tahun):
    """Today's series with every year up to the closed `tahun` as the version kept it."""
    kept = _kept(angka)
    if kept is None:
        return series
    merged = {}
    for kode in set(series) | set(kept["seri"]):
        later = {year: n for year, n in series.get(kode, {}).items() if year is not None and year > tahun}
        merged[kode] = {**{int(year): n for year, n in kept["seri"].get(kode, {}).items()}, **later}
    return merged


def kabkota_as_kept(angka):
    """The counts per kab/kota as the version kept them (the shape of selectors.kabkota_counts), or None."""
    kept = _kept(angka)
    if kept is None:
        return None
    return {
        kab: {key: tuple(value) if isinstance(value, list) else value for key, value in figures.items()}
        for kab, figures in kept["kabkota"].items()
    }
