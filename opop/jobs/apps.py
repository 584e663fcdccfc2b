from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "opop.jobs"
    label = "jobs"
    verbose_name = "Pekerjaan latar"
