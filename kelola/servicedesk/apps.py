from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceDeskConfig(AppConfig):
    name = "kelola.servicedesk"
    label = "servicedesk"
    verbose_name = _("Layanan TI")

    def ready(self):
        from kelola.core import access
        from kelola.core.context_processors import register_navigation
        from kelola.core.dashboard import CARD_PROVIDERS
        from kelola.servicedesk import dashboard, policies

        access.register_policy("it_service", policies.ServicePolicy())
        access.register_policy("desk_calendar", policies.CalendarPolicy())
        access.register_policy("ticket", policies.TicketPolicy())
        access.register_policy("article", policies.ArticlePolicy())
        access.register_policy("work_order", policies.WorkOrderPolicy())
        access.register_policy("problem", policies.ProblemPolicy())
        register_navigation(_("Layanan TI"), policies.NAVIGATION)
        CARD_PROVIDERS.append(dashboard.cards)
        self.connect_cache_signals()

    @staticmethod
    def connect_cache_signals():
        from django.db.models.signals import post_delete, post_save

        from kelola.core.models import Pemda
        from kelola.organizations.models import Person, TierOneTechnician
        from kelola.servicedesk.models import Holiday, ServiceLevel, WorkCalendar, forget_reference
        from kelola.servicedesk.tickets import forget_route

        for model in (WorkCalendar, Holiday, ServiceLevel, Pemda):
            post_save.connect(forget_reference, sender=model, dispatch_uid=f"forget-{model.__name__}")
            post_delete.connect(forget_reference, sender=model, dispatch_uid=f"forget-{model.__name__}-del")
        for model in (TierOneTechnician, Person):
            post_save.connect(forget_route, sender=model, dispatch_uid=f"forget-route-{model.__name__}")
            post_delete.connect(forget_route, sender=model, dispatch_uid=f"forget-route-{model.__name__}-del")
