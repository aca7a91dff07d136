from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectivityConfig(AppConfig):
    name = "kelola.connectivity"
    label = "connectivity"
    verbose_name = _("Titik koneksi, jaringan acara dan bandwidth")

    def ready(self):
        from kelola.connectivity import dashboard, policies
        from kelola.core import access
        from kelola.core.context_processors import register_navigation
        from kelola.core.dashboard import CARD_PROVIDERS

        access.register_policy("connectivity_request", policies.RequestPolicy())
        access.register_policy("connectivity_bandwidth", policies.BandwidthPolicy())
        access.register_policy("connectivity_need", policies.NeedPolicy())
        access.register_policy("connectivity_capacity", policies.CapacityPolicy())
        register_navigation(_("Konektivitas"), policies.NAVIGATION)
        CARD_PROVIDERS.append(dashboard.cards)
