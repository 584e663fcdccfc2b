from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    name = "products"
    verbose_name = _("Katalog produk")

    def ready(self):
        from opop.accounts.permissions import ALL, VIEW
        from opop.accounts.roles import Role
        from opop.common.registry import register

        register("import_kinds", "products", "products.importers.ProductImport")
        register("export_lists", "produk", "products.exports.product_sheet")
        register("role_grants", "products", {Role.STAF_DISKOP: ALL, Role.PETUGAS_OPD: VIEW, Role.PIMPINAN: VIEW})
        # Product catalogue, certificates, photos and curation.
        register("predicates", "can_curate", "products.change_product")
