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


def _assignments_by_name(tree, models):
    """`setattr(obj, name, value)` calls, `Model(**values)` splats and `form.save()` (a ModelForm writing itself):
    data assigned to an instance by name, outside the one write path."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "setattr":
            yield node.lineno, "setattr"
        elif isinstance(func, ast.Name) and func.id in models and any(k.arg is None for k in node.keywords):
            yield node.lineno, f"{func.id}(**…)"
        elif isinstance(func, ast.Attribute) and func.attr == "save" and isinstance(func.value, ast.Name):
            if func.value.id.endswith("form") and not any(k.arg == "domain_override" for k in node.keywords):
                yield node.lineno, "form.save()"  # (PasswordResetForm.save(domain_override=…) only sends the mail)


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
