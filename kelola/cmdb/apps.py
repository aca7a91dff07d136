from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmdbConfig(AppConfig):
    name = "kelola.cmdb"
    label = "cmdb"
    verbose_name = _("Relasi konfigurasi (CMDB)")

    def ready(self):
        from kelola.cmdb import policies, sync
        from kelola.core import access
        from kelola.core.context_processors import register_navigation

        access.register_policy("cmdb", policies.ConfigurationItemPolicy())
        access.register_policy("cmdb_relation", policies.RelationPolicy())
        register_navigation(_("Aset TIK"), policies.NAVIGATION)
        sync.connect()
