"""What an import view works on, looked up once: a batch (404 unless the user may see it,
`import_batches_visible_to`) or an import kind (404 unknown, 403 not the user's to import)."""

from dataclasses import dataclass

from django.http import Http404

from opop.accounts.permissions import guarded_get, require
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec, import_kinds
from opop.imports.selectors import import_batches_visible_to


def import_batch_for(user, pk, batches=None):
    """`batches`: a narrower choice among the visible ones (e.g. one plan's uploads)."""
    return guarded_get(import_batches_visible_to(user) if batches is None else batches, pk=pk)


def import_spec_for(user, kind):
    """The spec of an import kind: 404 for a kind nobody registered, 403 for one this user may not import."""
    spec = get_spec(kind)
    if spec is None:
        raise Http404
    require(spec.allowed(user))
    return spec


def import_specs_for(user):
    """Every import kind this user may import; 403 for a user who may import none."""
    specs = [spec for spec in (get_spec(kind) for kind in import_kinds()) if spec.allowed(user)]
    require(bool(specs))
    return specs


@dataclass(frozen=True)
class ImportBatchActions:
    """What the preview offers this user on this batch now."""

    remap: bool  # change how the file is read (columns, sheets, hidden rows, date order, emptying): its uploader's
    commit: bool  # write it: checked, no invalid rows, not being written, the file still kept


def import_batch_actions(user, batch, job) -> ImportBatchActions:
    checked = batch.status == ImportBatch.Status.PREVIEWED and bool(batch.file)
    writing = job is not None and job.kind == "impor_tulis" and not job.finished
    return ImportBatchActions(
        remap=checked and batch.uploaded_by_id == user.pk,
        commit=checked and not batch.errors and not writing,
    )
