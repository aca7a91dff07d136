from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "kelola.portfolio"
    label = "portfolio"
    verbose_name = _("Portofolio aplikasi")

    def ready(self):
        from kelola.core import access
        from kelola.core.context_processors import register_navigation
        from kelola.core.dashboard import CARD_PROVIDERS
        from kelola.portfolio import dashboard, policies

        access.register_policy("electronic_system", policies.SystemPolicy())
        access.register_policy("build_rule", policies.BuildRulePolicy())
        register_navigation(_("Portofolio"), policies.NAVIGATION)
        CARD_PROVIDERS.append(dashboard.cards)
