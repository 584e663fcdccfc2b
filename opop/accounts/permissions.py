"""Which model permissions each role's group carries.

Object scoping (which OPD's plan, which fields) is decided by the selectors; these permissions
only say what kind of action a role may take at all. Migrations call `sync_role_groups` after they
add models, so a fresh database and an upgraded one end with the same groups."""

from opop.accounts.roles import GROUP_NAMES, Role

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

# app label -> actions; models of an app not listed get no permission for that role.
ROLE_PERMISSIONS = {
    Role.ADMIN: None,  # None means every permission
    Role.STAF_DISKOP: {
        "accounts": VIEW,
        "wilayah": VIEW,
        "dashboard": VIEW,
        "pesantren": ALL,
        "products": ALL,
        "programs": ("view", "change"),
    },
    Role.PETUGAS_OPD: {
        "accounts": VIEW,
        "wilayah": VIEW,
        "dashboard": VIEW,
        "pesantren": VIEW,
        "products": VIEW,
        "programs": ALL,
    },
    Role.PIMPINAN: {
        "accounts": VIEW,
        "wilayah": VIEW,
        "dashboard": VIEW,
        "pesantren": VIEW,
        "products": VIEW,
        "programs": VIEW,
    },
}


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
    for role, actions_by_app in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=GROUP_NAMES[role])
        permissions = Permission.objects.all()
        if actions_by_app is not None:
            wanted = [
                p.pk
                for p in permissions.select_related("content_type")
                if p.codename.split("_", 1)[0] in actions_by_app.get(p.content_type.app_label, ())
            ]
            permissions = Permission.objects.filter(pk__in=wanted)
        group.permissions.set(permissions)
