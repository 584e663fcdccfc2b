"""Writes the personal-data access log (PersonalDataAccess)."""

from opop.common.client_address import client_address
from opop.common.log_filters import mask_personal_data
from pesantren.models import PersonalDataAccess
from pesantren.personal_data import Visibility, personal_data_visibility

NOT_LOGGED_PARAMS = {"kursor", "halaman", "format"}


def log_personal_data_access(request, action, *, obj=None, rows=None):
    """Record the access when the viewer sees personal data at all (full, or masked in an export)."""
    visibility = personal_data_visibility(request.user)
    if visibility == Visibility.HIDDEN:
        return None
    if action == PersonalDataAccess.Action.DETAIL and visibility != Visibility.FULL:
        return None  # a masked page reveals nothing
    query = "&".join(f"{k}={v}" for k, v in request.GET.items() if k not in NOT_LOGGED_PARAMS and v)
    query = mask_personal_data(query)  # a NIK typed into the search box is not kept here either
    return PersonalDataAccess.objects.create(
        user=request.user,
        aksi=action,
        objek=f"{obj._meta.model_name} #{obj.pk}" if obj is not None else "",
        filter=query[:500],
        jumlah_baris=rows,
        alamat_ip=client_address(request),
    )
