"""Reads of the published versions. The open data are public: every visitor sees every version (never who
published it on the public pages)."""

from opop.opendata.models import Publikasi


def publikasi_visible_to(user):
    return Publikasi.objects.all()


def publikasi_list():
    """Every version, newest first, without their rows."""
    return Publikasi.objects.defer("isi").order_by("-nomor")


def publikasi_latest():
    return Publikasi.objects.order_by("-nomor").first()
