"""One write path: `versioned_update` is the only code that assigns form or file data to a model instance."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from opop.common.concurrency import StaleObjectError, version_of
from opop.common.services import versioned_update
from pesantren.models import Pesantren
from tests.pesantren.conftest import make_pesantren

ROOT = Path(__file__).resolve().parents[2]
APP_DIRS = ("opop", "pesantren", "products", "programs")
# Where assigning by name is not form data: the import engine's bulk writer applies a file row through its spec
# (opop/imports/engine.py, bulk.py stamps timestamps on bulk_create), the benchmark tunes admin classes; generated
# demo and benchmark rows (`demo.py`, opop/bench) are built for bulk_create, never from anyone's input.
WRITERS = {"create", "update", "get_or_create", "update_or_create"}
NOT_FORM_DATA = {
    "opop/common/services.py",  # versioned_update itself
    "opop/imports/engine.py",
    "opop/imports/bulk.py",
    "opop/management/commands/bench.py",
}


def test_sets_the_whitelisted_fields_saves_with_history_and_names_what_changed(db, staf):
    pesantren = make_pesantren()
    changed = versioned_update(
        instance=pesantren,
        version=version_of(pesantren),
        fields=("nama", "pengasuh"),
        data={"nama": pesantren.nama, "pengasuh": "KH. Ahmad Baru"},
        actor=staf,
        reason="Pengasuh berganti",
    )
    assert changed == ["pengasuh"]
    stored = Pesantren.objects.get(pk=pesantren.pk)
    assert stored.pengasuh == "KH. Ahmad Baru"
    last = stored.history.first()
    assert (last.history_user, last.history_change_reason) == (staf, "Pengasuh berganti")


def test_a_field_outside_the_whitelist_is_refused_and_nothing_is_written(db, staf):
    pesantren = make_pesantren()
    before = pesantren.history.count()
    with pytest.raises(ValueError, match="status"):
        versioned_update(
            instance=pesantren, version=None, fields=("nama",), data={"nama": "X", "status": "x"}, actor=staf
        )
    assert Pesantren.objects.get(pk=pesantren.pk).nama == pesantren.nama
    assert pesantren.history.count() == before


def test_a_save_against_a_newer_row_is_refused_naming_who_changed_it(db, staf, admin):
    pesantren = make_pesantren()
    loaded = version_of(pesantren)
    versioned_update(instance=pesantren, version=loaded, fields=("pengasuh",), data={"pengasuh": "A"}, actor=admin)
    second = Pesantren.objects.get(pk=pesantren.pk)
    with pytest.raises(StaleObjectError, match="sudah diubah oleh"):
        versioned_update(instance=second, version=loaded, fields=("pengasuh",), data={"pengasuh": "B"}, actor=staf)
    assert Pesantren.objects.get(pk=pesantren.pk).pengasuh == "A"


def test_invalid_data_is_not_saved(db, staf):
    pesantren = make_pesantren()
    before = pesantren.history.count()
    with pytest.raises(ValidationError) as refused:
        versioned_update(
            instance=pesantren, version=version_of(pesantren), fields=("nspp",), data={"nspp": "5.1E+11"}, actor=staf
        )
    assert "nspp" in refused.value.message_dict
    assert Pesantren.objects.get(pk=pesantren.pk).nspp == "510035170239"
    assert pesantren.history.count() == before


# Names form data travels under: `form.cleaned_data`, a service's `data`, a form's `cleaned` in clean().
FORM_DATA = {"data", "cleaned", "cleaned_data"}


def _reads_form_data(expr):
    for node in ast.walk(expr):
        if isinstance(node, ast.Attribute) and node.attr == "cleaned_data":
            return True
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in FORM_DATA:
            return True
        getter = node.func if isinstance(node, ast.Call) else None
        if isinstance(getter, ast.Attribute) and getter.attr == "get" and getattr(getter.value, "id", "") in FORM_DATA:
            return True
    return False


def _form_data_into_fields(tree):
    """`record.field = data["field"]` (or cleaned_data, data.get(…)): form data written into an instance by hand.
    A form's own `self.instance` is left to it: a VersionedForm's instance is a copy
    (test_a_versioned_form_validates_a_copy_of_the_record), a create form's is new and never saved."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _reads_form_data(node.value):
            for target in node.targets:
                for one in target.elts if isinstance(target, ast.Tuple) else [target]:
                    owner = ast.unparse(one.value) if isinstance(one, ast.Attribute) else "self"
                    if owner != "self" and not owner.startswith("self.instance"):
                        yield node.lineno, f"{ast.unparse(one)} = form data"


def _assignments_by_name(tree, models):
    """`setattr(obj, name, value)` calls, `Model(**values)` and `Model.objects.create/update(**data)` splats,
    `form.save()` (a ModelForm writing itself) and form data assigned to a field by hand: data assigned to an
    instance outside the one write path."""
    yield from _form_data_into_fields(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        splat = any(
            k.arg is None and (_reads_form_data(k.value) or ast.unparse(k.value) in FORM_DATA) for k in node.keywords
        )
        if isinstance(func, ast.Attribute) and func.attr in WRITERS and splat:
            yield node.lineno, f"{func.attr}(**…)"
        if isinstance(func, ast.Name) and func.id == "setattr":
            yield node.lineno, "setattr"
        elif isinstance(func, ast.Name) and func.id in models and any(k.arg is None for k in node.keywords):
            yield node.lineno, f"{func.id}(**…)"
        elif isinstance(func, ast.Attribute) and func.attr == "save" and isinstance(func.value, ast.Name):
            if func.value.id.endswith("form") and not any(k.arg == "domain_override" for k in node.keywords):
                yield node.lineno, "form.save()"  # (PasswordResetForm.save(domain_override=…) only sends the mail)


def test_a_versioned_form_validates_a_copy_of_the_record(db, staf):
    """Django's model form writes what it cleaned into its instance: a VersionedForm gets a copy, so the record the
    view loaded is changed by versioned_update alone (and a page shown again after a refused save shows it as
    stored)."""
    from pesantren.forms import PesantrenForm

    pesantren = make_pesantren()
    form = PesantrenForm({"nama": "Nama Dari Formulir", "versi": version_of(pesantren)}, instance=pesantren, user=staf)
    assert not form.is_valid()  # required fields missing; the name was still cleaned into the form's instance
    assert form.instance.nama == "Nama Dari Formulir"
    assert form.instance.pk == pesantren.pk and form.instance is not pesantren
    assert pesantren.nama == "Pondok Pesantren Tebuireng"


def test_the_scan_sees_each_way_of_assigning_by_hand():
    source = (
        "def write(product, data, form, cleaned):\n"
        "    product.nama = data['nama']\n"
        "    product.harga, product.stok = cleaned['harga'], 1\n"
        "    product.catatan = form.cleaned_data.get('catatan')\n"
        "    Product.objects.create(**data)\n"
        "    Product.objects.filter(pk=1).update(**data)\n"
        "    setattr(product, 'nama', 'x')\n"
        "    form.save()\n"
        "    product.status = 'draft'\n"
        "    self.instance.nama = cleaned['nama']\n"
    )
    assert [what for _line, what in _assignments_by_name(ast.parse(source), {"Product"})] == [
        "product.nama = form data",
        "product.harga = form data",
        "product.stok = form data",
        "product.catatan = form data",
        "create(**…)",
        "update(**…)",
        "setattr",
        "form.save()",
    ]


# A service's parameters carry what a form or a file said (`batas`, `role`, `to`, `year`): a service writes them into
# its record through versioned_update, not `row.batas = batas`. Outside this rule: an import batch's own state (the
# officer's choices on the preview steer the job; they are no record's data), and the locked parent a realisation
# row is pointed at so that its checks read it once; a retried job's own stored texts (its earlier result dropped).
SERVICE_MODULES = ("services.py", "chasing.py", "reminders.py", "workflow.py")
PARAMETER_INTO_FIELD_ALLOWED = {
    "opop/imports/services.py": None,
    "programs/services.py": {"realisasi.kegiatan"},
    "opop/jobs/services.py": {"job.teks"},
}


def parameters_into_fields(tree, allowed=frozenset()):
    """`record.field = <an expression of the function's parameters>` in a service (the actor aside)."""
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        parameters = {a.arg for a in function.args.args + function.args.kwonlyargs} - {"actor", "self", "cls"}
        for node in ast.walk(function):
            if not isinstance(node, ast.Assign):
                continue
            read = {name.id for name in ast.walk(node.value) if isinstance(name, ast.Name)}
            for target in node.targets:
                for one in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if not isinstance(one, ast.Attribute) or ast.unparse(one.value) == "self":
                        continue  # a helper object's own attribute, not a record's field
                    if read & parameters and ast.unparse(one) not in allowed:
                        yield node.lineno, f"{ast.unparse(one)} = parameter"


def test_services_write_their_parameters_through_versioned_update():
    found = []
    for app in APP_DIRS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            allowed = PARAMETER_INTO_FIELD_ALLOWED.get(relative, frozenset())
            if not path.name.endswith(SERVICE_MODULES) or "/migrations/" in relative or allowed is None:
                continue
            found += [
                f"{relative}:{line} {what}"
                for line, what in parameters_into_fields(ast.parse(path.read_text()), allowed)
            ]
    assert found == []


def test_the_scan_sees_a_parameter_written_by_hand():
    source = (
        "def batas_save(*, actor, tahun, batas):\n"
        "    row = BatasPelaporan(tahun=tahun)\n"
        "    row.batas = batas\n"
        "    row.diatur_oleh = actor\n"
        "    row.catatan = 'x'\n"
        "    row.kegiatan = kegiatan\n"
    )
    assert list(parameters_into_fields(ast.parse(source))) == [(3, "row.batas = parameter")]


def test_no_other_code_assigns_data_to_a_model_by_name():
    models = {model.__name__ for model in apps.get_models()}
    found = []
    for app in APP_DIRS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            generated = path.name == "demo.py" or relative.startswith("opop/bench/")
            if "/migrations/" in relative or relative in NOT_FORM_DATA or generated:
                continue
            for line, what in _assignments_by_name(ast.parse(path.read_text()), models):
                found.append(f"{relative}:{line} {what}")
    assert found == []
