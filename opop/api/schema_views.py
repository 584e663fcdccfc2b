"""The OpenAPI document's view (kept apart from schema.py, which DRF's settings import before drf-spectacular's
views can be)."""

from drf_spectacular.views import SpectacularAPIView

from opop.api.permissions import Anyone


class RoleSchemaView(SpectacularAPIView):
    """The OpenAPI document of the reader's role and token: the operations their permissions allow (a Petugas OPD's
    document has no registry writes, a read-only token's no write at all), each answer in the serializer variant they
    receive. Without a token or session the whole API is described, in the variant without personal data."""

    permission_classes = [Anyone]

    @property
    def serve_public(self):
        return not self.request.user.is_authenticated
