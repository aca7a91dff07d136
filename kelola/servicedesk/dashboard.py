"""Home dashboard cards of the service desk: my queue and what is overdue."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core.dashboard import Card

from .choices import TicketStatus as S
from .models import Ticket

OPEN = (S.NEW, S.IN_PROGRESS, S.ESCALATED, S.WAITING_USER)


def cards(user) -> list[Card]:
    counts = (
        Ticket.objects.visible_to(user)
        .filter(status__in=OPEN)
        .aggregate(
            open=Count("pk"),
            mine=Count("pk", filter=Q(assignee=user)),
            overdue=Count("pk", filter=Q(resolution_due__lt=timezone.now()) & ~Q(status=S.WAITING_USER)),
        )
    )
    if not counts["open"]:
        return []
    url = reverse("servicedesk:ticket_list")
    return [
        Card(_("Tiket terbuka"), counts["open"], url),
        Card(_("Antrean saya"), counts["mine"], f"{url}?mine=true"),
        Card(
            _("Tiket lewat batas"),
            counts["overdue"],
            f"{url}?overdue=true",
            tone="danger" if counts["overdue"] else "success",
        ),
    ]
