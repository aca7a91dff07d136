"""Work orders (DESK-4): the four service-desk procedures of 004 Lampiran IV.

- 2.1.1 Permintaan: the help desk records the request and issues a WO to IT support, which
  handles it and returns the WO; the help desk confirms with the user and closes.
- 2.1.2 Pengaduan: the help desk solves what it can itself (the ticket's own workflow);
  otherwise it issues a WO to IT support, which handles it and returns the WO.
- 1.2.1 Gangguan aplikasi (IT support): IT support checks the application at the user's
  computer. Running normally: the fault is local and IT support fixes it on site. Not running:
  IT support checks where the application runs — hosted in the data center, it passes the WO
  on to the data center; elsewhere, the help desk is told to refer the user to the
  application's developer.
- 1.1.2 Gangguan aplikasi (data center): not hosted here — refer to the developer; hosted
  here — the data center checks server, application, database and connections and classifies
  the fault: an application fault is referred to the developer, a network fault is passed on
  to infrastructure, which checks the intranet and internet connections.

Every team returns its WO with a report; the help desk may send it back, and closes it once
the user has confirmed, which resolves the ticket with the report.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core.access import actor_for
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.queries import users_with_roles
from kelola.core.services import create_row, ensure, refusals_logged
from kelola.core.workflow import Transition, Workflow, perform

from .choices import FIRST_TEAM, AppLocation, FaultKind, Procedure, Team, WorkOrderOutcome
from .choices import TicketStatus as TS
from .choices import WorkOrderStatus as S
from .models import Ticket, WorkOrder
from .tickets import DESK_ROLES, TEAM_ROLES, ticket_transition

#: Teams a WO may be passed on to, from each team, and the finding that allows it.
PASS_ON = {
    Team.IT_SUPPORT: {
        Team.DATACENTER: ("app_location", AppLocation.DATACENTER),
        Team.INFRASTRUCTURE: ("fault_kind", FaultKind.NETWORK),
    },
    Team.DATACENTER: {Team.INFRASTRUCTURE: ("fault_kind", FaultKind.NETWORK)},
}
#: Procedures whose WO checks an application, and so may refer the user to its developer.
APPLICATION_PROCEDURES = frozenset({Procedure.APP_FAULT_SUPPORT, Procedure.APP_FAULT_DATACENTER})
OPEN_STATES = (S.ISSUED, S.IN_PROGRESS, S.RETURNED)

#: The steps of each procedure, shown on the WO's page for the team working it.
PROCEDURE_GUIDE = {
    Procedure.REQUEST: (
        gettext_lazy("Dukungan TI menindaklanjuti permintaan sesuai instruksi."),
        gettext_lazy("Dukungan TI mengembalikan WO kepada help desk dengan laporan pekerjaan."),
        gettext_lazy("Help desk mengonfirmasi kepada pengguna lalu menutup WO."),
    ),
    Procedure.COMPLAINT: (
        gettext_lazy("Pengaduan yang tidak dapat diselesaikan help desk diserahkan ke dukungan TI."),
        gettext_lazy("Dukungan TI menangani pengaduan dan mengembalikan WO dengan laporan."),
        gettext_lazy("Help desk mengonfirmasi kepada pengguna lalu menutup WO."),
    ),
    Procedure.APP_FAULT_SUPPORT: (
        gettext_lazy("Dukungan TI memeriksa aplikasi di komputer pengguna."),
        gettext_lazy(
            "Aplikasi berjalan normal: periksa dan perbaiki di lokasi pengguna, lalu kembalikan WO."
        ),
        gettext_lazy("Aplikasi tidak normal: periksa lokasi aplikasi."),
        gettext_lazy("Aplikasi di pusat data: teruskan WO ke pusat data."),
        gettext_lazy("Aplikasi tidak di pusat data: rujuk ke pengembang aplikasi melalui help desk."),
    ),
    Procedure.APP_FAULT_DATACENTER: (
        gettext_lazy("Aplikasi tidak di pusat data: rujuk pengguna ke pengembang aplikasi."),
        gettext_lazy(
            "Aplikasi di pusat data: periksa server, aplikasi, basis data, koneksi intranet dan internet."
        ),
        gettext_lazy("Gangguan aplikasi: informasikan ke help desk dan rujuk ke pengembang aplikasi."),
        gettext_lazy("Gangguan jaringan: teruskan ke infrastruktur untuk memeriksa koneksi."),
    ),
}


def next_number(pemda, year: int) -> str:
    prefix = f"WO-{year}-"
    top = WorkOrder.objects.filter(pemda=pemda, number__startswith=prefix).aggregate(top=Max("number"))["top"]
    sequence = int(top.rsplit("-", 1)[1]) + 1 if top else 1
    return f"{prefix}{sequence:05d}"


def may_issue(ticket: Ticket) -> bool:
    """The ticket is handled at tier 2 and has no open WO."""
    return (
        ticket.tier == 2
        and ticket.status in (TS.NEW, TS.ESCALATED, TS.IN_PROGRESS)
        and not ticket.work_orders.filter(status__in=OPEN_STATES).exists()
    )


def workorder_issue(*, actor, ticket: Ticket, procedure: str, instructions: str) -> WorkOrder:
    """The help desk issues a WO for `ticket` to the procedure's first team. Refused: anyone
    but the help desk (or the GCIO), a ticket that is not being handled at the help desk, a
    ticket that already has an open WO."""
    probe = WorkOrder(
        pemda=ticket.pemda,
        agency=ticket.agency,
        ticket=ticket,
        procedure=procedure,
        team=FIRST_TEAM.get(procedure, ""),
    )
    with refusals_logged(actor, "add", probe):
        ensure(actor, "add", probe)
        if procedure not in Procedure.values:
            raise KelolaError(
                _("Prosedur tidak dikenal."),
                code=ErrorCode.INVALID,
                errors={"procedure": [_("Pilih prosedur.")]},
            )
        if not instructions.strip():
            raise KelolaError(
                _("Instruksi WO wajib diisi."),
                code=ErrorCode.INVALID,
                errors={"instructions": [_("Wajib diisi.")]},
            )
        if ticket.tier != 2 or ticket.status not in (TS.NEW, TS.ESCALATED, TS.IN_PROGRESS):
            raise KelolaError(
                _("WO diterbitkan untuk tiket yang sedang ditangani help desk (tier 2)."),
                code=ErrorCode.RULE_VIOLATION,
            )
        if ticket.work_orders.filter(status__in=OPEN_STATES).exists():
            raise KelolaError(
                _("Tiket ini masih memiliki WO yang belum ditutup."), code=ErrorCode.RULE_VIOLATION
            )
    with transaction.atomic():
        if ticket.status in (TS.NEW, TS.ESCALATED):
            ticket_transition(ticket, "take", actor=actor)
        for attempt in range(3):
            try:
                with transaction.atomic():
                    order = create_row(
                        WorkOrder,
                        actor=actor,
                        pemda=ticket.pemda,
                        agency=ticket.agency,
                        ticket=ticket,
                        number=next_number(ticket.pemda, timezone.localdate().year),
                        procedure=procedure,
                        team=FIRST_TEAM[procedure],
                        instructions=instructions,
                    )
                break
            except IntegrityError:  # a concurrent WO took the number
                if attempt == 2:
                    raise
    _notify_team(order)
    return order


def _notify_team(order: WorkOrder) -> None:
    from kelola.core.notifications import notify

    notify(
        list(users_with_roles(order.pemda_id, TEAM_ROLES[order.team])),
        kind="servicedesk.work_order",
        title=_("WO %(number)s untuk %(team)s") % {"number": order.number, "team": order.get_team_display()},
        body=order.instructions[:500],
        url=order.get_absolute_url(),
        pemda_id=order.pemda_id,
    )


# --- workflow -------------------------------------------------------------------------------


class WorkOrderWorkflow(Workflow):
    """The team a WO is issued to works it; the help desk sends it back, closes or cancels it.
    The GCIO may take every step."""

    DESK_STEPS = frozenset({"send_back", "close", "cancel"})

    def may_take(self, user, transition, obj) -> bool:
        actor = actor_for(user)
        if not actor.is_authenticated:
            return False
        if actor.is_platform_admin or actor.has_pemda_role(obj.pemda_id, {"gcio"}):
            return True
        if transition.name in self.DESK_STEPS:
            return actor.has_pemda_role(obj.pemda_id, DESK_ROLES)
        return actor.has_pemda_role(obj.pemda_id, TEAM_ROLES.get(obj.team, frozenset()))


def _accept(order, actor):
    order.assignee = actor


def _pass_on_check(order) -> list[str]:
    target = getattr(order, "pass_to", "")
    allowed = PASS_ON.get(order.team, {})
    if target not in allowed:
        names = ", ".join(str(Team(t).label) for t in allowed) or "—"
        return [
            _("tim tujuan yang sesuai prosedur (dari %(team)s: %(allowed)s)")
            % {"team": order.get_team_display(), "allowed": names}
        ]
    field, value = allowed[target]
    if getattr(order, field) != value:
        label = order._meta.get_field(field).verbose_name
        expected = (AppLocation if field == "app_location" else FaultKind)(value).label
        return [_("%(field)s: %(value)s") % {"field": label, "value": expected}]
    return []


def _pass_on(order, actor):
    order.team = order.pass_to
    order.assignee = None


def _refer_check(order) -> list[str]:
    if order.procedure not in APPLICATION_PROCEDURES:
        return [_("prosedur gangguan aplikasi (Lampiran IV 1.1.2 atau 1.2.1)")]
    hosted_elsewhere = order.app_location == AppLocation.ELSEWHERE
    application_fault_here = (
        order.team == Team.DATACENTER
        and order.app_location == AppLocation.DATACENTER
        and order.fault_kind == FaultKind.APPLICATION
    )
    if not (hosted_elsewhere or application_fault_here):
        return [_("aplikasi tidak di pusat data, atau gangguan aplikasi yang dicek pusat data")]
    return []


def _refer(order, actor):
    order.outcome = WorkOrderOutcome.REFERRED
    order.returned_at = timezone.now()


def _return(order, actor):
    order.outcome = WorkOrderOutcome.DONE
    order.returned_at = timezone.now()


def _send_back(order, actor):
    order.outcome = ""
    order.returned_at = None
    order.assignee = None


def _close_check(order) -> list[str]:
    status = Ticket.objects.filter(pk=order.ticket_id).values_list("status", flat=True).first()
    if status not in (TS.IN_PROGRESS, TS.WAITING_USER):
        return [_("tiket yang masih dikerjakan (status sekarang: %(state)s)") % {"state": TS(status).label}]
    return []


def _close(order, actor):
    order.closed_at = timezone.now()


def _team(order):
    return users_with_roles(order.pemda_id, TEAM_ROLES.get(order.team, frozenset()))


def _desk(order):
    return users_with_roles(order.pemda_id, TEAM_ROLES[Team.HELPDESK])


WORK_ORDER = WorkOrderWorkflow(
    transitions=(
        Transition("accept", gettext_lazy("Terima WO"), (S.ISSUED,), S.IN_PROGRESS, apply=_accept),
        Transition(
            "pass_on",
            gettext_lazy("Teruskan ke tim lain"),
            (S.IN_PROGRESS,),
            S.ISSUED,
            comment_required=True,
            check=_pass_on_check,
            apply=_pass_on,
            notify=_team,
        ),
        Transition(
            "refer_to_developer",
            gettext_lazy("Rujuk ke pengembang aplikasi"),
            (S.IN_PROGRESS,),
            S.RETURNED,
            required_fields=("report",),
            check=_refer_check,
            apply=_refer,
            notify=_desk,
        ),
        Transition(
            "return",
            gettext_lazy("Kembalikan dengan laporan"),
            (S.IN_PROGRESS,),
            S.RETURNED,
            required_fields=("report",),
            apply=_return,
            notify=_desk,
        ),
        Transition(
            "send_back",
            gettext_lazy("Kirim kembali ke tim"),
            (S.RETURNED,),
            S.ISSUED,
            comment_required=True,
            apply=_send_back,
            notify=_team,
        ),
        Transition(
            "close",
            gettext_lazy("Konfirmasi pengguna dan tutup"),
            (S.RETURNED,),
            S.CLOSED,
            check=_close_check,
            apply=_close,
        ),
        Transition(
            "cancel", gettext_lazy("Batalkan"), (S.ISSUED, S.IN_PROGRESS), S.CANCELLED, comment_required=True
        ),
    )
)

#: What each step may record on the WO besides the comment.
STEP_FIELDS = {
    "accept": (),
    "pass_on": ("app_location", "fault_kind"),
    "refer_to_developer": ("app_location", "fault_kind", "report"),
    "return": ("app_location", "fault_kind", "report"),
}


def workorder_transition(
    order: WorkOrder, name: str, *, actor, comment: str = "", to_team: str = "", **findings
):
    """Take a step on a WO. `pass_on` needs `to_team` and the finding that allows it (the
    application hosted in the data center, or a network fault); `return` and
    `refer_to_developer` need the report. Closing resolves the ticket with the report."""
    allowed = STEP_FIELDS.get(name, ())
    changes = {k: v for k, v in findings.items() if k in allowed and v is not None}
    if name == "pass_on":
        changes["pass_to"] = to_team
        if to_team and comment:
            comment = f"→ {Team(to_team).label if to_team in Team.values else to_team}: {comment}"
    if name != "close":
        return perform(WORK_ORDER, order, name, actor=actor, comment=comment, changes=changes)
    with transaction.atomic():  # closed and the ticket resolved, or neither
        order = perform(WORK_ORDER, order, name, actor=actor, comment=comment, changes=changes)
        _resolve_ticket(order, actor)
    return order


def resolution_text(order: WorkOrder) -> str:
    if order.outcome == WorkOrderOutcome.REFERRED:
        developer = _developer_of(order.ticket)
        head = _("Dirujuk ke pengembang aplikasi")
        head += f" ({developer})" if developer else ""
        return f"{head}: {order.report}"
    return order.report


def _developer_of(ticket: Ticket) -> str:
    system = ticket.system or ticket.service.system
    if system is None:
        return ""
    return system.vendor or system.get_developer_display()


def _resolve_ticket(order: WorkOrder, actor) -> None:
    """The user has confirmed the WO's work with the help desk: the ticket is resolved with
    the report (the requester then confirms and rates it)."""
    ticket = Ticket.objects.get(pk=order.ticket_id)
    if ticket.status == TS.WAITING_USER:
        ticket_transition(ticket, "resume", actor=actor)
    ticket_transition(
        ticket,
        "resolve",
        actor=actor,
        resolution=resolution_text(order),
        comment=_("WO %(n)s") % {"n": order.number},
    )
