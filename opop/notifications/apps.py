from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "opop.notifications"
    label = "notifications"
    verbose_name = "Notifikasi"
