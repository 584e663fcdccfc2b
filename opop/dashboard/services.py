from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opop.indicators.models import Target


@transaction.atomic
def target_set(*, actor, indikator, tahun, nilai, sumber, alasan=""):
    """Record a target; restating an existing one requires a reason and keeps the old row as history."""
    current = Target.objects.select_for_update().filter(indikator=indikator, tahun=tahun, berlaku=True).first()
    if current is not None:
        if not alasan.strip():
            raise ValidationError({"alasan": _("Alasan wajib diisi ketika target yang sudah ada diubah.")})
        current.berlaku = False
        current.save(update_fields=["berlaku"])
    target = Target(indikator=indikator, tahun=tahun, nilai=nilai, sumber=sumber, alasan=alasan, dicatat_oleh=actor)
    target.full_clean()
    target.save()
    return target
