from opop.accounts.permissions import can_administer
from opop.common.models import ImportBatch


def import_batches_visible_to(user):
    """Uploaders see their own batches (the file holds personal data); admins see all."""
    qs = ImportBatch.objects.select_related("uploaded_by")
    if can_administer(user):
        return qs
    return qs.filter(uploaded_by=user)
