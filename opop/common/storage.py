"""Storage for uploads that must never be reachable by URL: import files (personal data), certificate documents,
realisation evidence.

The location is read from settings on every use, so tests can point it at a temporary folder."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through an access-checked view.")


private_storage = PrivateStorage()
