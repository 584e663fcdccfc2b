"""Who may do what: the one vocabulary. The role groups' permissions and the named predicates below are both
read from `ROLE_PERMISSIONS`, so the two cannot disagree (tests/accounts/test_permissions.py checks every
predicate against every role's group in the database).

Object scoping (which OPD's plan, which fields) is decided by the `<entity>_visible_to` selectors; these
permissions only say what kind of action a role may take at all. Migrations call `sync_role_groups` after they
add models or permissions, so a fresh database and an upgraded one end with the same groups.

The predicates read the table, not the database: a role check costs no query, and the list and dashboard
pages keep their query budgets."""

from opop.accounts.roles import GROUP_NAMES, Role
from opop.common.registry import registry

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

# Actions that are no model's add/change/delete/view; declared on accounts.User (Meta.permissions).
CUSTOM_PERMISSIONS = [
    ("view_personal_data", "Melihat data pribadi (NIK, tanggal lahir, telepon) utuh"),
    ("view_masked_personal_data", "Melihat data pribadi tersamar"),
    ("open_product_documents", "Membuka dokumen sertifikat produk"),
    ("verify_plans", "Memverifikasi atau mengembalikan rencana dan laporan"),
    ("reopen_plans", "Membuka kembali rencana terverifikasi"),
]

# app label -> actions; models of an app not listed get no permission for that role. "custom" lists the
# CUSTOM_PERMISSIONS codenames (app "accounts") the role holds. The domain apps add their own app's actions per role
# (registry "role_grants", filled in their AppConfig.ready(): pesantren/apps.py, products/apps.py, programs/apps.py).
ROLE_PERMISSIONS = {
    Role.ADMIN: None,  # None means every permission
    Role.STAF_DISKOP: {
        "accounts": VIEW,
        "wilayah": VIEW,
        "indicators": VIEW,
        "custom": ("view_personal_data", "open_product_documents", "verify_plans"),
    },
    Role.PETUGAS_OPD: {
        "accounts": VIEW,
        "wilayah": VIEW,
        "indicators": VIEW,
        "custom": (),
    },
    Role.PIMPINAN: {
        "accounts": VIEW,
        "wilayah": VIEW,
        "indicators": VIEW,
        "custom": ("view_masked_personal_data", "open_product_documents"),
    },
}

CUSTOM_CODENAMES = {codename for codename, _ in CUSTOM_PERMISSIONS}


def role_has_perm(role, perm) -> bool:
    """Whether the group of `role` holds `perm` ("app_label.codename"), read from ROLE_PERMISSIONS."""
    actions_by_app = ROLE_PERMISSIONS.get(role, {})
    if actions_by_app is None:
        return True
    app_label, codename = perm.split(".", 1)
    if app_label == "accounts" and codename in CUSTOM_CODENAMES:
        return codename in actions_by_app.get("custom", ())
    actions = actions_by_app.get(app_label) or registry["role_grants"].get(app_label, {}).get(role, ())
    return codename.split("_", 1)[0] in actions


def _has(user, perm) -> bool:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return role_has_perm(user.role, perm)


# ---------------------------------------------------------------- the predicates (name -> the permission behind it)

# The predicates backed by a domain app's model permission are registered by that app (registry "predicates"):
# can_write_registry (pesantren), can_curate (products), can_edit_plans, can_upload_plan_lines and can_freeze_year
# (programs).
FOUNDATION_PREDICATES = {
    "can_open_product_documents": "accounts.open_product_documents",
    # NIK, birth date and phone in full (and searching by NIK, which reveals whether a NIK is registered).
    "can_see_personal_data": "accounts.view_personal_data",
    "can_see_masked_personal_data": "accounts.view_masked_personal_data",
    "can_verify_plans": "accounts.verify_plans",
    "can_reopen_plans": "accounts.reopen_plans",
    # User accounts, every job and every import batch.
    "can_administer": "accounts.change_user",
}


def predicates():
    """Every predicate's name -> the permission behind it ("app_label.codename")."""
    return {**FOUNDATION_PREDICATES, **registry["predicates"]}


def can_write_registry(user) -> bool:
    return _has(user, predicates()["can_write_registry"])


def can_curate(user) -> bool:
    return _has(user, predicates()["can_curate"])


def can_open_product_documents(user) -> bool:
    return _has(user, predicates()["can_open_product_documents"])


def can_see_personal_data(user) -> bool:
    return _has(user, predicates()["can_see_personal_data"])


def can_see_masked_personal_data(user) -> bool:
    return _has(user, predicates()["can_see_masked_personal_data"])


def can_search_nik(user) -> bool:
    return can_see_personal_data(user)


def can_edit_plans(user) -> bool:
    return _has(user, predicates()["can_edit_plans"])


def can_upload_plan_lines(user) -> bool:
    return _has(user, predicates()["can_upload_plan_lines"])


def can_verify_plans(user) -> bool:
    return _has(user, predicates()["can_verify_plans"])


def can_set_deadlines(user) -> bool:
    return can_verify_plans(user)


def can_reopen_plans(user) -> bool:
    return _has(user, predicates()["can_reopen_plans"])


def can_freeze_year(user) -> bool:
    """Close a year as angka tetap and approve its reopening (Admin by default; a role gets it by its grants)."""
    return _has(user, predicates()["can_freeze_year"])


def can_import(user) -> bool:
    return can_write_registry(user)


def can_administer(user) -> bool:
    return _has(user, predicates()["can_administer"])


def scope_of(role, opd_id) -> str:
    return f"{role}:{opd_id or ''}"


def access_scope(user) -> str:
    """The access a user's job result or uploaded file was made under: role and OPD (which decide every permission
    above, personal data included). The file stays the user's only while both still hold: a Staf moved to Petugas
    OPD no longer downloads the NIKs of an export made as Staf (jobs_visible_to, import_batches_visible_to)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return scope_of(user.role, user.opd_id)


class UserPredicates:
    """`{{ can.verify_plans }}` in templates: each predicate is asked only when a template uses it."""

    def __init__(self, user):
        self._user = user

    def __getattr__(self, name):
        predicate = globals().get(f"can_{name}")
        if predicate is None:
            raise AttributeError(name)
        return predicate(self._user)


def sync_role_groups(apps):
    """Create or update the role groups; works with the historical `apps` of a migration."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Permissions are normally created after migrate; create them now so groups can hold them.
        # (Historical app configs have no models_module, which create_permissions requires.)
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        try:
            create_permissions(app_config, verbosity=0, apps=apps)
        finally:
            app_config.models_module = original

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ROLE_PERMISSIONS:
        group, _ = Group.objects.get_or_create(name=GROUP_NAMES[role])
        permissions = Permission.objects.select_related("content_type")
        wanted = [p.pk for p in permissions if role_has_perm(role, f"{p.content_type.app_label}.{p.codename}")]
        group.permissions.set(Permission.objects.filter(pk__in=wanted))


def guarded_get(queryset, *, allowed=None, **lookup):
    """The one guarded lookup every entity's `<entity>_for(user, pk, …)` is built on (healthchecks'
    `_get_rw_check_for_user`): the object among `queryset` — the user's `<entity>_visible_to` — or 404, so an object
    out of scope cannot be told from a missing one; then `allowed(obj)` (a predicate of this module, narrowed to the
    object where it must be): 403 when the user sees the object but may not take this action."""
    from django.shortcuts import get_object_or_404

    obj = get_object_or_404(queryset, **lookup)
    if allowed is not None:
        require(allowed(obj))
    return obj


def require(allowed: bool):
    """403 for a signed-in user the object is visible to but who may not take this action."""
    from django.core.exceptions import PermissionDenied

    if not allowed:
        raise PermissionDenied


def predicate_required(predicate):
    """View decorator: 403 unless `predicate(request.user)` (login is required before it, by middleware)."""
    from functools import wraps

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(predicate(request.user))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
