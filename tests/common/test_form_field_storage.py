"""Every free-text form field's maximum fits the column it ends in.

A return note of 2 000 characters (the form's limit) once answered 500 on PostgreSQL: it ended in the history's
change-reason column of 100 characters, and SQLite does not enforce a length. This walks every form class of the
project, every text field of it (a CharField of any kind, or a textarea), and finds its column: the model field of a
model form, else the entry in ENDS_IN below. A text field with no known destination fails the test, so a new form
must say where its text goes."""

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps

PACKAGES = ("opop", "pesantren", "products", "programs")
SKIPPED = (".migrations", ".bench", ".management")  # no forms there; bench needs the bench-only packages

HISTORY = "history"  # the change reason of every history table (django-simple-history)
NOT_STORED = "not stored"  # search and filter inputs, hidden lock fields: never written to a column

# "module.Form.field" (the class that declares the field; subclasses inherit the entry) -> where the text ends.
ENDS_IN = {
    "opop.common.forms.VersionedForm.versi": NOT_STORED,  # compared with the row's version, never saved
    "opop.common.forms.VersionedForm.token": NOT_STORED,  # the one-time create token (idempotency key, 32 hex)
    "pesantren.forms.PesantrenForm.alasan": HISTORY,
    "pesantren.forms.KopontrenForm.alasan": HISTORY,
    "pesantren.forms._PersonForm.alasan": HISTORY,
    "pesantren.forms.ParticipationForm.alasan": HISTORY,
    "pesantren.forms.DeleteForm.alasan": HISTORY,
    "pesantren.forms.MergeForm.alasan": HISTORY,
    "pesantren.forms.NikSearchForm.nik": NOT_STORED,
    "opop.accounts.password_reset.QueuedPasswordResetForm.email": NOT_STORED,  # looked up, never saved
    "pesantren.filters.RegistryFilterForm.q": NOT_STORED,
    "pesantren.filters.RegistryFilterForm.sort": NOT_STORED,
    "products.forms.ProductFilterForm.q": NOT_STORED,
    "programs.forms.KendalaAgendaForm.versi": NOT_STORED,  # compared with the mark's version, never saved
    "programs.forms.KendalaAgendaForm.kembali": NOT_STORED,  # the digest's filters to return to
    "products.forms.PublicFilterForm.q": NOT_STORED,
    "products.forms.PhotoForm.keterangan": "products.ProductPhoto.keterangan",
    "products.forms.CurationForm.catatan": ["products.CurationEvent.catatan", HISTORY],
    "opop.opendata.forms.PublikasiForm.catatan": ["opendata.Publikasi.catatan"],
    "opop.opendata.forms.PublikasiForm.sidik": NOT_STORED,  # the preview's fingerprint, compared, never saved
    "programs.forms.CatatanForm.catatan": ["programs.Rencana.catatan", "programs.LaporanTriwulan.catatan", HISTORY],
    "programs.forms.AlasanForm.alasan": ["programs.Rencana.catatan", HISTORY],
    "programs.forms.KomentarForm.isi": "programs.Komentar.isi",
    "programs.forms.PembukaanForm.alasan": "programs.PembukaanTahun.alasan",  # reopening a closed year (issue 30)
    "programs.fgd_forms.AgendaRowForm.teks": "programs.AgendaFgd.teks",
    "programs.fgd_forms.AgendaVersionForm.versi": NOT_STORED,  # compared with the meeting's version, never saved
    "opop.api.forms.ApiTokenForm.nama": "api.ApiToken.nama",
    "opop.api.forms.ApiTokenForm.jaringan": "api.ApiToken.jaringan",
}


def _project_forms():
    for package in PACKAGES:
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            if not any(part in module.name for part in SKIPPED):
                importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith(tuple(f"{p}." for p in PACKAGES)):
            found.add(cls)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _is_text(field):
    return isinstance(field, forms.CharField) or isinstance(field.widget, forms.Textarea)


def _declared_entry(form_class, name, ends_in):
    for cls in form_class.__mro__:
        key = f"{cls.__module__}.{cls.__qualname__}.{name}"
        if key in ends_in:
            return key, ends_in[key]
    return None, None


def _columns(destination):
    """The model fields a destination names; HISTORY is the change reason of every history table."""
    for target in destination if isinstance(destination, list) else [destination]:
        if target == HISTORY:
            for model in apps.get_models():
                if model.__name__.startswith("Historical") and hasattr(model, "history_change_reason"):
                    yield model._meta.get_field("history_change_reason")
        elif target != NOT_STORED:
            app_label, model_name, field_name = target.split(".")
            yield apps.get_model(app_label, model_name)._meta.get_field(field_name)


def _destination(form_class, name, ends_in):
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    if model is not None:
        try:
            return f"{model._meta.label}.{name}", [model._meta.get_field(name)]
        except Exception:
            pass  # a form-only field of a model form: its entry in ENDS_IN says where it goes
    key, destination = _declared_entry(form_class, name, ends_in)
    if key is None:
        return None, None
    return key, list(_columns(destination))


FORMS = _project_forms()


def test_the_walk_finds_the_forms_it_must():
    names = {f"{c.__module__}.{c.__qualname__}" for c in FORMS}
    assert {"programs.forms.CatatanForm", "programs.forms.AlasanForm", "pesantren.forms.SantripreneurForm"} <= names
    assert len(FORMS) >= 30


def test_every_history_table_keeps_a_reason_of_any_length():
    columns = list(_columns(HISTORY))
    assert len(columns) >= 15
    assert [f"{c.model.__name__}: {c.max_length}" for c in columns if c.max_length is not None] == []


def _mismatches(form_class, ends_in=ENDS_IN):
    found = []
    for name, field in form_class.base_fields.items():
        if not _is_text(field):
            continue
        where, columns = _destination(form_class, name, ends_in)
        if where is None:
            found.append(f"{name}: no known column (add it to ENDS_IN)")
            continue
        for column in columns:
            if column.max_length is None:
                continue  # a TextField: any form limit fits
            if field.max_length is None or field.max_length > column.max_length:
                found.append(
                    f"{name}: form allows {field.max_length or 'any length'}, {column.model.__name__}."
                    f"{column.name} holds {column.max_length}"
                )
    return found


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: c.__qualname__)
def test_every_text_field_fits_its_column(form_class):
    assert _mismatches(form_class) == []


class _Photo(forms.Form):
    keterangan = forms.CharField(max_length=500)
    catatan = forms.CharField(widget=forms.Textarea)


def test_the_check_can_fail():
    """A note longer than its bounded column, and a textarea nobody said the destination of, are both reported."""
    ends_in = {f"{__name__}._Photo.keterangan": "products.ProductPhoto.keterangan"}
    assert _mismatches(_Photo, ends_in) == [
        "keterangan: form allows 500, ProductPhoto.keterangan holds 200",
        "catatan: no known column (add it to ENDS_IN)",
    ]
