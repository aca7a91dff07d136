"""Tickets (DESK-2, DESK-3, DESK-5, DESK-7): filing with priority from impact and urgency, the
letter rule, routing to the agency's tier-1 technician (or the IT office's help desk), SLA due
times on the pemda's working calendar, and the ticket's workflow."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core.access import actor_for
from kelola.core.documents import document_upload
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import DocumentKind
from kelola.core.notifications import notify
from kelola.core.queries import users_with_roles
from kelola.core.roles import AGENCY_MANAGERS, Role
from kelola.core.services import ensure, insert_validated, refusals_logged
from kelola.core.workflow import Transition, Workflow, perform

from . import clock
from .choices import PRIORITY_MATRIX, REOPEN_DAYS, Priority, Team, TicketKind
from .choices import TicketStatus as S
from .models import Ticket, TicketPause, clock_calendar, service_targets

DESK_ROLES = frozenset({Role.HELPDESK, Role.GCIO})
TEAM_ROLES = {
    Team.HELPDESK: frozenset({Role.HELPDESK}),
    Team.IT_SUPPORT: frozenset({Role.IT_SUPPORT}),
    Team.DATACENTER: frozenset({Role.DATACENTER}),
    Team.INFRASTRUCTURE: frozenset({Role.INFRASTRUCTURE}),
}


def priority_for(impact: str, urgency: str, vvip: bool) -> str:
    """VVIP requesters (Bupati/Walikota, wakil, Sekda, asisten) get the top priority."""
    return Priority.P1 if vvip else PRIORITY_MATRIX[(impact, urgency)]


def _route_key(agency_id, today) -> str:
    return f"servicedesk:route:{agency_id}:{today.isoformat()}"


def route(agency) -> tuple[int, str, object]:
    """(tier, team, assignee): the agency's current tier-1 technician with an account, or the
    IT office's help desk when the agency has none (001 Ps.21).

    The technician's account id is cached per agency and day (assignments change rarely and
    clear the entry, see `forget_route`); the account itself is read fresh, so a deactivated
    account is never assigned."""
    from django.core.cache import cache

    from kelola.core.models import User
    from kelola.organizations.queries import current_technicians

    from .models import REFERENCE_CACHE_SECONDS

    key = _route_key(agency.pk, timezone.localdate())
    user_id = cache.get(key)
    if user_id is None:
        user_id = (
            current_technicians()
            .filter(agency=agency, person__user__isnull=False, person__user__is_active=True)
            .order_by("since", "pk")
            .values_list("person__user_id", flat=True)
            .first()
        ) or 0
        cache.set(key, user_id, REFERENCE_CACHE_SECONDS)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is not None:
        return 1, "", user
    return 2, Team.HELPDESK, None


def forget_route(sender, instance, **kwargs) -> None:
    """Signal receiver: a tier-1 assignment (or the person behind one) changed."""
    from django.core.cache import cache

    from kelola.organizations.models import TierOneTechnician

    if isinstance(instance, TierOneTechnician):
        agencies = [instance.agency_id]
    else:
        agencies = TierOneTechnician.objects.filter(person=instance).values_list("agency_id", flat=True)
    today = timezone.localdate()
    cache.delete_many([_route_key(agency_id, today) for agency_id in agencies])


def schedule(ticket: Ticket, now=None) -> None:
    """Set the response and resolution due times from the service's SLA and the calendar."""
    targets = service_targets(ticket.service_id).get(ticket.priority)
    if targets is None:
        ticket.response_due = ticket.resolution_due = None
        return
    response_minutes, resolution_minutes = targets
    calendar = clock_calendar(ticket.pemda_id)
    start = ticket.created_at or timezone.now()
    pauses = (
        list(ticket.pauses.values_list("started_at", "ended_at")) if ticket.pk and ticket.created_at else []
    )
    now = now or timezone.now()
    ticket.response_due = clock.due(
        calendar, start, datetime.timedelta(minutes=response_minutes), pauses, now
    )
    ticket.resolution_due = clock.due(
        calendar, start, datetime.timedelta(minutes=resolution_minutes), pauses, now
    )


def ticket_create(
    *,
    actor,
    agency,
    service,
    kind: str,
    title: str,
    description: str,
    impact: str = "medium",
    urgency: str = "medium",
    channel: str = "web",
    system=None,
    vvip: bool = False,
    letter=None,
    requester=None,
) -> Ticket:
    """File a ticket for `agency`, routed (`route`), with its SLA due times, its handler told.
    Refusals (see `_check_filing`, and invalid fields) are logged and leave nothing behind."""
    requester = requester or actor
    probe = Ticket(pemda=agency.pemda, agency=agency, service=service, kind=kind, title=title)
    with refusals_logged(actor, "add", probe):
        _check_filing(actor, probe, vvip=vvip, letter=letter)
        tier, team, assignee = route(agency)
        # Read before the write transaction: on SQLite it holds the one write lock.
        recipients = new_ticket_recipients(agency.pemda_id, team, assignee)
        priority = priority_for(impact, urgency, vvip)
        due = Ticket(pemda_id=agency.pemda_id, service=service, priority=priority)
        schedule(due)  # from now: the ticket is filed now
        fields = {
            "pemda": agency.pemda,
            "agency": agency,
            "service": service,
            "system": system,
            "kind": kind,
            "channel": channel,
            "title": title,
            "description": description,
            "impact": impact,
            "urgency": urgency,
            "vvip": vvip,
            "priority": priority,
            "requester": requester if getattr(requester, "pk", None) else None,
            "requester_name": str(requester) if requester else "",
            "tier": tier,
            "team": team,
            "assignee": assignee,
            "response_due": due.response_due,
            "resolution_due": due.resolution_due,
        }
        with transaction.atomic():
            ticket = insert_validated(Ticket(**fields), actor=actor, data=fields)
            if letter is not None:
                # The requester files the letter with the ticket (they may not edit it after).
                ticket.letter = document_upload(
                    actor=actor,
                    upload=letter,
                    pemda=ticket.pemda,
                    agency=ticket.agency,
                    title=_("Surat permohonan tiket #%(n)s") % {"n": ticket.pk},
                    kind=DocumentKind.LETTER,
                    target=ticket,
                )
                Ticket.objects.filter(pk=ticket.pk).update(letter=ticket.letter)
            notify_new(ticket, recipients)  # in the same write transaction: one commit per filing
    return ticket


def _check_filing(actor, probe: Ticket, *, vvip: bool, letter) -> None:
    """Refuse a service the agency may not use (with the reason), a VVIP mark by anyone but the
    help desk, an ordinary request without its letter."""
    ensure(actor, "add", probe)
    service, agency = probe.service, probe.agency
    if service.pemda_id != agency.pemda_id or not service.may_be_used_by(agency):
        reason = (
            _("Layanan ini tidak aktif.")
            if not service.is_active
            else _("Layanan “%(service)s” hanya tersedia untuk perangkat daerah tertentu.")
            % {"service": service}
        )
        raise KelolaError(reason, code=ErrorCode.FORBIDDEN, errors={"service": [reason]})
    if vvip and not actor_for(actor).has_pemda_role(agency.pemda_id, DESK_ROLES):
        raise KelolaError(
            _("Status VVIP ditetapkan oleh help desk."),
            code=ErrorCode.FORBIDDEN,
            errors={"vvip": [_("Tidak diizinkan.")]},
        )
    if probe.kind == TicketKind.REQUEST and service.requires_letter and not vvip and letter is None:
        message = _("Permintaan layanan ini wajib disertai surat atau nota dinas kepala perangkat daerah.")
        raise KelolaError(message, errors={"letter": [message]})


def new_ticket_recipients(pemda_id: int, team: str, assignee) -> list:
    """Who hears of a new ticket: its tier-1 technician, or the team it is queued for."""
    if assignee is not None:
        return [assignee]
    return list(users_with_roles(pemda_id, TEAM_ROLES.get(team, TEAM_ROLES[Team.HELPDESK])))


def notify_new(ticket: Ticket, recipients: list | None = None) -> None:
    """Tell the handler (or the help desk) that a ticket arrived."""
    if recipients is None:
        recipients = new_ticket_recipients(ticket.pemda_id, ticket.team, ticket.assignee)
    due = timezone.localtime(ticket.response_due) if ticket.response_due else "—"
    notify(
        recipients,
        kind="servicedesk.ticket_new",
        title=_("Tiket baru %(ticket)s") % {"ticket": ticket},
        body=_("Prioritas %(p)s, batas respons %(due)s.") % {"p": ticket.get_priority_display(), "due": due},
        url=ticket.get_absolute_url(),
        pemda_id=ticket.pemda_id,
    )


# --- workflow -------------------------------------------------------------------------------


def _handlers(ticket) -> frozenset[str]:
    return (
        frozenset(DESK_ROLES | TEAM_ROLES.get(ticket.team, frozenset())) if ticket.tier == 2 else DESK_ROLES
    )


class TicketWorkflow(Workflow):
    """Who takes a step depends on the ticket: at tier 1 its technician (or the agency's IT
    officer), at tier 2 the team it is queued for; the help desk always may. The requester's
    steps (resume, confirm, reopen) are the requester's, the agency head's, or the help desk's."""

    REQUESTER_STEPS = frozenset({"resume", "confirm", "reopen"})

    def may_take(self, user, transition, obj) -> bool:
        actor = actor_for(user)
        if not actor.is_authenticated:
            return False
        if actor.is_platform_admin or actor.has_pemda_role(obj.pemda_id, DESK_ROLES):
            return True
        if transition.name in self.REQUESTER_STEPS:
            return obj.requester_id == getattr(user, "pk", None) or actor.has_agency_role(
                obj.agency_id, AGENCY_MANAGERS
            )
        if obj.tier == 1:
            return obj.assignee_id == getattr(user, "pk", None) or actor.has_agency_role(
                obj.agency_id, {Role.AGENCY_IT_OFFICER}
            )
        return actor.has_pemda_role(obj.pemda_id, _handlers(obj))


def _take(ticket, actor):
    ticket.assignee = actor
    ticket.responded_at = ticket.responded_at or timezone.now()


def _escalate(ticket, actor):
    ticket.tier, ticket.team, ticket.assignee = 2, ticket.service.team, None


def _pause(ticket, actor):
    TicketPause.objects.create(ticket=ticket, started_at=timezone.now())


def _resume(ticket, actor):
    TicketPause.objects.filter(ticket=ticket, ended_at__isnull=True).update(ended_at=timezone.now())
    schedule(ticket)


def _resolve(ticket, actor):
    ticket.resolved_at = timezone.now()
    ticket.responded_at = ticket.responded_at or ticket.resolved_at


def _close(ticket, actor):
    ticket.closed_at = timezone.now()


def _reopen_allowed(ticket) -> list[str]:
    finished = ticket.closed_at or ticket.resolved_at
    if finished and timezone.now() - finished > datetime.timedelta(days=REOPEN_DAYS):
        return [str(_("dibuka kembali paling lambat %(days)s hari setelah selesai") % {"days": REOPEN_DAYS})]
    return []


def _reopen(ticket, actor):
    ticket.resolved_at = ticket.closed_at = None
    ticket.rating = None


def _team(ticket):
    return users_with_roles(ticket.pemda_id, TEAM_ROLES.get(ticket.team, TEAM_ROLES[Team.HELPDESK]))


def _requester(ticket):
    return [ticket.requester] if ticket.requester_id else []


TICKET = TicketWorkflow(
    transitions=(
        Transition("take", gettext_lazy("Tangani"), (S.NEW, S.ESCALATED), S.IN_PROGRESS, apply=_take),
        Transition(
            "escalate",
            gettext_lazy("Eskalasi ke tier 2"),
            (S.NEW, S.IN_PROGRESS),
            S.ESCALATED,
            comment_required=True,
            apply=_escalate,
            notify=_team,
        ),
        Transition(
            "wait_for_user",
            gettext_lazy("Tunggu pengguna"),
            (S.IN_PROGRESS,),
            S.WAITING_USER,
            comment_required=True,
            apply=_pause,
            notify=_requester,
        ),
        Transition("resume", gettext_lazy("Lanjutkan"), (S.WAITING_USER,), S.IN_PROGRESS, apply=_resume),
        Transition(
            "resolve",
            gettext_lazy("Selesaikan"),
            (S.IN_PROGRESS,),
            S.RESOLVED,
            required_fields=("resolution",),
            apply=_resolve,
            notify=_requester,
        ),
        Transition("confirm", gettext_lazy("Konfirmasi selesai"), (S.RESOLVED,), S.CLOSED, apply=_close),
        Transition(
            "reopen",
            gettext_lazy("Buka kembali"),
            (S.RESOLVED, S.CLOSED),
            S.IN_PROGRESS,
            comment_required=True,
            check=_reopen_allowed,
            apply=_reopen,
        ),
    )
)


def ticket_transition(
    ticket: Ticket, name: str, *, actor, comment: str = "", resolution: str = "", rating=None, feedback=""
):
    """Take a step. "escalate" needs its reason (the comment); "resolve" the resolution;
    "confirm" may carry the requester's rating (1 to 5) and feedback."""
    changes = {}
    if name == "escalate":
        changes["escalation_reason"] = comment
    if name == "resolve":
        changes["resolution"] = resolution
    if name == "confirm":
        if rating is not None:
            changes["rating"] = rating
        changes["feedback"] = feedback
    return perform(TICKET, ticket, name, actor=actor, comment=comment, changes=changes)
