from opop.accounts.permissions import access_scope, can_administer
from opop.imports.models import ImportBatch


def import_batches_visible_to(user):
    """Uploaders see their own batches while they keep the role and OPD they uploaded them under (the file and its
    failed rows hold personal data); admins see all."""
    qs = ImportBatch.objects.select_related("uploaded_by")
    if can_administer(user):
        return qs
    return qs.filter(uploaded_by=user, access_scope=access_scope(user))
