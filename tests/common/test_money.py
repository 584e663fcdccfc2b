"""The Rupiah field (opop/common/money.py): what it accepts and refuses, how it shows a value, and that every money
input of the portal — every form and admin page that edits a money model field — uses it."""

import importlib
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin as django_admin
from django.test import RequestFactory
from django.utils import translation

from opop.common.money import RupiahField, RupiahInput, is_money_field, rupiah_in_words

ACCEPTED = [
    ("125000000", 125_000_000),
    ("125.000.000", 125_000_000),
    ("Rp 125.000.000", 125_000_000),
    ("Rp125.000.000,00", 125_000_000),
    ("rp 125.000.000", 125_000_000),
    ("RP 125.000.000", 125_000_000),
    ("Rp. 125.000.000,-", 125_000_000),
    ("  125 000 000  ", 125_000_000),
    ("Rp\u00a0125.000.000", 125_000_000),
    ("125.000.000,0", 125_000_000),
    ("1.500", 1_500),
    ("0", 0),
    ("950", 950),
]
REFUSED = [
    ("125,5", "Tulis rupiah tanpa desimal, misalnya 125.000.000."),
    ("125.5", "Tulis rupiah tanpa desimal, misalnya 125.000.000."),
    ("125.000.000,50", "Tulis rupiah tanpa desimal, misalnya 125.000.000."),
    ("1.25.000", "Tulis rupiah tanpa desimal, misalnya 125.000.000."),
    ("1500000.50", "Tulis rupiah tanpa desimal, misalnya 125.000.000."),
    ("-1", "Jumlah rupiah tidak boleh negatif."),
    ("Rp -125.000", "Jumlah rupiah tidak boleh negatif."),
    ("\u2212500", "Jumlah rupiah tidak boleh negatif."),
    ("125 juta", "Tulis rupiah dengan angka"),
    ("1e9", "Tulis rupiah dengan angka"),
    ("Rp", "Tulis rupiah dengan angka"),
    ("1" * 16, "melebihi 15 angka"),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_the_rupiah_field_accepts_the_ways_officers_write_money(text, expected):
    value = RupiahField().clean(text)
    assert value == Decimal(expected) and isinstance(value, Decimal)


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_the_rupiah_field_refuses_decimals_negatives_and_words_with_a_clear_message(text, message):
    with translation.override("id"), pytest.raises(forms.ValidationError) as refused:
        RupiahField().clean(text)
    assert any(message in m for m in refused.value.messages), refused.value.messages


def test_an_empty_optional_rupiah_is_none_and_a_required_one_is_refused():
    assert RupiahField(required=False).clean("  ") is None
    with pytest.raises(forms.ValidationError):
        RupiahField().clean("")


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("125000000"), "125.000.000"), ("125000000", "125.000.000"), ("Rp 1.500", "1.500"), ("125,5", "125,5")],
)
def test_the_input_shows_a_value_grouped_and_an_unparsable_one_as_typed(value, shown):
    assert RupiahInput().format_value(value) == shown


def test_the_input_is_a_numeric_text_input_with_the_amount_in_words_beside_it():
    with translation.override("id"):
        html = RupiahInput().render("pagu", Decimal("125000000"), attrs={"id": "id_pagu"})
    assert 'type="text"' in html and 'inputmode="numeric"' in html and "data-rupiah" in html
    assert 'value="125.000.000"' in html
    assert "Rp 125 juta" in html
    assert "<script" not in html  # the CSP forbids inline scripts; js/rupiah.js comes through the form's media
    assert "js/rupiah.js" in str(RupiahInput().media)


@pytest.mark.parametrize(
    ("value", "words"),
    [(125_000_000, "Rp 125 juta"), (1_500_000, "Rp 1,5 juta"), (2_750_000_000, "Rp 2,75 miliar"), (950, "Rp 950")],
)
def test_amount_in_words(value, words):
    with translation.override("id"):
        assert rupiah_in_words(value) == words


# ---------------------------------------------------------------- every money input uses it


PROJECT_APPS = ("opop", "pesantren", "products", "programs")


def _project_model_forms():
    for config in apps.get_app_configs():
        if config.name.split(".")[0] in PROJECT_APPS:
            try:
                importlib.import_module(f"{config.name}.forms")
            except ModuleNotFoundError:
                pass
    found, todo = [], list(forms.ModelForm.__subclasses__())
    while todo:
        form_class = todo.pop()
        todo.extend(form_class.__subclasses__())
        if form_class.__module__.split(".")[0] in PROJECT_APPS and getattr(form_class._meta, "model", None):
            found.append(form_class)
    return found


def _money_fields():
    return [
        (model, field)
        for model in apps.get_models()
        if model._meta.app_config.name.split(".")[0] in PROJECT_APPS and not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if is_money_field(field)
    ]


def test_the_portal_has_the_money_fields_we_expect():
    names = {f"{model.__name__}.{field.name}" for model, field in _money_fields()}
    assert {"Kegiatan.pagu", "Realisasi.anggaran_terserap", "Product.harga"} <= names


@pytest.mark.django_db
def test_every_form_that_edits_a_money_field_uses_the_rupiah_field(admin):
    request = RequestFactory().get("/")
    request.user = admin
    edited = {}
    for form_class in _project_model_forms():
        for model, field in _money_fields():
            if issubclass(model, form_class._meta.model) and field.name in form_class.base_fields:
                edited.setdefault((model, field.name), []).append(form_class.__name__)
                assert isinstance(form_class.base_fields[field.name], RupiahField), (form_class, field.name)
    for model, model_admin in django_admin.site._registry.items():
        form_class = model_admin.get_form(request)
        for money_model, field in _money_fields():
            if money_model is model and field.name in form_class.base_fields:
                edited.setdefault((model, field.name), []).append(f"admin {model.__name__}")
                assert isinstance(form_class.base_fields[field.name], RupiahField), (model_admin, field.name)
    missing = [f"{m.__name__}.{field.name}" for m, field in _money_fields() if (m, field.name) not in edited]
    assert not missing, f"money fields no form edits (add them to a form with RupiahField, or here): {missing}"


def test_the_admin_page_of_a_kegiatan_shows_the_pagu_grouped(as_persona, petugas_a, opd_a):
    from tests.programs.factories import make_plan

    kegiatan = make_plan(actor=petugas_a, opd=opd_a).kegiatan.get()
    html = as_persona("admin").get(f"/admin/programs/kegiatan/{kegiatan.pk}/change/").content.decode()
    assert 'value="150.000.000"' in html and "js/rupiah.js" in html
