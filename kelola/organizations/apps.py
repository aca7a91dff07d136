from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "kelola.organizations"
    label = "organizations"
    verbose_name = _("Organisasi")

    def ready(self):
        from kelola.core import access
        from kelola.core.context_processors import register_navigation
        from kelola.core.dashboard import CARD_PROVIDERS
        from kelola.organizations import dashboard, policies

        access.register_policy("decree", policies.DecreePolicy())
        access.register_policy("self_reliance_assessment", policies.AssessmentPolicy())
        access.register_policy("membership", policies.PersonLinkPolicy())
        register_navigation(_("Organisasi"), policies.NAVIGATION)
        CARD_PROVIDERS.append(dashboard.cards)
