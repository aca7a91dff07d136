"""Write paths of the ICT asset register (ASSET-1, ASSET-2): assets, licences and their seats,
maintenance schedules and records. Every function checks permission, validates, writes and
audits in one transaction (`kelola.core.services`)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency
from kelola.core.services import create_row, delete_row, ensure, refusals_logged, update_row

from .choices import AssetStatus
from .models import Asset, Licence, LicenceAssignment, MaintenanceRecord, MaintenanceSchedule, add_months

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
