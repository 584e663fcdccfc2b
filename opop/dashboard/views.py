from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from opop.dashboard.selectors import headline_targets, indicators_with_targets


def home(request):
    return render(request, "dashboard/home.html", {"targets": headline_targets(request.user)})


def target_register(request):
    return render(request, "dashboard/targets.html", {"indicators": indicators_with_targets(request.user)})


@login_not_required
def public_landing(request):
    return render(request, "dashboard/public.html", {"targets": headline_targets(None)})


@login_not_required
@never_cache
def healthz(request):
    """Load-balancer probe: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
