"""Penitipan aplikasi (DC-1): the procedure of 004 Lampiran IV 1.1.1 as one workflow, with
002 Ps.33-34 (every OPD places its applications and servers in the data center; an OPD with
its own standard data center places its backup system there instead).

Colocation (server and application; also a backup system):
  submitted → reviewed → physical_check → recommendation → setup (2 x 24 h, up to three
  reminder letters) → placement → app_check → app_decision → install → addressing → completed
Hosting (an application only): submitted → reviewed → app_check → app_decision → install →
  addressing → completed
The GCIO approves or rejects at `recommendation` and `app_decision`; a rejection carries its
reasons in a letter. The OPD may withdraw while the request waits for review.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core import audit, notifications
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.queries import users_with_roles
from kelola.core.roles import AGENCY_ROLES, Role
from kelola.core.services import as_refusal, ensure, refusals_logged, validate_new
from kelola.core.workflow import Transition, Workflow, perform

from . import letters
from .choices import APPLICATION_ITEMS, PHYSICAL_ITEMS, CheckItem, HostingKind, stage_of
from .choices import HostingStatus as S
from .models import HostingCheck, HostingRequest
from .policies import DATACENTER_TEAM, LEADERS

#: The vendor's time to set the server up, and each reminder's new window (SOP: "2 x 24 jam").
SETUP_WINDOW = datetime.timedelta(hours=48)
#: The SOP sends the notice at most three times ("sebanyak 3x").
MAX_REMINDERS = 3
#: Told of a new application in the data center (SOP: help desk, IT support, infrastructure).
NEW_APP_ROLES = frozenset({Role.HELPDESK, Role.IT_SUPPORT, Role.INFRASTRUCTURE})


def team(request):
    return list(users_with_roles(request.pemda_id, DATACENTER_TEAM))


def leaders(request):
    return list(users_with_roles(request.pemda_id, LEADERS))


def requester(request):
    agency_people = users_with_roles(request.pemda_id, AGENCY_ROLES, agency_id=request.agency_id)
    return [request.requested_by, *agency_people]


def _requester_and_team(request):
    return requester(request) + team(request)


def _missing_checks(items):
    def check(request) -> list[str]:
        done = set(request.checks.values_list("item", flat=True))
        return [str(CheckItem(item).label) for item in items if item not in done]

    return check


def _server_specs_missing(request) -> list[str]:
    missing = []
    if not request.u_height:
        missing.append(str(_("tinggi server (U)")))
    if not request.power_watt:
        missing.append(str(_("daya server (watt)")))
    return missing


def _backup_is_a_server(request) -> list[str]:
    if request.kind == HostingKind.BACKUP:
        return [str(_("sistem cadangan adalah server: klasifikasikan sebagai kolokasi"))]
    return []


def _to_colocation(request, actor):
    if request.kind == HostingKind.HOSTING:
        request.kind = HostingKind.COLOCATION


def _to_hosting(request, actor):
    request.kind = HostingKind.HOSTING


def _decided(request, actor):
    request.decided_by = actor
    request.decided_at = timezone.now()


def _approved(request, actor):
    _decided(request, actor)
    request.setup_deadline = timezone.now() + SETUP_WINDOW


def _setup_done(request, actor):
    request.setup_done_at = timezone.now()


def _completed(request, actor):
    request.completed_at = timezone.now()


def _has_addresses(request) -> list[str]:
    return [] if request.addresses.exists() else [str(_("alamat IP"))]


T = Transition
TEAM, OPD = DATACENTER_TEAM, AGENCY_ROLES
HOSTING = Workflow(
    transitions=(
        T("review", gettext_lazy("Catat hasil pengkajian"), (S.SUBMITTED,), S.REVIEWED,
          pemda_roles=TEAM, required_fields=("review_note",)),
        T("classify_server", gettext_lazy("Klasifikasikan: kolokasi (server dan aplikasi)"), (S.REVIEWED,),
          S.PHYSICAL_CHECK, pemda_roles=TEAM, check=_server_specs_missing, apply=_to_colocation),
        T("classify_app", gettext_lazy("Klasifikasikan: hosting (aplikasi saja)"), (S.REVIEWED,),
          S.APP_CHECK, pemda_roles=TEAM, check=_backup_is_a_server, apply=_to_hosting),
        T("report_physical", gettext_lazy("Laporkan hasil pemeriksaan fisik ke pimpinan"),
          (S.PHYSICAL_CHECK,), S.RECOMMENDATION, pemda_roles=TEAM, check=_missing_checks(PHYSICAL_ITEMS),
          notify=leaders),
        T("approve", gettext_lazy("Setujui penitipan (rekomendasi pimpinan)"), (S.RECOMMENDATION,),
          S.SETUP, pemda_roles=LEADERS, apply=_approved, notify=_requester_and_team),
        T("setup_done", gettext_lazy("Setting server selesai"), (S.SETUP,), S.PLACEMENT,
          pemda_roles=TEAM, agency_roles=OPD, apply=_setup_done, notify=_requester_and_team),
        T("place", gettext_lazy("Tempatkan server di rak"), (S.PLACEMENT,), S.APP_CHECK,
          pemda_roles=TEAM, required_fields=("device",), notify=requester),
        T("report_app", gettext_lazy("Laporkan hasil pemeriksaan aplikasi ke pimpinan"), (S.APP_CHECK,),
          S.APP_DECISION, pemda_roles=TEAM, check=_missing_checks(APPLICATION_ITEMS), notify=leaders),
        T("approve_app", gettext_lazy("Setujui aplikasi"), (S.APP_DECISION,), S.INSTALL,
          pemda_roles=LEADERS, apply=_decided, notify=_requester_and_team),
        T("reject", gettext_lazy("Tolak dengan alasan"), (S.RECOMMENDATION, S.APP_DECISION), S.REJECTED,
          pemda_roles=LEADERS, required_fields=("decision_reason",), apply=_decided, notify=requester),
        T("install", gettext_lazy("Aplikasi terpasang"), (S.INSTALL,), S.ADDRESSING,
          pemda_roles=TEAM, required_fields=("device",), notify=requester),
        T("assign_ip", gettext_lazy("Tetapkan alamat IP dan selesaikan"), (S.ADDRESSING,), S.COMPLETED,
          pemda_roles=TEAM, check=_has_addresses, apply=_completed),
        T("withdraw", gettext_lazy("Tarik permintaan"), (S.SUBMITTED, S.REVIEWED), S.WITHDRAWN,
          agency_roles=OPD),
    )
)  # fmt: skip


def validated(obj, data: dict) -> None:
    """`validate_new`, its field errors turned into a refusal (logged, shown by field)."""
    from django.core.exceptions import ValidationError

    try:
        validate_new(obj, data)
    except ValidationError as exc:
        raise as_refusal(exc) from exc


def backup_allowed(agency) -> bool:
    """002 Ps.34(1): only an OPD running its own data center that meets the standard places a
    backup system here (without one, Ps.34(2): all its equipment comes here)."""
    from kelola.datacenter.models import DataCenter

    return DataCenter.objects.filter(agency=agency, meets_standard=True).exists()


def request_create(
    *,
    actor,
    agency,
    kind: str,
    system,
    letter_number: str,
    letter_date,
    purpose: str = "",
    vendor: str = "",
    server_brand: str = "",
    serial_number: str = "",
    u_height=None,
    power_watt=None,
    operating_system: str = "",
    letter_file=None,
) -> HostingRequest:
    """An OPD files its request letter (with the scanned letter attached); the team is told."""
    data = dict(
        pemda_id=agency.pemda_id,
        agency=agency,
        kind=kind,
        system=system,
        letter_number=(letter_number or "").strip(),
        letter_date=letter_date,
        purpose=(purpose or "").strip(),
        vendor=vendor,
        server_brand=server_brand,
        serial_number=serial_number,
        u_height=u_height,
        power_watt=power_watt,
        operating_system=operating_system,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    request = HostingRequest(**data)
    with refusals_logged(actor, "add", request, HostingRequest), transaction.atomic():
        ensure(actor, "add", request)
        _check_new(request)
        validated(request, data)
        with audit.audit_context(actor=actor):
            request.save()
        if letter_file is not None:
            from kelola.core.documents import attach_document
            from kelola.core.models import DocumentKind

            attach_document(
                actor=actor,
                target=request,
                upload=letter_file,
                title=_("Surat permintaan %(number)s") % {"number": request.letter_number},
                kind=DocumentKind.LETTER,
            )
        recipients = team(request)
        notifications.notify(
            recipients,
            kind="hosting.request",
            title=_("Permintaan penitipan aplikasi dari %(agency)s") % {"agency": agency},
            body=f"{request.get_kind_display()}: {request.system}",
            url=request.get_absolute_url(),
            pemda_id=agency.pemda_id,
        )
    return request


def _check_new(request: HostingRequest) -> None:
    if request.system.pemda_id != request.pemda_id or request.system.agency_id != request.agency_id:
        message = _("Pilih sistem elektronik milik perangkat daerah pemohon.")
        raise KelolaError(message, errors={"system": [message]})
    if request.kind == HostingKind.BACKUP and not backup_allowed(request.agency):
        message = _(
            "Penempatan sistem cadangan hanya bagi perangkat daerah yang memiliki pusat data sendiri "
            "yang memenuhi standar (002 Ps.34 ayat 1). Perangkat daerah lain menempatkan seluruh "
            "perangkatnya di Data Center (Ps.34 ayat 2): ajukan kolokasi atau hosting."
        )
        raise KelolaError(message, code=ErrorCode.RULE_VIOLATION, errors={"kind": [message]})
    if request.carries_server and request.kind == HostingKind.COLOCATION and not request.server_brand.strip():
        message = _("Untuk kolokasi, isi merek/model server yang akan dititipkan.")
        raise KelolaError(message, errors={"server_brand": [message]})


# --- steps with data ---------------------------------------------------------------------------


def check_record(request: HostingRequest, *, actor, item: str, passed: bool, note: str = "") -> HostingCheck:
    """Record (or correct) one check's result while its stage is open."""
    with refusals_logged(actor, "check", request), transaction.atomic():
        stored = HostingRequest.objects.select_for_update().get(pk=request.pk)
        ensure(actor, "check", stored)
        if item not in CheckItem.values:
            raise KelolaError(_("Pemeriksaan tidak dikenal."), errors={"item": [_("Pilihan tidak sah.")]})
        open_items = {S.PHYSICAL_CHECK: PHYSICAL_ITEMS, S.APP_CHECK: APPLICATION_ITEMS}.get(stored.status, ())
        if item not in open_items:
            raise KelolaError(
                _("Pemeriksaan “%(item)s” tidak dapat dicatat pada status “%(state)s”.")
                % {"item": CheckItem(item).label, "state": stored.get_status_display()},
                code=ErrorCode.TRANSITION_NOT_ALLOWED,
            )
        row = HostingCheck.objects.filter(request=stored, item=item).first()
        if row is None:
            row = HostingCheck(
                request=stored,
                pemda_id=stored.pemda_id,
                agency_id=stored.agency_id,
                item=item,
                stage=stage_of(item),
            )
        row.passed = bool(passed)
        row.note = (note or "").strip()
        row.checked_by = actor
        row.full_clean()
        with audit.audit_context(actor=actor):
            row.save()
    return row


def place(request: HostingRequest, *, actor, rack, position: int, name: str = "", comment: str = ""):
    """Move the OPD's set-up server into a rack (the data center's own device register)."""
    from kelola.datacenter import services as dc
    from kelola.datacenter.choices import DeviceKind, DeviceOrigin, DeviceStatus

    with refusals_logged(actor, "place", request), transaction.atomic():
        _may(actor, "place", request)
        device = dc.device_create(
            actor=actor,
            pemda=request.pemda,
            agency=request.agency,
            name=(name or f"srv-{request.system.internal_name}")[:100],
            kind=DeviceKind.SERVER,
            status=DeviceStatus.ACTIVE,
            origin=DeviceOrigin.BACKUP if request.kind == HostingKind.BACKUP else DeviceOrigin.COLOCATION,
            rack=rack,
            position=position,
            u_height=request.u_height or 1,
            power_draw_watt=request.power_watt or 0,
            serial_number=request.serial_number,
            operating_system=request.operating_system,
            description=f"{request.server_brand} — {request}",
            systems=[request.system],
        )
        return perform(HOSTING, request, "place", actor=actor, comment=comment, changes={"device": device})


def install(request: HostingRequest, *, actor, host=None, vm=None, name: str = "", comment: str = ""):
    """Install the application: on the placed server (colocation), or on a data-center VM
    (hosting) — an existing one, or a new one created on `host`."""
    from kelola.datacenter import services as dc
    from kelola.datacenter.choices import DeviceKind, DeviceOrigin

    with refusals_logged(actor, "install", request), transaction.atomic():
        _may(actor, "install", request)
        device = request.device
        if request.kind == HostingKind.HOSTING:
            if vm is not None:
                if vm.kind != DeviceKind.VM or vm.pemda_id != request.pemda_id:
                    message = _("Pilih VM pusat data di pemda yang sama.")
                    raise KelolaError(message, errors={"vm": [message]})
                device = vm
            elif host is not None:
                device = dc.device_create(
                    actor=actor,
                    pemda=request.pemda,
                    agency=request.agency,
                    name=(name or f"vm-{request.system.internal_name}")[:100],
                    kind=DeviceKind.VM,
                    origin=DeviceOrigin.HOSTING,
                    host=host,
                    operating_system=request.operating_system,
                    description=str(request),
                    systems=[request.system],
                )
            else:
                message = _("Pilih VM yang ada atau host untuk VM baru.")
                raise KelolaError(message, errors={"vm": [message]})
        if device is not None:
            _link_system(device, request.system, actor)
        return perform(HOSTING, request, "install", actor=actor, comment=comment, changes={"device": device})


def _link_system(device, system, actor) -> None:
    from kelola.datacenter import services as dc

    current = list(device.systems.all())
    if system not in current:
        dc.device_update(device, actor=actor, systems=[*current, system])


def assign_addresses(request: HostingRequest, *, actor, prefixes, comment: str = ""):
    """Allocate the next free address of each chosen prefix (public and/or local) to the
    device, system and OPD, finish the request, and tell the OPD, the help desk, IT support and
    infrastructure that a new application runs in the data center."""
    from kelola.network.services import next_free

    prefixes = [p for p in prefixes if p is not None]
    with refusals_logged(actor, "assign_ip", request), transaction.atomic():
        _may(actor, "assign_ip", request)
        if not prefixes:
            message = _("Pilih paling sedikit satu prefiks (publik atau lokal).")
            raise KelolaError(message, errors={"prefixes": [message]})
        device = request.device
        addresses = [
            next_free(
                prefix,
                actor=actor,
                agency=request.agency,
                system=request.system,
                device=device,
                assigned_to=device.name if device else "",
                description=str(_("Penitipan aplikasi %(system)s") % {"system": request.system})[:300],
            )
            for prefix in prefixes
        ]
        stored = HostingRequest.objects.get(pk=request.pk)
        stored.addresses.add(*addresses)
        done = perform(HOSTING, request, "assign_ip", actor=actor, comment=comment)
        _announce_new_application(done, addresses)
    return done


def _announce_new_application(request, addresses) -> None:
    listed = ", ".join(f"{ip.address} ({ip.prefix.get_scope_display().lower()})" for ip in addresses)
    body = _("%(system)s milik %(agency)s terpasang di %(device)s, alamat %(addresses)s.") % {
        "system": request.system,
        "agency": request.agency,
        "device": request.device or "—",
        "addresses": listed,
    }
    url = request.get_absolute_url()
    opd = requester(request)
    staff = list(users_with_roles(request.pemda_id, NEW_APP_ROLES))
    notifications.notify_many(
        [
            (opd, dict(kind="hosting.completed", title=_("Aplikasi Anda telah terpasang"), body=body, url=url,
                       pemda_id=request.pemda_id)),
            (staff, dict(kind="hosting.new_app", title=_("Aplikasi baru di Data Center"), body=body, url=url,
                         pemda_id=request.pemda_id)),
        ]
    )  # fmt: skip


def _may(actor, name: str, request) -> None:
    step = HOSTING.get(name)
    if not HOSTING.may_take(actor, step, request):
        raise KelolaError(_("Anda tidak berwenang mengambil langkah ini."), code=ErrorCode.FORBIDDEN)
    if request.status not in step.sources:
        raise KelolaError(
            _("Langkah “%(step)s” tidak dapat diambil dari status “%(state)s”.")
            % {"step": step.label, "state": request.get_status_display()},
            code=ErrorCode.TRANSITION_NOT_ALLOWED,
        )


# --- the one entry point of the buttons and the API ------------------------------------------


def request_transition(request: HostingRequest, name: str, *, actor, comment: str = "", **params):
    """Take step `name`; `params` carry what the step needs (rack, position, host, vm, prefixes,
    u_height, power_watt)."""
    comment = (comment or "").strip()
    if name == "review":
        return perform(HOSTING, request, name, actor=actor, comment=comment, changes={"review_note": comment})
    if name == "classify_server":
        changes = {k: params[k] for k in ("u_height", "power_watt") if params.get(k)}
        return perform(HOSTING, request, name, actor=actor, comment=comment, changes=changes)
    if name in {"approve", "approve_app", "reject"}:
        return _decide(request, name, actor=actor, comment=comment)
    if name == "place":
        return place(
            request, actor=actor, rack=params.get("rack"), position=params.get("position"),
            name=params.get("device_name", ""), comment=comment,
        )  # fmt: skip
    if name == "install":
        return install(
            request, actor=actor, host=params.get("host"), vm=params.get("vm"),
            name=params.get("device_name", ""), comment=comment,
        )  # fmt: skip
    if name == "assign_ip":
        return assign_addresses(request, actor=actor, prefixes=params.get("prefixes") or [], comment=comment)
    return perform(HOSTING, request, name, actor=actor, comment=comment)


def _decide(request, name: str, *, actor, comment: str):
    """The leadership's decision and its signed letter, in one transaction."""
    changes = {"decision_reason": comment} if name == "reject" else {}
    if name == "approve":
        changes = {"recommendation": comment}
    with refusals_logged(actor, name, request), transaction.atomic():
        decided = perform(HOSTING, request, name, actor=actor, comment=comment, changes=changes)
        issue = {
            "approve": letters.approval_letter,
            "approve_app": letters.app_approval_letter,
            "reject": letters.rejection_letter,
        }[name]
        issue(decided, actor)
    return decided


def waiting_q(user):
    """Requests whose next step is the user's (the dashboard's "waiting on me"): the team's
    technical steps, the leadership's decisions, and the OPD's setup of its server."""
    from django.db.models import Q

    from kelola.core.access import actor_for

    actor = actor_for(user)
    condition = Q(pk__in=[])
    for step in HOSTING.transitions:
        if step.name in {"withdraw", "reject", "setup_done"}:
            continue  # covered by their twin step, or the vendor's (below)
        pemdas = actor.pemdas_with(step.pemda_roles)
        if pemdas:
            condition |= Q(pemda_id__in=pemdas, status__in=step.sources)
    agencies = actor.agencies_with(AGENCY_ROLES)
    if agencies:
        condition |= Q(agency_id__in=agencies, status=S.SETUP)
    return condition
