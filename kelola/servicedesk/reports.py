"""SLA reports and trends (DESK-5, issue 4 item 9): per service and per agency, the tickets
filed, resolved, the share resolved and responded within target, the mean rating; per month;
the services and systems with the most incidents."""

from __future__ import annotations

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncMonth

from .choices import TicketKind

RESOLVED = Q(resolved_at__isnull=False)
RESOLVED_IN_TIME = Q(resolved_at__isnull=False, resolved_at__lte=F("resolution_due"))
RESPONDED_IN_TIME = Q(responded_at__isnull=False, responded_at__lte=F("response_due"))


def resolution_breached(now) -> Q:
    """Tickets resolved after their resolution due time, or still being worked past it (the
    clock stands still while waiting for the user)."""
    from .choices import TicketStatus as S

    late = Q(resolved_at__isnull=False, resolved_at__gt=F("resolution_due"))
    overdue = Q(
        resolved_at__isnull=True,
        resolution_due__lt=now,
        status__in=[S.NEW, S.IN_PROGRESS, S.ESCALATED],
    )
    return late | overdue


def _figures(rows) -> list[dict]:
    result = []
    for row in rows:
        resolved = row["resolved"] or 0
        responded = row["responded"] or 0
        result.append(
            {
                **row,
                "resolution_met_pct": round(100 * row["resolved_in_time"] / resolved, 1)
                if resolved
                else None,
                "response_met_pct": round(100 * row["responded_in_time"] / responded, 1)
                if responded
                else None,
                "rating": round(row["rating"], 2) if row["rating"] is not None else None,
            }
        )
    return result


def _aggregate(tickets, *group):
    return _figures(
        tickets.values(*group)
        .annotate(
            total=Count("pk"),
            resolved=Count("pk", filter=RESOLVED),
            resolved_in_time=Count("pk", filter=RESOLVED_IN_TIME),
            responded=Count("pk", filter=Q(responded_at__isnull=False)),
            responded_in_time=Count("pk", filter=RESPONDED_IN_TIME),
            rating=Avg("rating"),
        )
        .order_by("-total", *group)
    )


def per_service(tickets) -> list[dict]:
    return _aggregate(tickets, "service__name")


def per_agency(tickets) -> list[dict]:
    return _aggregate(tickets, "agency__name")


def per_month(tickets) -> list[dict]:
    rows = _aggregate(tickets.annotate(month=TruncMonth("created_at")), "month")
    return sorted(rows, key=lambda row: row["month"])


def top_incidents(tickets, limit: int = 10) -> dict:
    incidents = tickets.filter(kind=TicketKind.INCIDENT)
    return {
        "services": list(incidents.values("service__name").annotate(n=Count("pk")).order_by("-n")[:limit]),
        "systems": list(
            incidents.filter(system__isnull=False)
            .values("system__external_name")
            .annotate(n=Count("pk"))
            .order_by("-n")[:limit]
        ),
    }
