from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostingConfig(AppConfig):
    name = "kelola.hosting"
    label = "hosting"
    verbose_name = _("Hosting, kolokasi dan VPS")

    def ready(self):
        from kelola.core import access
        from kelola.core.context_processors import register_navigation
        from kelola.core.dashboard import CARD_PROVIDERS
        from kelola.hosting import dashboard, policies

        access.register_policy("hosting_request", policies.HostingRequestPolicy())
        access.register_policy("vps_request", policies.VpsRequestPolicy())
        register_navigation(_("Hosting dan VPS"), policies.NAVIGATION)
        CARD_PROVIDERS.append(dashboard.cards)
