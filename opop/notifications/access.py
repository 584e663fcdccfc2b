"""A notification a view works on, looked up once: 404 unless it is in the user's own inbox."""

from opop.accounts.permissions import guarded_get
from opop.notifications.selectors import notifikasi_visible_to


def notifikasi_for(user, pk):
    return guarded_get(notifikasi_visible_to(user), pk=pk)
