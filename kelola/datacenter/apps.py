from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatacenterConfig(AppConfig):
    name = "kelola.datacenter"
    label = "datacenter"
    verbose_name = _("Pusat data")

    def ready(self):
        from kelola.core import access
        from kelola.core.context_processors import register_navigation
        from kelola.core.dashboard import CARD_PROVIDERS
        from kelola.datacenter import dashboard, policies

        access.register_policy("datacenter", policies.FacilityPolicy())
        access.register_policy("device", policies.DevicePolicy())
        register_navigation(_("Pusat data"), policies.NAVIGATION)
        CARD_PROVIDERS.append(dashboard.cards)
