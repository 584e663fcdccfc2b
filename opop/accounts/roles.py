"""The four portal roles. Each role is a Django group whose permissions a data migration sets;
the user's `role` field is the single source of truth and services keep the group in step."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    STAF_DISKOP = "staf_diskop", _("Staf Diskop")
    PETUGAS_OPD = "petugas_opd", _("Petugas OPD")
    PIMPINAN = "pimpinan", _("Pimpinan")


# Group name per role, as shown in Django admin.
GROUP_NAMES = {
    Role.ADMIN: "Admin",
    Role.STAF_DISKOP: "Staf Diskop",
    Role.PETUGAS_OPD: "Petugas OPD",
    Role.PIMPINAN: "Pimpinan",
}
