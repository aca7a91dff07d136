from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "kelola.proposals"
    label = "proposals"
    verbose_name = _("Usulan TIK")

    def ready(self):
        from kelola.core import access
        from kelola.core.context_processors import register_navigation
        from kelola.core.dashboard import CARD_PROVIDERS
        from kelola.proposals import dashboard, policies

        access.register_policy("proposal", policies.ProposalPolicy())
        access.register_policy("budget_line", policies.BudgetLinePolicy())
        register_navigation(_("Usulan & belanja"), policies.NAVIGATION)
        CARD_PROVIDERS.append(dashboard.cards)
