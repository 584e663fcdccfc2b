"""Dashboard pages: read the year (and options), build the page's numbers with one call to boards.py (scoped to
the viewer), render. Exports write the same rows."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from opop.common.years import programme_years
from opop.dashboard import boards, exports
from opop.dashboard.progress import BASELINE_YEAR
from opop.dashboard.selectors import indicators_with_targets
from opop.jobs.selectors import worker_health


def _year(request, default=None):
    """?tahun= within the selectable years; anything else falls back to the default (this year)."""
    years = programme_years()
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        year = None
    return year if year in years else (default or timezone.localdate().year)


def _context(page, tahun, **extra):
    return {
        "page": page,
        "tahun": tahun,
        "years": programme_years(),
        "baseline_year": BASELINE_YEAR,
        "now": timezone.now(),
        **extra,
    }


@require_GET
def home(request):
    tahun = _year(request)
    return render(request, "dashboard/home.html", _context("home", tahun, **boards.home(request.user, tahun)))


@require_GET
def tonggak(request):
    tahun = _year(request)
    data = boards.tonggak(request.user, tahun)
    return render(request, "dashboard/tonggak.html", _context("tonggak", tahun, **data))


@require_GET
def by_kabkota(request):
    tahun = _year(request)
    data = boards.kabkota(request.user, tahun, request.GET.get("indikator", ""))
    return render(request, "dashboard/kabkota.html", _context("kabkota", tahun, **data))


def _opd_year(request):
    """Plans are yearly: without ?tahun= the page opens on the latest year that has a plan the viewer may see."""
    years = boards.rencana_years(request.user)
    return _year(request, default=years[0] if years else None)


def _plan_board(request, name, board):
    """A board of one plan year (the latest the viewer has, unless ?tahun=), of every plan or ?terverifikasi=1."""
    tahun = _opd_year(request)
    data = board(request.user, tahun, verified_only=request.GET.get("terverifikasi") == "1")
    return render(request, f"dashboard/{name}.html", _context(name, tahun, **data))


@require_GET
def by_opd(request):
    return _plan_board(request, "opd", boards.opd)


@require_GET
def sinergi(request):
    return _plan_board(request, "sinergi", boards.sinergi)


@require_GET
def sinergi_kegiatan(request):
    """The lines of one cell of the synergy map; an unknown kab/kota or pillar answers 404."""
    tahun = _opd_year(request)
    data = boards.sinergi_kegiatan(
        request.user,
        tahun,
        request.GET.get("kabkota", ""),
        request.GET.get("pilar") or None,
        verified_only=request.GET.get("terverifikasi") == "1",
    )
    if data is None:
        raise Http404
    return render(request, "dashboard/sinergi_kegiatan.html", _context("sinergi", tahun, **data))


@require_GET
def sinergi_pesantren(request):
    tahun = _opd_year(request)
    data = boards.sinergi_pesantren(request.user, tahun, request.GET.get("kabkota"), request.GET.get("halaman"))
    return render(request, "dashboard/sinergi_pesantren.html", _context("sinergi", tahun, **data))


@require_GET
def export(request, table):
    if table not in exports.TABLES:
        raise Http404
    tahun = _opd_year(request) if table.startswith("opd-") else _year(request)
    return exports.TABLES[table](request, tahun)


@require_GET
def target_register(request):
    return render(request, "dashboard/targets.html", {"indicators": indicators_with_targets(request.user)})


@login_not_required
@require_GET
def public_landing(request):
    tahun = timezone.localdate().year
    data = boards.public(tahun, request.GET.get("indikator", ""))
    return render(request, "dashboard/public.html", _context("public", tahun, **data))


@require_GET
@login_not_required
@never_cache
def healthz(request):
    """Load-balancer probe: 200 when the database answers, 503 otherwise. It also says whether a background
    worker has beaten within WORKER_STALE_SECONDS ("worker": "ok" / "stale" / "none") and how many jobs wait;
    a missing worker does not fail the probe (the web pages still work) but monitoring should alert on it."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", **worker_health()})
