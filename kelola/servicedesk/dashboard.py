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
    return ticket_cards(user) + problem_cards(user)


def ticket_cards(user) -> list[Card]:
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


def problem_cards(user) -> list[Card]:
    """IT staff: open problems and known errors; critical services below target this month."""
    from .availability import monthly_review
    from .choices import ProblemStatus as P
    from .models import Problem, Service
    from .policies import is_it_staff

    if not is_it_staff(user) or getattr(user, "pemda_id", None) is None:
        return []
    counts = (
        Problem.objects.visible_to(user)
        .filter(status__in=[P.OPEN, P.INVESTIGATING, P.KNOWN_ERROR])
        .aggregate(open=Count("pk"), known=Count("pk", filter=Q(status=P.KNOWN_ERROR)))
    )
    result = []
    url = reverse("servicedesk:problem_list")
    if counts["open"]:
        result.append(Card(_("Masalah terbuka"), counts["open"], url))
        result.append(Card(_("Kesalahan diketahui"), counts["known"], f"{url}?status=known_error"))
    critical = Service.objects.visible_to(user).filter(pemda_id=user.pemda_id, critical=True, is_active=True)
    if critical.exists():
        today = timezone.localdate()
        below = sum(
            1
            for row in monthly_review(user.pemda, today.year, today.month, services=critical)
            if row.met is False
        )
        result.append(
            Card(
                _("Layanan kritis di bawah target"),
                below,
                reverse("servicedesk:availability"),
                tone="danger" if below else "success",
            )
        )
    return result
