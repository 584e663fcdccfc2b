"""Personal data (NIK, birth date, phone) per role: in full for Staf Diskop and Admin, masked for Pimpinan,
absent for Petugas OPD and the public. Every template and export asks here."""

from enum import StrEnum

from opop.accounts.permissions import can_see_masked_personal_data, can_see_personal_data


class Visibility(StrEnum):
    FULL = "full"
    MASKED = "masked"
    HIDDEN = "hidden"


def personal_data_visibility(user) -> Visibility:
    if can_see_personal_data(user):
        return Visibility.FULL
    if can_see_masked_personal_data(user):
        return Visibility.MASKED
    return Visibility.HIDDEN


def mask_nik(nik):
    """3517010101900001 -> 3517********0001 (region code and last digits only)."""
    return f"{nik[:4]}{'*' * 8}{nik[-4:]}" if nik else ""


def mask_phone(phone):
    """081234567890 -> 0812******90."""
    return f"{phone[:4]}{'*' * max(len(phone) - 6, 0)}{phone[-2:]}" if phone else ""


def mask_birth_date(date):
    """Only the year remains: **-**-2004."""
    return f"**-**-{date.year}" if date else ""


MASKS = {"nik": mask_nik, "telepon": mask_phone, "tanggal_lahir": mask_birth_date}


def shown_value(value, field, visibility):
    """The value of a personal-data field as this viewer may see it ('' when hidden)."""
    if visibility == Visibility.FULL:
        return value.strftime("%d-%m-%Y") if field == "tanggal_lahir" and value else (value or "")
    if visibility == Visibility.MASKED:
        return MASKS[field](value)
    return ""
