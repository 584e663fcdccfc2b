"""The account's API tokens page: make a token (its secret shown once, on the answer to the form), see when each
was last used, revoke one. Admins make tokens for service accounts in Django admin (admin.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opop.api import services
from opop.api.access import api_token_for
from opop.api.forms import ApiTokenForm
from opop.api.selectors import api_tokens_visible_to
from opop.common.forms import add_service_errors


@require_http_methods(["GET", "POST"])
@never_cache  # the answer to the form holds the secret
def api_token_list(request):
    form = ApiTokenForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.api_token_create(actor=request.user, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "tokens": api_tokens_visible_to(request.user),
        "created": created,
        "secret": secret,
    }
    return render(request, "api/token_list.html", context)


@require_POST
def api_token_revoke(request, pk):
    token = api_token_for(request.user, pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(
        request, _("Token %(nama)s dicabut; sistem yang memakainya tidak dapat masuk lagi.") % {"nama": token.nama}
    )
    return redirect("api_tokens:list")


@require_GET
@login_not_required
def api_guide(request):
    """The guide "API untuk sistem mitra": what exists, how to get a token, examples with curl. Public: it holds no
    data."""
    base = request.build_absolute_uri("/api/v1/")
    token = "Authorization: Bearer opop_…"
    examples = {
        "read": f'curl -H "{token}" {base}rencana/?tahun=2025',
        "list": f'curl -H "{token}" "{base}santripreneur/?kabkota=35.17&ukuran=200"',
        "write": (
            f'curl -i -H "{token}" {base}kegiatan/12/realisasi/2/\n'
            f'curl -X PUT -H "{token}" -H \'If-Match: "…ETag…"\' -H "Content-Type: application/json" \\\n'
            '  -d \'{"output": 40, "fisik_persen": "55.00", "anggaran_terserap": "125000000"}\' \\\n'
            f"  {base}kegiatan/12/realisasi/2/"
        ),
        "schema": f"{base}schema/",
    }
    return render(request, "api/guide.html", {"examples": examples})
