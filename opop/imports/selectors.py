from opop.accounts.permissions import access_scope, can_administer
from opop.imports.models import ImportBatch


def import_batches_visible_to(user):
    """Uploaders see their own batches while they keep the role and OPD they uploaded them under (the file and its
    failed rows hold personal data); admins see all."""
    qs = ImportBatch.objects.select_related("uploaded_by")
    if can_administer(user):
        return qs
    return qs.filter(uploaded_by=user, access_scope=access_scope(user))


def import_origin(record, user):
    """What the record's history page says about the import that created it: {"batch", "writer", "date", "url"}
    (url "" where `user` may not see the batch), or None for a record created otherwise."""
    batch_id = getattr(record, "import_batch_id", None)
    if batch_id is None:
        return None
    batch = ImportBatch.objects.select_related("committed_by", "uploaded_by").get(pk=batch_id)
    visible = import_batches_visible_to(user).filter(pk=batch_id).exists()
    return {
        "batch": batch,
        "writer": batch.writer,
        "date": batch.committed_at or batch.uploaded_at,
        "url": batch.get_absolute_url() if visible else "",
    }
