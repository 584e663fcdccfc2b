"""Form pieces every app shares: the versioned form base (optimistic locking for edits, a one-time token for
creates), the helper that shows a service's ValidationError on a form, and a model choice field whose options are
read in one plain query."""

import copy
import re
import uuid

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from opop.common.concurrency import version_of


def add_service_errors(form, exc: ValidationError, default_field=None):
    """Show a service's ValidationError on the form: on the field when the form has it, else on `default_field`
    (e.g. the upload a file error is about) or at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else default_field
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(default_field, message)


TOKEN_RE = re.compile(r"[0-9a-f]{32}")


def new_form_token() -> str:
    return uuid.uuid4().hex


class VersionedForm(forms.ModelForm):
    """Carries the version of the row it was loaded from; the service refuses a save against a newer row
    (opop/common/concurrency.py), so two people editing one record cannot silently overwrite each other.

    A form for a new row carries a one-time token instead (`token`): the view creates through
    `opop.common.idempotency.create_once`, so the same form posted twice creates one row. Forms that never
    create through such a view set `one_time_token = False`.

    A stored record is validated in a copy: Django's model form writes what it cleaned into its instance, and the
    record the view loaded is changed only by the service's `versioned_update` (the one write path), which also
    compares it with the row as loaded. A page shown again after a refused save still shows the stored record."""

    one_time_token = True

    versi = forms.CharField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk is not None:
            # deep: a file field's FieldFile follows the instance it was last read from, so a shallow copy would
            # move the record's own file onto the copy.
            kwargs["instance"] = copy.deepcopy(instance)
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None or not self.one_time_token:
            del self.fields["token"]
        elif not self.is_bound:
            self.fields["token"].initial = new_form_token()
        if not self.is_bound:
            self.fields["versi"].initial = version_of(self.instance)

    def clean_token(self):
        token = self.cleaned_data["token"]
        if token and not TOKEN_RE.fullmatch(token):
            # Above the form: templates do not show a hidden field's own errors.
            self.add_error(None, _("Formulir tidak lengkap; muat ulang halaman."))
            return ""
        return token


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """The options read by one plain query: Django's iterator reads them through queryset.iterator(), which on
    PostgreSQL opens a server-side cursor (DECLARE, FETCH, CLOSE: three round trips) for a few hundred options.
    A field that names its `label_fields` gets them as tuples, with no model instance built per option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        fields = self.field.label_fields
        if fields is None:
            for obj in self.queryset.all():
                yield self.choice(obj)
            return
        key = self.field.to_field_name or "pk"
        for value, *parts in self.queryset.values_list(key, *fields):
            yield value, self.field.label_from_values(*parts)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose options come from one plain query (filter bars render one on every list page).
    Set `label_fields` and `label_from_values` to build each label from those columns alone."""

    iterator = ListedChoiceIterator
    label_fields = None

    def label_from_values(self, *values):
        raise NotImplementedError

    def label_from_instance(self, obj):
        if self.label_fields is None:
            return super().label_from_instance(obj)
        return self.label_from_values(*(getattr(obj, field) for field in self.label_fields))
