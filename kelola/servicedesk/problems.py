"""Problems (DESK-6): the cause behind recurring incidents, investigated to its root cause; a
known error carries a workaround until a change fixes it. Incidents are linked to their
problem; recurring unlinked incidents are suggested as problem candidates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core import audit
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.queries import users_with_roles
from kelola.core.services import create_row, delete_row, ensure, refusals_logged, update_row
from kelola.core.workflow import Transition, Workflow, perform

from .choices import OPEN_TICKET_STATES, TicketKind
from .choices import ProblemStatus as P
from .models import Problem, Ticket
from .policies import PROBLEM_MANAGERS

#: Fields people edit on a problem; status, owner and resolution time move with the workflow.
EDITABLE = ("title", "description", "service", "system", "root_cause", "workaround", "change_reference")


def _check_owner(owner, pemda_id) -> None:
    if owner is None:
        return
    if not users_with_roles(pemda_id, PROBLEM_MANAGERS).filter(pk=owner.pk).exists():
        message = _("Penanggung jawab harus petugas Dinas di pemda ini yang menangani masalah.")
        raise KelolaError(message, errors={"owner": [message]})


def problem_create(*, actor, pemda, owner=None, **data) -> Problem:
    data = {k: v for k, v in data.items() if k in EDITABLE}
    probe = Problem(pemda=pemda, **data)
    with refusals_logged(actor, "add", probe, Problem):
        ensure(actor, "add", probe)
        _check_owner(owner, pemda.pk)
    return create_row(Problem, actor=actor, pemda=pemda, owner=owner, **data)


def problem_update(problem: Problem, *, actor, **data) -> Problem:
    allowed = {k: v for k, v in data.items() if k in (*EDITABLE, "owner")}
    if "owner" in allowed:
        with refusals_logged(actor, "change", problem):
            ensure(actor, "change", problem)
            _check_owner(allowed["owner"], problem.pemda_id)
    return update_row(problem, actor=actor, **allowed)


def problem_delete(problem: Problem, *, actor) -> None:
    """Deleting a problem leaves its incidents unlinked (the tickets stay)."""
    delete_row(problem, actor=actor)


# --- workflow -------------------------------------------------------------------------------


def _investigate(problem, actor):
    if problem.owner_id is None and getattr(actor, "pk", None):
        problem.owner = actor


def _resolve(problem, actor):
    problem.resolved_at = timezone.now()


def _incident_people(problem):
    """The handlers and requesters of the problem's incidents that are still open."""
    from kelola.core.models import User

    rows = Ticket.objects.filter(problem=problem, status__in=OPEN_TICKET_STATES).values_list(
        "assignee_id", "requester_id"
    )
    ids = {pk for pair in rows for pk in pair if pk}
    return list(User.objects.filter(pk__in=ids, is_active=True))


PROBLEM = Workflow(
    transitions=(
        Transition(
            "investigate",
            gettext_lazy("Selidiki"),
            (P.OPEN,),
            P.INVESTIGATING,
            pemda_roles=PROBLEM_MANAGERS,
            apply=_investigate,
        ),
        Transition(
            "record_known_error",
            gettext_lazy("Catat sebagai kesalahan diketahui"),
            (P.INVESTIGATING,),
            P.KNOWN_ERROR,
            pemda_roles=PROBLEM_MANAGERS,
            required_fields=("root_cause", "workaround"),
        ),
        Transition(
            "resolve",
            gettext_lazy("Nyatakan diperbaiki"),
            (P.INVESTIGATING, P.KNOWN_ERROR),
            P.RESOLVED,
            pemda_roles=PROBLEM_MANAGERS,
            required_fields=("root_cause", "change_reference"),
            apply=_resolve,
            notify=_incident_people,
        ),
        Transition("close", gettext_lazy("Tutup"), (P.RESOLVED,), P.CLOSED, pemda_roles=PROBLEM_MANAGERS),
    )
)


def problem_transition(
    problem: Problem,
    name: str,
    *,
    actor,
    comment: str = "",
    owner=None,
    root_cause: str | None = None,
    workaround: str | None = None,
    change_reference: str | None = None,
) -> Problem:
    """Take a step of `PROBLEM`. "investigate" makes `owner` (default: the actor) responsible;
    "record_known_error" needs the root cause and the workaround; "resolve" the root cause and
    the change that fixed it (both may be given with the step)."""
    changes = {}
    if owner is not None:
        with refusals_logged(actor, "change", problem):
            _check_owner(owner, problem.pemda_id)
        changes["owner"] = owner
    for key, value in (
        ("root_cause", root_cause),
        ("workaround", workaround),
        ("change_reference", change_reference),
    ):
        if value is not None and value.strip():
            changes[key] = value.strip()
    return perform(PROBLEM, problem, name, actor=actor, comment=comment, changes=changes)


# --- incidents ------------------------------------------------------------------------------


def _refusal(ticket, problem) -> str | None:
    if ticket.pemda_id != problem.pemda_id:
        return _("Tiket #%(n)s bukan dari pemda yang sama.") % {"n": ticket.pk}
    if ticket.kind != TicketKind.INCIDENT:
        return _("Tiket #%(n)s bukan pengaduan/gangguan; hanya insiden yang dikaitkan dengan masalah.") % {
            "n": ticket.pk
        }
    if ticket.problem_id and ticket.problem_id != problem.pk:
        return _("Tiket #%(n)s sudah terkait dengan masalah PRB-%(p)s.") % {
            "n": ticket.pk,
            "p": ticket.problem_id,
        }
    return None


def _ticket_ids(tickets) -> list[int]:
    return sorted({getattr(t, "pk", t) for t in tickets})


def link_incidents(problem: Problem, tickets, *, actor) -> list[int]:
    """Link incident tickets (rows or ids) of the problem's pemda to it; all or nothing.
    Refused, with one reason per ticket: another pemda, a service request, a ticket already
    linked to another problem, a missing ticket. Returns the ids newly linked."""
    ids = _ticket_ids(tickets)
    with refusals_logged(actor, "change", problem), transaction.atomic():
        stored = Problem.objects.select_for_update().get(pk=problem.pk)
        ensure(actor, "change", stored)
        if not ids:
            raise KelolaError(_("Pilih paling sedikit satu tiket."), errors={"tickets": [_("Wajib diisi.")]})
        found = {t.pk: t for t in Ticket.objects.select_for_update().filter(pk__in=ids)}
        reasons = [
            _("Tiket #%(n)s tidak ditemukan.") % {"n": pk} if pk not in found else _refusal(found[pk], stored)
            for pk in ids
        ]
        reasons = [r for r in reasons if r]
        if reasons:
            raise KelolaError(" ".join(reasons), code=ErrorCode.INVALID, errors={"tickets": reasons})
        new = [pk for pk in ids if found[pk].problem_id != stored.pk]
        if new:
            Ticket.objects.filter(pk__in=new).update(problem=stored)
            _record_links(stored, new, actor, linked=True)
    return new


def unlink_incidents(problem: Problem, tickets, *, actor) -> list[int]:
    """Unlink tickets from the problem; refused for tickets not linked to it."""
    ids = _ticket_ids(tickets)
    with refusals_logged(actor, "change", problem), transaction.atomic():
        stored = Problem.objects.select_for_update().get(pk=problem.pk)
        ensure(actor, "change", stored)
        linked = set(Ticket.objects.filter(pk__in=ids, problem=stored).values_list("pk", flat=True))
        reasons = [
            _("Tiket #%(n)s tidak terkait dengan masalah ini.") % {"n": pk} for pk in ids if pk not in linked
        ]
        if reasons or not ids:
            reasons = reasons or [_("Pilih paling sedikit satu tiket.")]
            raise KelolaError(" ".join(reasons), errors={"tickets": reasons})
        Ticket.objects.filter(pk__in=ids).update(problem=None)
        _record_links(stored, ids, actor, linked=False)
    return ids


def _record_links(problem, ids, actor, *, linked: bool) -> None:
    """Bulk updates skip the save signals: one entry on the problem, one on each ticket."""
    key = "incidents_linked" if linked else "incidents_unlinked"
    audit.record("update", problem, actor=actor, changes={key: ids})
    for ticket in Ticket.objects.filter(pk__in=ids).only("pk", "pemda_id"):
        before, after = (None, problem.pk) if linked else (problem.pk, None)
        audit.record("update", ticket, actor=actor, changes={"problem_id": [before, after]})


# --- candidates -----------------------------------------------------------------------------


@dataclass
class Candidate:
    """A group of recurring incidents not yet linked to any problem."""

    service: object
    system: object
    count: int
    latest: datetime.datetime
    ticket_ids: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{getattr(self.service, 'pk', '')}:{getattr(self.system, 'pk', '')}"


def _unlinked_incidents(pemda, days: int, now=None):
    since = (now or timezone.now()) - datetime.timedelta(days=days)
    return Ticket.objects.filter(
        pemda=pemda, kind=TicketKind.INCIDENT, problem__isnull=True, created_at__gte=since
    )


def candidates(pemda, days: int = 30, minimum: int = 3, *, now=None) -> list[Candidate]:
    """Incidents of the last `days` days not linked to any problem, grouped by (service,
    system); groups of at least `minimum` tickets, newest first, with their ticket ids."""
    from kelola.portfolio.models import ElectronicSystem

    from .models import Service

    base = _unlinked_incidents(pemda, days, now)
    groups = list(
        base.values("service_id", "system_id")
        .annotate(n=Count("pk"), latest=Max("created_at"))
        .filter(n__gte=minimum)
        .order_by("-latest", "service_id", "system_id")
    )
    if not groups:
        return []
    services = Service.objects.in_bulk({g["service_id"] for g in groups})
    systems = ElectronicSystem.objects.in_bulk({g["system_id"] for g in groups if g["system_id"]})
    result = {
        (g["service_id"], g["system_id"]): Candidate(
            service=services.get(g["service_id"]),
            system=systems.get(g["system_id"]),
            count=g["n"],
            latest=g["latest"],
        )
        for g in groups
    }
    rows = (
        base.filter(service_id__in={g["service_id"] for g in groups})
        .order_by("-created_at", "-pk")
        .values_list("pk", "service_id", "system_id", "title")
    )
    for pk, service_id, system_id, title in rows:
        group = result.get((service_id, system_id))
        if group is not None:
            group.ticket_ids.append(pk)
            if title not in group.titles and len(group.titles) < 3:
                group.titles.append(title)
    return list(result.values())


def problem_from_candidates(
    *, actor, pemda, service, system=None, days: int = 30, title: str = "", description: str = ""
) -> Problem:
    """Create a problem for the candidate group (service, system) and link its tickets, in
    one transaction: nothing is created when a ticket cannot be linked."""
    ids = list(
        _unlinked_incidents(pemda, days)
        .filter(service=service, system=system)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        raise KelolaError(_("Tidak ada insiden berulang yang belum terkait untuk kelompok ini."))
    subject = f"{service} / {system}" if system is not None else str(service)
    title = title or (_("Insiden berulang: %(subject)s") % {"subject": subject})[:200]
    description = description or _(
        "Dibuat dari %(n)s insiden berulang dalam %(days)s hari terakhir yang belum terkait masalah."
    ) % {"n": len(ids), "days": days}
    with transaction.atomic():
        problem = problem_create(
            actor=actor, pemda=pemda, title=title, description=description, service=service, system=system
        )
        link_incidents(problem, ids, actor=actor)
    return problem
