from django import template

from pesantren.personal_data import shown_value

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, obj, field):
    """{% personal person "nik" %}: the field as the viewer may see it (full, masked or nothing)."""
    return shown_value(getattr(obj, field), field, context["personal_visibility"])
