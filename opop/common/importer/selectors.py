from opop.accounts.roles import Role
from opop.common.models import ImportBatch


def import_batches_visible_to(user):
    """Uploaders see their own batches (the file holds personal data); admins see all."""
    qs = ImportBatch.objects.select_related("uploaded_by")
    if user.role == Role.ADMIN:
        return qs
    return qs.filter(uploaded_by=user)
