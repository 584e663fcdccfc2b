"""Pesantren written by name in an agency's list ("Asal Pondok Pesantren": "Ponpes Tebuireng"), resolved against the
registry by similarity — never matched silently.

Names are compared on their distinctive words (identity.name_words without "Pondok", "Pesantren", "PP", "Al-"…), with
rapidfuzz's token_sort_ratio (0–100, word order not counting): "Ponpes Tebuireng" ~ "PP Tebuireng" is 100,
"Pondok Pesantren Darul Ulum Rejoso" ~ "PP Darul Ulum Rejoso Peterongan" about 84, "Al-Hikmah" ~ "Al-Hidayah" about 62.
A kab/kota given in the row narrows the registry to that kab/kota first.

- SAME (100, the same distinctive words), one pesantren only: read as that pesantren; the row says so.
- STRONG (from 90) and ahead of every other candidate by MARGIN: proposed, and the write waits for the officer's
  confirmation (the preview's confirmation box; `--konfirmasi` on the command line).
- Otherwise every candidate from CANDIDATE (75) is listed — the officer writes the NSPP of the one meant — and a name
  with no candidate is an error saying where to look its NSPP up. Below CANDIDATE nothing is offered at all.

The same code runs on SQLite and PostgreSQL: the registry's ~7 000 names are read once per file (one query, only when
the file has names) and scored in memory by rapidfuzz's C code, a few milliseconds per distinct name, so no trigram
index is needed for it."""

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from opop.imports.identity import PESANTREN_WORDS, name_words

SAME = 100
STRONG = 90  # a unique candidate from here on is proposed (confirmation needed)
MARGIN = 10  # ... when it leads every other candidate by at least this much
CANDIDATE = 75  # candidates from here on are listed; below it nothing is offered
LISTED = 5  # candidates named in one message


class PesantrenName(str):
    """A pesantren cell that holds a name, not an NSPP."""


APOSTROPHES = str.maketrans("", "", "'’‘`")  # Mamba'ul = Mambaul, Syafi'iyah = Syafiiyah


def distinctive(name):
    return " ".join(name_words(str(name).translate(APOSTROPHES), PESANTREN_WORDS))


@dataclass(frozen=True)
class Candidate:
    pk: int
    nspp: str
    nama: str
    kabkota: str
    score: float  # 0–100 as rapidfuzz gives it; shown rounded down


@dataclass
class Resolution:
    name: str
    pesantren: Candidate | None = None  # accepted (SAME) or proposed (STRONG)
    same: bool = False
    candidates: list = field(default_factory=list)
    picked: bool = False  # the officer chose `pesantren` among the candidates, on the preview


def _scores(query, choices, unspaced):
    """{pk: score} of the choices scoring CANDIDATE or more: word order not counting (token_sort_ratio), and a name
    written with or without spaces ("Tambakberas" = "Tambak Beras") counting as the same, each by rapidfuzz's C code
    over the whole registry at once."""
    found = {}
    limit = LISTED + 1
    for scorer, text, options in (
        (fuzz.token_sort_ratio, query, choices),
        (fuzz.ratio, query.replace(" ", ""), unspaced),
    ):
        for _key, score, pk in process.extract(text, options, scorer=scorer, score_cutoff=CANDIDATE, limit=limit):
            found[pk] = max(found.get(pk, 0), score)
    return found


def _registry():
    from pesantren.models import Pesantren

    return list(Pesantren.objects.values_list("pk", "nspp", "nama", "kabkota_id", "kabkota__nama"))


def resolve(wanted, registry=None):
    """{(name, kab/kota code or None): Resolution} for every wanted (name, kab/kota) pair."""
    wanted = set(wanted)
    if not wanted:
        return {}
    rows = _registry() if registry is None else registry
    keys = {pk: distinctive(nama) for pk, _nspp, nama, _kk, _kk_name in rows}
    unspaced = {pk: key.replace(" ", "") for pk, key in keys.items()}
    by_pk = {pk: (nspp, nama, kk, kk_name) for pk, nspp, nama, kk, kk_name in rows}
    resolved = {}
    for name, kabkota in wanted:
        if kabkota is None:
            choices, squeezed = keys, unspaced
        else:
            choices = {pk: key for pk, key in keys.items() if by_pk[pk][2] == kabkota}
            squeezed = {pk: unspaced[pk] for pk in choices}
        scores = _scores(distinctive(name), choices, squeezed)
        candidates = [Candidate(pk, by_pk[pk][0], by_pk[pk][1], by_pk[pk][3], score) for pk, score in scores.items()]
        candidates.sort(key=lambda c: (-c.score, c.nama, c.nspp))
        resolution = Resolution(name=name, candidates=candidates)
        best = candidates[0] if candidates else None
        runner_up = candidates[1].score if len(candidates) > 1 else 0
        if best is not None and best.score >= STRONG and best.score - runner_up >= MARGIN:
            resolution.pesantren, resolution.same = best, best.score >= SAME
        resolved[(name, kabkota)] = resolution
    return resolved
