"""The periodic SLA scan (DESK-5): warnings before a due time, breaches after it, each recorded
once and told to the ticket's handler (or its team / the help desk)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core.notifications import notify_many
from kelola.core.queries import users_with_roles

from .choices import Team
from .choices import TicketStatus as S
from .models import SlaEvent, Ticket
from .tickets import TEAM_ROLES

#: A warning is raised this long before a due time.
WARNING_AHEAD = datetime.timedelta(minutes=30)
RESPONDING = (S.NEW, S.ESCALATED)
RESOLVING = (S.NEW, S.IN_PROGRESS, S.ESCALATED)


def scan(now=None, *, chunk: int = 5000) -> dict[str, int]:
    """Record the SLA events that are due and notify; returns counts per kind."""
    now = now or timezone.now()
    soon = now + WARNING_AHEAD
    K = SlaEvent.Kind
    rules = (
        (
            K.RESPONSE_BREACH,
            "response_due",
            Q(status__in=RESPONDING, responded_at__isnull=True, response_due__lt=now),
        ),
        (
            K.RESPONSE_WARNING,
            "response_due",
            Q(status__in=RESPONDING, responded_at__isnull=True, response_due__range=(now, soon)),
        ),
        (K.RESOLUTION_BREACH, "resolution_due", Q(status__in=RESOLVING, resolution_due__lt=now)),
        (K.RESOLUTION_WARNING, "resolution_due", Q(status__in=RESOLVING, resolution_due__range=(now, soon))),
    )
    counts = {}
    for kind, due_field, condition in rules:
        candidates = (
            Ticket.objects.filter(condition)
            .exclude(sla_events__kind=kind)
            .order_by()
            .values_list("pk", due_field, "pemda_id", "assignee_id", "team", "title")
        )
        events, told, found = [], [], 0
        for pk, due, pemda_id, assignee_id, team, title in candidates.iterator(chunk_size=chunk):
            found += 1
            events.append(SlaEvent(ticket_id=pk, kind=kind, due=due))
            told.append((pk, pemda_id, assignee_id, team, title))
            if len(events) >= chunk:
                _flush(events, told, kind)
                events, told = [], []
        _flush(events, told, kind)
        counts[str(kind)] = found
    return counts


def _flush(events, told, kind) -> None:
    """Record a chunk of events and tell the handlers, in one transaction."""
    if not events:
        return
    from kelola.core.models import User

    with transaction.atomic():
        SlaEvent.objects.bulk_create(events, ignore_conflicts=True)
        assignees = {u.pk: u for u in User.objects.filter(pk__in={a for _p, _pe, a, _t, _ti in told if a})}
        teams = {}  # (pemda, team) -> its members, looked up once per chunk
        label = SlaEvent.Kind(kind).label
        messages = []
        for pk, pemda_id, assignee_id, team, title in told[:500]:  # notify the first ones; all are recorded
            if assignee_id in assignees:
                recipients = [assignees[assignee_id]]
            else:
                key = (pemda_id, team if team in TEAM_ROLES else Team.HELPDESK)
                if key not in teams:
                    teams[key] = list(users_with_roles(pemda_id, TEAM_ROLES[key[1]]))
                recipients = teams[key]
            fields = {
                "kind": f"servicedesk.{kind}",
                "title": _("%(kind)s: tiket #%(n)s %(title)s") % {"kind": label, "n": pk, "title": title},
                "url": f"/layanan-ti/tiket/{pk}/",
                "pemda_id": pemda_id,
            }
            messages.append((recipients, fields))
        notify_many(messages)
