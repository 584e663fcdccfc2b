"""Registry people written by a Staf system (issue 31): one person per request, created (POST) or changed (PUT, with
If-Match), through the person forms and services of the pages: the same field checks, NIK format and uniqueness, the
tallies and the suspected-twin flags. A NIK already registered follows the import's rule (opop/imports/identity.py):
the same person by name is not created twice (409, naming the record to PUT to); another name with that NIK is
refused on the field. `Idempotency-Key` makes a retried POST find the record the first one created."""

import hashlib
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from opop.accounts.permissions import can_write_registry
from opop.api.channel import written_via
from opop.api.problems import Conflict, PreconditionFailed, PreconditionRequired, validation_problem
from opop.common.concurrency import StaleObjectError, version_of
from opop.common.idempotency import AlreadySubmitted, create_once
from opop.common.models import UsedFormToken
from opop.imports.identity import same_person_name

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Kunci unik per data yang dikirim (mis. UUID); POST yang diulang dengan kunci yang sama tidak membuat "
    "data kedua dan menjawab data yang sudah dibuat.",
)
IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False, description="ETag dari GET data ini."
)


class RegistryWriter(BasePermission):
    """Staf Diskop and Admin (`can_write_registry`), as on the registry's create pages."""

    message = gettext_lazy("Hanya Staf Diskop dan Admin yang dapat mengubah registri.")

    def has_permission(self, request, view):
        return can_write_registry(request.user)


def etag(obj):
    return f'"{version_of(obj)}"'


def if_match(request):
    value = request.headers.get("If-Match", "").strip()
    if value.startswith("W/"):
        value = value[2:]
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def _form_token(request):
    """The Idempotency-Key as the one-time token `create_once` keeps (32 hex characters, per user)."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return ""
    return hashlib.sha256(f"api:{request.user.pk}:{key}".encode()).hexdigest()[:32]


def _form_data(validated, instance):
    data = {}
    for name, value in validated.items():
        if value is None:
            data[name] = ""
        elif hasattr(value, "pk"):
            data[name] = str(value.pk)
        elif hasattr(value, "isoformat"):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    data["versi"] = version_of(instance) if instance.pk else ""
    return data


class PersonWrites:
    """Mixed into the santripreneur and sociopreneur viewsets: `create` and `update`."""

    form_class = None  # the page's form
    service = None  # the page's service
    service_fields = ()  # the service's writable fields
    person_kwarg = "person"
    input_serializer = None
    write_lookup = None  # (user, pk) -> the person, may="write"
    model = None

    def get_permissions(self):
        permissions = super().get_permissions()
        return [*permissions, RegistryWriter()] if self.action in ("create", "update") else permissions

    def _write(self, request, instance, versi):
        given = self.input_serializer(data=request.data)
        given.is_valid(raise_exception=True)
        self._nik_rule(given.validated_data.get("nik"), instance)
        form = self.form_class(_form_data(given.validated_data, instance), instance=instance, user=request.user)
        if not form.is_valid():
            raise validation_problem(ValidationError(form.errors.as_data()))
        data = {name: form.cleaned_data[name] for name in self.service_fields if name in form.cleaned_data}
        reason = _("Dikirim lewat API")

        def save():
            return self.service(actor=request.user, **{self.person_kwarg: instance}, reason=reason, versi=versi, **data)

        try:
            with written_via(request):
                if instance.pk is None:
                    return create_once(actor=request.user, token=_form_token(request), create=save)
                return save()
        except StaleObjectError as error:
            raise PreconditionFailed(" ".join(error.messages)) from None
        except ValidationError as error:
            raise validation_problem(error) from None
        except IntegrityError:
            raise Conflict(
                _("Data bentrok dengan data lain yang baru saja disimpan. Periksa lalu kirim lagi.")
            ) from None

    def _nik_rule(self, nik, instance):
        if not nik:
            return
        owner = self.model.objects.filter(nik=nik).exclude(pk=instance.pk).first()
        if owner is None:
            return
        name = self.request.data.get("nama", "") if isinstance(self.request.data, dict) else ""
        if same_person_name(owner.nama, name):
            raise Conflict(
                _("Orang ini sudah terdaftar dengan NIK yang sama (#%(pk)s); ubah data itu dengan PUT.")
                % {"pk": owner.pk}
            )
        raise validation_problem(
            ValidationError(
                {"nik": _("NIK ini sudah terdaftar untuk orang dengan nama lain (#%(pk)s).") % {"pk": owner.pk}}
            )
        )

    def create(self, request, *args, **kwargs):
        token = _form_token(request)
        used = UsedFormToken.objects.filter(token=token, user=request.user.pk).first() if token else None
        try:
            if used is not None:  # a retry: answer what the first request created, before checking the body again
                raise AlreadySubmitted(used.url)
            person = self._write(request, self.model(), versi=None)
        except AlreadySubmitted as done:
            person = self._first_created(request, done.url)
            serializer = self.get_serializer_class()(person, context={"partisipasi": []})
            return Response(serializer.data, status=status.HTTP_200_OK, headers={"ETag": etag(person)})
        serializer = self.get_serializer_class()(person, context={"partisipasi": []})
        return Response(serializer.data, status=status.HTTP_201_CREATED, headers={"ETag": etag(person)})

    def _first_created(self, request, url):
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            match = None
        if match is None or "pk" not in match.kwargs:
            raise Conflict(_("Kunci Idempotency-Key ini sudah dipakai untuk data lain."))
        return self.write_lookup(request.user, match.kwargs["pk"])

    def update(self, request, *args, **kwargs):
        person = self.write_lookup(request.user, self.kwargs["pk"])
        versi = if_match(request)
        if not versi:
            raise PreconditionRequired(
                _("Kirim header If-Match berisi ETag dari GET agar perubahan orang lain tidak tertimpa.")
            )
        person = self._write(request, person, versi=versi)
        serializer = self.get_serializer_class()(person, context={"partisipasi": []})
        return Response(serializer.data, headers={"ETag": etag(person)})
