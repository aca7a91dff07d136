from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "kelola.network"
    label = "network"
    verbose_name = _("Jaringan dan alamat IP")

    def ready(self):
        from kelola.core import access
        from kelola.core.context_processors import register_navigation
        from kelola.core.dashboard import CARD_PROVIDERS
        from kelola.network import dashboard, policies

        access.register_policy("network", policies.NetworkPolicy())
        access.register_policy("network_request", policies.AddressRequestPolicy())
        register_navigation(_("Jaringan"), policies.NAVIGATION)
        CARD_PROVIDERS.append(dashboard.cards)
