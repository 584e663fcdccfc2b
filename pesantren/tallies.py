"""Counters behind the dashboards. Writes call `apply` with +1/-1 per key inside their own transaction;
`rebuild` recomputes everything from the rows (after COPY loads, or to repair). Both run the same SQL on
PostgreSQL and SQLite (INSERT … ON CONFLICT DO UPDATE)."""

from collections import Counter

from django.db import connection, transaction
from django.db.models import Count, F

from pesantren.models import Participation, ParticipationTally, Santripreneur, SantripreneurTally, StatusAktif


def santri_key(person, kabkota_id=None):
    """(kab/kota, year, active) of a santripreneur; kabkota_id spares a query when the caller knows it."""
    kabkota = kabkota_id or person.pesantren.kabkota_id
    return (kabkota, person.tahun_terdaftar, person.status == StatusAktif.AKTIF)


def participation_key(participation):
    return (participation.opd_id, participation.tahun)


def _upsert(model, key_columns, deltas):
    rows = [(*key, delta) for key, delta in deltas.items() if delta]
    if not rows:
        return
    table = model._meta.db_table
    columns = ", ".join([*key_columns, "jumlah"])
    placeholders = ", ".join(["%s"] * (len(key_columns) + 1))
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
        f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET jumlah = {table}.jumlah + excluded.jumlah"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def apply(*, santri=None, participation=None):
    """Add Counter deltas {key: n} to the tallies; must run inside the writing transaction."""
    if santri:
        _upsert(SantripreneurTally, ["kabkota_id", "tahun", "aktif"], santri)
    if participation:
        _upsert(ParticipationTally, ["opd_id", "tahun"], participation)


def recount():
    """What the tallies should hold, counted from the rows: ({santri key: n}, {participation key: n})."""
    grouped = (
        Santripreneur.objects.values(kab=F("pesantren__kabkota_id"), th=F("tahun_terdaftar"), st=F("status"))
        .annotate(n=Count("id"))
        .order_by()
    )
    santri = Counter()
    for row in grouped:
        santri[(row["kab"], row["th"], row["st"] == StatusAktif.AKTIF)] += row["n"]
    grouped = Participation.objects.values("opd_id", "tahun").annotate(n=Count("id")).order_by()
    participation = Counter({(row["opd_id"], row["tahun"]): row["n"] for row in grouped})
    return santri, participation


def differences():
    """Keys whose stored tally differs from the recount: [(table, key, stored, counted)]."""
    santri, participation = recount()
    stored_santri = Counter({(t.kabkota_id, t.tahun, t.aktif): t.jumlah for t in SantripreneurTally.objects.all()})
    stored_participation = Counter({(t.opd_id, t.tahun): t.jumlah for t in ParticipationTally.objects.all()})
    found = []
    for table, stored, counted in (
        ("santripreneur", stored_santri, santri),
        ("partisipasi", stored_participation, participation),
    ):
        for key in sorted(set(stored) | set(counted), key=str):
            if stored[key] != counted[key]:
                found.append((table, key, stored[key], counted[key]))
    return found


@transaction.atomic
def rebuild(kabkota_ids=None):
    """Recount from the rows: all of it, or only the given kab/kota (when a pesantren moved)."""
    persons = Santripreneur.objects.all()
    tallies = SantripreneurTally.objects.all()
    if kabkota_ids is not None:
        persons = persons.filter(pesantren__kabkota_id__in=kabkota_ids)
        tallies = tallies.filter(kabkota_id__in=kabkota_ids)
    tallies.delete()
    grouped = (
        persons.values(kab=F("pesantren__kabkota_id"), th=F("tahun_terdaftar"), st=F("status"))
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = Counter()
    for row in grouped:
        counts[(row["kab"], row["th"], row["st"] == StatusAktif.AKTIF)] += row["n"]
    apply(santri=counts)
    if kabkota_ids is None:
        ParticipationTally.objects.all().delete()
        grouped = Participation.objects.values("opd_id", "tahun").annotate(n=Count("id")).order_by()
        apply(participation=Counter({(row["opd_id"], row["tahun"]): row["n"] for row in grouped}))
