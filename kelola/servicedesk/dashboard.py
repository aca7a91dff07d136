"""Home dashboard cards of the service desk: my queue and what is overdue."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core.dashboard import Card

from .choices import OPEN_TICKET_STATES
from .choices import TicketStatus as S
from .models import Ticket


def cards(user) -> list[Card]:
    return ticket_cards(user) + work_order_cards(user) + problem_cards(user)


def work_order_cards(user) -> list[Card]:
    """A team member: the open work orders issued to the team; the help desk: those returned
    and waiting for the user's confirmation."""
    from kelola.core.access import actor_for

    from .choices import Team
    from .choices import WorkOrderStatus as W
    from .models import WorkOrder
    from .tickets import DESK_ROLES, TEAM_ROLES

    actor = actor_for(user)
    teams = [team for team, roles in TEAM_ROLES.items() if team != Team.HELPDESK and actor.pemdas_with(roles)]
    desk = bool(actor.pemdas_with(DESK_ROLES))
    if not teams and not desk:
        return []
    orders = WorkOrder.objects.visible_to(user)
    url = reverse("servicedesk:workorder_list")
    result = []
    if teams:
        waiting = orders.filter(team__in=teams, status__in=[W.ISSUED, W.IN_PROGRESS]).count()
        result.append(Card(_("WO tim saya"), waiting, f"{url}?mine=true"))
    if desk:
        returned = orders.filter(status=W.RETURNED).count()
        result.append(Card(_("WO menunggu konfirmasi"), returned, f"{url}?status=returned"))
    return result


def ticket_cards(user) -> list[Card]:
    counts = (
        Ticket.objects.visible_to(user)
        .filter(status__in=OPEN_TICKET_STATES)
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
        Card(_("Antrean saya"), counts["mine"], f"{url}?mine=true&sort=resolution_due"),
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
