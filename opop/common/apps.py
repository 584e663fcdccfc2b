from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "opop.common"
    label = "common"
    verbose_name = "Common"
