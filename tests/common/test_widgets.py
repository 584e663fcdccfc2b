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
