from opop.notifications.models import Notifikasi


def notifikasi_visible_to(user):
    """A user's own messages; nobody reads another's inbox, Admins included."""
    if not getattr(user, "is_authenticated", False):
        return Notifikasi.objects.none()
    return Notifikasi.objects.filter(penerima=user)


def unread_count(user) -> int:
    return notifikasi_visible_to(user).filter(dibaca_pada__isnull=True).count()
