"""Identifier formats of the registry. Identifiers keep leading zeros: always text, never numbers."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_nspp = RegexValidator(r"^51\d{10}$", _("NSPP harus 12 digit angka dan diawali 51, misalnya 510035170239."))
validate_nik = RegexValidator(r"^\d{16}$", _("NIK harus tepat 16 digit angka."))
validate_nib = RegexValidator(r"^\d{13}$", _("NIB harus tepat 13 digit angka."))
validate_phone = RegexValidator(
    r"^(\+62|62|0)8\d{7,12}$|^(\+62|62|0)[2-7]\d{6,10}$",
    _("Nomor telepon tidak valid; tulis seperti 081234567890 atau 0321861719."),
)
