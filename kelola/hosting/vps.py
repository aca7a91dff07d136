"""VPS for OPDs that cannot run their own server (DC-2, 001 Ps.9(4)-(5)): the OPD asks with
the specifications it needs; the data-center team (or the GCIO) approves or rejects with a
reason; the team provisions a VM with an address and hands access over; the OPD renews before
the period ends. An OPD deemed Mandiri TIK runs its own servers and is refused.

States: submitted → approved → provisioned ⇄ expired → terminated; submitted → rejected /
withdrawn. A renewal is its own small request; once approved the expiry moves on.
"""

from __future__ import annotations

import calendar
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core import audit, notifications
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.queries import users_with_roles
from kelola.core.roles import AGENCY_ROLES
from kelola.core.services import ensure, refusals_logged
from kelola.core.workflow import Transition, Workflow, perform

from .choices import RenewalStatus as R
from .choices import VpsStatus as S
from .hosting import validated
from .models import VpsRenewal, VpsRequest
from .policies import DATACENTER_TEAM, LEADERS

#: The OPD is reminded this many days before its VPS expires.
EXPIRY_WARNING_DAYS = 30
DECIDERS = DATACENTER_TEAM | LEADERS


def add_months(day: datetime.date, months: int) -> datetime.date:
    """add_months(date(2026, 1, 31), 1) → date(2026, 2, 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def requester(vps):
    people = users_with_roles(vps.pemda_id, AGENCY_ROLES, agency_id=vps.agency_id)
    return [vps.requested_by, *people]


def team(vps):
    return list(users_with_roles(vps.pemda_id, DATACENTER_TEAM))


def _decided(row, actor):
    row.decided_by = actor
    row.decided_at = timezone.now()


VPS = Workflow(
    transitions=(
        Transition("approve", gettext_lazy("Setujui"), (S.SUBMITTED,), S.APPROVED, pemda_roles=DECIDERS,
                   apply=_decided, notify=lambda v: requester(v) + team(v)),
        Transition("reject", gettext_lazy("Tolak dengan alasan"), (S.SUBMITTED,), S.REJECTED,
                   pemda_roles=DECIDERS, required_fields=("decision_reason",), apply=_decided,
                   notify=requester),
        Transition("withdraw", gettext_lazy("Tarik permintaan"), (S.SUBMITTED,), S.WITHDRAWN,
                   agency_roles=AGENCY_ROLES),
        Transition("provision", gettext_lazy("Sediakan VM"), (S.APPROVED,), S.PROVISIONED,
                   pemda_roles=DATACENTER_TEAM, required_fields=("device", "expires_on"), notify=requester),
        Transition("renew", gettext_lazy("Perpanjang"), (S.PROVISIONED, S.EXPIRED), S.PROVISIONED,
                   pemda_roles=DATACENTER_TEAM, required_fields=("expires_on",)),
        Transition("terminate", gettext_lazy("Hentikan VPS"), (S.PROVISIONED, S.EXPIRED), S.TERMINATED,
                   pemda_roles=DATACENTER_TEAM, comment_required=True, notify=requester),
    )
)  # fmt: skip

RENEWAL = Workflow(
    transitions=(
        Transition("approve", gettext_lazy("Setujui perpanjangan"), (R.SUBMITTED,), R.APPROVED,
                   pemda_roles=DATACENTER_TEAM, apply=_decided),
        Transition("reject", gettext_lazy("Tolak perpanjangan"), (R.SUBMITTED,), R.REJECTED,
                   pemda_roles=DATACENTER_TEAM, required_fields=("decision_reason",), apply=_decided,
                   notify=lambda r: requester(r.vps)),
    )
)  # fmt: skip


def vps_create(
    *,
    actor,
    agency,
    purpose: str,
    vcpus: int,
    memory_gb: int,
    storage_gb: int,
    operating_system: str,
    period_months: int = 12,
    system=None,
) -> VpsRequest:
    """An OPD without its own server asks for a VPS; the data-center team is told."""
    data = dict(
        pemda_id=agency.pemda_id,
        agency=agency,
        purpose=(purpose or "").strip(),
        vcpus=vcpus,
        memory_gb=memory_gb,
        storage_gb=storage_gb,
        operating_system=(operating_system or "").strip(),
        period_months=period_months,
        system=system,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    vps = VpsRequest(**data)
    with refusals_logged(actor, "add", vps, VpsRequest), transaction.atomic():
        ensure(actor, "add", vps)
        if agency.it_self_reliant:
            message = _(
                "%(agency)s adalah Perangkat Daerah Mandiri TIK yang mengadakan dan mengelola server "
                "sendiri (001 Ps.9 ayat 4); VPS disediakan bagi perangkat daerah yang belum dapat "
                "mengadakan server sendiri (Ps.9 ayat 5)."
            ) % {"agency": agency.name}
            raise KelolaError(message, code=ErrorCode.RULE_VIOLATION, errors={"agency": [message]})
        if system is not None and (system.pemda_id != agency.pemda_id or system.agency_id != agency.pk):
            message = _("Pilih sistem elektronik milik perangkat daerah pemohon.")
            raise KelolaError(message, errors={"system": [message]})
        validated(vps, data)
        with audit.audit_context(actor=actor):
            vps.save()
        recipients = team(vps)
        notifications.notify(
            recipients,
            kind="hosting.vps_request",
            title=_("Permintaan VPS dari %(agency)s") % {"agency": agency},
            body=vps.purpose[:500],
            url=vps.get_absolute_url(),
            pemda_id=agency.pemda_id,
        )
    return vps


def vps_provision(
    vps: VpsRequest,
    *,
    actor,
    host,
    name: str = "",
    prefix=None,
    handover_note: str = "",
    comment: str = "",
    today: datetime.date | None = None,
) -> VpsRequest:
    """Create the VM on `host`, give it the next free address of `prefix`, start the period."""
    from kelola.datacenter import services as dc
    from kelola.datacenter.choices import DeviceKind, DeviceOrigin
    from kelola.network.services import next_free

    today = today or timezone.localdate()
    with refusals_logged(actor, "provision", vps), transaction.atomic():
        step = VPS.get("provision")
        if not VPS.may_take(actor, step, vps):
            raise KelolaError(_("Anda tidak berwenang mengambil langkah ini."), code=ErrorCode.FORBIDDEN)
        if vps.status not in step.sources:
            raise KelolaError(
                _("VPS hanya disediakan setelah permintaan disetujui."), code=ErrorCode.TRANSITION_NOT_ALLOWED
            )
        if host is None:
            message = _("Pilih server host untuk VM.")
            raise KelolaError(message, errors={"host": [message]})
        vm = dc.device_create(
            actor=actor,
            pemda=vps.pemda,
            agency=vps.agency,
            name=(name or f"vps-{vps.agency.short_name or vps.agency.pk}-{vps.pk}").lower()[:100],
            kind=DeviceKind.VM,
            origin=DeviceOrigin.VPS,
            host=host,
            vcpus=vps.vcpus,
            memory_gb=vps.memory_gb,
            storage_gb=vps.storage_gb,
            operating_system=vps.operating_system,
            description=str(vps),
        )
        address = None
        if prefix is not None:
            address = next_free(
                prefix, actor=actor, agency=vps.agency, system=vps.system, device=vm, assigned_to=vm.name,
                description=str(vps),
            )  # fmt: skip
        changes = {
            "device": vm,
            "address": address,
            "provisioned_at": timezone.now(),
            "expires_on": add_months(today, vps.period_months),
            "handover_note": (handover_note or "").strip(),
        }
        return perform(VPS, vps, "provision", actor=actor, comment=comment, changes=changes)


def vps_transition(vps: VpsRequest, name: str, *, actor, comment: str = "", **params) -> VpsRequest:
    """The one entry point of the VPS page's buttons and the API's transition action."""
    comment = (comment or "").strip()
    if name == "provision":
        return vps_provision(
            vps, actor=actor, host=params.get("host"), name=params.get("device_name", ""),
            prefix=params.get("prefix"), handover_note=params.get("handover_note", ""), comment=comment,
        )  # fmt: skip
    if name == "renew":
        raise KelolaError(
            _("Perpanjangan diajukan oleh perangkat daerah dan diputuskan lewat permintaan perpanjangan."),
            code=ErrorCode.TRANSITION_NOT_ALLOWED,
        )
    changes = {"decision_reason": comment} if name == "reject" else {}
    return perform(VPS, vps, name, actor=actor, comment=comment, changes=changes)


# --- renewals ----------------------------------------------------------------------------------


def renewal_create(vps: VpsRequest, *, actor, months: int, reason: str) -> VpsRenewal:
    """The OPD asks to extend its active (or just expired) VPS."""
    data = dict(
        vps=vps,
        pemda_id=vps.pemda_id,
        agency_id=vps.agency_id,
        months=months,
        reason=(reason or "").strip(),
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    renewal = VpsRenewal(**data)
    with refusals_logged(actor, "add", renewal, VpsRenewal), transaction.atomic():
        stored = VpsRequest.objects.select_for_update().get(pk=vps.pk)
        ensure(actor, "add", renewal)
        if stored.status not in (S.PROVISIONED, S.EXPIRED):
            raise KelolaError(
                _("Hanya VPS yang aktif atau baru kedaluwarsa yang dapat diperpanjang."),
                code=ErrorCode.TRANSITION_NOT_ALLOWED,
            )
        validated(renewal, data)
        with audit.audit_context(actor=actor):
            renewal.save()
        recipients = team(stored)
        notifications.notify(
            recipients,
            kind="hosting.vps_renewal",
            title=_("Permintaan perpanjangan %(vps)s") % {"vps": stored},
            body=renewal.reason[:500],
            url=stored.get_absolute_url(),
            pemda_id=stored.pemda_id,
        )
    return renewal


def renewal_decide(
    renewal: VpsRenewal, *, actor, approve: bool, comment: str = "", today: datetime.date | None = None
) -> VpsRenewal:
    """Approve (the VPS then runs `months` longer, from its expiry or from today if it already
    lapsed) or reject with a reason."""
    today = today or timezone.localdate()
    comment = (comment or "").strip()
    name = "approve" if approve else "reject"
    with refusals_logged(actor, f"renewal_{name}", renewal), transaction.atomic():
        if not approve:
            return perform(
                RENEWAL, renewal, "reject", actor=actor, comment=comment, changes={"decision_reason": comment}
            )
        vps = VpsRequest.objects.select_for_update().get(pk=renewal.vps_id)
        start = max(vps.expires_on or today, today)
        new_expiry = add_months(start, renewal.months)
        decided = perform(
            RENEWAL, renewal, "approve", actor=actor, comment=comment,
            changes={"new_expires_on": new_expiry, "decision_reason": comment},
        )  # fmt: skip
        perform(
            VPS, vps, "renew", actor=actor, comment=comment or str(decided),
            changes={"expires_on": new_expiry, "expiry_reminded_on": None},
        )  # fmt: skip
        recipients = requester(vps)
        notifications.notify(
            recipients,
            kind="hosting.vps_renewed",
            title=_("%(vps)s diperpanjang") % {"vps": vps},
            body=_("Berlaku sampai %(date)s.") % {"date": new_expiry.strftime("%d-%m-%Y")},
            url=vps.get_absolute_url(),
            pemda_id=vps.pemda_id,
        )
    return decided


# --- the schedule -------------------------------------------------------------------------------


def expiry_scan(today: datetime.date | None = None) -> dict:
    """Every morning: remind the OPD (and the team) once when its VPS has 30 days left, and
    switch every VPS past its date to "expired" (no person acts: the audit entry says why)."""
    today = today or timezone.localdate()
    reminded = 0
    due = VpsRequest.objects.filter(
        status=S.PROVISIONED,
        expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
        expiry_reminded_on__isnull=True,
    ).select_related("agency")
    for vps in due:
        with transaction.atomic(), audit.audit_context(comment=_("Pengingat masa berlaku VPS")):
            vps.expiry_reminded_on = today
            vps.save(update_fields=["expiry_reminded_on", "updated_at"])
            notifications.notify(
                requester(vps) + team(vps),
                kind="hosting.vps_expiry",
                title=_("%(vps)s %(agency)s berakhir %(date)s")
                % {"vps": vps, "agency": vps.agency, "date": vps.expires_on.strftime("%d-%m-%Y")},
                body=_("Ajukan perpanjangan sebelum tanggal tersebut bila VPS masih dipakai."),
                url=vps.get_absolute_url(),
                pemda_id=vps.pemda_id,
            )
        reminded += 1
    expired = 0
    for vps in VpsRequest.objects.filter(status=S.PROVISIONED, expires_on__lt=today):
        with transaction.atomic(), audit.audit_context(comment=_("Lewat masa berlaku")):
            vps.status = S.EXPIRED
            vps.save(update_fields=["status", "updated_at"])
            _expired_timeline(vps)
            notifications.notify(
                requester(vps) + team(vps),
                kind="hosting.vps_expired",
                title=_("%(vps)s telah kedaluwarsa") % {"vps": vps},
                body=_("Ajukan perpanjangan agar VPS tidak dihentikan."),
                url=vps.get_absolute_url(),
                pemda_id=vps.pemda_id,
            )
        expired += 1
    return {"reminded": reminded, "expired": expired}


def _expired_timeline(vps) -> None:
    from django.contrib.contenttypes.models import ContentType

    from kelola.core.models import TimelineEvent

    TimelineEvent.objects.create(
        pemda_id=vps.pemda_id,
        content_type=ContentType.objects.get_for_model(vps),
        object_id=str(vps.pk),
        actor_name=str(_("Sistem")),
        verb="expire",
        label=str(_("Kedaluwarsa")),
        from_state=S.PROVISIONED,
        to_state=S.EXPIRED,
    )


def waiting_q(user):
    """VPS requests whose next step is the user's (for the dashboard)."""
    from django.db.models import Q

    from kelola.core.access import actor_for

    actor = actor_for(user)
    team_pemdas = actor.pemdas_with(DATACENTER_TEAM)
    decider_pemdas = actor.pemdas_with(DECIDERS)
    return (
        Q(pemda_id__in=decider_pemdas, status=S.SUBMITTED)
        | Q(pemda_id__in=team_pemdas, status=S.APPROVED)
        | Q(pemda_id__in=team_pemdas, renewals__status=R.SUBMITTED)
    )
