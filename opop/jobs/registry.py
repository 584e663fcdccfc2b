"""The kinds of background job. Each app registers its own in `AppConfig.ready()` as (dotted path of the handler,
label shown on "Pekerjaan saya") through `opop.common.registry`; the handler is imported when a job runs."""

from django.utils.module_loading import import_string

from opop.common.registry import registry


def handler_for(kind):
    return import_string(registry["job_kinds"][kind][0])


def kind_label(kind):
    entry = registry["job_kinds"].get(kind)
    return entry[1] if entry else kind
