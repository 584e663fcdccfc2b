"""The same santripreneur import through django-import-export (bench group only), for the side-by-side ratio.

Configured as a Django team would: a ModelResource keyed on NIK, the pesantren looked up by NSPP, and model
validation on (`clean_model_instances`), so both engines check the same rules."""

import tablib
from import_export import fields, resources, widgets

from pesantren.models import Pesantren, Santripreneur


class SantripreneurResource(resources.ModelResource):
    nama = fields.Field(attribute="nama", column_name="Nama lengkap")
    nik = fields.Field(attribute="nik", column_name="NIK")
    jenis_kelamin = fields.Field(attribute="jenis_kelamin", column_name="Jenis kelamin")
    tanggal_lahir = fields.Field(
        attribute="tanggal_lahir", column_name="Tanggal lahir", widget=widgets.DateWidget(format="%d-%m-%Y")
    )
    pesantren = fields.Field(
        attribute="pesantren", column_name="NSPP pesantren", widget=widgets.ForeignKeyWidget(Pesantren, "nspp")
    )
    status = fields.Field(attribute="status", column_name="Status")
    tahun_terdaftar = fields.Field(
        attribute="tahun_terdaftar", column_name="Tahun terdaftar", widget=widgets.IntegerWidget()
    )

    class Meta:
        model = Santripreneur
        import_id_fields = ("nik",)
        fields = ("nama", "nik", "jenis_kelamin", "tanggal_lahir", "pesantren", "status", "tahun_terdaftar")
        clean_model_instances = True
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        row["Status"] = "aktif" if str(row.get("Status", "")).lower() == "aktif" else "tidak_aktif"


def import_with_django_import_export(data: bytes, *, dry_run):
    dataset = tablib.Dataset().load(data.decode("utf-8"), format="csv")
    result = SantripreneurResource().import_data(dataset, dry_run=dry_run, raise_errors=False)
    return result
