from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    name = "kelola.assets"
    label = "assets"
    verbose_name = _("Aset TIK")

    def ready(self):
        from kelola.core import access
        from kelola.core.context_processors import register_navigation
        from kelola.core.dashboard import CARD_PROVIDERS

        from . import dashboard, policies

        access.register_policy("asset", policies.AssetPolicy())
        access.register_policy("asset_maintenance", policies.MaintenancePolicy())
        access.register_policy("lan_diagram", policies.LanDiagramPolicy())
        register_navigation(_("Aset TIK"), policies.NAVIGATION)
        CARD_PROVIDERS.append(dashboard.cards)
