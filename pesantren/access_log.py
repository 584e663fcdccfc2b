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
    return _record(request, action, obj=obj, rows=rows)


def log_contact_data_access(request, action, *, obj=None, rows=None):
    """A pesantren's contact data (pengasuh, telephone, e-mail) is shown to every role, so every page or export that
    shows it is recorded, whoever the viewer."""
    if obj is not None and not (obj.pengasuh or obj.telepon or obj.email):
        return None  # nothing to reveal on this page
    return _record(request, action, obj=obj, rows=rows)


def _record(request, action, *, obj, rows):
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
