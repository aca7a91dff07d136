"""Write paths of the ICT asset register (ASSET-1, ASSET-2): assets, licences and their seats,
maintenance schedules and records. Every function checks permission, validates, writes and
audits in one transaction (`kelola.core.services`)."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.choices import Classification
from kelola.core.documents import document_upload
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency, Document, DocumentKind
from kelola.core.notifications import notify
from kelola.core.queries import users_with_roles
from kelola.core.roles import AGENCY_MANAGERS, Role
from kelola.core.services import create_row, delete_row, ensure, refusals_logged, update_row

from .choices import AssetStatus, LanReportKind
from .models import (
    Asset,
    LanDiagram,
    Licence,
    LicenceAssignment,
    MaintenanceRecord,
    MaintenanceSchedule,
    add_months,
)

#: Statuses an asset may be registered with (existing inventory is usually already in use);
#: disposal is always a lifecycle step, with its reason.
CREATABLE_STATUSES = (AssetStatus.PLANNED, AssetStatus.PROCURED, AssetStatus.IN_USE, AssetStatus.IN_REPAIR)
#: Set by the lifecycle only.
LIFECYCLE_FIELDS = ("status", "repair_count", "disposal_reason", "disposal_date")


# --- assets ---------------------------------------------------------------------------------


def asset_create(*, actor, agency: Agency, **data) -> Asset:
    data.pop("pemda", None)
    for name in ("repair_count", "disposal_reason", "disposal_date"):
        data.pop(name, None)
    status = data.setdefault("status", AssetStatus.PLANNED)
    if status not in CREATABLE_STATUSES:
        probe = Asset(pemda=agency.pemda, agency=agency)
        with refusals_logged(actor, "add", probe, Asset):
            raise KelolaError(
                _(
                    "Aset baru tidak dapat langsung berstatus dihapuskan; "
                    "catat dulu, lalu hapuskan dengan alasannya."
                ),
                errors={"status": [_("Pilih status selain dihapuskan.")]},
            )
    return create_row(Asset, actor=actor, pemda=agency.pemda, agency=agency, **data)


def asset_update(asset: Asset, *, actor, **data) -> Asset:
    """Edit an asset's data; its status changes only through the lifecycle. Moving it to
    another agency of the pemda moves its licence seats and maintenance with it."""
    data.pop("pemda", None)
    for name in LIFECYCLE_FIELDS:
        data.pop(name, None)
    with transaction.atomic():
        updated = update_row(asset, actor=actor, **data)
        for model in (LicenceAssignment, MaintenanceSchedule, MaintenanceRecord):
            model.objects.filter(asset=updated).exclude(agency_id=updated.agency_id).update(
                agency_id=updated.agency_id
            )
    return updated


def asset_delete(asset: Asset, *, actor) -> None:
    """Delete a row entered by mistake; an asset with maintenance records is disposed instead."""
    delete_row(asset, actor=actor)


# --- licences -------------------------------------------------------------------------------


def licence_create(*, actor, agency: Agency, **data) -> Licence:
    data.pop("pemda", None)
    return create_row(Licence, actor=actor, pemda=agency.pemda, agency=agency, **data)


def licence_update(licence: Licence, *, actor, **data) -> Licence:
    data.pop("pemda", None)
    with transaction.atomic():
        if "seats" in data and data["seats"] is not None:
            used = LicenceAssignment.objects.filter(licence=licence).count()
            if data["seats"] < used:
                with refusals_logged(actor, "change", licence):
                    raise KelolaError(
                        _("Jumlah seat tidak boleh kurang dari yang sudah terpakai (%(used)s).")
                        % {"used": used},
                        errors={"seats": [_("Sudah terpakai %(used)s seat.") % {"used": used}]},
                    )
        updated = update_row(licence, actor=actor, **data)
        LicenceAssignment.objects.filter(licence=updated).exclude(agency_id=updated.agency_id).update(
            agency_id=updated.agency_id
        )
    return updated


def licence_delete(licence: Licence, *, actor) -> None:
    delete_row(licence, actor=actor)


def seats_used(licence: Licence) -> int:
    return LicenceAssignment.objects.filter(licence=licence).count()


def licence_assign(
    licence: Licence,
    *,
    actor,
    asset: Asset | None = None,
    person=None,
    assigned_on: datetime.date | None = None,
) -> LicenceAssignment:
    """Give one seat of `licence` to an asset or a person. Refused beyond the licence's seats
    and after its expiry (002 Ps.44: software in use is legally licensed)."""
    with refusals_logged(actor, "change", licence), transaction.atomic():
        stored = Licence.objects.select_for_update().get(pk=licence.pk)
        ensure(actor, "change", stored)
        if (asset is None) == (person is None):
            raise KelolaError(
                _("Pilih aset atau pegawai yang menerima lisensi (salah satu)."),
                errors={"asset": [_("Pilih aset atau pegawai (salah satu).")]},
            )
        today = datetime.date.today()
        if stored.expiry_date and stored.expiry_date < today:
            raise KelolaError(
                _("Lisensi %(name)s sudah habis masa berlakunya sejak %(date)s.")
                % {"name": stored, "date": stored.expiry_date.strftime("%d-%m-%Y")},
                code=ErrorCode.CONFLICT,
                errors={"licence": [_("Masa berlaku lisensi sudah habis.")]},
            )
        used = LicenceAssignment.objects.filter(licence=stored).count()
        if stored.seats is not None and used >= stored.seats:
            raise KelolaError(
                _(
                    "Lisensi %(name)s sudah terpakai penuh: %(used)s dari %(seats)s seat. "
                    "Tambah jumlah seat atau lepaskan penugasan lain terlebih dahulu."
                )
                % {"name": stored, "used": used, "seats": stored.seats},
                code=ErrorCode.CONFLICT,
                errors={"licence": [_("Seat lisensi sudah habis.")]},
            )
        return create_row(
            LicenceAssignment,
            actor=actor,
            pemda_id=stored.pemda_id,
            agency_id=stored.agency_id,
            licence=stored,
            asset=asset,
            person=person,
            assigned_on=assigned_on or today,
        )


def licence_unassign(assignment: LicenceAssignment, *, actor) -> None:
    delete_row(assignment, actor=actor)


# --- maintenance ----------------------------------------------------------------------------


def schedule_create(asset: Asset, *, actor, task: str, interval_months: int, next_due=None, **data):
    """A recurring maintenance task; first due one interval after today unless given."""
    data.pop("asset", None)
    if next_due is None and interval_months:
        next_due = add_months(datetime.date.today(), int(interval_months))
    return create_row(
        MaintenanceSchedule,
        actor=actor,
        pemda_id=asset.pemda_id,
        agency_id=asset.agency_id,
        asset=asset,
        task=task,
        interval_months=interval_months,
        next_due=next_due,
        **data,
    )


def schedule_update(schedule: MaintenanceSchedule, *, actor, **data) -> MaintenanceSchedule:
    for name in ("asset", "pemda", "agency"):
        data.pop(name, None)
    return update_row(schedule, actor=actor, **data)


def schedule_delete(schedule: MaintenanceSchedule, *, actor) -> None:
    delete_row(schedule, actor=actor)


def record_add(
    asset: Asset, *, actor, schedule: MaintenanceSchedule | None = None, **data
) -> MaintenanceRecord:
    """Record maintenance done; when it fulfils a schedule, the schedule's next due date moves to
    one interval after the work."""
    data.pop("asset", None)
    if asset.status == AssetStatus.DISPOSED:
        with refusals_logged(actor, "add", asset):
            raise KelolaError(_("Aset yang sudah dihapuskan tidak dipelihara lagi."), code=ErrorCode.CONFLICT)
    with transaction.atomic():
        record = create_row(
            MaintenanceRecord,
            actor=actor,
            pemda_id=asset.pemda_id,
            agency_id=asset.agency_id,
            asset=asset,
            schedule=schedule,
            **data,
        )
        if schedule is not None:
            stored = MaintenanceSchedule.objects.select_for_update().get(pk=schedule.pk)
            following = add_months(record.date, stored.interval_months)
            if following > stored.next_due:
                stored.next_due = following
                with audit.audit_context(actor=actor):
                    stored.save(update_fields=["next_due", "updated_at"])
    return record


# --- LAN diagrams (ASSET-4) -----------------------------------------------------------------


def lan_diagram_upload(
    *,
    actor,
    agency: Agency,
    upload,
    effective_date: datetime.date,
    report_kind: str = LanReportKind.YEARLY,
    change_summary: str = "",
) -> LanDiagram:
    """File an OPD's LAN diagram (001 Ps.17): the yearly update, or a change report that says
    what changed. The file is stored as a core Document (its real type checked); the row and
    the document are written together or not at all. The IT office's infrastructure team is
    told of every filing."""
    change_summary = (change_summary or "").strip()
    probe = LanDiagram(
        pemda=agency.pemda,
        agency=agency,
        report_kind=report_kind,
        effective_date=effective_date,
        change_summary=change_summary,
    )
    with refusals_logged(actor, "add", probe, LanDiagram), transaction.atomic():
        ensure(actor, "add", probe)
        if report_kind == LanReportKind.CHANGE and not change_summary:
            raise KelolaError(
                _("Laporan perubahan wajib menjelaskan perubahan jaringan LAN."),
                errors={"change_summary": [_("Jelaskan perubahan jaringan LAN.")]},
            )
        if upload is None:
            raise KelolaError(_("Pilih berkas diagram LAN."), errors={"file": [_("Pilih berkas.")]})
        document = document_upload(
            actor=actor,
            upload=upload,
            pemda=agency.pemda,
            agency=agency,
            title=_("Diagram LAN %(agency)s per %(date)s")
            % {"agency": agency.name, "date": effective_date.strftime("%d-%m-%Y")},
            kind=DocumentKind.DIAGRAM,
            # A network's layout is security information: not shown to every pemda reader in
            # the document list (the diagram's own pages and download are permission-checked).
            classification=Classification.EXEMPT,
            description=change_summary,
        )
        diagram = create_row(
            LanDiagram,
            actor=actor,
            pemda=agency.pemda,
            agency=agency,
            report_kind=report_kind,
            effective_date=effective_date,
            change_summary=change_summary,
            document=document,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        document.target_type = ContentType.objects.get_for_model(LanDiagram)
        document.target_id = str(diagram.pk)
        Document.objects.filter(pk=document.pk).update(
            target_type=document.target_type, target_id=document.target_id
        )
        notify(
            users_with_roles(agency.pemda_id, {Role.INFRASTRUCTURE}),
            kind="assets.lan_diagram_filed",
            title=_("%(kind)s diagram LAN dari %(agency)s")
            % {"kind": diagram.get_report_kind_display(), "agency": agency.name},
            body=change_summary,
            url=diagram.get_absolute_url(),
            pemda_id=agency.pemda_id,
        )
    return diagram


def _remind(rows, *, pemda_id: int) -> int:
    """Notify the head and IT officer of each overdue OPD in `rows`; returns the OPDs reminded."""
    from django.urls import reverse

    from .queries import LAN_DIAGRAM_PERIOD_MONTHS

    url = reverse("assets:lan_diagram_create")
    reminded = 0
    for row in rows:
        agency = row.agency
        if row.last_effective:
            body = _(
                "Diagram LAN terakhir berlaku %(date)s, sudah lewat %(days)s hari dari batas "
                "%(months)s bulan. Unggah diagram LAN terkini (Perwali Ps.17)."
            ) % {
                "date": row.last_effective.strftime("%d-%m-%Y"),
                "days": row.days_overdue,
                "months": LAN_DIAGRAM_PERIOD_MONTHS,
            }
        else:
            body = _("Belum ada diagram LAN yang diunggah. Unggah diagram LAN terkini (Perwali Ps.17).")
        sent = notify(
            users_with_roles(pemda_id, AGENCY_MANAGERS, agency_id=agency.pk),
            kind="assets.lan_diagram_overdue",
            title=_("Pengingat: diagram LAN %(agency)s terlambat") % {"agency": agency.name},
            body=body,
            url=url,
            pemda_id=pemda_id,
        )
        reminded += bool(sent)
    return reminded


def lan_reminders_send(*, actor, pemda, agency_ids=None, today: datetime.date | None = None) -> int:
    """The IT office reminds the overdue OPDs of its pemda (all, or those in `agency_ids`).
    Returns how many OPDs got a reminder; recorded in the audit log."""
    from .policies import may_send_lan_reminders
    from .queries import lan_overdue_agencies

    if not may_send_lan_reminders(actor, pemda.pk):
        with refusals_logged(actor, "remind", LanDiagram(pemda=pemda), LanDiagram):
            raise KelolaError(_("Anda tidak berwenang melakukan tindakan ini."), code=ErrorCode.FORBIDDEN)
    agencies = Agency.objects.filter(pemda=pemda)
    if agency_ids is not None:
        agencies = agencies.filter(pk__in=list(agency_ids))
    rows = lan_overdue_agencies(agencies, today)
    with transaction.atomic():
        reminded = _remind(rows, pemda_id=pemda.pk)
        audit.record(
            "lan_reminder",
            None,
            actor=actor,
            pemda_id=pemda.pk,
            changes={"agencies": [r.agency.pk for r in rows], "reminded": reminded},
        )
    return reminded


def lan_reminders_all(today: datetime.date | None = None) -> dict:
    """The monthly run: every pemda's overdue OPDs are reminded. Returns {pemda id: count}."""
    from kelola.core.models import Pemda

    from .queries import lan_overdue_agencies

    result = {}
    for pemda in Pemda.objects.order_by("pk"):
        rows = lan_overdue_agencies(Agency.objects.filter(pemda=pemda), today)
        if not rows:
            continue
        with transaction.atomic():
            result[pemda.pk] = _remind(rows, pemda_id=pemda.pk)
            audit.record(
                "lan_reminder",
                None,
                pemda_id=pemda.pk,
                changes={"agencies": [r.agency.pk for r in rows], "reminded": result[pemda.pk]},
                comment="scheduled",
            )
    return result
