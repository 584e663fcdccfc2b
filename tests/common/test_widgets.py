from django import forms

from opop.common.widgets import PlainSelect


def test_plain_select_renders_the_same_choices_selected_and_escaped():
    widget = PlainSelect(
        attrs={"class": "form-select", "data-x": "1"}, choices=[("", "Semua"), ("a&b", "<A>"), (3, "Tiga")]
    )
    html = widget.render("pilih", 3, attrs={"id": "id_pilih"})
    assert html.startswith('<select name="pilih" class="form-select" data-x="1" id="id_pilih">')
    assert '<option value="a&amp;b">&lt;A&gt;</option>' in html
    assert '<option value="3" selected>Tiga</option>' in html and '<option value="">Semua</option>' in html


def test_plain_select_works_for_model_choices(db):
    from opop.wilayah.models import KabupatenKota

    field = forms.ModelChoiceField(queryset=KabupatenKota.objects.order_by("kode"), widget=PlainSelect)
    html = field.widget.render("kabkota", "35.17")
    assert html.count("<option") == 39 and '<option value="35.17" selected>Kabupaten Jombang</option>' in html


def test_plain_select_escapes_quotes_and_keeps_safe_labels():
    from django.utils.safestring import mark_safe

    widget = PlainSelect(choices=[('x"y', "Al-Ma'arif & <Putri>"), ("z", mark_safe("<b>Tebal</b>"))])
    html = widget.render("pilih", None)
    assert '<option value="x&quot;y">Al-Ma&#x27;arif &amp; &lt;Putri&gt;</option>' in html
    assert '<option value="z"><b>Tebal</b></option>' in html


def test_listed_choices_read_only_the_label_columns(db):
    """A field naming its label columns reads (value, columns) tuples: no model instance per option."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opop.wilayah.models import KabupatenKota
    from pesantren.filters import KabkotaChoiceField

    field = KabkotaChoiceField(queryset=KabupatenKota.objects.order_by("kode"), widget=PlainSelect)
    with CaptureQueriesContext(connection) as queries:
        html = field.widget.render("kabkota", "35.17")
    (sql,) = [q["sql"] for q in queries]
    assert sql.split(" FROM ")[0].count(",") == 1  # kode, nama
    assert html.count("<option") == 39 and '<option value="35.17" selected>Kabupaten Jombang</option>' in html
    assert field.label_from_instance(KabupatenKota.objects.get(kode="35.17")) == "Kabupaten Jombang"
    assert field.clean("35.17").kode == "35.17"
